using System.Reflection;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.FusedLoops;

/// <summary>
/// Adjacent reverse loops walked as one (<c>ReverseLoopFusion</c>, perf13, the GMM's `Gen7`): the reverse of
/// <c>qx[j] = a[j] · xc[j]</c> (adds into <c>dXc[j]</c>) and of <c>xc[j] = x[…] − m[j]</c> (reads and zeroes it) become one
/// walk with <c>dXc[j]</c> read once (<c>double dDiff = dXc[j] + (a_j · dProd)</c>). Where it applies and where it must not
/// (the second loop pops; another range text; an adjoint element at another index than the counter; a parameter's adjoint
/// added into by both): each by hand and by central differences.
/// </summary>
public class ReverseLoopFusionTests
{
    internal const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Rlf
        {
            // xc = x_p − m, qx = a ∘ xc, f = Σ_p Σ_j qx_j².
            [Differentiable]
            public static double Centred(double[] a, double[] m, [NoDiff] double[] x)
            {
                int d = a.Length;
                var xc = new double[d];
                var qx = new double[d];
                double total = 0;
                for (int p = 0; p < x.Length / d; p++)
                {
                    for (int j = 0; j < d; j++) xc[j] = x[p * d + j] - m[j];
                    for (int j = 0; j < d; j++) qx[j] = a[j] * xc[j];
                    for (int j = 0; j < d; j++) total += qx[j] * qx[j];
                }
                return total;
            }

            // Not fused: the centring loop's reverse pops its exponential (the second loop must pop nothing).
            [Differentiable]
            public static double Pops(double[] a, double[] m, [NoDiff] double[] x)
            {
                int d = a.Length;
                var xc = new double[d];
                var qx = new double[d];
                double total = 0;
                for (int p = 0; p < x.Length / d; p++)
                {
                    for (int j = 0; j < d; j++) xc[j] = Math.Exp(m[j] * x[p * d + j]);
                    for (int j = 0; j < d; j++) qx[j] = a[j] * xc[j];
                    for (int j = 0; j < d; j++) total += qx[j] * qx[j];
                }
                return total;
            }

            // Not fused: the two ranges are written over different names (e and d), equal or not.
            [Differentiable]
            public static double OtherRange(double[] a, double[] m, [NoDiff] double[] x)
            {
                int d = a.Length;
                int e = m.Length;
                var xc = new double[d];
                var qx = new double[d];
                double total = 0;
                for (int p = 0; p < x.Length / d; p++)
                {
                    for (int j = 0; j < e; j++) xc[j] = x[p * d + j] - m[j];
                    for (int j = 0; j < d; j++) qx[j] = a[j] * xc[j];
                    for (int j = 0; j < d; j++) total += qx[j] * qx[j];
                }
                return total;
            }

            // Not fused: the product reads xc at d − 1 − j, so its reverse adds into dXc away from its counter.
            [Differentiable]
            public static double Reversed(double[] a, double[] m, [NoDiff] double[] x)
            {
                int d = a.Length;
                var xc = new double[d];
                var qx = new double[d];
                double total = 0;
                for (int p = 0; p < x.Length / d; p++)
                {
                    for (int j = 0; j < d; j++) xc[j] = x[p * d + j] - m[j];
                    for (int j = 0; j < d; j++) qx[j] = a[j] * xc[d - 1 - j];
                    for (int j = 0; j < d; j++) total += qx[j] * qx[j];
                }
                return total;
            }

            // Not fused: both loops add into m's adjoint (a parameter's adjoint array in both).
            [Differentiable]
            public static double BothIntoM(double[] a, double[] m, [NoDiff] double[] x)
            {
                int d = a.Length;
                var xc = new double[d];
                var qx = new double[d];
                double total = 0;
                for (int p = 0; p < x.Length / d; p++)
                {
                    for (int j = 0; j < d; j++) xc[j] = x[p * d + j] - m[j];
                    for (int j = 0; j < d; j++) qx[j] = a[j] * xc[j] + m[j];
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
        var texts = new[] { "Centred", "Pops", "OtherRange", "Reversed", "BothIntoM" }
            .ToDictionary(n => n, n => run.Generated.Values.Single(t => t.Contains(n + "Backward(", StringComparison.Ordinal)));
        return (GeneratorHarness.Load(run).GetType("Rlf")!, texts);
    });

    /// <summary>
    /// A slot read once after the fusion: <c>double dX = dXc[j] + (…);</c>, or, where that slot only ever holds zero
    /// (<c>ZeroAdjointArrays</c>, perf19: the fused walk's add into it became this read), the product's term alone:
    /// <c>double dX = (e * dProd);</c>.
    /// </summary>
    internal static bool Fused(string text) => Regex.IsMatch(text, @"double d\w+ = (d\w+\[\w+\] [+-] \(|\(\w+ \* d\w+\);)");

    private static MethodInfo Method(string name) => Compiled.Value.Type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    private static void AssertGradient(string name, double value, double[] dA, double[] dM, double[] a, double[] m, double[] x) =>
        AssertGradient(Compiled.Value.Type, name, value, dA, dM, a, m, x);

    /// <summary>Value and gradient of <c>double name(double[] a, double[] m, [NoDiff] double[] x)</c> against by-hand values and central differences.</summary>
    internal static void AssertGradient(Type type, string name, double value, double[] dA, double[] dM, double[] a, double[] m, double[] x)
    {
        MethodInfo Method(string n) => type.GetMethod(n, BindingFlags.Public | BindingFlags.Static)!;
        var gA = Enumerable.Repeat(0.25, a.Length).ToArray();
        var gM = Enumerable.Repeat(0.25, m.Length).ToArray();
        double v = (double)Method(name + "Backward").Invoke(null, [a, m, x, gA, gM, 2.0])!;
        Tolerance.AssertFormula(value, v);
        for (int j = 0; j < dA.Length; j++) Tolerance.AssertFormula(dA[j], (gA[j] - 0.25) / 2, "dA" + j);
        for (int j = 0; j < dM.Length; j++) Tolerance.AssertFormula(dM[j], (gM[j] - 0.25) / 2, "dM" + j);
        CentralDifferenceRunner.Check(Method(name), null, [a, m, x]);
        CentralDifferenceRunner.Check(Method(name), null, [new double[] { 0.3, -0.7, 1.1 }, new double[] { 0.2, 0.5, -0.4 }, new double[] { 0.9, -1.2, 0.4, 0.1, -0.3, 0.8 }]);
    }

    [Fact]
    public void The_product_and_centring_reverses_are_one_walk_by_hand()
    {
        string text = Compiled.Value.Texts["Centred"];
        Assert.True(Fused(text), text);
        // d = 2, a = (2, 3), m = (1, −1), x = (3, 1): xc = (2, 2), qx = (4, 6), f = 16 + 36 = 52;
        // ∂f/∂a_j = 2 qx_j xc_j = (16, 24); ∂f/∂m_j = −2 qx_j a_j = (−16, −36).
        AssertGradient("Centred", 52, [16, 24], [-16, -36], [2, 3], [1, -1], [3, 1]);
    }

    [Fact]
    public void A_second_loop_that_pops_is_not_fused_by_hand()
    {
        Assert.False(Fused(Compiled.Value.Texts["Pops"]));
        // d = 1, a = 1, m = 0, x = 2: xc = e⁰ = 1, f = 1; ∂f/∂a = 2a·xc² = 2; ∂f/∂m = 2a²xc²·x = 4.
        AssertGradient("Pops", 1, [2], [4], [1], [0], [2]);
    }

    [Fact]
    public void Ranges_over_other_names_are_not_fused_by_hand()
    {
        Assert.False(Fused(Compiled.Value.Texts["OtherRange"]));
        // As Centred (e = d = 2): f = 52, ∂f/∂a = (16, 24), ∂f/∂m = (−16, −36).
        AssertGradient("OtherRange", 52, [16, 24], [-16, -36], [2, 3], [1, -1], [3, 1]);
    }

    [Fact]
    public void An_adjoint_element_away_from_the_counter_is_not_fused_by_hand()
    {
        Assert.False(Fused(Compiled.Value.Texts["Reversed"]));
        // d = 2, a = (2, 3), m = (1, −1), x = (3, 2): xc = (2, 3), qx = (a0 xc1, a1 xc0) = (6, 6), f = 72;
        // ∂f/∂a = (2·6·3, 2·6·2) = (36, 24); ∂f/∂xc = (2 qx1 a1, 2 qx0 a0) = (36, 24), so ∂f/∂m = (−36, −24).
        AssertGradient("Reversed", 72, [36, 24], [-36, -24], [2, 3], [1, -1], [3, 2]);
    }

    [Fact]
    public void A_parameters_adjoint_added_into_by_both_is_not_fused_by_hand()
    {
        Assert.False(Fused(Compiled.Value.Texts["BothIntoM"]));
        // d = 1, a = 2, m = 1, x = 3: xc = 2, qx = 4 + 1 = 5, f = 25; ∂f/∂a = 2·5·2 = 20; ∂f/∂m = 2·5·(1 − a) = −10.
        AssertGradient("BothIntoM", 25, [20], [-10], [2], [1], [3]);
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void Fused_reverse_loops_compile_without_errors_or_warnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
    }
}
