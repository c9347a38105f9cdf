using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Forward over reverse without the copies MBackward no longer has (issue 12, perf21): an add gate passes its gradient
/// through (<c>double dS = dT;</c>), and MHessianVector and MBackwardTangent wrote that copy and its tangent's
/// (<c>double tdS = tdT;</c>). Now each pair goes together (AdjointCopies, before the tangents are added) and the adjoints'
/// sums and their tangents' sums are written as one expression each (FusedSums). Checked: no such copy in either method's
/// text (a copy of MHessianVector's seed stays: its tangent is zero and has no local), and each Hessian by hand and by
/// central differences of MBackward, through a straight-line method, a loop's carried sum, a branch, and a caller in
/// another class that reaches the straight-line one through its MBackwardTangent.
/// </summary>
public class HessianAdjointCopiesTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace HessCopies;

        public static partial class Inner
        {
            // f = u·t, t = x(y + 1), u = sin t + y: two add gates, each a copy of its output's adjoint in the reverse sweep.
            [Differentiable(Hessian = true)]
            public static double F(double x, double y)
            {
                double s = x * y;
                double t = s + x;
                double u = Math.Sin(t) + y;
                return u * t;
            }
        }

        public static partial class C
        {
            public static double FH(double[] p, double[] h) => Inner.FHessian(p[0], p[1], h);
            public static void FG(double[] p, double[] g) { double a = 0, b = 0; Inner.FBackward(p[0], p[1], ref a, ref b); g[0] = a; g[1] = b; }

            // g = y·F(x, y), through F's MBackwardTangent (F is in another class: not inlined).
            [Differentiable(Hessian = true)]
            public static double G(double x, double y) => y * Inner.F(x, y);
            public static double GH(double[] p, double[] h) => GHessian(p[0], p[1], h);
            public static void GG(double[] p, double[] g) { double a = 0, b = 0; GBackward(p[0], p[1], ref a, ref b); g[0] = a; g[1] = b; }

            // l = b + b·Σj tanh(w[j]·(j + 1) + 0.25): the carried sum's adjoint handed through an add gate each iteration.
            [Differentiable(Hessian = true)]
            public static double L(double[] w, double b)
            {
                double acc = b;
                for (int j = 0; j < w.Length; j++)
                {
                    double t = w[j] * (j + 1) + 0.25;
                    acc += Math.Tanh(t) * b;
                }
                return acc;
            }
            public static double LH(double[] p, double[] h) => LHessian(new[] { p[0], p[1] }, p[2], h);
            public static void LG(double[] p, double[] g) { var dw = new double[2]; double db = 0; LBackward(new[] { p[0], p[1] }, p[2], dw, ref db); g[0] = dw[0]; g[1] = dw[1]; g[2] = db; }

            // k = x > 0 ? (x·y + x)·y : y²: a phi of two sums.
            [Differentiable(Hessian = true)]
            public static double K(double x, double y)
            {
                double r;
                if (x > 0.0) r = x * y + x;
                else r = y * y;
                double q = r + y;
                return q * y;
            }
            public static double KH(double[] p, double[] h) => KHessian(p[0], p[1], h);
            public static void KG(double[] p, double[] g) { double a = 0, b = 0; KBackward(p[0], p[1], ref a, ref b); g[0] = a; g[1] = b; }
        }
        """;

    /// <summary>
    /// F = g(t) + y·t with g(t) = t·sin t, t = x(y + 1): t_x = y + 1, t_y = x, t_xy = 1; g′ = sin t + t·cos t,
    /// g″ = 2 cos t − t·sin t. F_x = (g′ + y)(y + 1), F_y = (g′ + y)x + t; F_xx = g″(y + 1)², F_xy = g″·x(y + 1) + g′ + 2y + 1,
    /// F_yy = g″x² + 2x.
    /// </summary>
    private static (double Fx, double Fy, double Fxx, double Fxy, double Fyy) F(double x, double y)
    {
        double t = x * (y + 1);
        double g1 = Math.Sin(t) + t * Math.Cos(t), g2 = 2 * Math.Cos(t) - t * Math.Sin(t);
        return ((g1 + y) * (y + 1), (g1 + y) * x + t, g2 * (y + 1) * (y + 1), g2 * x * (y + 1) + g1 + 2 * y + 1, g2 * x * x + 2 * x);
    }

    /// <summary>The Hessians by hand at the test's points (row-major over the differentiable scalars).</summary>
    private static double[] ByHand(string name, double[] p)
    {
        switch (name)
        {
            case "F":
            {
                var f = F(p[0], p[1]);
                return new[] { f.Fxx, f.Fxy, f.Fxy, f.Fyy };
            }
            case "G":
            {
                // G = y·F: G_xx = y F_xx, G_xy = F_x + y F_xy, G_yy = 2 F_y + y F_yy.
                var f = F(p[0], p[1]);
                double y = p[1];
                return new[] { y * f.Fxx, f.Fx + y * f.Fxy, f.Fx + y * f.Fxy, 2 * f.Fy + y * f.Fyy };
            }
            case "L":
            {
                // s_j = w_j(j + 1) + 0.25, L = b + b Σ tanh s_j: L_{w_j w_j} = −2b·tanh s_j·sech² s_j·(j + 1)²,
                // L_{w_j b} = sech² s_j·(j + 1), L_{w_0 w_1} = 0, L_bb = 0.
                double b = p[2];
                double Sech2(double s) => 1 - Math.Tanh(s) * Math.Tanh(s);
                double s0 = p[0] + 0.25, s1 = 2 * p[1] + 0.25;
                double h00 = -2 * b * Math.Tanh(s0) * Sech2(s0), h11 = -2 * b * Math.Tanh(s1) * Sech2(s1) * 4, h02 = Sech2(s0), h12 = 2 * Sech2(s1);
                return new[] { h00, 0, h02, 0, h11, h12, h02, h12, 0 };
            }
            default:
            {
                // x > 0: K = (xy + x + y)·y = xy² + xy + y²: K_xx = 0, K_xy = 2y + 1, K_yy = 2x + 2.
                // x ≤ 0: K = (y² + y)·y = y³ + y²: K_xx = K_xy = 0, K_yy = 6y + 2.
                double x = p[0], y = p[1];
                return x > 0 ? new[] { 0, 2 * y + 1, 2 * y + 1, 2 * x + 2 } : new[] { 0, 0, 0, 6 * y + 2 };
            }
        }
    }

    [Theory]
    // t = 0.5·2 = 1: F_xx = 4g″(1) ≈ 0.957, F_xy = g″(1) + g′(1) + 3 ≈ 4.621, F_yy = g″(1)/4 + 1 ≈ 1.060.
    [InlineData("F", new[] { 0.5, 1.0 })]
    [InlineData("F", new[] { -0.7, 0.4 })]
    [InlineData("G", new[] { 0.5, 1.0 })]
    [InlineData("G", new[] { 1.2, -0.3 })]
    [InlineData("L", new[] { 0.3, -0.2, 1.5 })]
    // x > 0: H = [[0, 3.4], [3.4, 3.2]]; x ≤ 0: H = [[0, 0], [0, 0.2]] (y = −0.3).
    [InlineData("K", new[] { 0.6, 1.2 })]
    [InlineData("K", new[] { -0.6, -0.3 })]
    public void HessianWithoutTheCopies_IsRightByHandAndByCentralDifferences(string name, double[] point)
    {
        var run = GeneratorHarness.RunForLoad(Source);
        Assert.Empty(run.Exceptions);
        Assert.Empty(run.CompileDiagnostics);
        var type = GeneratorHarness.Load(run).GetType("HessCopies.C", throwOnError: true)!;
        var h = HessianModeTests.Symmetric(type.GetMethod(name + "H")!.CreateDelegate<Func<double[], double[], double>>(), point);
        var byHand = ByHand(name, point);
        Assert.Equal(byHand.Length, h.Length);
        for (int i = 0; i < h.Length; i++) Tolerance.AssertFormula(byHand[i], h[i], name + " H[" + i + "] by hand");
        var central = HessianModeTests.CentralHessian(type.GetMethod(name + "G")!.CreateDelegate<Action<double[], double[]>>(), point);
        for (int i = 0; i < h.Length; i++) Tolerance.AssertCentral(central[i], h[i], 1 + Math.Abs(byHand[i]), name + " H[" + i + "] vs central differences");
    }

    /// <summary>A declaration of an adjoint (or an adjoint's tangent) as a copy of another: <c>double dS = dT;</c>.</summary>
    private static readonly Regex Copy = new(@"^\s*(double|float) (t?d\w+) = (t?d\w+);\s*$", RegexOptions.Multiline);

    // Not L: its MBackwardTangent keeps `double dAcc_1 = dResult;`, which the loop's hand-over (dAcc_2 = dAcc_1; …
    // dAcc_1 = dAcc_2;, removed in the same pass) wrote again until AdjointCopies dropped it; one pass does not revisit it,
    // as in MBackward. The text check here does not see that, so L is checked by its Hessian only.
    [Theory]
    [InlineData("Inner", "F", "double x, double y")]
    [InlineData("C", "K", "double x, double y")]
    public void ProductAndBackwardTangent_WriteNoCopyOfAnAdjointOrItsTangent(string type, string name, string signature)
    {
        var run = GeneratorHarness.Run(Source);
        run.AssertClean();
        var file = run.Generated.Values.Single(t => t.Contains(" " + name + "HessianVector(" + signature, StringComparison.Ordinal)
            && t.Contains("partial class " + type, StringComparison.Ordinal));
        string product = Between(file, " " + name + "HessianVector(" + signature, " " + name + "BackwardTangent(");
        string backwardTangent = Between(file, " " + name + "BackwardTangent(", "/// <summary>");
        foreach (var (method, text) in new[] { ("MHessianVector", product), ("MBackwardTangent", backwardTangent) })
        {
            // The reverse sweep is there (contributions with their tangents)…
            Assert.Matches(@"\btd\w+ (\+=|=) ", text);
            // …and no copy that AdjointCopies' rule drops: one whose name nothing writes again (in a loop, a copy that is
            // written again, dAcc_1 = dResult then dAcc_1 += …, stays in MBackward too, and its tangent's with it).
            // MHessianVector's seed keeps its copies: its tangent is the literal zero, which has no local to rename to.
            var copies = Copy.Matches(text).Where(m => !(method == "MHessianVector" && m.Groups[3].Value == "dResult") && !Regex.IsMatch(text.Substring(m.Index + m.Length), @"\b" + m.Groups[2].Value + @" (\+|-)?= "))
                .Select(m => m.Value.Trim()).ToList();
            Assert.True(copies.Count == 0, name + "'s " + method + " copies: " + string.Join(" ", copies));
            // A kept copy's tangent copy goes with its value's: each tangent copy has its value copy beside it.
            foreach (Match m in Copy.Matches(text))
            {
                if (!m.Groups[2].Value.StartsWith("td", StringComparison.Ordinal)) continue;
                string value = m.Groups[2].Value.Substring(1);
                Assert.Matches(@"\b(double|float) " + value + " = ", text);
            }
        }
    }

    private static string Between(string text, string from, string to)
    {
        int start = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(start >= 0, from);
        int end = text.IndexOf(to, start, StringComparison.Ordinal);
        return end < 0 ? text.Substring(start) : text.Substring(start, end - start);
    }
}
