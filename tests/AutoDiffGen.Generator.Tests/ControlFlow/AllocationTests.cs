using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>Loop methods keep their tapes in the thread's TapeWorkspace, reused call after call: steady-state calls allocate nothing.</summary>
public class AllocationTests
{
    private delegate double HornerBackward(double[] c, double x, double[] dC, ref double dX, double dResult);
    private delegate double IterateBackward(double x, int steps, ref double dX, double dResult);

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(ControlFlowExamples.Source));

    [Fact]
    public void HornerOver64Coefficients_AllocatesZeroBytesPerCall()
    {
        var horner = Compiled.Value.GetType("Flow")!.GetMethod("HornerBackward")!.CreateDelegate<HornerBackward>();
        var c = Enumerable.Range(0, 64).Select(i => 1.0 / (i + 1)).ToArray();
        var dC = new double[64];
        double dX = 0;
        long least = long.MaxValue;
        // Least of three rounds: a one-off runtime allocation (tiering, pool trimming) must not flake it.
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 200; i++) horner(c, 0.9, dC, ref dX, 1.0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++) horner(c, 0.9, dC, ref dX, 1.0);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, least);
        Assert.True(dC[63] > 0, "the tape-driven reverse sweep ran");
    }

    [Fact]
    public void LoopWithBranchesAndManyIterations_AllocatesZeroBytesPerCall()
    {
        var iterate = Compiled.Value.GetType("Flow")!.GetMethod("IterateBackward")!.CreateDelegate<IterateBackward>();
        double dX = 0;
        long least = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 50; i++) iterate(0.3, 500, ref dX, 1.0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 200; i++) iterate(0.3, 500, ref dX, 1.0);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, least);
    }

    [Fact]
    public void AllocationProbe_SeesRealAllocations()
    {
        // Guards the tests above against a probe that always reads zero.
        long before = GC.GetAllocatedBytesForCurrentThread();
        var array = new double[1000];
        GC.KeepAlive(array);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before >= 8000);
    }
}
