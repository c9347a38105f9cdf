using System;
using AutoDiffGen;
using Xunit;

namespace AutoDiffGen.Tests.TapeTests;

/// <summary>
/// A steady-state call of a loop's Backward must allocate nothing. These run the tape the way
/// generated code does and measure this thread's allocations after a warm-up.
/// </summary>
public sealed class TapeAllocationTests
{
    // Mimics a generated Backward of `for (i < n) { s = s * x[i] + 1; }`: the forward sweep tapes every
    // overwritten s and the trip count, the reverse sweep pops them.
    private static double LoopBackward(int n, double seed)
    {
        var values = new Tape<double>(stackalloc double[32]);
        var trips = new Tape<int>(stackalloc int[4]);
        try
        {
            double s = seed;
            int trip = 0;
            for (int i = 0; i < n; i++)
            {
                values.Push(s);
                s = (s * 1.0001) + 1;
                trip++;
            }

            trips.Push(trip);

            double ds = 1;
            for (int k = trips.Pop(); k > 0; k--)
            {
                double before = values.Pop();
                ds *= 1.0001 + (before * 0);
            }

            return ds;
        }
        finally
        {
            trips.Dispose();
            values.Dispose();
        }
    }

    private static long AllocatedBy(Action action, int repetitions)
    {
        for (int i = 0; i < 5; i++)
        {
            action(); // warms the JIT, the pool's buckets and its per-thread cache
        }

        // The least of three rounds: a steady-state allocation shows up in every round, while a one-off
        // (the pool trimming itself on a gen-2 GC started by another test) cannot fail the test.
        long least = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < repetitions; i++)
            {
                action();
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }

    [Fact]
    public void A_tape_that_fits_the_stack_buffer_allocates_nothing()
    {
        double sink = 0;
        long bytes = AllocatedBy(() => sink += LoopBackward(20, 1), 1000);

        Assert.Equal(0, bytes);
        Assert.True(sink > 0);
    }

    [Fact]
    public void A_tape_that_grows_into_the_pool_allocates_nothing_once_warm()
    {
        double sink = 0;
        long bytes = AllocatedBy(() => sink += LoopBackward(10_000, 1), 200);

        Assert.Equal(0, bytes);
        Assert.True(sink > 0);
    }

    [Fact]
    public void The_allocation_probe_sees_a_real_allocation()
    {
        // Guards the two tests above: if the probe could not see allocations they would pass vacuously.
        object? sink = null;
        long bytes = AllocatedBy(() => sink = new double[4], 10);

        Assert.True(bytes >= 10 * 4 * sizeof(double), $"{bytes} bytes");
        Assert.NotNull(sink);
    }
}
