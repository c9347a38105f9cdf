using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Internals;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>
/// Reservations (Differentiation/TapeReservations): a taped loop whose trip count is known at its entry reserves its
/// tape once, inner loops included, so a first call neither doubles its tapes nor reruns its forward sweep. Checked by
/// the tape lengths a first call leaves (exactly what the loops push, not the next power of two), by the trip count
/// formula against counting, and by gradients (hand-derived and central differences) where the reservation is only an
/// upper bound (a branch around an inner loop) or is missing (a loop whose bound it cannot read).
/// </summary>
public class TapeReservationTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Reserved
        {
            // Not Horner's acc * x + c[i] (x's derivative is carried forward beside c's reverse sweep, which then tapes
            // nothing: Forward/MixedBackwardTests): c's adjoint reads acc here too, so the reverse sweep tapes it.
            [Differentiable]
            public static double Horner(double[] c, double x)
            {
                double acc = 1;
                for (int i = c.Length - 1; i >= 0; i--) acc = acc * x + c[i] * acc;
                return acc;
            }

            // Issue 14's Monte Carlo pricer: the path loop reserves both loops' entries at its entry.
            [Differentiable]
            public static double Price(double s0, double sigma, [NoDiff] double[] z, int paths, int steps)
            {
                double sum = 0;
                for (int p = 0; p < paths; p++)
                {
                    double s = s0;
                    for (int j = 0; j < steps; j++) s = s * Math.Exp(sigma * z[p * steps + j]);
                    sum += Math.Max(s - 100, 0.0);
                }
                return sum / paths;
            }

            // Counting down by 3 to a bound on the left, and up by 2 to an inclusive bound.
            [Differentiable]
            public static double Strides(double[] c, double x, int n)
            {
                double acc = 0;
                for (int i = n; 0 < i; i -= 3) acc = acc * x + c[i];
                for (int k = 1; k <= n; k += 2) acc = Math.Sin(acc) + c[k] * x;
                return acc;
            }

            // An inner loop on one side of a branch: the reservation takes the larger side (an upper bound).
            [Differentiable]
            public static double Sometimes(double[] c, double x, int n)
            {
                double acc = x;
                for (int i = 0; i < n; i++)
                {
                    if (c[i] > 0)
                    {
                        for (int j = 0; j < 3; j++) acc = Math.Sin(acc * c[i]) + x;
                    }
                    else
                    {
                        acc = acc * x;
                    }
                }
                return acc;
            }

            // The bound is computed by a call in the loop's test: no reservation, the tapes double as before. (sin: c's
            // adjoint reads acc, so the loop tapes it; Horner's acc * x + c[i] would carry x's derivative and tape nothing.)
            [Differentiable]
            public static double Called(double[] c, double x)
            {
                double acc = 0;
                for (int i = 0; i < Count(c.Length); i++) acc = Math.Sin(acc) + c[i] * x;
                return acc;
            }

            private static int Count(int length) => length;
        }
        """;

    private delegate double HornerBackward(double[] c, double x, double[] dC, ref double dX, double dResult);
    private delegate double PriceBackward(double s0, double sigma, double[] z, int paths, int steps, ref double dS0, ref double dSigma, double dResult);
    private delegate double CountedBackward(double[] c, double x, int n, double[] dC, ref double dX, double dResult);

    private static readonly Lazy<GeneratorOutput> Generated = new(() => GeneratorHarness.Run(Source));
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static T Backward<T>(string name) where T : Delegate =>
        Compiled.Value.GetType("Reserved")!.GetMethod(name + "Backward")!.CreateDelegate<T>();

    private static double Primal(string name, params object[] args) =>
        (double)Compiled.Value.GetType("Reserved")!.GetMethod(name)!.Invoke(null, args)!;

    private static string Code(string method) => Generated.Value.Generated.Single(g => g.Key.StartsWith("Reserved." + method + "_", StringComparison.Ordinal)).Value;

    /// <summary>Tape bytes one call from empty tapes leaves (nothing released), on this thread.</summary>
    private static long TapeBytesAfterOneCall(Action call)
    {
        long policy = TapeWorkspace.RetainedBytesPerThread;
        TapeWorkspace.TrimCurrentThread();
        TapeWorkspace.RetainedBytesPerThread = long.MaxValue;
        try
        {
            call();
            return TapeWorkspace.ResidentBytesOfCurrentThread();
        }
        finally
        {
            TapeWorkspace.RetainedBytesPerThread = policy;
            TapeWorkspace.TrimCurrentThread();
        }
    }

    [Fact]
    public void Generated_ReservesBeforeTheLoopsItCanCount_AndNotBeforeTheOthers()
    {
        Assert.Contains("TapeWorkspace.Want(tapeDoubleTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(i, -1, 0, true)", Code("Horner"));
        // The path loop only sums the payoffs: its MBackward is fused (Differentiation/FusedLoops), so one reservation per
        // path at its start, with the step loop's count inside it (the tape holds one path); none for all paths, none left in the body.
        Assert.DoesNotContain("Want(tapeDoubleTop", Code("Price"));
        Assert.Single(Code("Price").Split('\n'), l => l.Contains(".Reserve(tapeDouble, tapeDoubleTop, ", StringComparison.Ordinal) && l.Contains("Trips(0, 1, steps, false)", StringComparison.Ordinal));
        Assert.DoesNotContain("Want(", Code("Called"));
        Assert.DoesNotContain("Want", Code("Called"));
    }

    [Theory]
    [InlineData(3000)]
    [InlineData(257)]
    [InlineData(0)]
    public void Horner_FirstCall_AllocatesExactlyItsTape(int n)
    {
        var horner = Backward<HornerBackward>("Horner");
        var c = Enumerable.Range(0, n).Select(i => 1.0 / (i + 1)).ToArray();
        double dX = 0;
        long bytes = TapeBytesAfterOneCall(() => horner(c, 0.5, new double[n], ref dX, 1.0));
        // n doubles (acc per iteration) in one growth, which at least doubles the first 256-entry tape; the trip count
        // stays in its local (a loop directly in the body runs once per call): no int tape at all.
        Assert.Equal(Grown(TapeWorkspace.InitialLength, n) * 8L, bytes);
    }

    /// <summary>A tape's length after reservations of these lengths in turn: each that does not fit at least doubles it.</summary>
    private static long Grown(long length, params long[] wants)
    {
        foreach (long want in wants)
        {
            if (length < want) length = Math.Max(2 * length, want);
        }
        return length;
    }

    [Fact]
    public void MonteCarlo_FirstCall_AllocatesBothLoopsTapesOnce_AndGivesThePathwiseGreeks()
    {
        const int paths = 60, steps = 50;
        var price = Backward<PriceBackward>("Price");
        var random = new Random(14);
        var z = Enumerable.Range(0, paths * steps).Select(_ => random.NextDouble() * 0.4 - 0.2).ToArray();
        double dS0 = 0, dSigma = 0, value = 0;
        long bytes = TapeBytesAfterOneCall(() => value = price(100, 0.3, z, paths, steps, ref dS0, ref dSigma, 1.0));
        // Per path: 2 doubles per step (s and exp, which the mul and exp gates read; the [NoDiff] z[p·steps + j] is read
        // again by the reverse sweep, its counters computed from the countdowns) and a few after the step loop (what the
        // reverse reads of s − 100 and the max); no ints: the step loop's trip count is computed again by its reverse walk
        // (from its test j < steps) and the paths' stays in its local, so there is no int tape. So exactly
        // paths × (2·steps + a few) doubles, where doubling from 256 would give 16,384.
        // The path loop is fused (each path's reverse right after it): the tape holds one path's 2·steps + a few doubles,
        // which the first 256-entry tape holds: it never grows (and there is still no int tape).
        long doubles = bytes / 8;
        Assert.True(2 * steps + 4 <= TapeWorkspace.InitialLength);
        Assert.Equal(TapeWorkspace.InitialLength, doubles);

        // By hand: S_T = s0·exp(σ·Σz), so ∂/∂s0 = Σ over paths in the money of S_T/s0 / paths, ∂/∂σ = Σ S_T·Σz / paths.
        double expectedValue = 0, expectedS0 = 0, expectedSigma = 0;
        for (int p = 0; p < paths; p++)
        {
            double s = 100, sumZ = 0;
            for (int j = 0; j < steps; j++)
            {
                s *= Math.Exp(0.3 * z[p * steps + j]);
                sumZ += z[p * steps + j];
            }
            if (s - 100 > 0)
            {
                expectedValue += s - 100;
                expectedS0 += s / 100;
                expectedSigma += s * sumZ;
            }
        }
        Assert.Equal(expectedValue / paths, value, 1e-9);
        Assert.Equal(expectedS0 / paths, dS0, 1e-9);
        Assert.Equal(expectedSigma / paths, dSigma, 1e-9);
    }

    [Theory]
    [InlineData(700)]
    [InlineData(5)]
    [InlineData(1)]
    public void Strides_ReserveTheirExactCounts_AndMatchCentralDifferences(int n)
    {
        var strides = Backward<CountedBackward>("Strides");
        var c = Enumerable.Range(0, n + 1).Select(i => Math.Cos(i) * 0.5).ToArray();
        double dX = 0;
        var dC = new double[n + 1];
        long bytes = TapeBytesAfterOneCall(() => strides(c, 0.7, n, dC, ref dX, 1.0));
        int down = 0, up = 0;
        for (int i = n; 0 < i; i -= 3) down++;
        for (int k = 1; k <= n; k += 2) up++;
        // x's derivative is carried forward beside c's reverse sweep (a mixed Backward, Lowering/CarriedBackwards): the
        // first loop's mul gate read acc only for x's adjoint, so it saves nothing. The second saves acc (sin reads it on
        // c's path too): c[k], which sin and mul read too, is an element of a parameter the method never writes, read again
        // in the reverse sweep (Differentiator.Rereads). The counters are recomputed (affine), the two trip counts stay in
        // their locals: no int tape.
        Assert.Equal(Grown(TapeWorkspace.InitialLength, 0, up) * 8, bytes);

        dX = 0;
        Array.Clear(dC);
        strides(c, 0.7, n, dC, ref dX, 1.0);
        GradCheck.Check(v => Primal("Strides", c, v[0], n), new[] { 0.7 }, new[] { dX }).ThrowIfFailed();
    }

    [Theory]
    [InlineData(400)]
    [InlineData(3)]
    public void AnInnerLoopOnOneSideOfABranch_IsReservedByItsLargerSide_AndExact(int n)
    {
        var sometimes = Backward<CountedBackward>("Sometimes");
        var c = Enumerable.Range(0, n).Select(i => Math.Sin(i * 1.3 + 0.5)).ToArray();   // away from the branch at 0
        foreach (double x in new[] { 0.4, -0.9 })
        {
            for (int call = 0; call < 2; call++)
            {
                double dX = 0;
                var dC = new double[n];
                double value = sometimes(c, x, n, dC, ref dX, 1.0);
                Assert.Equal(Primal("Sometimes", c, x, n), value);
                GradCheck.Check(v => Primal("Sometimes", c, v[0], n), new[] { x }, new[] { dX }).ThrowIfFailed();
                GradCheck.Check(v => Primal("Sometimes", v, x, n), c, dC).ThrowIfFailed();
            }
        }
    }

    [Fact]
    public void ALoopItCannotCount_StillGrowsByDoubling()
    {
        var called = Backward<HornerBackward>("Called");
        var c = Enumerable.Range(0, 1000).Select(i => 1.0 / (i + 1)).ToArray();
        double dX = 0;
        var dC = new double[1000];
        long bytes = TapeBytesAfterOneCall(() => called(c, 0.5, dC, ref dX, 1.0));
        Assert.Equal(1024 * 8L, bytes);   // 256 → 512 → 1024, restarting each time; the trip count stays in its local
        Assert.Equal(0.5, dC[999]);   // acc_999 = sin(acc_998) + c_999·x: ∂/∂c_999 = x
        GradCheck.Check(v => Primal("Called", c, v[0]), new[] { 0.5 }, new[] { dX }).ThrowIfFailed();
    }

    /// <summary>The count formula against counting, for every comparison, step and entry around the bound.</summary>
    [Fact]
    public void Trips_EqualsTheIterationsCounted()
    {
        foreach (int step in new[] { 1, 2, 3, 7, -1, -2, -5 })
        {
            foreach (bool inclusive in new[] { false, true })
            {
                for (int first = -12; first <= 12; first++)
                {
                    foreach (double bound in new[] { -11.0, -3, 0, 0.5, 4, 9.25, 12 })
                    {
                        int counted = 0;
                        for (int i = first; step > 0 ? (inclusive ? i <= bound : i < bound) : (inclusive ? i >= bound : i > bound); i += step) counted++;
                        Assert.Equal(counted, TapeWorkspace.Trips(first, step, bound, inclusive));
                    }
                }
            }
        }
    }

    [Fact]
    public void Want_DropsCountsThatAreNoTapeLength()
    {
        Assert.Equal(300, TapeWorkspace.Want(100, 200));
        Assert.Equal(0, TapeWorkspace.Want(0, double.NaN));
        Assert.Equal(0, TapeWorkspace.Want(5, -10));
        Assert.Equal(0, TapeWorkspace.Want(0, 1e12));
        Assert.Equal(0, TapeWorkspace.Want(int.MaxValue, 1));
    }
}
