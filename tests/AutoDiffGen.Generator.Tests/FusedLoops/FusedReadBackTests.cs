using System.Reflection;
using AutoDiffGen.Generator.Differentiation;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Differentiation;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.FusedLoops;

/// <summary>
/// Fused read-backs (<c>Differentiator.FusedReadBacks</c>): in a fused iteration's reverse, an element of a local array is
/// read back from the array when the body stores nothing into it after the read's statement, or recomputed from the loop
/// that wrote the array all over (with the read's index) when the array is rewritten later (per component) and the value is
/// cheaper than a tape entry (at most one load, no division or Math call: the cost rule of perf12), instead of being taped.
/// Each case: by hand and by central differences; the cases where it must not apply keep the tape.
/// </summary>
public class FusedReadBackTests
{
    internal const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Rb
        {
            // Read back: t is written once per point and only read after. f = Σ_i Σ_j (a_j (x_i − m_j))².
            [Differentiable]
            public static double ReadBack(double[] a, double[] m, [NoDiff] double[] x)
            {
                var t = new double[a.Length];
                double total = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    for (int j = 0; j < a.Length; j++) t[j] = a[j] * (x[i] - m[j]);
                    double s = 0;
                    for (int j = 0; j < a.Length; j++) s += t[j] * t[j];
                    total += s;
                }
                return total;
            }

            // Taped, not recomputed (the cost rule, perf12): xc is rewritten per component, but its value x[…] − m[…] loads two
            // elements, dearer than a tape entry. f = Σ_i Σ_c a_c q_ic, q = Σ_j e_j² + Σ_{r<j} e_r e_j, e = x_i − m_c.
            [Differentiable]
            public static double Components(double[] a, double[] m, [NoDiff] double[] x)
            {
                int d = m.Length / a.Length;
                int k = a.Length;
                var xc = new double[d];
                var u = new double[k];
                double total = 0;
                for (int i = 0; i < x.Length / d; i++)
                {
                    for (int c = 0; c < k; c++)
                    {
                        for (int j = 0; j < d; j++) xc[j] = x[i * d + j] - m[c * d + j];
                        double q = 0;
                        for (int j = 0; j < d; j++) q += xc[j] * xc[j];
                        for (int r = 0; r < d + 1; r++)
                        {
                            for (int j = r + 1; j < d; j++) q += xc[r] * xc[j];
                        }
                        u[c] = a[c] * q;
                    }
                    double s = 0;
                    for (int c = 0; c < k; c++) s += u[c];
                    total += s;
                }
                return total;
            }

