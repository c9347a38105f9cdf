using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Issue 14 (hess12): a <c>Hessian = true</c> method calling a <c>[Differentiable]</c> callee that writes a <c>double[]</c>
/// it is passed (W06's <c>ValueAndArray.HessCaller</c>), and a <c>Hessian = true</c> method that writes its own
/// <c>Span&lt;double&gt;</c> parameter. Each Hessian is checked by hand and against central differences of <c>MBackward</c>'s
/// gradient, <c>MHessianVector</c> against the hand H·v, what the arrays hold afterwards, and the generated code is
/// warning-free (every warning an error). What stays refused is ADG0019 at the call.
/// </summary>
public class HessianWritingCalleeTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;
        public static partial class WC
        {
            // W06's ValueAndArray.SmoothH word for word: k·a0·a1 + k²·a1·a2 for three entries, leaving (a0, k·a1, k·a2).
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

            // W06's ValueAndArray.HessCaller word for word.
            [Differentiable(Hessian = true)]
            public static double HessCaller(double x, double k)
            {
                var a = new[] { x, k, x * k };
                double s = SmoothH(a, k);
                return s + a[1] * x;
            }

            // Scales the array it is passed and returns its new first entry.
            [Differentiable(Hessian = true)]
            public static double Scale(double[] v, double c)
            {
                for (int i = 0; i < v.Length; i++) v[i] = v[i] * c;
                return v[0];
            }

            // The caller's own parameter written by the callee: f = c·v0 · c·v1 = c²·v0·v1.
            [Differentiable(Hessian = true)]
            public static double Outer(double[] v, double c)
            {
                double r = Scale(v, c);
                return r * v[1];
            }

            // W06's ValueAndArray.Smooth (no Hessian = true: its MBackwardTangent is written from its body for the caller).
            [Differentiable]
            public static double Smooth(double[] a, double k)
            {
                double s = 0;
                for (int i = 1; i < a.Length; i++)
                {
                    a[i] = a[i] + k * a[i - 1];
                    s += a[i] * a[i];
                }
                return s;
            }

            [Differentiable(Hessian = true)]
            public static double Chain(double x, double k)
            {
                var a = new[] { x, k, x * x };
                double s = Smooth(a, k);
                return s + a[2] * x;
            }

            [Differentiable(Hessian = true)]
            public static double Sc(double[] a, double k)
            {
                for (int i = 0; i < a.Length; i++) a[i] = a[i] * k;
                return a[0];
            }

            // The call made for what it writes (its result unread): its reverse sweep is seeded with zeros and the array's adjoint.
            [Differentiable(Hessian = true)]
            public static double Ignored(double x, double k)
            {
                var a = new[] { x, x * x };
                Sc(a, k);
                return a[1] * a[0];
            }

            // Its result read with a zero weight: dResult is 0 at run time, and the array's adjoint must still go through it.
            [Differentiable(Hessian = true)]
            public static double Zeroed(double x, double k)
            {
                var a = new[] { x, x * x };
                double s = Sc(a, k);
                return 0.0 * s + a[1] * a[0];
            }

            // A written span parameter: y_i ← c·y_i², f = c²·y0²·y1².
            [Differentiable(Hessian = true)]
            public static double WriteSpan(Span<double> y, double c)
            {
                for (int i = 0; i < y.Length; i++) y[i] = y[i] * y[i] * c;
                return y[0] * y[1];
            }
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("WC")!);

    private static T Method<T>(string name) where T : Delegate => Compiled.Value.GetMethod(name)!.CreateDelegate<T>();

    private delegate double Hess2(double x, double k, Span<double> h);
    private delegate double HessVec2(double x, double k, ReadOnlySpan<double> v, Span<double> hv);
    private delegate double Back2(double x, double k, ref double dx, ref double dk, double seed);
    private delegate double HessA(double[] v, double c, Span<double> h);
    private delegate double HessVecA(double[] v, double c, ReadOnlySpan<double> d, Span<double> hv);
    private delegate double BackA(double[] v, double c, double[] dv, ref double dc, double seed);
    private delegate double HessS(Span<double> y, double c, Span<double> h);
    private delegate double HessVecS(Span<double> y, double c, ReadOnlySpan<double> d, Span<double> hv);
    private delegate double BackS(Span<double> y, double c, Span<double> dy, ref double dc, double seed);

    [Fact]
    public void GeneratedCode_HasNoWarning_SoItBuildsWithWarningsAsErrors()
    {
        var run = GeneratorHarness.Run(Source);
        Assert.Empty(run.Exceptions);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.StrictDiagnostics());
        // The callee that writes its array has the entry a caller's product calls, with the array's tangents in/out.
        Assert.Contains(run.Generated.Values, t => t.Contains("SmoothHBackwardTangent(double[] a, double k, double[] tA, double tK, double[] dA, ref double dK, global::System.Span<double> tdA", StringComparison.Ordinal));
    }

    /// <summary>Central differences of a two-scalar method's MBackward gradient.</summary>
    private static double[] Central2(string name, double x, double k)
    {
        var back = Method<Back2>(name + "Backward");
        return HessianModeTests.CentralHessian((p, g) =>
        {
            double dx = 0, dk = 0;
            back(p[0], p[1], ref dx, ref dk, 1);
            g[0] = dx;
            g[1] = dk;
        }, new[] { x, k });
    }

    private static void AssertTwoByTwo(string name, double x, double k, double[] hand)
    {
        var h = new double[4];
        Method<Hess2>(name + "Hessian")(x, k, h);
        var central = Central2(name, x, k);
        for (int q = 0; q < 4; q++)
        {
            Tolerance.AssertFormula(hand[q], h[q], name + " H[" + q + "] by hand");
            Tolerance.AssertCentral(central[q], h[q], 10, name + " H[" + q + "] vs central differences of MBackward");
        }
        double[] v = { 0.7, -1.2 };
        var hv = new double[2];
        Method<HessVec2>(name + "HessianVector")(x, k, v, hv);
        for (int i = 0; i < 2; i++) Tolerance.AssertFormula(hand[2 * i] * v[0] + hand[2 * i + 1] * v[1], hv[i], name + " (H·v)[" + i + "] by hand");
    }

    [Theory]
    [InlineData(0.8, 1.3)]
    [InlineData(-1.1, 0.6)]
    public void NaturalHessCaller_MatchesHand(double x, double k)
    {
        // a = (x, k, xk); SmoothH leaves (x, k², xk²) and returns k·x·k + k²·k·xk = xk² + xk⁴; f = s + a[1]·x = 2xk² + xk⁴.
        // f_xx = 0, f_xk = 4k + 4k³, f_kk = 4x + 12xk².
        double value = Method<Hess2>("HessCallerHessian")(x, k, new double[4]);
        Tolerance.AssertFormula(2 * x * k * k + x * Math.Pow(k, 4), value, "value");
        double cross = 4 * k + 4 * k * k * k;
        AssertTwoByTwo("HessCaller", x, k, new[] { 0, cross, cross, 4 * x + 12 * x * k * k });
    }

    [Theory]
    [InlineData(0.4, -0.9)]
    [InlineData(-0.7, 0.5)]
    public void CalleeWithoutHessianWritingALocalArray_MatchesHand(double x, double k)
    {
        // a = (x, k, x²); Smooth: a1 = k + kx = k·u (u = 1 + x), a2 = x² + k·a1 = x² + k²u = q; s = k²u² + q².
        // f = k²u² + q² + x·q, with q_x = 2x + k², q_k = 2ku, q_xx = 2, q_kk = 2u, q_xk = 2k:
        // f_xx = 2k² + 2q_x² + 2q·q_xx + 2q_x + x·q_xx, f_kk = 2u² + 2q_k² + 2q·q_kk + x·q_kk,
        // f_xk = 4ku + (2q_x + 1)·q_k + (2q + x)·q_xk.
        double u = 1 + x, q = x * x + k * k * u, qx = 2 * x + k * k, qk = 2 * k * u;
        double fxx = 2 * k * k + 2 * qx * qx + 4 * q + 2 * qx + 2 * x;
        double fkk = 2 * u * u + 2 * qk * qk + 2 * q * 2 * u + x * 2 * u;
        double fxk = 4 * k * u + (2 * qx + 1) * qk + (2 * q + x) * 2 * k;
        AssertTwoByTwo("Chain", x, k, new[] { fxx, fxk, fxk, fkk });
    }

    [Theory]
    [InlineData("Ignored", 0.9, 1.2)]
    [InlineData("Zeroed", -0.6, 0.8)]
    public void CallMadeForWhatItWrites_MatchesHand(string name, double x, double k)
    {
        // a = (x, x²) scaled by k: f = kx² · kx = k²x³; f_xx = 6k²x, f_xk = 6kx², f_kk = 2x³.
        AssertTwoByTwo(name, x, k, new[] { 6 * k * k * x, 6 * k * x * x, 6 * k * x * x, 2 * x * x * x });
    }

    [Fact]
    public void CallerParameterWrittenByTheCallee_MatchesHand_AndIsLeftAsOneCallLeavesIt()
    {
        // f = c²·v0·v1 over (v0, v1, c): H = [[0, c², 2c·v1], [c², 0, 2c·v0], [2c·v1, 2c·v0, 2·v0·v1]]; v is left as (c·v0, c·v1).
        double v0 = 0.9, v1 = -1.4, c = 1.6;
        double[] hand = { 0, c * c, 2 * c * v1, c * c, 0, 2 * c * v0, 2 * c * v1, 2 * c * v0, 2 * v0 * v1 };
        var v = new[] { v0, v1 };
        var h = new double[9];
        double value = Method<HessA>("OuterHessian")(v, c, h);
        Tolerance.AssertFormula(c * c * v0 * v1, value, "value");
        Assert.Equal(new[] { c * v0, c * v1 }, v);
        var back = Method<BackA>("OuterBackward");
        var central = HessianModeTests.CentralHessian((p, g) =>
        {
            var dv = new double[2];
            double dc = 0;
            back(new[] { p[0], p[1] }, p[2], dv, ref dc, 1);
            g[0] = dv[0];
            g[1] = dv[1];
            g[2] = dc;
        }, new[] { v0, v1, c });
        for (int q = 0; q < 9; q++)
        {
            Tolerance.AssertFormula(hand[q], h[q], "H[" + q + "] by hand");
            Tolerance.AssertCentral(central[q], h[q], 10, "H[" + q + "] vs central differences of MBackward");
        }
        double[] d = { 0.3, -0.8, 0.5 };
        var hv = new double[3];
        v = new[] { v0, v1 };
        Method<HessVecA>("OuterHessianVector")(v, c, d, hv);
        for (int i = 0; i < 3; i++) Tolerance.AssertFormula(hand[3 * i] * d[0] + hand[3 * i + 1] * d[1] + hand[3 * i + 2] * d[2], hv[i], "(H·v)[" + i + "] by hand");
        Assert.Equal(new[] { c * v0, c * v1 }, v);
    }

    [Fact]
    public void WrittenSpanParameter_MatchesHand_AndIsLeftAsTheMethodLeavesIt()
    {
        // f = c²·y0²·y1² over (y0, y1, c): f_y0y0 = 2c²y1², f_y0y1 = 4c²y0y1, f_y0c = 4c·y0·y1², f_y1y1 = 2c²y0², f_y1c = 4c·y0²·y1,
        // f_cc = 2y0²y1²; the span is left as (c·y0², c·y1²).
        double y0 = 0.8, y1 = -1.3, c = 0.7;
        double[] hand =
        {
            2 * c * c * y1 * y1, 4 * c * c * y0 * y1, 4 * c * y0 * y1 * y1,
            4 * c * c * y0 * y1, 2 * c * c * y0 * y0, 4 * c * y0 * y0 * y1,
            4 * c * y0 * y1 * y1, 4 * c * y0 * y0 * y1, 2 * y0 * y0 * y1 * y1,
        };
        var y = new[] { y0, y1 };
        var h = new double[9];
        double value = Method<HessS>("WriteSpanHessian")(y, c, h);
        Tolerance.AssertFormula(c * c * y0 * y0 * y1 * y1, value, "value");
        Assert.Equal(new[] { y0 * y0 * c, y1 * y1 * c }, y);
        var back = Method<BackS>("WriteSpanBackward");
        var central = HessianModeTests.CentralHessian((p, g) =>
        {
            var dy = new double[2];
            double dc = 0;
            back(new[] { p[0], p[1] }, p[2], dy, ref dc, 1);
            g[0] = dy[0];
            g[1] = dy[1];
            g[2] = dc;
        }, new[] { y0, y1, c });
        for (int q = 0; q < 9; q++)
        {
            Tolerance.AssertFormula(hand[q], h[q], "H[" + q + "] by hand");
            Tolerance.AssertCentral(central[q], h[q], 10, "H[" + q + "] vs central differences of MBackward");
        }
        double[] d = { -0.4, 0.6, 1.1 };
        var hv = new double[3];
        y = new[] { y0, y1 };
        Method<HessVecS>("WriteSpanHessianVector")(y, c, d, hv);
        for (int i = 0; i < 3; i++) Tolerance.AssertFormula(hand[3 * i] * d[0] + hand[3 * i + 1] * d[1] + hand[3 * i + 2] * d[2], hv[i], "(H·v)[" + i + "] by hand");
        Assert.Equal(new[] { y0 * y0 * c, y1 * y1 * c }, y);
    }

    [Theory]
    // (The writing call in a loop is followed since hess13: HessianLoopWritesTests.)
    // A constant array written by the callee: it has no tangents to write.
    [InlineData("[Differentiable(Hessian = true)] public static double W(double[] a, double k) { for (int i = 0; i < a.Length; i++) a[i] = a[i] * k; return a[0]; }\n"
        + "[Differentiable(Hessian = true)] public static double F(double x, double k) { var a = new[] { 1.0, 2.0 }; double s = W(a, k); return s * x + a[1]; }",
        "W(a, k)", "carries no gradient before the call")]
    // A callee returning a double that writes a double[,] (its MBackwardTangent takes no matrix tangents). A void callee
    // writing the array, here before hess21, is inlined now (PeerSuite/CladModes21HandTests checks it by hand).
    // (Since hess23 such a callee is inlined where the call always runs: HessianArrayShapeTests; in a ?: arm it stays refused.)
    [InlineData("[Differentiable] public static double Scale(double[,] m, double k) { for (int j = 0; j < 2; j++) m[0, j] = m[0, j] * k; return m[0, 1]; }\n"
        + "[Differentiable(Hessian = true)] public static double F(double k, double x) { var m = new double[1, 2]; m[0, 0] = x; m[0, 1] = x * k; double s = k > -100 ? Scale(m, k) : 0.0; return s * m[0, 0]; }", "Scale(m, k)", "a double[] in a double callee only")]
    public void WhatStaysRefused_IsADG0019AtTheCall(string body, string at, string why)
    {
        HessianRefusalAssert.AtConstruct(body, at, why);
    }
}
