using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Structs;

/// <summary>What stays an error when structs go through calls: each at the call, saying what to write instead, and nothing that breaks the build.</summary>
public class StructCallDiagnosticTests
{
    private const string Prelude = """
        using System;
        using System.Numerics;
        using AutoDiffGen;
        public partial record struct P(double X, double Y)
        {
            [Differentiable] public double Norm2() => X * X + Y * Y;
            public double Grow() { X += 1; return X * Y; }
        }
        public static partial class C
        {
            [Differentiable] public static Vector2 Half(Vector2 v) => v * 0.5f;
            [Differentiable] public static double Len(P p) => Math.Sqrt(p.X * p.X + p.Y * p.Y);
        """;

    [Fact]
    public void ForwardCallersOfStructCalleesWithoutForward_GetTheirForwardFromTheirBodies()
    {
        // ADG0018 at the call until 2026-12-03 (hess6): Half's and Len's MForward are now written from their bodies (DerivedForms).
        var half = GeneratorHarness.RunForLoad(Prelude + "[Differentiable(Forward = true)] public static float F(Vector2 v) => Half(v).X;\n}");
        half.AssertClean();
        var args = new object[] { new System.Numerics.Vector2(3f, -1f), new System.Numerics.Vector2(0.5f, 2f), null! };
        GeneratorHarness.Load(half).GetType("C")!.GetMethod("FForward")!.Invoke(null, args);
        Assert.Equal(0.25f, (float)args[2]);   // by hand: ∂(0.5·v.X) · tV = 0.5 · 0.5
        var len = GeneratorHarness.RunForLoad(Prelude + "[Differentiable(Forward = true)] public static double F(double x) => Len(new P(x, 1));\n}");
        len.AssertClean();
        var type = GeneratorHarness.Load(len).GetType("C")!;
        double x = 0.8;
        var lenArgs = new object[] { x, 1.5, null! };
        type.GetMethod("FForward")!.Invoke(null, lenArgs);
        // By hand: d√(x² + 1) = x/√(x² + 1) · tX.
        Tolerance.AssertFormula(x / Math.Sqrt(x * x + 1) * 1.5, (double)lenArgs[2], "Len's tangent by hand");
        var f = type.GetMethod("F")!.CreateDelegate<Func<double, double>>();
        Tolerance.AssertCentral((f(x + 1e-6) - f(x - 1e-6)) / 2e-6 * 1.5, (double)lenArgs[2], 1, "Len's tangent vs central differences");
    }

    [Theory]
    // A method of the struct that writes its members is not inlined (p.Norm2(), without WithRespectToThis, is: StructMethods/MemberCallTests).
    // (p.Grow(), a method writing its struct's members with its value read, is supported since objects6: Objects/MutatingValueTests.OnAParameter.)
    // Evaluated on one path of a ?: only, it is not (objects6).
    [InlineData("[Differentiable] public static double F(P p, double c) => c > 0 ? p.Grow() : 0;", "ADG0003", "p.Grow()", "evaluated only on some paths of an expression")]
    public void Unsupported_IsAnError_AtTheCall(string member, string id, string span, string says)
    {
        var result = GeneratorHarness.Run(Prelude + member + "\n}");
        var found = result.GeneratorDiagnostics.Where(d => d.Id == id).ToList();
        Assert.True(found.Count > 0, "expected " + id + "\n" + result.Dump());
        Assert.Contains(found, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == span);
        Assert.Contains(found, d => d.GetMessage().Contains(says, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(result.Exceptions);
    }

    [Fact]
    public void TheSameCalls_WithoutForward_AreClean()
    {
        var result = GeneratorHarness.Run(Prelude + """
            [Differentiable] public static float F(Vector2 v) => Half(v).X;
            [Differentiable] public static double G(double x) => Len(new P(x, 1));
            }
            """);
        result.AssertClean();
    }
}
