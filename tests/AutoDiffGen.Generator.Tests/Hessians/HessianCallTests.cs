using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Hessians through calls: a [Differentiable(Hessian = true)] method that calls another one with double arguments gets
/// its MHessian and MHessianVector by forward-over-reverse, the call differentiated twice through the callee's own
/// Backward (first partials) and MHessianVector (second partials along the arguments' tangents). Checked by hand
/// (x·y·z and sin x·cos y through helpers), against central differences of MBackward's gradient (nested calls, a call in
/// a loop and in a branch, a constant argument, a [NoDiff] one), and H·v against H times v. What it does not cover is
/// ADG0019 at the call with the reason.
/// </summary>
public class HessianCallTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace HessCalls;

        public static partial class Trig
        {
            [Differentiable(Hessian = true)] public static double S(double x) => Math.Sin(x);
            [Differentiable(Hessian = true)] public static double C(double y) => Math.Cos(y);
        }

        public static partial class M
        {
            [Differentiable(Hessian = true)] public static double Mul3(double a, double b, double c) => a * b * c;
            [Differentiable(Hessian = true)] public static double Product(double x, double y, double z) => Mul3(x, y, z);
            public static double ProductH(double[] p, double[] h) => ProductHessian(p[0], p[1], p[2], h);
            public static void ProductG(double[] p, double[] g) { double a = 0, b = 0, c = 0; ProductBackward(p[0], p[1], p[2], ref a, ref b, ref c); g[0] = a; g[1] = b; g[2] = c; }
            public static double ProductV(double[] p, double[] v, double[] hv) => ProductHessianVector(p[0], p[1], p[2], v, hv);

            // S and C in another class: called through their BackwardTangent (a small callee of this class is inlined).
            [Differentiable(Hessian = true)] public static double SinCos(double x, double y) => Trig.S(x) * Trig.C(y);
            public static double SinCosH(double[] p, double[] h) => SinCosHessian(p[0], p[1], h);
            public static void SinCosG(double[] p, double[] g) { double a = 0, b = 0; SinCosBackward(p[0], p[1], ref a, ref b); g[0] = a; g[1] = b; }
            public static double SinCosV(double[] p, double[] v, double[] hv) => SinCosHessianVector(p[0], p[1], v, hv);

            // Two levels of calls, a constant argument, a [NoDiff] argument, a call in a branch and in a loop.
            [Differentiable(Hessian = true)] public static double Affine(double u, double v, [NoDiff] double k) => k * u * v + Math.Exp(0.3 * u) * v * v;
            [Differentiable(Hessian = true)] public static double Inner(double u, double v) => Affine(u * v, 2.0, 1.5) + Affine(v, u, 0.5) * Math.Log(1 + u * u);

            [Differentiable(Hessian = true)]
            public static double Outer(double x, double y, [NoDiff] int n)
            {
                double s = 0.1 * x;
                for (int i = 0; i < n; i++)
                {
                    if (s > 1) s = Inner(s * 0.5, y) / (1 + s * s);
                    else s += Inner(x, s * y) * 0.1;
                }
                return s + Mul3(x, y, s);
            }
            public static double OuterH(double[] p, double[] h) => OuterHessian(p[0], p[1], 4, h);
            public static void OuterG(double[] p, double[] g) { double a = 0, b = 0; OuterBackward(p[0], p[1], 4, ref a, ref b); g[0] = a; g[1] = b; }
            public static double OuterV(double[] p, double[] v, double[] hv) => OuterHessianVector(p[0], p[1], 4, v, hv);

            // A call on an element of an array parameter (Clad's NonActiveCallBase: helper(p[0]) * p[1]).
            [Differentiable(Hessian = true)] public static double Square(double x) => x * x;
            [Differentiable(Hessian = true)] public static double OnElements(double[] p) => Square(p[0]) * p[1] + Mul3(p[1], p[2], p[0]);
            public static double OnElementsH(double[] p, double[] h) => OnElementsHessian(p, h);
            public static void OnElementsG(double[] p, double[] g) { Array.Clear(g, 0, g.Length); OnElementsBackward(p, g); }
            public static double OnElementsV(double[] p, double[] v, double[] hv) => OnElementsHessianVector(p, v, hv);

            // Array arguments: a parameter array, and a constant local array (Clad's NestedArrays, EarlyReturns).
            [Differentiable(Hessian = true)] public static double Weighted(double[] p, double x) => p[0] * p[1] * x + x * x * p[2];
            [Differentiable(Hessian = true)] public static double OnArray(double[] q, double y) => Weighted(q, y * y) + y * Weighted(q, 1.0);
            public static double OnArrayH(double[] p, double[] h) => OnArrayHessian(new[] { p[0], p[1], p[2] }, p[3], h);
            public static void OnArrayG(double[] p, double[] g) { var dq = new double[3]; double dy = 0; OnArrayBackward(new[] { p[0], p[1], p[2] }, p[3], dq, ref dy); dq.CopyTo(g, 0); g[3] = dy; }
            public static double OnArrayV(double[] p, double[] v, double[] hv) => OnArrayHessianVector(new[] { p[0], p[1], p[2] }, p[3], v, hv);

            [Differentiable(Hessian = true)]
            public static double OnConstants(double x)
            {
                double[] c = { 2.0, 3.0, 0.5 };
                return Weighted(c, x);
            }
            public static double OnConstantsH(double[] p, double[] h) => OnConstantsHessian(p[0], h);
            public static void OnConstantsG(double[] p, double[] g) { double d = 0; OnConstantsBackward(p[0], ref d); g[0] = d; }
            public static double OnConstantsV(double[] p, double[] v, double[] hv) => OnConstantsHessianVector(p[0], v, hv);
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("HessCalls.M", throwOnError: true)!);

    private static T Method<T>(string name) where T : Delegate => Compiled.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();

    private static double[] Hessian(string name, double[] x, out double value)
    {
        var h = Enumerable.Repeat(double.NaN, x.Length * x.Length).ToArray();
        value = Method<Func<double[], double[], double>>(name + "H")(x, h);
        return h;
    }

    private static void AssertClose(double[] expected, double[] actual, double relative, double absolute, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(expected[k] - actual[k]) <= absolute + relative * Math.Abs(expected[k]), $"{what}: entry {k} expected {expected[k]:R}, got {actual[k]:R}");
    }

    /// <summary>Central differences of MBackward's gradient, and H·v against H times v for a fixed direction.</summary>
    private static void AssertAgainstGradientAndProduct(string name, double[] x, double[] h)
    {
        var central = HessianModeTests.CentralHessian(Method<Action<double[], double[]>>(name + "G"), x);
        AssertClose(central, h, 1e-6, 1e-6, name + " vs central differences of MBackward");
        int n = x.Length;
        var v = Enumerable.Range(0, n).Select(i => 0.7 - 0.45 * i).ToArray();
        var hv = new double[n];
        Method<Func<double[], double[], double[], double>>(name + "V")(x, v, hv);
        var expected = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Sum(j => h[i * n + j] * v[j])).ToArray();
        AssertClose(expected, hv, 1e-12, 1e-12, name + " H·v vs H times v");
    }

    [Theory]
    [InlineData(1.0, 2.0, 3.0)]
    [InlineData(-0.5, 0.25, 4.0)]
    public void ProductOfThree_ThroughAHelper_MatchesHand(double x, double y, double z)
    {
        var p = new[] { x, y, z };
        var h = Hessian("Product", p, out double value);
        Assert.Equal(x * y * z, value);
        // ∂²(xyz): zero diagonal, z, y, x off it.
        Assert.Equal(new[] { 0, z, y, z, 0, x, y, x, 0 }, h);
        AssertAgainstGradientAndProduct("Product", p, h);
    }

    [Theory]
    [InlineData(0.3, 1.1)]
    [InlineData(2.0, -0.7)]
    public void SinTimesCos_ThroughHelpers_MatchesHand(double x, double y)
    {
        var p = new[] { x, y };
        var h = Hessian("SinCos", p, out double value);
        Assert.Equal(Math.Sin(x) * Math.Cos(y), value);
        double diagonal = -Math.Sin(x) * Math.Cos(y), off = -Math.Cos(x) * Math.Sin(y);
        AssertClose(new[] { diagonal, off, off, diagonal }, h, 1e-15, 1e-15, "sin x cos y by hand");
        AssertAgainstGradientAndProduct("SinCos", p, h);
    }

    [Theory]
    [InlineData(0.4, 0.9)]
    [InlineData(1.3, 0.2)]
    [InlineData(-0.6, 1.4)]
    public void NestedCallsInALoopAndABranch_MatchCentralDifferences(double x, double y)
    {
        var p = new[] { x, y };
        var h = Hessian("Outer", p, out _);
        AssertAgainstGradientAndProduct("Outer", p, h);
    }

    [Fact]
    public void CallsOnElementsOfAnArrayParameter_MatchHandAndCentralDifferences()
    {
        var p = new[] { 1.5, -2.0, 0.5 };
        var h = Hessian("OnElements", p, out _);
        // f = p0²·p1 + p1·p2·p0
        double a = p[0], b = p[1], c = p[2];
        AssertClose(new[] { 2 * b, 2 * a + c, b, 2 * a + c, 0, a, b, a, 0 }, h, 1e-15, 1e-15, "by hand");
        AssertAgainstGradientAndProduct("OnElements", p, h);
    }

    [Theory]
    [InlineData(1.5, -2.0, 0.5, 0.7)]
    [InlineData(0.3, 0.4, -1.1, -1.3)]
    public void ArrayArguments_MatchHandAndCentralDifferences(double a, double b, double c, double y)
    {
        var p = new[] { a, b, c, y };
        var h = Hessian("OnArray", p, out double value);
        // f = q0·q1·y² + y⁴·q2 + y·(q0·q1 + q2)
        Assert.Equal(a * b * y * y + y * y * y * y * c + y * (a * b + c), value, 12);
        var hand = new[]
        {
            0, y * y + y, 0, 2 * b * y + b,
            y * y + y, 0, 0, 2 * a * y + a,
            0, 0, 0, 4 * y * y * y + 1,
            2 * b * y + b, 2 * a * y + a, 4 * y * y * y + 1, 2 * a * b + 12 * y * y * c,
        };
        AssertClose(hand, h, 1e-14, 1e-14, "by hand");
        AssertAgainstGradientAndProduct("OnArray", p, h);

        var h1 = Hessian("OnConstants", new[] { y }, out _);
        // f = 6x + 0.5x², so f'' = 1
        AssertClose(new[] { 1.0 }, h1, 1e-15, 1e-15, "constant array argument");
        AssertAgainstGradientAndProduct("OnConstants", new[] { y }, h1);
    }

    [Fact]
    public void CallerTakesForwardOverReverse_AndCallsTheCalleesProduct()
    {
        var run = GeneratorHarness.Run(Source);
        run.AssertClean();
        var file = run.Generated.Values.Single(t => t.Contains("SinCosHessianVector(double x, double y", StringComparison.Ordinal));
        var text = file.Substring(file.IndexOf("SinCosHessianVector(double x, double y", StringComparison.Ordinal));
        text = text.Substring(0, text.IndexOf("SinCosBackwardTangent(", StringComparison.Ordinal));
        // One call per sweep through the callee's BackwardTangent; neither its Backward nor its product, nothing allocated.
        Assert.Contains("global::HessCalls.Trig.SBackwardTangent(", text, StringComparison.Ordinal);
        Assert.Contains("global::HessCalls.Trig.CBackwardTangent(", text, StringComparison.Ordinal);
        Assert.DoesNotContain("global::HessCalls.Trig.SHessianVector(", text, StringComparison.Ordinal);
        Assert.DoesNotContain("global::HessCalls.Trig.CBackward(", text, StringComparison.Ordinal);
        Assert.DoesNotContain("new double[", text, StringComparison.Ordinal);
        Assert.DoesNotContain("HessianWorkspace.Enter", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SmallCalleeOfTheCallersClass_IsInlinedInTheProduct()
    {
        var run = GeneratorHarness.Run(Source);
        run.AssertClean();
        var file = run.Generated.Values.Single(t => t.Contains("ProductHessianVector(double x, double y, double z", StringComparison.Ordinal));
        var text = file.Substring(file.IndexOf("ProductHessianVector(double x, double y, double z", StringComparison.Ordinal));
        text = text.Substring(0, text.IndexOf("ProductBackwardTangent(", StringComparison.Ordinal));
        // Mul3's values are the product's own (as MBackward inlines it): no call of its BackwardTangent, Backward or product.
        Assert.DoesNotContain("Mul3BackwardTangent(", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Mul3Backward(", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Mul3HessianVector(", text, StringComparison.Ordinal);
        // A callee taking an array keeps its call.
        var onArray = run.Generated.Values.Single(t => t.Contains("OnArrayHessianVector(double[] q", StringComparison.Ordinal));
        Assert.Contains("WeightedBackwardTangent(", onArray, StringComparison.Ordinal);
    }

    private static List<Diagnostic> Errors(string body)
    {
        var run = GeneratorHarness.Run("using System;\nusing AutoDiffGen;\npublic static partial class C\n{\n" + body + "\n}\n");
        return run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }

    private static string Span(Diagnostic d) => d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);

    [Theory]
    // (A slice of a parameter, G(x.AsSpan(1)), was refused here until hess18: HessianSliceCallTests checks it by hand.)
    // a callee with an array of another type than its result (a callee mixing float and double scalars is supported: HessianFloatCallTests)
    [InlineData("[Differentiable(Hessian = true)] public static double G(double x, float[] y) => x * y[0];\n[Differentiable(Hessian = true)] public static double F(double x, float[] w) => G(x, w) * x;", "G(x, w)", "arrays or spans of the callee's result type")]
    // a plain [Differentiable] callee whose body Hessian mode refuses (a plain callee it can differentiate twice gets its
    // MBackwardTangent written from its body since 2026-12-03, hess6: DerivedForms/UnmarkedCalleeTests checks the Hessians)
    [InlineData("public static double Hand(double x) => Math.Exp(x);\n[DerivativeOf(nameof(Hand))] public static double HandBackward(double x, ref double dX, double dResult = 1) { double e = Math.Exp(x); dX += e * dResult; return e; }\n"
        + "[Differentiable] public static double G(double x) => Hand(x) * x;\n[Differentiable(Hessian = true)] public static double F(double x) => G(x) * x;", "G(x)", "add Hessian = true to its [Differentiable] attribute")]
    // a double caller with a float[]: its Hessian is second-order forward mode, which has no calls (float and mixed
    // scalars, structs of them and checkpointed callers are supported: HessianFloatCallTests, HessianStructFloatCheckpointTests)
    [InlineData("[Differentiable(Hessian = true)] public static double G(double x) => x * x;\n[Differentiable(Hessian = true)] public static double F(double x, float[] w) => G(x) * w[0];", "G(x)", "its parameter 'w' is an array or span of another type than the result's")]
    public void WhatTheProductDoesNotCover_IsADG0019AtTheCall(string body, string at, string reason)
    {
        var errors = Errors(body);
        var error = Assert.Single(errors);
        Assert.Equal("ADG0019", error.Id);
        Assert.Equal(at, Span(error));
        Assert.Contains(reason, error.GetMessage(), StringComparison.Ordinal);
    }
}
