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
/// Invariant elements read once before their inner loop (<c>Differentiator.ReadsBeforeLoop</c>, perf13, the GMM's `Gen8`):
/// the triangle's <c>t[i]</c> in <c>for (j = i + 1; j &lt; d; j++) q[j] += w[l] * t[i]</c> is read as
/// <c>j_1 &lt; d ? t[i] : 0.0</c> before the loop instead of in each iteration. Where it applies, where the loop runs zero
/// times at an index out of range (no read, no exception), and where it must not apply (the element written in the loop,
/// through the array or a ref alias; a call before the read): each by hand and by central differences.
/// </summary>
public class ReadsBeforeLoopTests
{
    internal const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Rbl
        {
            // t = x_p·a per point, q_j = Σ_{i<j} w_l t_i over the triangle (l counts its elements), f = Σ_p Σ_j q_j².
            [Differentiable]
            public static double Triangle(double[] a, double[] w, [NoDiff] double[] x)
            {
                int d = a.Length;
                var t = new double[d];
                var q = new double[d];
                double total = 0;
                for (int p = 0; p < x.Length; p++)
                {
                    for (int i = 0; i < d; i++)
                    {
                        t[i] = x[p] * a[i];
                        q[i] = 0;
                    }
                    int l = 0;
                    for (int i = 0; i < d; i++)
                    {
                        for (int j = i + 1; j < d; j++)
                        {
                            q[j] += w[l] * t[i];
                            l++;
                        }
                    }
                    for (int j = 0; j < d; j++) total += q[j] * q[j];
                }
                return total;
            }

            // As Triangle, with two more rows whose t[i] is past t's end: their inner loop runs zero times, so nothing reads it.
            [Differentiable]
            public static double PastTheEnd(double[] a, double[] w, [NoDiff] double[] x)
            {
                int d = a.Length;
                var t = new double[d];
                var q = new double[d];
                double total = 0;
                for (int p = 0; p < x.Length; p++)
                {
                    for (int i = 0; i < d; i++)
                    {
                        t[i] = x[p] * a[i];
                        q[i] = 0;
                    }
                    int l = 0;
                    for (int i = 0; i < d + 2; i++)
                    {
                        for (int j = i + 1; j < d; j++)
                        {
                            q[j] += w[l] * t[i];
                            l++;
                        }
                    }
                    for (int j = 0; j < d; j++) total += q[j] * q[j];
                }
                return total;
            }

            // Not read before: the loop writes t (at j, after the read), so t[i] is not invariant for the rule.
            [Differentiable]
            public static double Written(double[] a, double[] w, [NoDiff] double[] x)
            {
                int d = a.Length;
                var t = new double[d];
                double total = 0;
                for (int p = 0; p < x.Length; p++)
                {
                    for (int i = 0; i < d; i++) t[i] = x[p] * a[i];
                    int l = 0;
                    for (int i = 0; i < d; i++)
                    {
                        for (int j = i + 1; j < d; j++)
                        {
                            t[j] += w[l] * t[i];
                            l++;
                        }
                    }
                    for (int j = 0; j < d; j++) total += t[j] * t[j];
                }
                return total;
            }

            // Not read before: a ref alias of the element halves it in every iteration (read once, the value would be wrong).
            [Differentiable]
            public static double RefAlias(double[] a, double[] w, [NoDiff] double[] x)
            {
                int d = a.Length;
                var t = new double[d];
                var q = new double[d];
                double total = 0;
                for (int p = 0; p < x.Length; p++)
                {
                    for (int i = 0; i < d; i++)
                    {
                        t[i] = x[p] * a[i];
                        q[i] = 0;
                    }
                    int l = 0;
                    for (int i = 0; i < d; i++)
                    {
                        for (int j = i + 1; j < d; j++)
                        {
                            q[j] += w[l] * t[i];
                            ref double e = ref t[i];
                            e = e * 0.5;
                            l++;
                        }
                    }
                    for (int j = 0; j < d; j++) total += q[j] * q[j];
                }
                return total;
            }

            // Not read before: an integer division comes first in the body (it could throw before the read would run).
            [Differentiable]
            public static double DivisionFirst(double[] a, double[] w, [NoDiff] double[] x)
            {
                int d = a.Length;
                var t = new double[d];
                var q = new double[d];
                double total = 0;
                for (int p = 0; p < x.Length; p++)
                {
                    for (int i = 0; i < d; i++)
                    {
                        t[i] = x[p] * a[i];
                        q[i] = 0;
                    }
                    int l = 0;
                    for (int i = 0; i < d; i++)
                    {
                        for (int j = i + 1; j < d; j++)
                        {
                            int h = (l * 2) / 2;
                            q[j] += w[h] * t[i];
                            l++;
                        }
                    }
                    for (int j = 0; j < d; j++) total += q[j] * q[j];
                }
                return total;
            }
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() =>
    {
        var run = GeneratorHarness.RunForLoad(Source);
        run.AssertClean();
        return GeneratorHarness.Load(run).GetType("Rbl")!;
    });

