using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.FusedLoops;

/// <summary>
/// Reverse row walks (<c>ReverseRowWalks</c>, perf15, the GMM's `Gen10`): the reverses of the reduction, of the triangle
/// <c>qx[j] += c·xc[i]</c> (j above the row) and of the product and centring walked back as one, with <c>dQx</c>'s zeroing
/// dropped. Where the centring must stay apart (dQx zeroed as before; the reduction and the triangle may still merge): qx read after the point loop (its adjoint array is named outside the walks), the
/// triangle reading xc above the row (its reverse writes <c>dXc</c> there, which a later row's centring reads and zeroes),
/// a triangle below the row. Each by hand and by central differences.
/// </summary>
public class ReverseRowWalkTests
{
    internal const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Rrt
        {
            // xc = x_p − m, qx = a ∘ xc, qx_j += ½ xc_i for j > i, f = Σ_p Σ_j qx_j².
            [Differentiable]
            public static double Rows(double[] a, double[] m, [NoDiff] double[] x)
            {
                int d = a.Length;
                var xc = new double[d];
                var qx = new double[d];
                double total = 0;
                for (int p = 0; p < x.Length / d; p++)
                {
                    for (int j = 0; j < d; j++) xc[j] = x[p * d + j] - m[j];
                    for (int j = 0; j < d; j++) qx[j] = a[j] * xc[j];
                    for (int i = 0; i < d; i++)
                    {
                        for (int j = i + 1; j < d; j++) qx[j] += 0.5 * xc[i];
                    }
                    for (int j = 0; j < d; j++) total += qx[j] * qx[j];
                }
                return total;
            }

            // Not walked as one: qx is read after the point loop, so dQx's zeroing must stay.
            [Differentiable]
            public static double ReadAfter(double[] a, double[] m, [NoDiff] double[] x)
            {
                int d = a.Length;
                var xc = new double[d];
                var qx = new double[d];
                double total = 0;
                for (int p = 0; p < x.Length / d; p++)
                {
                    for (int j = 0; j < d; j++) xc[j] = x[p * d + j] - m[j];
                    for (int j = 0; j < d; j++) qx[j] = a[j] * xc[j];
                    for (int i = 0; i < d; i++)
                    {
                        for (int j = i + 1; j < d; j++) qx[j] += 0.5 * xc[i];
                    }
                    for (int j = 0; j < d; j++) total += qx[j] * qx[j];
                }
                return total + 0.5 * qx[0];
            }

            // Not walked as one: the triangle reads xc[j] above the row, so its reverse adds into dXc[j], which the centring
            // of row j (walked earlier, as one) would already have read and zeroed.
            [Differentiable]
            public static double AboveWrite(double[] a, double[] m, [NoDiff] double[] x)
            {
                int d = a.Length;
                var xc = new double[d];
                var qx = new double[d];
                double total = 0;
                for (int p = 0; p < x.Length / d; p++)
                {
                    for (int j = 0; j < d; j++) xc[j] = x[p * d + j] - m[j];
                    for (int j = 0; j < d; j++) qx[j] = a[j] * xc[j];
                    for (int i = 0; i < d; i++)
                    {
                        for (int j = i + 1; j < d; j++) qx[j] += 0.5 * xc[j];
                    }
                    for (int j = 0; j < d; j++) total += qx[j] * qx[j];
                }
                return total;
            }
        }
        """;

    private static readonly Lazy<(Type Type, Dictionary<string, string> Texts)> Compiled = new(() =>
    {
        var run = GeneratorHarness.RunForLoad(Source);
        run.AssertClean();
        var texts = new[] { "Rows", "ReadAfter", "AboveWrite" }
            .ToDictionary(n => n, n => run.Generated.Values.Single(t => t.Contains(n + "Backward(", StringComparison.Ordinal)));
        return (GeneratorHarness.Load(run).GetType("Rrt")!, texts);
    });

    /// <summary>The method's text from its Backward's signature on (the file holds every method of the type).</summary>
    private static string Backward(string name)
    {
        string text = Compiled.Value.Texts[name];
        int at = text.IndexOf(name + "Backward(", StringComparison.Ordinal);
        int next = text.IndexOf("Backward(", at + name.Length + 9, StringComparison.Ordinal);
        return next < 0 ? text[at..] : text[at..next];
    }

    /// <summary>dQx's zeroing is still there: the centring's walk is not merged with the triangle's.</summary>
    private static bool ZeroesDQx(string text) => System.Text.RegularExpressions.Regex.IsMatch(text, @"\bdQx\[\w+\] = 0\.0;");

    private static void AssertGradient(string name, double value, double[] dA, double[] dM, double[] a, double[] m, double[] x) =>
        ReverseLoopFusionTests.AssertGradient(Compiled.Value.Type, name, value, dA, dM, a, m, x);

    [Fact]
    public void The_rows_are_one_walk_by_hand()
    {
        Assert.True(ReverseRowWalkPropertyTests.Walked(Backward("Rows")) && !ZeroesDQx(Backward("Rows")), Backward("Rows"));
        // d = 2, a = (1, 2), m = (0.5, −1), x = (1.5, 1): xc = (1, 2), qx = (1, 4 + ½) = (1, 4.5), f = 1 + 20.25 = 21.25;
        // ∂f/∂a = (2 qx0 xc0, 2 qx1 xc1) = (2, 18); ∂f/∂m0 = −(2 qx0 a0 + 2 qx1 ½) = −6.5, ∂f/∂m1 = −2 qx1 a1 = −18.
        AssertGradient("Rows", 21.25, [2, 18], [-6.5, -18], [1, 2], [0.5, -1], [1.5, 1]);
        // Two points, the second with xc = (0, 0): it adds nothing, and must see dQx as the first left it unread.
        AssertGradient("Rows", 21.25, [2, 18], [-6.5, -18], [1, 2], [0.5, -1], [1.5, 1, 0.5, -1]);
    }

    [Fact]
    public void The_row_slots_are_held_in_locals_by_hand()
    {
        // perf15b: dQx[i] is set once into a local and never reloaded, dXc[i] is loaded once, its slot sum's guarded
        // store and the centring's reload gone (the centring's zeroing is the one store). perf19: that zeroing is then
        // dXc's only write, so the array holds zero everywhere and is not made (ZeroAdjointArrays): the row's load is 0.0.
        string text = Backward("Rows");
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(text, @"double dQxRow\d+ = ") && System.Text.RegularExpressions.Regex.IsMatch(text, @"double dXcRow\d+ = 0\.0;"), text);
        Assert.False(text.Contains("< dXc.Length", StringComparison.Ordinal), text);
        Assert.DoesNotContain("dXc[", text);
        // The gradient as in The_rows_are_one_walk_by_hand (f = 21.25, ∂f/∂a = (2, 18), ∂f/∂m = (−6.5, −18)), also by central differences.
        AssertGradient("Rows", 21.25, [2, 18], [-6.5, -18], [1, 2], [0.5, -1], [1.5, 1]);
    }

    [Fact]
    public void Qx_read_after_the_loop_keeps_the_walks_apart_by_hand()
    {
        // (The reduction and the triangle may still be one walk: no slot one writes is one the other reads out of order.)
        Assert.True(ZeroesDQx(Backward("ReadAfter")), Backward("ReadAfter"));
        // As Rows plus ½ qx0 = ½ a0 xc0: f = 21.75, ∂f/∂a0 = 2 + ½ xc0 = 2.5, ∂f/∂m0 = −6.5 − ½ a0 = −7.
        AssertGradient("ReadAfter", 21.75, [2.5, 18], [-7, -18], [1, 2], [0.5, -1], [1.5, 1]);
    }

    [Fact]
    public void A_triangle_writing_above_the_row_keeps_the_walks_apart_by_hand()
    {
        Assert.True(ZeroesDQx(Backward("AboveWrite")), Backward("AboveWrite"));
        // d = 2: qx1 = a1 xc1 + ½ xc1 = (a1 + ½) xc1. a = (1, 2), m = (0.5, −1), x = (1.5, 1): xc = (1, 2), qx = (1, 5),
        // f = 26; ∂f/∂a = (2·1·1, 2·5·2) = (2, 20); ∂f/∂m = (−2·1·1, −2·5·2.5) = (−2, −25).
        AssertGradient("AboveWrite", 26, [2, 20], [-2, -25], [1, 2], [0.5, -1], [1.5, 1]);
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void Row_walks_compile_without_errors_or_warnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
    }
}
