using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms24;

/// <summary>
/// Issue 13, idioms24: local functions with span parameters (<c>static double Dot(ReadOnlySpan&lt;double&gt; a, ReadOnlySpan&lt;double&gt; b)</c>
/// declared inside the method), bound to views of the caller's arrays as a plain helper's span parameters are
/// (ExpressionLowering.SpanParameters): an array, <c>AsSpan</c> slices, a <c>stackalloc</c> span written through a
/// <c>Span&lt;double&gt;</c> parameter. Before, ADG0016 ("the user-defined conversion to ReadOnlySpan&lt;double&gt;") at each
/// array argument, ADG0003 at a slice. Backward against central differences and by hand, Forward along a tangent, Hessian
/// against central differences of the hand gradient, in ONE compilation; a range of an array (a copy) stays ADG0003 at it.
/// </summary>
public class LocalSpanFunctionTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class L
        {
            [Differentiable(Forward = true, Hessian = true)]
            public static double Dots(double[] a, double[] b)
            {
                static double Dot(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
                {
                    double s = 0;
                    for (int i = 0; i < u.Length; i++) s += u[i] * v[i];
                    return s;
                }

                return Dot(a, b) + Dot(a.AsSpan(1), b.AsSpan(0, 2));
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double Fills(double[] a)
            {
                var o = new double[2];
                void Fill(ReadOnlySpan<double> u, Span<double> w)
                {
                    for (int i = 0; i < w.Length; i++) w[i] = u[i] * u[i + 1];
                }

                Fill(a, o);
                Span<double> t = stackalloc double[2];
                Fill(a.AsSpan(1), t);
                return o[0] + o[1] * t[1];
            }
        }
        """;

    private delegate double TwoArrayForward(double[] a, double[] b, ReadOnlySpan<double> tA, ReadOnlySpan<double> tB, out double tResult);
    private delegate double TwoArrayHessian(double[] a, double[] b, Span<double> hessian);
    private delegate double ArrayForward(double[] a, ReadOnlySpan<double> tA, out double tResult);
    private delegate double ArrayHessian(double[] a, Span<double> hessian);

    private static readonly Lazy<Type> Loaded = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("L")!);

    private static MethodInfo Get(string name) => Loaded.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    private static void AssertHessianOfGradient(Func<double[], double[]> gradient, double[] x, double[] hessian, string what)
    {
        int n = x.Length;
        for (int i = 0; i < n; i++)
        {
            const double h = 1e-5;
            var up = (double[])x.Clone();
            var down = (double[])x.Clone();
            up[i] += h;
            down[i] -= h;
            double[] gu = gradient(up), gd = gradient(down);
            for (int j = 0; j < n; j++)
            {
                double expected = (gu[j] - gd[j]) / (2 * h);
                Tolerance.AssertClose(expected, hessian[(i * n) + j], 1e-6 * (1 + Math.Abs(expected)), what + "[" + i + "," + j + "]");
            }
        }
    }

    /// <summary>Dots: F = Σ a_i b_i + a1 b0 + a2 b1: ∂F/∂a = (b0, b1 + b0, b2 + b1), ∂F/∂b = (a0 + a1, a1 + a2, a2). Flat point: a, b.</summary>
    private static double[] DotsGradient(double[] p) =>
        new[] { p[3], p[4] + p[3], p[5] + p[4], p[0] + p[1], p[1] + p[2], p[2] };

    [Fact]
    public void ALocalFunctionOverReadOnlySpans_OfArraysAndSlices_AllModes_MatchTheHandGradient()
    {
        double[] a = { 0.5, -1.2, 2.0 }, b = { 1.5, 0.3, -0.7 };
        double[] flat = a.Concat(b).ToArray(), g = DotsGradient(flat), hand = { 1.5, 1.8, -0.4, -0.7, 0.8, 2.0 };
        var r = CentralDifferenceRunner.Check(Get("Dots"), null, new object[] { a, b });
        for (int k = 0; k < 3; k++)
        {
            Tolerance.AssertFormula(hand[k], g[k], "hand ∂a" + k);
            Tolerance.AssertFormula(hand[3 + k], g[3 + k], "hand ∂b" + k);
            Tolerance.AssertFormula(g[k], r.Gradient[0]![k], "∂F/∂a" + k);
            Tolerance.AssertFormula(g[3 + k], r.Gradient[1]![k], "∂F/∂b" + k);
        }
        double[] tA = { 0.3, -0.6, 0.9 }, tB = { 0.2, 0.4, -0.8 };
        Get("DotsForward").CreateDelegate<TwoArrayForward>()(a, b, tA, tB, out double tResult);
        Tolerance.AssertFormula(Enumerable.Range(0, 3).Sum(k => (g[k] * tA[k]) + (g[3 + k] * tB[k])), tResult, "DotsForward");
        var hessian = new double[36];
        Get("DotsHessian").CreateDelegate<TwoArrayHessian>()(a, b, hessian);
        AssertHessianOfGradient(DotsGradient, flat, hessian, "DotsHessian");
    }

    /// <summary>Fills: o = (a0 a1, a1 a2), t = (a1 a2, a2 a3), F = o0 + o1 t1 = a0 a1 + a1 a2² a3: ∂F/∂a = (a1, a0 + a2² a3, 2 a1 a2 a3, a1 a2²).</summary>
    private static double[] FillsGradient(double[] a) =>
        new[] { a[1], a[0] + (a[2] * a[2] * a[3]), 2 * a[1] * a[2] * a[3], a[1] * a[2] * a[2] };

    [Fact]
    public void ALocalFunctionWritingASpan_IntoALocalArrayAndAStackallocSpan_AllModes_MatchTheHandGradient()
    {
        // At a = (0.5, −1.2, 2, 0.8): ∂F/∂a = (−1.2, 3.7, −3.84, −4.8).
        double[] a = { 0.5, -1.2, 2.0, 0.8 }, g = FillsGradient(a), hand = { -1.2, 3.7, -3.84, -4.8 };
        var r = CentralDifferenceRunner.Check(Get("Fills"), null, new object[] { a });
        for (int k = 0; k < 4; k++)
        {
            Tolerance.AssertFormula(hand[k], g[k], "hand ∂a" + k);
            Tolerance.AssertFormula(g[k], r.Gradient[0]![k], "∂F/∂a" + k);
        }
        double[] t = { 0.7, 0.1, -0.4, 0.25 };
        Get("FillsForward").CreateDelegate<ArrayForward>()(a, t, out double tResult);
        Tolerance.AssertFormula(Enumerable.Range(0, 4).Sum(k => g[k] * t[k]), tResult, "FillsForward");
        var hessian = new double[16];
        Get("FillsHessian").CreateDelegate<ArrayHessian>()(a, hessian);
        AssertHessianOfGradient(FillsGradient, a, hessian, "FillsHessian");
    }

    [Fact]
    public void ARangeOfAnArray_PassedAsAValue_IsAnErrorAtTheRange_NotABrokenBuild()
    {
        // Hs.Sum(a[1..]) into a plain helper's double[]: the range was read as an element (double element = a[c];), generated
        // code that did not compile (found by idioms24). Now ADG0003 at 'a[1..]'; the copy declared first still builds.
        const string source = """
            using AutoDiffGen;

            public static class Hs
            {
                public static double Sum(double[] v)
                {
                    double s = 0;
                    foreach (var e in v) s += e;
                    return s;
                }
            }

            public static partial class Q
            {
                [Differentiable]
                public static double Passed(double[] a) => Hs.Sum(a[1..]) * a[0];

                [Differentiable]
                public static double Declared(double[] a)
                {
                    double[] t = a[1..];
                    return Hs.Sum(t) * a[0];
                }
            }
            """;
        var run = GeneratorHarness.Run(source);
        Assert.True(run.CompileDiagnostics.IsEmpty, run.Dump());
        var error = Assert.Single(run.Diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.Equal("ADG0003", error.Id);
        Assert.Equal("a[1..]", error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        Assert.Contains("copy it into a local first", error.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Generated.Keys, k => k.Contains("Passed", StringComparison.Ordinal));
        Assert.Contains(run.Generated.Keys, k => k.Contains("Declared", StringComparison.Ordinal));
    }
}