            // Recomputed: as Components, but the value i − m[…] loads one element (the cost rule); read in two loops and (once
            // per row) in a triangle whose last rows read past its end without running. x only counts the points.
            // f = Σ_i Σ_c a_c q_ic, q = Σ_j e_j² + Σ_{r<j} e_r e_j, e_j = i − m_cj.
            [Differentiable]
            public static double Shifted(double[] a, double[] m, [NoDiff] double[] x)
            {
                int d = m.Length / a.Length;
                int k = a.Length;
                var xc = new double[d];
                var u = new double[k];
                double total = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    for (int c = 0; c < k; c++)
                    {
                        for (int j = 0; j < d; j++) xc[j] = i - m[c * d + j];
                        double q = 0;
                        for (int j = 0; j < d; j++) q += xc[j] * xc[j];
                        for (int r = 0; r < d + 1; r++)
                        {
                            for (int j = r + 1; j < d; j++) q += xc[r] * xc[j];
                        }
                        u[c] = a[c] * q;
                    }
                    double s = 0;
                    for (int c = 0; c < k; c++) s += u[c];
                    total += s;
                }
                return total;
            }

            // Recomputed at another index than the one stored (a later store rules out the read-back); one load, m[j].
            // f = Σ_i Σ_j a_j t_{n−1−j}, t_j = (i + 1) m_j.
            [Differentiable]
            public static double Reversed(double[] a, double[] m, [NoDiff] double[] x)
            {
                int n = a.Length;
                var t = new double[n];
                double total = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    for (int j = 0; j < n; j++) t[j] = m[j] * (i + 1.0);
                    double s = 0;
                    for (int j = 0; j < n; j++) s += t[n - 1 - j] * a[j];
                    t[0] = s;
                    total += s;
                }
                return total;
            }

            // Neither: a store between the loop and the read (the version read is not the loop's), and one after it.
            [Differentiable]
            public static double Rewritten(double[] a, double[] m, [NoDiff] double[] x)
            {
                var t = new double[a.Length];
                double total = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    for (int j = 0; j < a.Length; j++) t[j] = a[j] * (x[i] - m[j]);
                    t[0] = 2 * t[0];
                    double s = 0;
                    for (int j = 0; j < a.Length; j++) s += t[j] * t[j];
                    t[0] = 0;
                    total += s;
                }
                return total;
            }

            // Neither: a quotient is dearer than a tape entry (the cost rule), and t is stored after the read.
            [Differentiable]
            public static double Quotient(double[] a, double[] m, [NoDiff] double[] x)
            {
                var t = new double[a.Length];
                double total = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    for (int j = 0; j < a.Length; j++) t[j] = m[j] / 2;
                    double s = 0;
                    for (int j = 0; j < a.Length; j++) s += a[j] * t[j];
                    t[0] = s;
                    total += s;
                }
                return total;
            }

            // Neither: the value stored is not recomputable (Math.Sin), and t is stored after the read.
            [Differentiable]
            public static double NotArithmetic(double[] a, double[] m, [NoDiff] double[] x)
            {
                var t = new double[a.Length];
                double total = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    for (int j = 0; j < a.Length; j++) t[j] = Math.Sin(a[j] * x[i]) + m[j];
                    double s = 0;
                    for (int j = 0; j < a.Length; j++) s += t[j] * t[j];
                    t[0] = s;
                    total += s;
                }
                return total;
            }

            // No read-back: t has another name that stores into it after the read (and its value, three loads, is taped).
            [Differentiable]
            public static double Aliased(double[] a, double[] m, [NoDiff] double[] x)
            {
                var t = new double[a.Length];
                var u = t;
                double total = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    for (int j = 0; j < a.Length; j++) t[j] = a[j] * (x[i] - m[j]);
                    double s = 0;
                    for (int j = 0; j < a.Length; j++) s += t[j] * t[j];
                    u[0] = s;
                    total += s;
                }
                return total;
            }
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() =>
    {
        var run = GeneratorHarness.RunForLoad(Source);
        run.AssertClean();
        return GeneratorHarness.Load(run).GetType("Rb")!;
    });

    /// <summary>The elements MBackward's program reads back or recomputes in a fused iteration's reverse (their values' text).</summary>
    internal static List<string> ReadBacks(string source, string method)
    {
        var model = Programs.Model(source, method);
        var graph = ParameterCopy.Apply(model.Graph);
        var program = Differentiator.Backward(graph, new Activity(graph));
        var elements = new HashSet<string>(graph.Nodes.Where(n => n.Gate == GateKind.Element).Select(n => n.Name));
        return Programs.All(program.Body).OfType<NewLocal>().Where(l => elements.Contains(l.Name)).Select(l => l.Value).ToList();
    }

    private static MethodInfo Method(string name) => Compiled.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    /// <summary>MBackward(a, m, x, dA, dM, seed 2) with the adjoints preloaded with 0.25: the value and each adjoint's change / seed.</summary>
    private static (double Value, double[] DA, double[] DM) Backward(string name, double[] a, double[] m, double[] x)
    {
        var dA = Enumerable.Repeat(0.25, a.Length).ToArray();
        var dM = Enumerable.Repeat(0.25, m.Length).ToArray();
        double value = (double)Method(name + "Backward").Invoke(null, [a, m, x, dA, dM, 2.0])!;
        return (value, dA.Select(d => (d - 0.25) / 2).ToArray(), dM.Select(d => (d - 0.25) / 2).ToArray());
    }

    private static void AssertGradient(string name, double value, double[] dA, double[] dM, double[] a, double[] m, double[] x)
    {
        var (v, ga, gm) = Backward(name, a, m, x);
        Tolerance.AssertFormula(value, v);
        for (int j = 0; j < dA.Length; j++) Tolerance.AssertFormula(dA[j], ga[j], "dA" + j);
        for (int j = 0; j < dM.Length; j++) Tolerance.AssertFormula(dM[j], gm[j], "dM" + j);
        CentralDifferenceRunner.Check(Method(name), null, [a, m, x]);
    }

    [Fact]
    public void An_array_written_once_per_point_is_read_back_by_hand()
    {
        Assert.True(FusedLoopTests.IsFused(Source, "ReadBack"));
        Assert.Contains(ReadBacks(Source, "ReadBack"), v => v.StartsWith("t[", StringComparison.Ordinal));
        // a = (1, 2), m = (½, −1), x = (1, 3): t = (½, 4) and (2.5, 8); f = ¼ + 16 + 6.25 + 64 = 86.5.
        // ∂f/∂a_j = 2a_j Σ_i (x_i − m_j)² = (2·(¼ + 6.25), 4·(4 + 16)) = (13, 80);
        // ∂f/∂m_j = −2a_j² Σ_i (x_i − m_j) = (−2·(½ + 2.5), −8·(2 + 4)) = (−6, −48).
        AssertGradient("ReadBack", 86.5, [13, 80], [-6, -48], [1, 2], [0.5, -1], [1, 3]);
        CentralDifferenceRunner.Check(Method("ReadBack"), null, [new double[] { 0.3, -0.7, 1.1 }, new double[] { 0.2, 0.5, -0.4 }, new double[] { 0.9, -1.2 }]);
    }

    [Fact]
    public void An_array_rewritten_per_component_from_one_load_is_recomputed_by_hand()
    {
        Assert.True(FusedLoopTests.IsFused(Source, "Shifted"));
        var values = ReadBacks(Source, "Shifted");
        // xc[j] in the second loop, xc[j] in the triangle and the triangle's row value xc[r] (guarded: rows d−1 and d read nothing).
        Assert.True(values.Count(v => v.Contains("m[", StringComparison.Ordinal)) >= 3, string.Join("\n", values));
        Assert.Contains(values, v => v.Contains("xc.Length ?", StringComparison.Ordinal));
        // d = 2, k = 2, a = (2, 1), m = ((1, 0), (0, 2)), two points (i = 0, 1; x's values unused). q = e0² + e1² + e0 e1:
        // c = 0: e = (−1, 0), q = 1; e = (0, 1), q = 1. c = 1: e = (0, −2), q = 4; e = (1, −1), q = 1 + 1 − 1 = 1.
        // f = 2·2 + 1·5 = 9; ∂f/∂a = (2, 5); ∂q/∂e_j = e_j + Σe and ∂e/∂m = −1, so ∂f/∂m_cj = −a_c Σ_i (e_j + Σe):
        // c = 0: (−2, −1) + (1, 2) = (−1, 1), × −2 = (2, −2); c = 1: (−2, −4) + (1, −1) = (−1, −5), × −1 = (1, 5).
        AssertGradient("Shifted", 9, [2, 5], [2, -2, 1, 5], [2, 1], [1, 0, 0, 2], [7, 7]);
        CentralDifferenceRunner.Check(Method("Shifted"), null, [new double[] { 0.3, -0.7 }, new double[] { 0.2, 0.5, -0.4, 1.1, 0.6, -0.9 }, new double[] { 0.9, -1.2, 0.4 }]);
    }

    [Fact]
    public void An_array_rewritten_per_component_from_two_loads_is_taped_by_hand()
    {
        Assert.True(FusedLoopTests.IsFused(Source, "Components"));
        // x[…] − m[…] loads two elements: the cost rule tapes it (no value of xc is recomputed, none read back).
        Assert.Empty(ReadBacks(Source, "Components"));
        // d = 2, k = 2, a = (2, 1), m = ((1, 0), (0, 2)), x = ((3, 1)): e = (2, 1), q = 4 + 1 + 2 = 7; e = (3, −1), q = 9 + 1 − 3 = 7.
        // f = 2·7 + 1·7 = 21; ∂f/∂a = (7, 7); ∂q/∂e_j = e_j + Σe, so ∂f/∂m_cj = −a_c (e_j + Σe): (−2·5, −2·4, −1·5, −1·1).
        AssertGradient("Components", 21, [7, 7], [-10, -8, -5, -1], [2, 1], [1, 0, 0, 2], [3, 1]);
        CentralDifferenceRunner.Check(Method("Components"), null, [new double[] { 0.3, -0.7 }, new double[] { 0.2, 0.5, -0.4, 1.1, 0.6, -0.9 }, new double[] { 0.9, -1.2, 0.4, 0.1, -0.3, 0.8 }]);
    }

    [Fact]
    public void A_read_at_another_index_is_recomputed_at_that_index_by_hand()
    {
        Assert.True(FusedLoopTests.IsFused(Source, "Reversed"));
        // Recomputed (m read again at the read's index), not read back from t (t[0] is stored after the read).
        var values = ReadBacks(Source, "Reversed");
        Assert.Contains(values, v => v.Contains("m[", StringComparison.Ordinal));
        Assert.DoesNotContain(values, v => v.StartsWith("t[", StringComparison.Ordinal));
        // n = 2, a = (1, 2), m = (½, 3), two points (i = 0, 1): s_i = (i + 1)(a0 m1 + a1 m0) = (i + 1)(3 + 1), f = 4 + 8 = 12.
        // ∂f/∂a = (3 m1, 3 m0) = (9, 1.5); ∂f/∂m = (3 a1, 3 a0) = (6, 3).
        AssertGradient("Reversed", 12, [9, 1.5], [6, 3], [1, 2], [0.5, 3], [1, 1]);
        CentralDifferenceRunner.Check(Method("Reversed"), null, [new double[] { 0.3, -0.7, 1.1 }, new double[] { 0.2, 0.5, -0.4 }, new double[] { 0.9, -1.2 }]);
    }

    [Fact]
    public void A_store_between_keeps_the_tape_by_hand()
    {
        Assert.True(FusedLoopTests.IsFused(Source, "Rewritten"));
        Assert.Empty(ReadBacks(Source, "Rewritten"));
        // a = (1, 2), m = (½, −1), x = (1): t = (2·½, 4) = (1, 4), f = 1 + 16 = 17; ∂f/∂a = (8a0(x − m0)², 2a1(x − m1)²) = (2, 16);
        // ∂f/∂m = (−8a0²(x − m0), −2a1²(x − m1)) = (−4, −16).
        AssertGradient("Rewritten", 17, [2, 16], [-4, -16], [1, 2], [0.5, -1], [1]);
    }

    [Fact]
    public void A_quotient_keeps_the_tape_by_hand()
    {
        Assert.True(FusedLoopTests.IsFused(Source, "Quotient"));
        Assert.Empty(ReadBacks(Source, "Quotient"));
        // a = (1, 2), m = (4, −6), x = (0, 0, 0): s = Σ a_j m_j / 2 = (4 − 12) / 2 = −4 per point, f = −12;
        // ∂f/∂a = 3 m / 2 = (6, −9); ∂f/∂m = 3 a / 2 = (1.5, 3).
        AssertGradient("Quotient", -12, [6, -9], [1.5, 3], [1, 2], [4, -6], [0, 0, 0]);
    }

    [Fact]
    public void A_value_that_is_not_arithmetic_keeps_the_tape_by_hand()
    {
        Assert.Empty(ReadBacks(Source, "NotArithmetic"));
        // a = (0), m = (1), x = (2): t = sin 0 + 1 = 1, f = 1; ∂f/∂a = 2t·cos(0)·x = 4; ∂f/∂m = 2t = 2.
        AssertGradient("NotArithmetic", 1, [4], [2], [0], [1], [2]);
    }

    [Fact]
    public void An_alias_that_stores_after_the_read_rules_out_the_read_back_by_hand()
    {
        // u is t: its store after the read would make a read-back of t[j] wrong; t[j] (three loads) is taped instead.
        var values = ReadBacks(Source, "Aliased");
        Assert.DoesNotContain(values, v => v.StartsWith("t[", StringComparison.Ordinal) || v.StartsWith("u[", StringComparison.Ordinal));
        Assert.Empty(values);
        // As ReadBack at one point: a = (1, 2), m = (½, −1), x = (1): f = ¼ + 16; ∂f/∂a = (½, 16); ∂f/∂m = (−1, −16).
        AssertGradient("Aliased", 16.25, [0.5, 16], [-1, -16], [1, 2], [0.5, -1], [1]);
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void Read_backs_compile_without_errors_or_warnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
    }
}
