using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Issue 14 (hess13): in Hessian mode, a callee that writes an array it is passed, called inside a loop (each iteration's
/// copy of the array and of its tangents kept on two array tapes), and a method that writes its own <c>double[,]</c>
/// parameter (its tangents, adjoint and adjoint's tangents matrices of its shape). Each Hessian is checked by hand and
/// against central differences of <c>MBackward</c>'s gradient, <c>MHessianVector</c> against the hand H·v, what the arrays
/// hold afterwards, and the generated code is warning-free. What stays refused is ADG0019 at the construct.
/// </summary>
public class HessianLoopWritesTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;
        public static partial class LW
        {
            // Scales the array it is passed and returns its new first entry.
            [Differentiable(Hessian = true)]
            public static double Scale(double[] v, double c)
            {
                for (int i = 0; i < v.Length; i++) v[i] = v[i] * c;
                return v[0];
            }

            // The same without Hessian = true: its MBackwardTangent is written from its body for the caller.
            [Differentiable]
            public static double ScalePlain(double[] v, double c)
            {
                for (int i = 0; i < v.Length; i++) v[i] = v[i] * c;
                return v[0];
            }

            // a = (x, xc) scaled twice: s = xc + xc², then a[1] = xc³; f = x(c + c² + c³).
            [Differentiable(Hessian = true)]
            public static double Twice(double x, double c)
            {
                var a = new[] { x, x * c };
                double s = 0;
                for (int k = 0; k < 2; k++) s += Scale(a, c);
                return s + a[1];
            }

            [Differentiable(Hessian = true)]
            public static double TwicePlain(double x, double c)
            {
                var a = new[] { x, x * c };
                double s = 0;
                for (int k = 0; k < 2; k++) s += ScalePlain(a, c);
                return s + a[1];
            }

            // hess12's shape, outside a loop, through the plain callee: f = xc + xc². Under nullable annotations off too (the
            // language-version test): its parameter is then oblivious, which failed with ADG9999 before hess13.
            [Differentiable(Hessian = true)]
            public static double OncePlain(double x, double c)
            {
                var a = new[] { x, x * c };
                double s = ScalePlain(a, c);
                return s + a[1];
            }

            // A new array each iteration: k = 0 gives x²c², k = 1 gives xc·c(c + x); f = 2x²c² + xc³.
            [Differentiable(Hessian = true)]
            public static double Fresh(double x, double c)
            {
                double s = 0;
                for (int k = 0; k < 2; k++)
                {
                    var a = new[] { x, c * k + x };
                    s += Scale(a, c) * a[1];
                }
                return s;
            }

            // The caller's own parameter scaled n times: f = Σⱼ c²ʲ·v0·v1 (j = 1..n), v left as cⁿ·v.
            [Differentiable(Hessian = true)]
            public static double Outer(double[] v, double c, int n)
            {
                double r = 0;
                for (int j = 0; j < n; j++) r += Scale(v, c) * v[1];
                return r;
            }

            // A written double[,]: m scaled by c, f = c²·det m; m left as c·m.
            [Differentiable(Hessian = true)]
            public static double Det(double[,] m, double c)
            {
                for (int i = 0; i < m.GetLength(0); i++)
                    for (int j = 0; j < m.GetLength(1); j++) m[i, j] = m[i, j] * c;
                return m[0, 0] * m[1, 1] - m[0, 1] * m[1, 0];
            }

            // A double[,] parameter (not written) beside a call: refused before hess13 (its product was taken for the
            // second-order path's). e = (a00·b, a11) scaled by b: f = a00·b² · a11·b + a01 = a00·a11·b³ + a01.
            [Differentiable(Hessian = true)]
            public static double MatrixAndCall(double[,] a, double b)
            {
                var e = new[] { a[0, 0] * b, a[1, 1] };
                return Scale(e, b) * e[1] + a[0, 1];
            }

            // A 2 × 3 written row-major: a_ij ← b·a_ij², f = Σ a_ij (new) = b·Σ a_ij².
            [Differentiable(Hessian = true)]
            public static double Squares(double[,] a, double b)
            {
                double s = 0;
                for (int i = 0; i < a.GetLength(0); i++)
                {
                    for (int j = 0; j < a.GetLength(1); j++)
                    {
                        a[i, j] = b * a[i, j] * a[i, j];
                        s += a[i, j];
                    }
                }
                return s;
            }
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("LW")!);

    private static T Method<T>(string name) where T : Delegate => Compiled.Value.GetMethod(name)!.CreateDelegate<T>();

    private delegate double Hess2(double x, double c, Span<double> h);
    private delegate double HessVec2(double x, double c, ReadOnlySpan<double> v, Span<double> hv);
    private delegate double Back2(double x, double c, ref double dx, ref double dc, double seed);
    private delegate double HessA(double[] v, double c, int n, Span<double> h);
    private delegate double HessVecA(double[] v, double c, int n, ReadOnlySpan<double> d, Span<double> hv);
    private delegate double BackA(double[] v, double c, int n, double[] dv, ref double dc, double seed);
    private delegate double HessM(double[,] m, double c, Span<double> h);
    private delegate double HessVecM(double[,] m, double c, ReadOnlySpan<double> d, Span<double> hv);
    private delegate double BackM(double[,] m, double c, double[,] dm, ref double dc, double seed);

    [Fact]
    public void GeneratedCode_HasNoWarning_AndKeepsEachIterationsCopyOnATape()
    {
        var run = GeneratorHarness.Run(Source);
        Assert.Empty(run.Exceptions);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.StrictDiagnostics());
        string twice = run.Generated.Values.Single(t => t.Contains("TwiceHessianVector(", StringComparison.Ordinal));
        // The copy of the array and the copy of its tangents, one tape each.
        Assert.Contains("SeenArrays.Push(", twice, StringComparison.Ordinal);
        Assert.Contains("tA_1SeenArrays.Push(tA);", twice, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void GeneratedCode_CompilesWithoutErrorsOrWarnings_OnEveryLanguageVersion(LanguageVersion version, bool nullable)
    {
        // The tapes of the copies, MatrixBlocks' generic calls and the matrix tangents: C# 7.3 to the latest, nullable on and off.
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
    }

    private static void AssertTwoByTwo(string name, double x, double c, double[] hand)
    {
        var h = new double[4];
        Method<Hess2>(name + "Hessian")(x, c, h);
        var back = Method<Back2>(name + "Backward");
        var central = HessianModeTests.CentralHessian((p, g) =>
        {
            double dx = 0, dc = 0;
            back(p[0], p[1], ref dx, ref dc, 1);
            g[0] = dx;
            g[1] = dc;
        }, new[] { x, c });
        for (int q = 0; q < 4; q++)
        {
            Tolerance.AssertFormula(hand[q], h[q], name + " H[" + q + "] by hand");
            Tolerance.AssertCentral(central[q], h[q], 10, name + " H[" + q + "] vs central differences of MBackward");
        }
        double[] v = { 0.7, -1.2 };
        var hv = new double[2];
        Method<HessVec2>(name + "HessianVector")(x, c, v, hv);
        for (int i = 0; i < 2; i++) Tolerance.AssertFormula(hand[2 * i] * v[0] + hand[2 * i + 1] * v[1], hv[i], name + " (H·v)[" + i + "] by hand");
    }

    [Theory]
    [InlineData("Twice", 0.8, 1.3)]
    [InlineData("Twice", -1.1, 0.6)]
    [InlineData("TwicePlain", 0.5, -0.9)]
    public void WritingCalleeInALoop_MatchesHand(string name, double x, double c)
    {
        // f = x(c + c² + c³): f_xx = 0, f_xc = 1 + 2c + 3c², f_cc = x(2 + 6c).
        double value = Method<Hess2>(name + "Hessian")(x, c, new double[4]);
        Tolerance.AssertFormula(x * (c + c * c + c * c * c), value, "value");
        double cross = 1 + 2 * c + 3 * c * c;
        AssertTwoByTwo(name, x, c, new[] { 0, cross, cross, x * (2 + 6 * c) });
    }

    [Theory]
    [InlineData(0.6, -1.3)]
    public void PlainWritingCalleeOutsideALoop_MatchesHand(double x, double c)
    {
        // f = xc + xc²: f_xx = 0, f_xc = 1 + 2c, f_cc = 2x.
        AssertTwoByTwo("OncePlain", x, c, new[] { 0, 1 + 2 * c, 1 + 2 * c, 2 * x });
    }

    [Theory]
    [InlineData(0.7, 1.2)]
    [InlineData(-0.4, -0.8)]
    public void WritingCalleeOnAnArrayCreatedInTheLoop_MatchesHand(double x, double c)
    {
        // f = 2x²c² + xc³: f_xx = 4c², f_xc = 8xc + 3c², f_cc = 4x² + 6xc.
        double cross = 8 * x * c + 3 * c * c;
        AssertTwoByTwo("Fresh", x, c, new[] { 4 * c * c, cross, cross, 4 * x * x + 6 * x * c });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void CallerParameterWrittenInALoop_MatchesHand_AndIsLeftAsTheLoopLeavesIt(int n)
    {
        // f = S·v0·v1 with S = Σⱼ c²ʲ (j = 1..n), S' = Σ 2j·c²ʲ⁻¹, S'' = Σ 2j(2j − 1)·c²ʲ⁻²:
        // H over (v0, v1, c) = [[0, S, S'v1], [S, 0, S'v0], [S'v1, S'v0, S''v0v1]]; v is left as cⁿ·v.
        double v0 = 0.9, v1 = -1.4, c = 1.1;
        double s = 0, s1 = 0, s2 = 0;
        for (int j = 1; j <= n; j++)
        {
            s += Math.Pow(c, 2 * j);
            s1 += 2 * j * Math.Pow(c, 2 * j - 1);
            s2 += 2 * j * (2 * j - 1) * Math.Pow(c, 2 * j - 2);
        }
        double[] hand = { 0, s, s1 * v1, s, 0, s1 * v0, s1 * v1, s1 * v0, s2 * v0 * v1 };
        var v = new[] { v0, v1 };
        var h = new double[9];
        double value = Method<HessA>("OuterHessian")(v, c, n, h);
        Tolerance.AssertFormula(s * v0 * v1, value, "value");
        double cn = Math.Pow(c, n);
        Tolerance.AssertFormula(cn * v0, v[0], "v[0] afterwards");
        Tolerance.AssertFormula(cn * v1, v[1], "v[1] afterwards");
        var back = Method<BackA>("OuterBackward");
        var central = HessianModeTests.CentralHessian((p, g) =>
        {
            var dv = new double[2];
            double dc = 0;
            back(new[] { p[0], p[1] }, p[2], n, dv, ref dc, 1);
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
        Method<HessVecA>("OuterHessianVector")(new[] { v0, v1 }, c, n, d, hv);
        for (int i = 0; i < 3; i++) Tolerance.AssertFormula(hand[3 * i] * d[0] + hand[3 * i + 1] * d[1] + hand[3 * i + 2] * d[2], hv[i], "(H·v)[" + i + "] by hand");
    }

    /// <summary>Central differences of MBackward's gradient over a written matrix (row-major) and one scalar.</summary>
    private static double[] CentralMatrix(string name, double[,] m, double c)
    {
        int rows = m.GetLength(0), columns = m.GetLength(1);
        var back = Method<BackM>(name + "Backward");
        var at = new double[m.Length + 1];
        for (int k = 0; k < m.Length; k++) at[k] = m[k / columns, k % columns];
        at[m.Length] = c;
        return HessianModeTests.CentralHessian((p, g) =>
        {
            var copy = new double[rows, columns];
            for (int k = 0; k < rows * columns; k++) copy[k / columns, k % columns] = p[k];
            var dm = new double[rows, columns];
            double dc = 0;
            back(copy, p[rows * columns], dm, ref dc, 1);
            for (int k = 0; k < rows * columns; k++) g[k] = dm[k / columns, k % columns];
            g[rows * columns] = dc;
        }, at);
    }

    private static void AssertMatrixHessian(string name, double[,] m, double c, double[] hand, double[,] left)
    {
        int n = m.Length + 1;
        var central = CentralMatrix(name, (double[,])m.Clone(), c);
        var h = new double[n * n];
        var given = (double[,])m.Clone();
        Method<HessM>(name + "Hessian")(given, c, h);
        Assert.Equal(left, given);
        for (int q = 0; q < n * n; q++)
        {
            Tolerance.AssertFormula(hand[q], h[q], name + " H[" + q / n + ", " + q % n + "] by hand");
            Tolerance.AssertCentral(central[q], h[q], 10, name + " H[" + q / n + ", " + q % n + "] vs central differences of MBackward");
        }
        var d = Enumerable.Range(0, n).Select(i => 0.3 * i - 0.7).ToArray();
        var hv = new double[n];
        given = (double[,])m.Clone();
        Method<HessVecM>(name + "HessianVector")(given, c, d, hv);
        Assert.Equal(left, given);
        for (int i = 0; i < n; i++) Tolerance.AssertFormula(Enumerable.Range(0, n).Sum(j => hand[i * n + j] * d[j]), hv[i], name + " (H·v)[" + i + "] by hand");
    }

    [Theory]
    [InlineData(1.2, -0.5, 0.8, 2.0, 1.3)]
    [InlineData(-0.6, 0.9, 1.4, -1.1, -0.7)]
    public void WrittenMatrixParameter_MatchesHand_AndIsLeftAsTheMethodLeavesIt(double m00, double m01, double m10, double m11, double c)
    {
        // f = c²·D, D = m00·m11 − m01·m10, over (m00, m01, m10, m11, c): H[m00, m11] = c², H[m01, m10] = −c², H[m00, c] = 2c·m11,
        // H[m01, c] = −2c·m10, H[m10, c] = −2c·m01, H[m11, c] = 2c·m00, H[c, c] = 2D, the rest 0.
        double det = m00 * m11 - m01 * m10;
        var hand = new double[25];
        void Set(int i, int j, double value) { hand[i * 5 + j] = value; hand[j * 5 + i] = value; }
        Set(0, 3, c * c);
        Set(1, 2, -c * c);
        Set(0, 4, 2 * c * m11);
        Set(1, 4, -2 * c * m10);
        Set(2, 4, -2 * c * m01);
        Set(3, 4, 2 * c * m00);
        Set(4, 4, 2 * det);
        var m = new[,] { { m00, m01 }, { m10, m11 } };
        AssertMatrixHessian("Det", m, c, hand, new[,] { { c * m00, c * m01 }, { c * m10, c * m11 } });
    }

    [Fact]
    public void WrittenTwoByThreeMatrix_IsRowMajor_AndMatchesHand()
    {
        // f = b·Σ a_ij² over (a00, a01, a02, a10, a11, a12, b): H[k, k] = 2b, H[k, b] = 2·a_k (k row-major), H[b, b] = 0.
        var a = new[,] { { 0.3, -0.7, 1.1 }, { 0.9, -1.3, 0.5 } };
        double b = 1.7;
        var hand = new double[49];
        var left = new double[2, 3];
        for (int k = 0; k < 6; k++)
        {
            double x = a[k / 3, k % 3];
            hand[k * 7 + k] = 2 * b;
            hand[k * 7 + 6] = 2 * x;
            hand[6 * 7 + k] = 2 * x;
            left[k / 3, k % 3] = b * x * x;
        }
        AssertMatrixHessian("Squares", a, b, hand, left);
    }

    [Theory]
    [InlineData(0.8, 1.9, -0.4, 1.3, 0.9)]
    [InlineData(-1.2, 0.3, 0.6, -0.7, 1.4)]
    public void MatrixParameterBesideAWritingCall_MatchesHand(double a00, double a01, double a10, double a11, double b)
    {
        // f = a00·a11·b³ + a01 over (a00, a01, a10, a11, b): H[a00, a11] = b³, H[a00, b] = 3·a11·b², H[a11, b] = 3·a00·b²,
        // H[b, b] = 6·a00·a11·b, the rest 0; a is only read.
        var hand = new double[25];
        void Set(int i, int j, double value) { hand[i * 5 + j] = value; hand[j * 5 + i] = value; }
        Set(0, 3, b * b * b);
        Set(0, 4, 3 * a11 * b * b);
        Set(3, 4, 3 * a00 * b * b);
        Set(4, 4, 6 * a00 * a11 * b);
        var a = new[,] { { a00, a01 }, { a10, a11 } };
        AssertMatrixHessian("MatrixAndCall", a, b, hand, (double[,])a.Clone());
    }

    [Theory]
    // A jagged local array that carries a gradient in a method that keeps the second-order path (a float[] in a double
    // method): that path has no local arrays (a jagged local is followed otherwise since hess20, HessianArrayShapeTests).
    [InlineData("[Differentiable(Hessian = true)] public static double F(double x, float[] w) { var m = new double[2][]; m[0] = new[] { x, w[0] }; m[1] = new[] { x * x }; return m[0][0] * m[1][0] * m[0][1]; }",
        "m = new double[2][]", "second-order forward mode")]
    // A float[,] written in a double method (a double[,] is followed).
    [InlineData("[Differentiable(Hessian = true)] public static double F(float[,] a, double k) { a[0, 0] = (float)(a[0, 0] * k); return a[0, 0] * a[0, 1] * k; }",
        "float[,] a", "float")]
    // A writing call in a loop on a constant array: it has no tangents to write.
    [InlineData("[Differentiable(Hessian = true)] public static double W(double[] a, double k) { for (int i = 0; i < a.Length; i++) a[i] = a[i] * k; return a[0]; }\n"
        + "[Differentiable(Hessian = true)] public static double F(double x, double k) { double s = 0; for (int j = 0; j < 2; j++) { var a = new[] { 1.0, 2.0 }; s += W(a, k) * x; } return s; }",
        "W(a, k)", "carries no gradient before the call")]
    // A callee returning a double that writes a double[,], in a loop. (A void callee writing a double[] in a loop, here
    // before hess21, is inlined now: PeerSuite/CladModes21HandTests checks it by hand.)
    [InlineData("[Differentiable] public static double Scale(double[,] m, double k) { for (int j = 0; j < 2; j++) m[0, j] = m[0, j] * k; return m[0, 1]; }\n"
        + "[Differentiable(Hessian = true)] public static double F(double k, double x) { double s = 0; var m = new double[1, 2]; m[0, 0] = x; m[0, 1] = x * k; for (int j = 0; j < 2; j++) s += k > -100 ? Scale(m, k) : 0.0; return s * m[0, 0]; }", "Scale(m, k)", "a double[] in a double callee only")]
    public void WhatStaysRefused_IsADG0019AtTheConstruct(string body, string at, string why)
    {
        HessianRefusalAssert.AtConstruct(body, at, why);
    }
}
