using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Internals;
using Xunit;

namespace AutoDiffGen.Generator.Tests.FusedLoops;

/// <summary>
/// A fused loop's reservation made once before the loop (<c>Differentiator.ReservedOnce</c>) instead of at the top of each
/// iteration: the counts read nothing the loop defines and every iteration pops what it pushed, so one reservation at the
/// loop's entry covers every iteration. Checked where it applies (the text: the reservation right before the loop, none in
/// it; a tape far too short for one iteration, grown by that one reservation; a loop that runs no iteration), and where it
/// must not (an inner loop whose trip count reads the point's counter, so the count changes per iteration: no reservation,
/// every push checks). Each by hand and by central differences.
/// </summary>
public class FusedReservedOnceTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Ro
        {
            // The inner loop's trip count reads the point's counter (i % n + 1): one reservation cannot be made before the loop.
            [Differentiable]
            public static double Ragged(double[] a, [NoDiff] double[] x)
            {
                int n = a.Length;
                var t = new double[n];
                double total = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    for (int j = 0; j < n; j++) t[j] = a[j] * x[i];
                    double se = 0;
                    for (int j = 0; j < i % n + 1; j++) se += Math.Exp(t[j]);
                    total += Math.Log(se);
                }
                return total;
            }
        }
        """;

    private static readonly Lazy<(GeneratorOutput Run, Type Type)> Compiled = new(() =>
    {
        var run = GeneratorHarness.RunForLoad(Source);
        run.AssertClean();
        return (run, GeneratorHarness.Load(run).GetType("Ro")!);
    });

    private static MethodInfo Method(string name) => Compiled.Value.Type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    private static string Generated(string name) => Compiled.Value.Run.Generated.Single(g => g.Key.Contains("Ro." + name + "_", StringComparison.Ordinal)).Value;

    /// <summary>
    /// The reservations at the top of an iteration of a loop in the method's body: a line indented as that loop's body
    /// (three tabs: these sources have no namespace) right after its test (<c>if (!c6) break;</c>).
    /// </summary>
    internal static List<string> PerIteration(string text)
    {
        var lines = Lines(text);
        var found = new List<string>();
        for (int i = 1; i < lines.Count; i++)
        {
            if (!lines[i - 1].StartsWith("\t\t\tif (!", StringComparison.Ordinal)) continue;
            for (int k = i; k < lines.Count && IsReserve(lines[k], "\t\t\t"); k++) found.Add(lines[k]);
        }
        return found;
    }

    /// <summary>
    /// Whether <paramref name="once"/> makes before a loop in the method's body, and not in its iterations, the reservations
    /// <paramref name="perIteration"/> (the same model with the reservation per iteration) makes at each iteration's top.
    /// </summary>
    internal static bool ReservedBeforeLoop(string once, string perIteration)
    {
        var moved = PerIteration(perIteration);
        string before = string.Concat(moved.Select(l => "\t\t" + l.TrimStart('\t') + "\n")) + "\t\twhile (true)\n";
        return moved.Count > 0 && PerIteration(once).Count == 0 && string.Join("\n", Lines(once)).Contains(before, StringComparison.Ordinal);
    }

    /// <summary>A reservation before a loop in the method's body (two tabs), the loop's <c>while (true)</c> next.</summary>
    private static bool ReservesBeforeATopLevelLoop(string text)
    {
        var lines = Lines(text);
        for (int i = 0; i + 1 < lines.Count; i++)
        {
            if (!IsReserve(lines[i], "\t\t")) continue;
            int k = i;
            while (k + 1 < lines.Count && IsReserve(lines[k + 1], "\t\t")) k++;
            if (k + 1 < lines.Count && lines[k + 1] == "\t\twhile (true)") return true;
        }
        return false;
    }

    private static List<string> Lines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

    private static bool IsReserve(string line, string indent) =>
        line.StartsWith(indent + "tape", StringComparison.Ordinal) && line.Contains(" = tapes.Reserve(", StringComparison.Ordinal);

    // The log-sum-exp over points (FusedReservationTests.Source, R.Lse): each point pushes ~2n doubles (the max's operands, the exps).
    [Fact]
    public void The_reservation_is_made_once_before_the_fused_loop()
    {
        string text = FusedReservationTests.Generated("Lse");
        Assert.True(FusedLoopTests.IsFused(FusedReservationTests.Source, "Lse"));
        Assert.Empty(PerIteration(text));
        Assert.True(ReservesBeforeATopLevelLoop(text), text);
        // One reservation in the method, outside the point loop, and no push that checks for room.
        Assert.Single(text.Split('\n'), l => l.Contains("tapes.Reserve(", StringComparison.Ordinal));
        Assert.DoesNotContain("tapes.Grow(tapeDouble, tapeDoubleTop)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_count_that_reads_the_point_counter_is_not_reserved_and_its_pushes_check()
    {
        string text = Generated("Ragged");
        Assert.True(FusedLoopTests.IsFused(Source, "Ragged"));
        // No reservation before the point loop nor at its top (an inner loop's own reservation before it may stay).
        Assert.False(ReservesBeforeATopLevelLoop(text), text);
        Assert.Empty(PerIteration(text));
        Assert.Contains("tapes.Grow(tapeDouble, tapeDoubleTop)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_points_from_an_empty_workspace_by_hand()
    {
        // a_j = ½ for j = 1..600, x = 40 points 1, −2, 3, 1, −2, 3, …: every t_j = x_i/2 is the max, se = n, so
        // f = Σ_i (log n + x_i/2) and ∂f/∂a_j = Σ_i x_i·softmax_j = Σ_i x_i / n. One point pushes ~1,800 doubles, far more
        // than a trimmed tape holds: the one reservation before the loop grows it, and every point reuses it.
        const int n = 600;
        var a = Enumerable.Repeat(0.5, n).ToArray();
        var x = Enumerable.Range(0, 40).Select(i => (double)new[] { 1, -2, 3 }[i % 3]).ToArray();
        var dA = new double[n];
        TapeWorkspace.TrimCurrentThread();
        double value = (double)FusedReservationTests.Method("LseBackward").Invoke(null, [a, x, dA, 1.0])!;
        // 600-term softmax sums over 40 points: the hand values hold to rounding (~1e-13 relative here), not to the last bit.
        Tolerance.AssertClose(40 * Math.Log(n) + x.Sum() / 2, value, 1e-10);
        for (int j = 0; j < n; j++) Tolerance.AssertClose(x.Sum() / n, dA[j], 1e-11, "dA" + j);
        var random = new Random(20261204);
        var b = Enumerable.Range(0, 50).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        TapeWorkspace.TrimCurrentThread();
        CentralDifferenceRunner.Check(FusedReservationTests.Method("Lse"), null, [b, Enumerable.Range(0, 12).Select(_ => random.NextDouble() * 4 - 2).ToArray()]);
    }

    [Fact]
    public void A_loop_that_runs_no_iteration_reserves_and_changes_nothing()
    {
        // x empty: f = 0 and no adjoint moves; the reservation before the loop is made and unused.
        var dA = new double[] { 0.25, 0.25 };
        TapeWorkspace.TrimCurrentThread();
        double value = (double)FusedReservationTests.Method("LseBackward").Invoke(null, [new double[] { 1, 2 }, Array.Empty<double>(), dA, 1.0])!;
        Assert.Equal(0.0, value);
        Assert.Equal(new[] { 0.25, 0.25 }, dA);
    }

    [Fact]
    public void The_ragged_count_by_hand()
    {
        // a = (0, 0), x = (1, 2, 3), n = 2: point 0 sums j < 1 (se = 1), point 1 j < 2 (se = 2), point 2 j < 1 (se = 1):
        // f = log 2; ∂f/∂a_0 = x_0 + x_1·½ + x_2 = 1 + 1 + 3 = 5, ∂f/∂a_1 = x_1·½ = 1.
        var dA = new double[2];
        double value = (double)Method("RaggedBackward").Invoke(null, [new double[] { 0, 0 }, new double[] { 1, 2, 3 }, dA, 1.0])!;
        Tolerance.AssertFormula(Math.Log(2), value);
        Tolerance.AssertFormula(5, dA[0], "dA0");
        Tolerance.AssertFormula(1, dA[1], "dA1");
        CentralDifferenceRunner.Check(Method("Ragged"), null, [new double[] { 0.3, -0.7, 1.1 }, new double[] { 1, 2, -3, 0.5, 2.5 }]);
    }
}
