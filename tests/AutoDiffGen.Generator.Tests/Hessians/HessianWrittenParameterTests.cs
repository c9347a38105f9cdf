using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Issue 14 (hess11): a <c>Hessian = true</c> method that writes its own <c>double[]</c> parameter. The Hessian is of the
/// result with respect to what the array holds on entry: <c>MHessianVector</c> runs from the entry values and leaves the
/// array as the method does, and <c>MHessian</c> restores the entry copy before each row. Checked by hand, against central
/// differences of <c>MBackward</c>'s gradient, MHessianVector against the hand H·v, what the array holds after each call,
/// and <c>MForward</c>'s tResult against ⟨gradient, t⟩.
/// </summary>
public class HessianWrittenParameterTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;
        public static partial class WP
        {
            // f = Σ (x_i² + 1)²: the array is left holding x_i² + 1.
            [Differentiable(Hessian = true, Forward = true)]
            public static double Smooth(double[] x)
            {
                for (int i = 0; i < x.Length; i++) x[i] = x[i] * x[i] + 1;
                double s = 0;
                for (int i = 0; i < x.Length; i++) s += x[i] * x[i];
                return s;
            }

            // W06's ValueAndArray.SmoothH word for word: f = k·a0·a1 + k²·a1·a2 for three entries.
            [Differentiable(Hessian = true, Forward = true)]
            public static double SmoothH(double[] a, double k)
            {
                double s = 0;
                for (int i = 1; i < a.Length; i++)
                {
                    a[i] = a[i] * k;
                    s += a[i] * a[i - 1];
                }
                return s;
            }

            // A [NoDiff] counter array the method bumps: each product must see what it held on entry (f = c0·x²).
            [Differentiable(Hessian = true)]
            public static double Bumped(double x, [NoDiff] double[] c)
            {
                c[0] = c[0] + 1;
                return c[0] * x * x;
            }
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("WP")!);

    private static T Method<T>(string name) where T : Delegate => Compiled.Value.GetMethod(name)!.CreateDelegate<T>();

    private delegate double Hess1(double[] x, Span<double> h);
    private delegate double HessVec1(double[] x, ReadOnlySpan<double> v, Span<double> hv);
    private delegate double Back1(double[] x, double[] dx, double seed);
    private delegate double Fwd1(double[] x, Span<double> tx, out double t);
    private delegate double Hess2(double[] a, double k, Span<double> h);
    private delegate double HessVec2(double[] a, double k, ReadOnlySpan<double> v, Span<double> hv);
    private delegate double Back2(double[] a, double k, double[] da, ref double dk, double seed);
    private delegate double Fwd2(double[] a, double k, Span<double> ta, double tk, out double t);
    private delegate double HessB(double x, double[] c, Span<double> h);

    [Fact]
    public void SumOfSquaredShiftedSquares_MatchesHand_AndLeavesTheArrayAsTheMethodDoes()
    {
        // f = Σ (x_i² + 1)²: ∂f/∂x_i = 4x_i(x_i² + 1), H_ii = 12x_i² + 4, H_ij = 0.
        double[] x0 = { 0.7, -1.3, 0.25 };
        int n = x0.Length;
        var x = (double[])x0.Clone();
        var h = new double[n * n];
        double value = Method<Hess1>("SmoothHessian")(x, h);
        Tolerance.AssertFormula(x0.Sum(q => (q * q + 1) * (q * q + 1)), value, "value");
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++) Tolerance.AssertFormula(i == j ? 12 * x0[i] * x0[i] + 4 : 0, h[i * n + j], "H[" + i + "," + j + "] by hand");
            Tolerance.AssertFormula(x0[i] * x0[i] + 1, x[i], "x[" + i + "] after MHessian");
        }
        var back = Method<Back1>("SmoothBackward");
        var central = HessianModeTests.CentralHessian((p, g) => { Array.Clear(g); back((double[])p.Clone(), g, 1); }, x0);
        for (int k = 0; k < n * n; k++) Tolerance.AssertCentral(central[k], h[k], 10, "H[" + k + "] vs central differences of MBackward");

        // One product: H·v from the entry values, the array left as the method leaves it.
        double[] v = { 0.3, -0.5, 1.1 };
        var hv = new double[n];
        x = (double[])x0.Clone();
        Method<HessVec1>("SmoothHessianVector")(x, v, hv);
        for (int i = 0; i < n; i++)
        {
            Tolerance.AssertFormula((12 * x0[i] * x0[i] + 4) * v[i], hv[i], "(H·v)[" + i + "] by hand");
            Tolerance.AssertFormula(x0[i] * x0[i] + 1, x[i], "x[" + i + "] after MHessianVector");
        }

        // MForward: tResult = ⟨gradient, t⟩ (the gradient by hand, and MBackward's).
        var tx = (double[])v.Clone();
        Method<Fwd1>("SmoothForward")((double[])x0.Clone(), tx, out double t);
        var grad = new double[n];
        back((double[])x0.Clone(), grad, 1);
        for (int i = 0; i < n; i++) Tolerance.AssertFormula(4 * x0[i] * (x0[i] * x0[i] + 1), grad[i], "gradient[" + i + "] by hand");
        Tolerance.AssertFormula(Enumerable.Range(0, n).Sum(i => grad[i] * v[i]), t, "MForward tResult vs <gradient, t>");
    }

    [Fact]
    public void NaturalSmoothH_MatchesHand()
    {
        // f = k·a0·a1 + k²·a1·a2 over (a0, a1, a2, k): ∂²f/∂a0∂a1 = k, ∂a0∂k = a1, ∂a1∂a2 = k², ∂a1∂k = a0 + 2k·a2,
        // ∂a2∂k = 2k·a1, ∂k² = 2·a1·a2, the rest 0. The array is left as (a0, k·a1, k·a2).
        double a0 = 0.6, a1 = -1.3, a2 = 0.9, k = 1.7;
        double[] hand =
        {
            0, k, 0, a1,
            k, 0, k * k, a0 + 2 * k * a2,
            0, k * k, 0, 2 * k * a1,
            a1, a0 + 2 * k * a2, 2 * k * a1, 2 * a1 * a2,
        };
        var a = new[] { a0, a1, a2 };
        var h = new double[16];
        double value = Method<Hess2>("SmoothHHessian")(a, k, h);
        Tolerance.AssertFormula(k * a0 * a1 + k * k * a1 * a2, value, "value");
        Assert.Equal(new[] { a0, a1 * k, a2 * k }, a);
        var back = Method<Back2>("SmoothHBackward");
        var central = HessianModeTests.CentralHessian((p, g) =>
        {
            var da = new double[3];
            double dk = 0;
            back(new[] { p[0], p[1], p[2] }, p[3], da, ref dk, 1);
            da.CopyTo(g, 0);
            g[3] = dk;
        }, new[] { a0, a1, a2, k });
        for (int q = 0; q < 16; q++)
        {
            Tolerance.AssertFormula(hand[q], h[q], "H[" + q + "] by hand");
            Tolerance.AssertCentral(central[q], h[q], 10, "H[" + q + "] vs central differences of MBackward");
        }
        double[] v = { 0.4, -0.2, 0.9, -0.6 };
        var hv = new double[4];
        a = new[] { a0, a1, a2 };
        Method<HessVec2>("SmoothHHessianVector")(a, k, v, hv);
        for (int i = 0; i < 4; i++) Tolerance.AssertFormula(Enumerable.Range(0, 4).Sum(j => hand[i * 4 + j] * v[j]), hv[i], "(H·v)[" + i + "] by hand");
        Assert.Equal(new[] { a0, a1 * k, a2 * k }, a);

        // MForward against ⟨MBackward's gradient, t⟩.
        var grad = new double[3];
        double gk = 0;
        back(new[] { a0, a1, a2 }, k, grad, ref gk, 1);
        var ta = new[] { v[0], v[1], v[2] };
        Method<Fwd2>("SmoothHForward")(new[] { a0, a1, a2 }, k, ta, v[3], out double t);
        Tolerance.AssertFormula(grad[0] * v[0] + grad[1] * v[1] + grad[2] * v[2] + gk * v[3], t, "MForward tResult vs <gradient, t>");
        // ∂f/∂a0 = k·a1, ∂f/∂k = a0·a1 + 2k·a1·a2 by hand.
        Tolerance.AssertFormula(k * a1, grad[0], "∂f/∂a0 by hand");
        Tolerance.AssertFormula(a0 * a1 + 2 * k * a1 * a2, gk, "∂f/∂k by hand");
    }

    [Fact]
    public void NoDiffArrayTheMethodWrites_IsRestoredBeforeEachRow()
    {
        // f = (c0 + 1)·x²: ∂²f/∂x² = 2(c0 + 1) for every row; the counter is bumped once, as by one call of the method.
        var c = new[] { 2.0 };
        var h = new double[1];
        Method<HessB>("BumpedHessian")(1.5, c, h);
        Tolerance.AssertFormula(2 * 3.0, h[0], "H by hand");
        Assert.Equal(3.0, c[0]);
    }

    [Theory]
    // (A written span is followed since hess12: HessianWritingCalleeTests.)
    // (A written double[,] is followed since hess13: HessianLoopWritesTests.)
    // A float[] written in a double method.
    [InlineData("[Differentiable(Hessian = true)] public static double F(float[] a, double k) { a[0] = a[0] * 2; return a[0] * k; }", "float[] a", "of the result's type")]
    // A float[] written through a double callee that writes it: ADG0019 at the call (a callee returning a double that writes a
    // double[] is followed since hess12: HessianWritingCalleeTests).
    [InlineData("[Differentiable] public static double Scale(float[] a, double k) { for (int i = 0; i < a.Length; i++) a[i] = (float)(a[i] * k); return k; }\n"
        + "[Differentiable(Hessian = true)] public static double F(double x, double k) { var a = new float[] { (float)x, (float)k }; double s = Scale(a, k); return a[0] * a[1] * s; }", "Scale(a, k)", "it writes into the array 'a' (a float[])")]
    public void WhatStaysRefused_IsADG0019AtTheConstruct(string body, string at, string why)
    {
        HessianRefusalAssert.AtConstruct(body, at, why);
    }
}