    /// <summary>The elements MBackward's program reads before their inner loop, as the name and the guard.</summary>
    internal static List<(string Name, string Guard)> Guarded(string source, string method)
    {
        var model = Programs.Model(source, method);
        var graph = ParameterCopy.Apply(model.Graph);
        var program = Differentiator.Backward(graph, new Activity(graph));
        return Programs.All(program.Body).OfType<GuardedRead>().Select(g => (graph.Nodes[g.Node].Name, g.Guard)).ToList();
    }

    private static MethodInfo Method(string name) => Compiled.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    /// <summary>MBackward with the adjoints preloaded with 0.25 and seed 2: the value and the value, ∂f/∂a, ∂f/∂w against the hand ones.</summary>
    private static void AssertGradient(string name, double value, double[] dA, double[] dW, double[] a, double[] w, double[] x)
    {
        var gA = Enumerable.Repeat(0.25, a.Length).ToArray();
        var gW = Enumerable.Repeat(0.25, w.Length).ToArray();
        double v = (double)Method(name + "Backward").Invoke(null, [a, w, x, gA, gW, 2.0])!;
        Tolerance.AssertFormula(value, v);
        for (int j = 0; j < dA.Length; j++) Tolerance.AssertFormula(dA[j], (gA[j] - 0.25) / 2, "dA" + j);
        for (int j = 0; j < dW.Length; j++) Tolerance.AssertFormula(dW[j], (gW[j] - 0.25) / 2, "dW" + j);
        CentralDifferenceRunner.Check(Method(name), null, [a, w, x]);
        CentralDifferenceRunner.Check(Method(name), null, [new double[] { 0.3, -0.7, 1.1, 0.4 }, new double[] { 0.2, 0.5, -0.4, 1.3, -0.6, 0.9 }, new double[] { 0.9, -1.2 }]);
    }

    [Fact]
    public void The_triangles_row_value_is_read_once_before_its_loop_by_hand()
    {
        var guarded = Guarded(Source, "Triangle");
        Assert.Single(guarded);
        // The inner loop's own first test, over its counter's entry value.
        Assert.Matches(@"^j_\d+ < d$", guarded[0].Guard);
        Assert.Matches(@"double element\d* = j_\d+ < d \? t(_\d+)?\[i_\d+\] : 0\.0;", Text("Triangle"));
        // d = 3, a = (1, 2, 3), w = (1, ½, −1), x = (2): t = (2, 4, 6); q = (0, w0 t0, w1 t0 + w2 t1) = (0, 2, −3); f = 4 + 9 = 13.
        // ∂f/∂q = 2q = (0, 4, −6); ∂f/∂t = (w0·4 + w1·(−6), w2·(−6), 0) = (1, 6, 0); ∂f/∂a = x·∂f/∂t = (2, 12, 0);
        // ∂f/∂w = (t0·4, t0·(−6), t1·(−6)) = (8, −12, −24).
        AssertGradient("Triangle", 13, [2, 12, 0], [8, -12, -24], [1, 2, 3], [1, 0.5, -1], [2]);
    }

    [Fact]
    public void Rows_past_the_end_read_nothing_where_their_loop_does_not_run_by_hand()
    {
        // Rows d and d + 1 index t past its end; their inner loops run zero times, so the guarded read reads nothing.
        Assert.Single(Guarded(Source, "PastTheEnd"));
        // As Triangle: f = 13, ∂f/∂a = (2, 12, 0), ∂f/∂w = (8, −12, −24); and no IndexOutOfRangeException.
        AssertGradient("PastTheEnd", 13, [2, 12, 0], [8, -12, -24], [1, 2, 3], [1, 0.5, -1], [2]);
        // One element: the only row runs nothing, rows 1 and 2 are past the end. f = 0, every derivative 0.
        AssertGradient("PastTheEnd", 0, [0], [0], [1.5], [0.5], [2]);
    }

