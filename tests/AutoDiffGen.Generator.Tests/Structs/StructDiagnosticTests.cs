using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Structs;

/// <summary>
/// What stays an error around structs of reals: each at the offending expression or parameter, saying what to write
/// instead. A struct is never taken as a constant when it carries a gradient.
/// </summary>
public class StructDiagnosticTests
{
    private const string Prelude = """
        using System;
        using System.Numerics;
        using AutoDiffGen;
        public readonly record struct Frozen(double X, double Y);
        public record struct P(double X, double Y)
        {
            public static P operator +(P a, P b) => new P(a.X + b.X, a.Y + b.Y);
            public double Norm() => Math.Sqrt(X * X + Y * Y);
            public double Norm2<T>() { var s = X * X + Y * Y; return s; }
            public double Sum => X + Y;
            public double Long { get { var s = X + Y; again: s *= 0.5; if (s > 4) goto again; return s * s; } }
        }
        public record struct Blocky(double X, double Y)
        {
            public static Blocky operator +(in Blocky a, in Blocky b) { var x = a.X + b.X; return new Blocky(x, a.Y + b.Y); }
        }
        public struct Labelled { public double X; public string Label; }
        public struct Scaled { public double X; public Scaled(double x) { X = 2 * x; } }
        public readonly struct Scaled2 { public double X { get; } public Scaled2(double x) { X = 2 * x; } }
        public struct Doubling { public double X; public Doubling(double x) { x *= 2; X = x; } }
        public struct Nested { public P At { get; set; } public double M; }
        public static partial class C
        {
            public static Vector2 Twice(Vector2 v) => v * 2;
            [Differentiable] public static double H(P p) => p.X * p.Y;
            [Differentiable] public static (double, double) Pair(double v) => (v, v * v);
            [Differentiable] public static double G([NoDiff] P p) => p.X;
        """;

    private static GeneratorOutput Run(string member) => GeneratorHarness.Run(Prelude + member + "\n}");

    [Theory]
    // Declarations: read-only or mixed structs cannot be their own adjoint, nor a result built member by member.
    // A readonly record struct (Frozen) is built whole through its primary constructor now (Structs/BuiltWhole); one without a
    // constructor that takes every member is not.
    [InlineData("[Differentiable] public static Scaled2 F(double x) => default(Scaled2);", "ADG0005", "Scaled2", "returns 'Scaled2'")]
    [InlineData("[Differentiable] public static (double, int) F(double x) => (x, 1);", "ADG0005", "(double, int)", "a tuple of 2 to 7 doubles/floats")]
    [InlineData("[Differentiable] public static Nested F(double x) => default(Nested);", "ADG0005", "Nested", "returns 'Nested'")]
    [InlineData("[Differentiable] public static double F(Nested n) => n.At.X;", "ADG0006", "Nested n", "is a property holding a struct")]
    [InlineData("[Differentiable] public static double F(Scaled2 f) => f.X;", "ADG0006", "Scaled2 f", "read-only, without a constructor that takes every member")]
    [InlineData("[Differentiable] public static double F(Labelled l) => l.X;", "ADG0006", "Labelled l", "'Label' of type 'string'")]
    [InlineData("[Differentiable] public static double F(Vector2[,] vs) => vs[0, 0].X;", "ADG0006", "Vector2[,] vs", "cannot differentiate yet")]
    // Expressions the generator does not read.
    // An operator is inlined (Idioms/UserOperatorTests, Statements/InlinedBodyTests); one with in parameters is not.
    [InlineData("[Differentiable] public static double F(Blocky p) { var q = p + p; return q.X; }", "ADG0003", "p + p", "user-defined operator '+'")]
    // A method of the struct without WithRespectToThis: its Backward returns no gradient for the struct (StructMethods/ has the supported form).
    // p.Norm() is inlined (StructMethods/InlinedMethodTests), bodies of several statements too; a generic method is not.
    [InlineData("[Differentiable] public static double F(P p) => p.Norm2<int>();", "ADG0003", "p.Norm2<int>()", "WithRespectToThis = true")]
    // A computed property is inlined (Structs/BuiltWhole, Statements/InlinedBodyTests); one with a goto is not.
    [InlineData("[Differentiable] public static double F(P p) => p.Long;", "ADG0003", "p.Long", "")]
    // A constructor whose body only assigns members is inlined (Structs/ConstructorBodyTests); one that writes its parameter is not.
    [InlineData("[Differentiable] public static double F(double x) { var s = new Doubling(x); return s.X; }", "ADG0003", "new Doubling(x)", "only when each statement assigns a member")]
    // Twice(v).X, a plain helper returning a struct, is inlined since structs14 (PlainHelpers/StructHelperShapesTests, by hand).
    [InlineData("[Differentiable] public static float F(Vector2 v, Vector2 n) => Vector2.Reflect(v, n).Y;", "ADG0003", "Vector2.Reflect(v, n)", "a Jacobian")]
    // A [Differentiable] callee with struct parameters is supported (StructCallTests), and a tuple result deconstructed or read
    // by element (TupleCalls/), and kept in a local (Idioms/TupleLocalTests).
    [InlineData("[Differentiable] public static double F(P p) => G(p);", "ADG0003", "p", "")]
    [InlineData("[Differentiable] public static float F(Vector2 v) { Vector2 w; float y = (w = v * 2).X; return y + w.Y; }", "ADG0003", "w = v * 2", "inside an expression")]
    [InlineData("[Differentiable] public static float F(Vector2 v) { var w = v; float y = (w += v).X; return y; }", "ADG0003", "w += v", "inside an expression")]
    public void Unsupported_IsAnError_AtTheConstruct(string member, string id, string span, string says)
    {
        var result = Run(member);
        var found = result.Diagnostics.Where(d => d.Id == id || id == "ADG0003" && d.Id == "ADG0002" && span.Length == 0).ToList();
        Assert.True(found.Count > 0, "expected " + id + "\n" + result.Dump());
        if (span.Length > 0) Assert.Contains(found, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == span);
        Assert.Contains(found, d => d.GetMessage().Contains(says, StringComparison.Ordinal));
        Assert.All(found, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        // No Backward for F, and nothing that breaks the build.
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(result.Exceptions);
    }
}
