using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Internals;
using Xunit;

namespace AutoDiffGen.Generator.Tests.FusedLoops;

/// <summary>
/// A fused iteration reserves once, at its top, room for everything it pushes (its inner loops' trip counts known there), and
/// its pushes then check nothing (<c>TapePush.Reserved</c>): no call inside its loops, so RyuJIT keeps their sums in registers.
/// The reservation must be right when the tapes are short (a first call from an empty workspace, an iteration pushing far more
/// than a tape's first length), and an iteration whose pushes are not all counted (an inner loop with a break) keeps its checks.
/// Each case: the text, the value and gradient by hand, and central differences.
/// </summary>
public class FusedReservationTests
{
    internal const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class R
        {
            // Σ_i logsumexp_j(a_j·x_i), the log-sum-exp through its max: each point pushes ~3n doubles (the max's two operands, the exps).
            [Differentiable]
            public static double Lse(double[] a, [NoDiff] double[] x)
            {
                int n = a.Length;
                var t = new double[n];
                double total = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    for (int j = 0; j < n; j++) t[j] = a[j] * x[i];
                    double mx = t[0];
                    for (int j = 1; j < n; j++) mx = Math.Max(mx, t[j]);
                    double se = 0;
                    for (int j = 0; j < n; j++) se += Math.Exp(t[j] - mx);
                    total += Math.Log(se) + mx;
                }
                return total;
            }

            // The max loop stops at the first t_j above 50: its trip count is not known at the iteration's top, so its pushes check.
            [Differentiable]
            public static double LseBreak(double[] a, [NoDiff] double[] x)
            {
                int n = a.Length;
                var t = new double[n];
                double total = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    for (int j = 0; j < n; j++) t[j] = a[j] * x[i];
                    double mx = t[0];
                    for (int j = 1; j < n; j++)
                    {
                        if (t[j] > 50) break;
                        mx = Math.Max(mx, t[j]);
                    }
                    double se = 0;
                    for (int j = 0; j < n; j++) se += Math.Exp(t[j] - mx);
                    total += Math.Log(se) + mx;
                }
                return total;
            }
        }
        """;

    private static readonly Lazy<(GeneratorOutput Run, Type Type)> Compiled = new(() =>
    {
        var run = GeneratorHarness.RunForLoad(Source);
        run.AssertClean();
        return (run, GeneratorHarness.Load(run).GetType("R")!);
    });

    internal static MethodInfo Method(string name) => Compiled.Value.Type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    internal static string Generated(string name) => Compiled.Value.Run.Generated.Single(g => g.Key.Contains("R." + name + "_", StringComparison.Ordinal)).Value;

    /// <summary>A push that grows its tape in place when short (the check the reservation makes unnecessary).</summary>
    private const string InPlaceCheck = "tapeDouble = tapes.Grow(tapeDouble, tapeDoubleTop);";

    [Fact]
    public void A_fused_iteration_reserves_once_and_its_pushes_check_nothing()
    {
        string text = Generated("Lse");
        Assert.True(FusedLoopTests.IsFused(Source, "Lse"));
        Assert.Contains("tapeDouble = tapes.Reserve(tapeDouble, tapeDoubleTop,", text, StringComparison.Ordinal);
        Assert.DoesNotContain(InPlaceCheck, text, StringComparison.Ordinal);
        Assert.Contains("tapeDouble[tapeDoubleTop++] = ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inner_loop_with_a_break_keeps_its_checks()
    {
        Assert.True(FusedLoopTests.IsFused(Source, "LseBreak"));
        Assert.Contains(InPlaceCheck, Generated("LseBreak"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Lse")]
    [InlineData("LseBreak")]
    public void A_thousand_components_from_an_empty_workspace_by_hand(string name)
    {
        // a_j = ½ for all j = 1..1000, x = (1, −2, 3): every t_j = x_i/2 is the max (below 50, so no break), se = n,
        // f = Σ_i (log n + x_i/2) = 3·log 1000 + 1; ∂f/∂a_j = Σ_i x_i·softmax_j = Σ_i x_i / n = 2/1000.
        const int n = 1000;
        var a = Enumerable.Repeat(0.5, n).ToArray();
        double[] x = [1, -2, 3];
        var dA = new double[n];
        // Tapes of their first length (far below the ~3,000 doubles one point pushes): the reservation has to grow them.
        TapeWorkspace.TrimCurrentThread();
        double value = (double)Method(name + "Backward").Invoke(null, [a, x, dA, 1.0])!;
        Tolerance.AssertFormula(3 * Math.Log(n) + 1, value);
        for (int j = 0; j < n; j++) Tolerance.AssertFormula(0.002, dA[j], "dA" + j);
        var random = new Random(20261204);
        var b = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        TapeWorkspace.TrimCurrentThread();
        CentralDifferenceRunner.Check(Method(name), null, [b, new double[] { 0.7, -1.3, 2.1 }]);
    }

    [Fact]
    public void The_break_taken_by_hand()
    {
        // a = (1, 2, 100, 3), x = (1): t = (1, 2, 100, 3); the max loop breaks at t_2 = 100 > 50, so mx = 2, and
        // f = log(e^−1 + e^0 + e^98 + e^1) + 2 = log(s) + 2 with s = Σ_j e^(t_j − 2); ∂f/∂a_j = x·e^(t_j − 2)/s (mx's adjoint,
        // 1 − Σ softmax, is 0). Summed the same way here, by hand: the softmax of t.
        double[] t = [1, 2, 100, 3];
        double s = t.Sum(v => Math.Exp(v - 2));
        var dA = new double[4];
        double value = (double)Method("LseBreakBackward").Invoke(null, [new double[] { 1, 2, 100, 3 }, new double[] { 1 }, dA, 1.0])!;
        Tolerance.AssertFormula(Math.Log(s) + 2, value);
        for (int j = 0; j < 4; j++) Tolerance.AssertFormula(Math.Exp(t[j] - 2) / s, dA[j], "dA" + j);
        CentralDifferenceRunner.Check(Method("LseBreak"), null, [new double[] { 1, 2, 60, 3 }, new double[] { 1, 0.5 }]);
    }
}