    [Fact]
    public void An_element_the_loop_writes_is_read_in_each_iteration_by_hand()
    {
        Assert.Empty(Guarded(Source, "Written"));
        // d = 2, a = (1, 2), w = (3), x = (1): t = (1, 2 + 3·1) = (1, 5), f = 1 + 25 = 26; ∂f/∂t1 = 10,
        // ∂f/∂t0 = 2·1 + 3·10 = 32, so ∂f/∂a = (32, 10) and ∂f/∂w = 10·t0 = 10.
        AssertGradient("Written", 26, [32, 10], [10], [1, 2], [3], [1]);
    }

    [Fact]
    public void An_element_a_ref_alias_writes_in_the_loop_is_read_in_each_iteration_by_hand()
    {
        Assert.Empty(Guarded(Source, "RefAlias"));
        // d = 3, a = (1, 2, 3), w = (1, ½, −1), x = (2): t = (2, 4, 6), halved after each read of it in its row:
        // q1 = w0 t0 = 2, q2 = w1 (t0/2) + w2 t1 = ½ − 4 = −3.5; f = 4 + 12.25 = 16.25 (read once: q2 = −3, f = 13).
        // ∂f/∂q = (0, 4, −7); ∂f/∂t = (w0·4 + w1·½·(−7), w2·(−7), 0) = (2.25, 7, 0); ∂f/∂a = (4.5, 14, 0);
        // ∂f/∂w = (t0·4, (t0/2)·(−7), t1·(−7)) = (8, −7, −28).
        AssertGradient("RefAlias", 16.25, [4.5, 14, 0], [8, -7, -28], [1, 2, 3], [1, 0.5, -1], [2]);
    }

    [Fact]
    public void A_statement_that_may_throw_before_the_read_keeps_it_in_the_loop_by_hand()
    {
        Assert.Empty(Guarded(Source, "DivisionFirst"));
        // h = l: as Triangle, f = 13, ∂f/∂a = (2, 12, 0), ∂f/∂w = (8, −12, −24).
        AssertGradient("DivisionFirst", 13, [2, 12, 0], [8, -12, -24], [1, 2, 3], [1, 0.5, -1], [2]);
    }

    [Fact]
    public void The_generated_gaussian_mixture_reads_its_row_value_once_per_row()
    {
        // The GMM's xc[i] in the triangle (benchmarks/gmm-probe's Gen8), read under the row loop's first test.
        var guarded = Guarded(Gmm, "Objective");
        Assert.Single(guarded);
        Assert.Matches(@"^j_\d+ < d$", guarded[0].Guard);
    }

    private const string Gmm = """
        using System;
        using AutoDiffGen;

        public static partial class G
        {
            [Differentiable]
            public static double Objective(int d, int k, double[] means, double[] icf, [NoDiff] double[] x)
            {
                int n = x.Length / d;
                int icfSize = d * (d + 1) / 2;
                var xc = new double[d];
                var qx = new double[d];
                double slse = 0;
                for (int ix = 0; ix < n; ix++)
                {
                    for (int ik = 0; ik < k; ik++)
                    {
                        for (int id = 0; id < d; id++) xc[id] = x[ix * d + id] - means[ik * d + id];
                        for (int id = 0; id < d; id++) qx[id] = icf[ik * icfSize + id] * xc[id];
                        int li = ik * icfSize + d;
                        for (int i = 0; i < d; i++)
                        {
                            for (int j = i + 1; j < d; j++)
                            {
                                qx[j] += icf[li] * xc[i];
                                li++;
                            }
                        }
                        for (int id = 0; id < d; id++) slse += qx[id] * qx[id];
                    }
                }
                return slse;
            }
        }
        """;

    /// <summary>The generated file that holds <paramref name="method"/>'s Backward.</summary>
    private static string Text(string method) =>
        GeneratorHarness.Run(Source).Generated.Values.Single(t => t.Contains(method + "Backward(", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void Reads_before_loops_compile_without_errors_or_warnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
    }
}
