using System.Reflection;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.FusedLoops;

/// <summary>
/// One element taped once for two loops of a merged row walk (<c>ReverseRowWalkSharedPops</c>, perf16, the GMM's `Gen12`):
/// the triangle row's <c>xc[i]</c> is the Q·x loop's <c>xc[id]</c> at the same index, so the row pushes nothing and its
/// reverse reads the Q·x loop's entry. Where it must not: the row overwrites <c>xc[i]</c> before its inner loop reads it
/// (a new version of the array: the values differ). Two components per point, as the GMM, so xc is taped, not read back.
/// Each by hand and by central differences.
/// </summary>
public class SharedPopTests
{
    internal const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Spt
        {
            // Two components per point, each xc = x_p − m, qx = a ∘ xc, then qx_j += c[li]·xc_i over the triangle j > i, li
            // counting from 3k; f = Σ qx². xc is written again by each component, so its elements are taped, not read back.
            [Differentiable]
            public static double Shared(double[] a, double[] c, double[] m, [NoDiff] double[] x)
            {
                int d = a.Length;
                var xc = new double[d];
                var qx = new double[d];
                double total = 0;
                for (int p = 0; p < x.Length / d; p++)
                {
                    for (int k = 0; k < 2; k++)
                    {
                        for (int j = 0; j < d; j++) xc[j] = x[p * d + j] - m[j];
                        for (int j = 0; j < d; j++) qx[j] = a[j] * xc[j];
                        int li = k * 3;
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
                }
                return total;
            }

            // Must not: each row doubles xc[i] before its inner loop reads it, so the row's xc[i] is not the Q·x loop's.
            [Differentiable]
            public static double Doubled(double[] a, double[] c, double[] m, [NoDiff] double[] x)
            {
                int d = a.Length;
                var xc = new double[d];
                var qx = new double[d];
                double total = 0;
                for (int p = 0; p < x.Length / d; p++)
                {
                    for (int k = 0; k < 2; k++)
                    {
                        for (int j = 0; j < d; j++) xc[j] = x[p * d + j] - m[j];
                        for (int j = 0; j < d; j++) qx[j] = a[j] * xc[j];
                        int li = k * 3;
                        for (int i = 0; i < d; i++)
                        {
                            xc[i] = 2.0 * xc[i];
                            for (int j = i + 1; j < d; j++)
                            {
                                qx[j] += c[li] * xc[i];
                                li++;
                            }
                        }
                        for (int j = 0; j < d; j++) total += qx[j] * qx[j];
                    }
                }
                return total;
            }
        }
        """;

    private static readonly Lazy<(Type Type, Dictionary<string, string> Texts)> Compiled = new(() => RuleTexts.Compile(Source, "Spt", new[] { "Shared", "Doubled" }));

    /// <summary>A row's element read from another loop's (<c>double element5 = element8;</c>), which only the shared pop writes.</summary>
    internal static bool Shared(string code) => Regex.IsMatch(code, @"\bdouble element\d+ = element\d+;");

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
    public void The_rows_xc_is_the_product_loops_entry_by_hand()
    {
        string text = Compiled.Value.Texts["Shared"];
        Assert.True(Shared(text), text);
        // Two doubles pushed per component, the Q·x loop's xc[j] and the reduction's qx[j]: the rows push none (their xc[i] is the
        // Q·x loop's entry, their li walked back).
        Assert.Equal(2, Regex.Matches(text, @"tapeDouble\[tapeDoubleTop\+\+\] = element\d+;").Count);
        // As WalkedBackCounterTests' Comp: d = 3, a = (1, 2, 1), m = 0, x = (1, 3, 2), xc = (1, 3, 2). Component 0 with
        // c0..2 = (0.5, 1, 2): qx = (1, 6.5, 9), f0 = 124.25, g = (2, 13, 18): ∂a = (2, 39, 36), ∂c0..2 = (g1 xc0, g2 xc0, g2 xc1)
        // = (13, 18, 54), ∂xc = (a0 g0 + c0 g1 + c1 g2, a1 g1 + c2 g2, a2 g2) = (26.5, 62, 18). Component 1 with c3..5 = (1, 0, 1):
        // qx = (1, 7, 5), f1 = 75, g = (2, 14, 10): ∂a = (2, 42, 20), ∂c3..5 = (14, 10, 30), ∂xc = (16, 38, 10).
        // f = 199.25, ∂a = (4, 81, 56), ∂m = −∂xc = (−42.5, −100, −28).
        AssertGradient("Shared", 199.25, [4, 81, 56], [13, 18, 54, 14, 10, 30], [-42.5, -100, -28], [1, 2, 1], [0.5, 1, 2, 1, 0, 1], [0, 0, 0], [1, 3, 2]);
        // A second point all zero adds nothing.
        AssertGradient("Shared", 199.25, [4, 81, 56], [13, 18, 54, 14, 10, 30], [-42.5, -100, -28], [1, 2, 1], [0.5, 1, 2, 1, 0, 1], [0, 0, 0], [1, 3, 2, 0, 0, 0]);
    }

    [Fact]
    public void An_element_overwritten_by_the_row_is_not_shared_by_hand()
    {
        string text = Compiled.Value.Texts["Doubled"];
        Assert.False(Shared(text), text);
        // Each component: xc = (1, 3, 2), qx = a ∘ xc = (1, 6, 2); row 0 doubles xc0 to 2, row 1 xc1 to 6, row 2 xc2 to 4.
        // Component 0, c0..2 = (0.5, 1, 2): qx1 += 0.5·2, qx2 += 1·2 + 2·6: qx = (1, 7, 16), f0 = 306, g = (2, 14, 32):
        // ∂a = g ∘ xc = (2, 42, 64), ∂c0..2 = (g1·2, g2·2, g2·6) = (28, 64, 192), ∂xc = (a0 g0 + 2(c0 g1 + c1 g2), a1 g1 + 2 c2 g2,
        // a2 g2) = (80, 156, 32). Component 1, c3..5 = (1, 0, 1): qx1 += 1·2, qx2 += 0·2 + 1·6: qx = (1, 8, 8), f1 = 129,
        // g = (2, 16, 16): ∂a = (2, 48, 32), ∂c3..5 = (32, 32, 96), ∂xc = (2 + 2·16, 32 + 2·16, 16) = (34, 64, 16).
        // f = 435, ∂a = (4, 90, 96), ∂m = −(114, 220, 48).
        AssertGradient("Doubled", 435, [4, 90, 96], [28, 64, 192, 32, 32, 96], [-114, -220, -48], [1, 2, 1], [0.5, 1, 2, 1, 0, 1], [0, 0, 0], [1, 3, 2]);
    }
}
