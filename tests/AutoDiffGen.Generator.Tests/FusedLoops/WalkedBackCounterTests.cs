using System.Reflection;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.FusedLoops;

/// <summary>
/// A row loop's carried counter walked back instead of taped per row (<c>Differentiator.WalkedBack</c>, perf16, the GMM's
/// `Gen11`): the triangle's coefficient index <c>li</c>, stepped only by the inner loop, is restored in each reverse row as
/// the next row's start minus this row's trip count, from its value after the rows. Where it applies: the rows directly in
/// the fused point loop (<c>Tri</c>), and in a component loop inside it that restores the value after the rows once per
/// component (<c>Comp</c>). Where it must not: the inner loop under a branch (a row that skips it must not subtract its
/// count), the inner loop with a <c>break</c> (its count is taped, not known). Each by hand and by central differences.
/// </summary>
public class WalkedBackCounterTests
{
    internal const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Wbc
        {
            // xc = x_p − m, qx = a ∘ xc, then qx_j += c[li]·xc_i over the triangle j > i, li counting 0, 1, 2, …; f = Σ qx².
            [Differentiable]
            public static double Tri(double[] a, double[] c, double[] m, [NoDiff] double[] x)
            {
                int d = a.Length;
                var xc = new double[d];
                var qx = new double[d];
                double total = 0;
                for (int p = 0; p < x.Length / d; p++)
                {
                    for (int j = 0; j < d; j++) xc[j] = x[p * d + j] - m[j];
                    for (int j = 0; j < d; j++) qx[j] = a[j] * xc[j];
                    int li = 0;
                    for (int i = 0; i < d; i++)
                    {
                        for (int j = i + 1; j < d; j++)
                        {
                            qx[j] += c[li] * xc[i];
                            li++;
                        }
                    }
                    for (int j = 0; j < d; j++) total += qx[j] * qx[j];
                }
                return total;
            }

            // Two components per point, each with its own block of c (li starts at 3k): the rows' exit value is restored
            // per component by the component loop.
            [Differentiable]
            public static double Comp(double[] a, double[] c, double[] m, [NoDiff] double[] x)
            {
                int d = a.Length;
                var qx = new double[d];
                double total = 0;
                for (int p = 0; p < x.Length / d; p++)
                {
                    for (int k = 0; k < 2; k++)
                    {
                        for (int j = 0; j < d; j++) qx[j] = a[j] * (x[p * d + j] - m[j]);
                        int li = k * 3;
                        for (int i = 0; i < d; i++)
                        {
                            for (int j = i + 1; j < d; j++)
                            {
                                qx[j] += c[li] * (x[p * d + i] - m[i]);
                                li++;
                            }
                        }
                        for (int j = 0; j < d; j++) total += qx[j] * qx[j];
                    }
                }
                return total;
            }

            // Must not: the inner loop runs only on some rows, so a row's start is not the next one's minus its count.
            [Differentiable]
            public static double Branch(double[] a, double[] c, double[] m, [NoDiff] double[] x)
            {
                int d = a.Length;
                var xc = new double[d];
                var qx = new double[d];
                double total = 0;
                for (int p = 0; p < x.Length / d; p++)
                {
                    for (int j = 0; j < d; j++) xc[j] = x[p * d + j] - m[j];
                    for (int j = 0; j < d; j++) qx[j] = a[j] * xc[j];
                    int li = 0;
                    for (int i = 0; i < d; i++)
                    {
                        if (i != 1)
                        {
                            for (int j = i + 1; j < d; j++)
                            {
                                qx[j] += c[li] * xc[i];
                                li++;
                            }
                        }
                    }
                    for (int j = 0; j < d; j++) total += qx[j] * qx[j];
                }
                return total;
            }

            // Must not: a break ends the inner loop early, so its trip count is taped, not computed, and li's steps are unknown.
            [Differentiable]
            public static double Break(double[] a, double[] c, double[] m, [NoDiff] double[] x)
            {
                int d = a.Length;
                var xc = new double[d];
                var qx = new double[d];
                double total = 0;
                for (int p = 0; p < x.Length / d; p++)
                {
                    for (int j = 0; j < d; j++) xc[j] = x[p * d + j] - m[j];
                    for (int j = 0; j < d; j++) qx[j] = a[j] * xc[j];
                    int li = 0;
                    for (int i = 0; i < d; i++)
                    {
                        for (int j = i + 1; j < d; j++)
                        {
                            if (xc[j] > 2.5) break;
                            qx[j] += c[li] * xc[i];
                            li++;
                        }
                    }
                    for (int j = 0; j < d; j++) total += qx[j] * qx[j];
                }
                return total;
            }
        }
        """;

    private static readonly Lazy<(Type Type, Dictionary<string, string> Texts)> Compiled = new(() => RuleTexts.Compile(Source, "Wbc", new[] { "Tri", "Comp", "Branch", "Break" }));

    /// <summary>A counter restored from itself and a trip count (<c>li_1 = unchecked(li_1 - (…))</c>), which only the walk-back writes.</summary>
    internal static bool WalkedBack(string code) => Regex.IsMatch(code, @"\b(\w+) = unchecked\(\1 [-+] \(");

    /// <summary>Value and gradient of <c>double name(a, c, m, [NoDiff] x)</c> against by-hand values and central differences.</summary>
    private static void AssertGradient(string name, double value, double[] dA, double[] dC, double[] dM, double[] a, double[] c, double[] m, double[] x)
    {
        var type = Compiled.Value.Type;
        MethodInfo Method(string n) => type.GetMethod(n, BindingFlags.Public | BindingFlags.Static)!;
        var gA = Enumerable.Repeat(0.25, a.Length).ToArray();
        var gC = Enumerable.Repeat(0.25, c.Length).ToArray();
        var gM = Enumerable.Repeat(0.25, m.Length).ToArray();
        double v = (double)Method(name + "Backward").Invoke(null, [a, c, m, x, gA, gC, gM, 2.0])!;
        Tolerance.AssertFormula(value, v);
        for (int j = 0; j < dA.Length; j++) Tolerance.AssertFormula(dA[j], (gA[j] - 0.25) / 2, "dA" + j);
        for (int j = 0; j < dC.Length; j++) Tolerance.AssertFormula(dC[j], (gC[j] - 0.25) / 2, "dC" + j);
        for (int j = 0; j < dM.Length; j++) Tolerance.AssertFormula(dM[j], (gM[j] - 0.25) / 2, "dM" + j);
        CentralDifferenceRunner.Check(Method(name), null, [a, c, m, x]);
        CentralDifferenceRunner.Check(Method(name), null, [new double[] { 0.3, -0.7, 1.1 }, new double[] { 0.2, 0.5, -0.4, 0.7, -0.1, 0.6 }, new double[] { 0.2, 0.5, -0.4 }, new double[] { 0.9, -1.2, 0.4, 0.1, -0.3, 0.8 }]);
    }

    [Fact]
    public void The_row_index_is_walked_back_in_the_fused_point_loop_by_hand()
    {
        string text = Compiled.Value.Texts["Tri"];
        Assert.True(WalkedBack(text), text);
        // No int tape left: li was its only entry.
        Assert.DoesNotContain("tapeInt[", text, StringComparison.Ordinal);
        // d = 3, a = (1, 2, 1), c = (0.5, 1, 2), m = 0, x = (1, 3, 2): xc = (1, 3, 2), qx = (1, 6, 2); row 0 adds c0·1 to qx1
        // and c1·1 to qx2, row 1 adds c2·3 to qx2: qx = (1, 6.5, 9), f = 1 + 42.25 + 81 = 124.25. g = 2qx = (2, 13, 18):
        // ∂f/∂a_j = g_j xc_j = (2, 39, 36); ∂f/∂c = (g1 xc0, g2 xc0, g2 xc1) = (13, 18, 54);
        // ∂f/∂xc = (a0 g0 + c0 g1 + c1 g2, a1 g1 + c2 g2, a2 g2) = (26.5, 62, 18), ∂f/∂m = −∂f/∂xc.
        AssertGradient("Tri", 124.25, [2, 39, 36], [13, 18, 54], [-26.5, -62, -18], [1, 2, 1], [0.5, 1, 2], [0, 0, 0], [1, 3, 2]);
        // Two points, the second all zero (it adds nothing): the second's rows start from li = 0 again.
        AssertGradient("Tri", 124.25, [2, 39, 36], [13, 18, 54], [-26.5, -62, -18], [1, 2, 1], [0.5, 1, 2], [0, 0, 0], [1, 3, 2, 0, 0, 0]);
    }

    [Fact]
    public void The_row_index_is_walked_back_per_component_by_hand()
    {
        string text = Compiled.Value.Texts["Comp"];
        Assert.True(WalkedBack(text), text);
        // The component loop tapes li once per component (after its rows): one int push in the forward, none per row.
        Assert.Single(Regex.Matches(text, @"tapeInt\[tapeIntTop\+\+\] = li_\d+;"));
        // d = 3, a = (1, 2, 1), m = 0, x = (1, 3, 2). Component 0, c0..2 = (0.5, 1, 2): as Tri, f0 = 124.25,
        // ∂a = (2, 39, 36), ∂c0..2 = (13, 18, 54), ∂x·= (26.5, 62, 18). Component 1, c3..5 = (1, 0, 1): qx = (1, 6, 2) + row 0
        // (c3·1 to qx1, c4·1 to qx2) + row 1 (c5·3 to qx2) = (1, 7, 5), f1 = 1 + 49 + 25 = 75, g = (2, 14, 10):
        // ∂a = (2, 42, 20), ∂c3..5 = (g1·1, g2·1, g2·3) = (14, 10, 30), ∂x· = (2 + 14 + 0, 28 + 10, 10) = (16, 38, 10).
        // f = 199.25, ∂a = (4, 81, 56), ∂m = −(26.5 + 16, 62 + 38, 18 + 10) = (−42.5, −100, −28).
        AssertGradient("Comp", 199.25, [4, 81, 56], [13, 18, 54, 14, 10, 30], [-42.5, -100, -28], [1, 2, 1], [0.5, 1, 2, 1, 0, 1], [0, 0, 0], [1, 3, 2]);
    }

    [Fact]
    public void An_inner_loop_under_a_branch_keeps_the_row_index_taped_by_hand()
    {
        string text = Compiled.Value.Texts["Branch"];
        Assert.False(WalkedBack(text), text);
        // Row 1 skips its inner loop: qx = (1, 6, 2) + row 0 only (c0·1 to qx1, c1·1 to qx2) = (1, 6.5, 3), f = 52.25,
        // g = (2, 13, 6): ∂a = (2, 39, 12), ∂c = (13, 6, 0), ∂xc = (2 + 6.5 + 6, 26, 6), ∂m = (−14.5, −26, −6).
        AssertGradient("Branch", 52.25, [2, 39, 12], [13, 6, 0], [-14.5, -26, -6], [1, 2, 1], [0.5, 1, 2], [0, 0, 0], [1, 3, 2]);
    }

    [Fact]
    public void An_inner_loop_with_a_break_keeps_the_row_index_taped_by_hand()
    {
        string text = Compiled.Value.Texts["Break"];
        Assert.False(WalkedBack(text), text);
        // xc = (1, 3, 2): row 0 stops at j = 1 (xc1 = 3 > 2.5), adding nothing; row 1 adds c0·xc1 = 1.5 to qx2 (li is still 0).
        // qx = (1, 6, 3.5), f = 1 + 36 + 12.25 = 49.25, g = (2, 12, 7): ∂a = (2, 36, 14), ∂c = (g2 xc1, 0, 0) = (21, 0, 0),
        // ∂xc = (a0 g0, a1 g1 + c0 g2, a2 g2) = (2, 27.5, 7), ∂m = (−2, −27.5, −7).
        AssertGradient("Break", 49.25, [2, 36, 14], [21, 0, 0], [-2, -27.5, -7], [1, 2, 1], [0.5, 1, 2], [0, 0, 0], [1, 3, 2]);
    }
}
