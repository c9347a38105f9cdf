using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Structs.BuiltWhole;

/// <summary>
/// What stays an error around structs built whole: each at the construct, saying what to write, never a broken
/// build; and the supported forms compile warning-free on every language version (a readonly struct is C# 7.2).
/// </summary>
public class BuiltWholeDiagnosticTests
{
    private const string Prelude = """
        using System;
        using AutoDiffGen;
        public readonly struct Doubled { public double X { get; } public double Y { get; } public Doubled(double x, double y) { X = 2 * x; Y = y; } }
        public readonly struct Half { public double X { get; } public double Y { get; } public Half(double x) { X = x; Y = 0; } }
        public readonly struct Twice { public double X { get; } public Twice(double x, double y) { X = x; X = y; } }
        public readonly record struct R(double X, double Y)
        {
            public double Long { get { var s = X + Y; again: s *= 0.5; if (s > 4) goto again; return s * s; } }
            public double Loop => Loop + X;
            public double Sum() => X + Y;
            public double Twice<T>() { var t = X + Y; return t + t; }
        }
        public readonly partial struct M
        {
            public double X { get; }
            public M(double x) { X = x; }
            [Differentiable(WithRespectToThis = true)] public double Sq() => X * X;
        }
        public readonly partial struct Mc
        {
            public double X { get; }
            public Mc(double x) { X = 2 * x; }
            [Differentiable(WithRespectToThis = true)] public double Sq() => X * X;
        }
        public static partial class C
        {
        """;

    private static GeneratorOutput Run(string member) => GeneratorHarness.Run(Prelude + member + "\n}");

    [Theory]
    // A constructor that computes (2 * x), sets a member from a constant, or sets one member twice is not memberwise.
    [InlineData("[Differentiable] public static double F(Doubled d) => d.X;", "ADG0006", "Doubled d", "without a constructor that takes every member")]
    [InlineData("[Differentiable] public static double F(Half d) => d.X;", "ADG0006", "Half d", "without a constructor that takes every member")]
    [InlineData("[Differentiable] public static double F(Twice d) => d.X;", "ADG0006", "Twice d", "without a constructor that takes every member")]
    [InlineData("[Differentiable] public static Doubled F(double x) => default(Doubled);", "ADG0005", "Doubled", "returns 'Doubled'")]
    [InlineData("[Differentiable] public static double F(double x) => new Doubled(x, x).X;", "ADG0003", "new Doubled(x, x).X", "")]
    // Computed properties: not recursive, and no goto (bodies of several statements are inlined: Statements/InlinedBodyTests).
    [InlineData("[Differentiable] public static double F(R r) => r.Long;", "ADG0003", "r.Long", "")]
    [InlineData("[Differentiable] public static double F(R r) => r.Loop;", "ADG0003", "Loop", "reads itself")]
    // Methods of such a struct: WithRespectToThis rebuilds dThis through a memberwise constructor (M.Sq, StructMethods/ReadonlyThisTests);
    // without one (Mc computes 2 * x) it cannot, and the read is reported; the message names what works.
    // R.Sum() is inlined (StructMethods/InlinedMethodTests), bodies of several statements too; a generic one is not.
    [InlineData("[Differentiable] public static double F(double x) => new R(x, 1).Twice<int>();", "ADG0003", "new R(x, 1).Twice<int>()", "so that its body is inlined where it is called")]
    [InlineData("[Differentiable] public static double F(double x) => new Mc(x).Sq();", "ADG0003", "X", "get-only property 'X'")]
    // Forward over reverse takes such a struct since hess15 (Hessians/HessianBuiltWholeTests); the second-order path (kept by a
    // float[] in a double method) writes a struct's tangent member by member.
    [InlineData("[Differentiable(Hessian = true)] public static double F(R r, float[] z) => r.X * r.Y * z[0];", "ADG0019", "R r", "built whole")]
    public void Unsupported_IsAnError_AtTheConstruct(string member, string id, string span, string says)
    {
        var result = Run(member);
        var found = result.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(found.Count > 0, "expected " + id + "\n" + result.Dump());
        Assert.Contains(found, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == span);
        Assert.Contains(found, d => d.GetMessage().Contains(says, StringComparison.Ordinal));
        Assert.All(found, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    /// <summary>C# 7.3: a readonly struct with get-only auto-properties, a memberwise constructor and a computed property.</summary>
    private const string Old = @"
using System;
using AutoDiffGen;

namespace Compat
{
    public readonly struct State
    {
        public double X { get; }
        public double V { get; }
        public State(double x, double v) { X = x; V = v; }
        public double Energy { get { return 0.5 * (X * X + V * V); } }
    }

    public static partial class Old
    {
        [Differentiable(Forward = true, Jacobian = true)]
        public static State Step(State s, double dt) { return new State(s.X + dt * s.V, s.V - dt * s.X); }

        [Differentiable(Forward = true)]
        public static double Run(State s, double dt, int n)
        {
            for (int i = 0; i < n; i++) s = Step(s, dt);
            return s.Energy;
        }
    }
}
";

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void BuiltWholeStructs_CompileWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.RunForLoad(version, nullable, null, Old);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Empty(GeneratorHarness.AnalyzerDiagnostics(result.Compilation));
        Assert.Equal(2, result.Generated.Count);
        var assembly = result.Load();
        var run = assembly.GetType("Compat.Old")!.GetMethod("Run")!;
        var state = Activator.CreateInstance(assembly.GetType("Compat.State")!, 0.8, -0.3)!;
        CentralDifferenceRunner.Check(run, null, new object[] { state, 0.1, 7 });
    }
}
