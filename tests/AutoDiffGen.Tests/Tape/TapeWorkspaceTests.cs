using System;
using System.Threading;
using AutoDiffGen.Internals;
using Xunit;

namespace AutoDiffGen.Tests.TapeTests;

/// <summary>TapeWorkspace as generated loop code uses it: one per running Backward, per thread, reused.</summary>
public sealed class TapeWorkspaceTests
{
    [Fact]
    public void Enter_AfterExit_ReturnsTheSameWorkspaceAndTapes()
    {
        var first = TapeWorkspace.Enter();
        double[] tape = first.Tape<double>();
        first.Exit();

        var second = TapeWorkspace.Enter();
        try
        {
            Assert.Same(first, second);
            Assert.Same(tape, second.Tape<double>());
            Assert.True(tape.Length >= TapeWorkspace.InitialLength);
        }
        finally
        {
            second.Exit();
        }
    }

    [Fact]
    public void NestedEnter_GetsAnotherWorkspace_WithItsOwnTapes()
    {
        var outer = TapeWorkspace.Enter();
        try
        {
            var inner = TapeWorkspace.Enter();
            try
            {
                Assert.NotSame(outer, inner);
                Assert.NotSame(outer.Tape<int>(), inner.Tape<int>());
            }
            finally
            {
                inner.Exit();
            }

            // Freed, the inner one is handed out again rather than a third.
            var again = TapeWorkspace.Enter();
            again.Exit();
            Assert.Same(inner, again);
        }
        finally
        {
            outer.Exit();
        }
    }

    [Fact]
    public void Tapes_AreSeparatePerValueType()
    {
        var workspace = TapeWorkspace.Enter();
        try
        {
            var doubles = workspace.Tape<double>();
            var floats = workspace.Tape<float>();
            var bools = workspace.Tape<bool>();
            var longs = workspace.Tape<long>();
            doubles[0] = 1.5;
            floats[0] = 2.5f;
            bools[0] = true;
            longs[0] = 7;
            Assert.Equal(1.5, workspace.Tape<double>()[0]);
            Assert.Equal(2.5f, workspace.Tape<float>()[0]);
            Assert.True(workspace.Tape<bool>()[0]);
            Assert.Equal(7, workspace.Tape<long>()[0]);
        }
        finally
        {
            workspace.Exit();
        }
    }

    [Fact]
    public void Grow_DoublesTheLength_KeepsThePrefix_AndIsHandedOutFromThenOn()
    {
        var workspace = TapeWorkspace.Enter();
        try
        {
            int[] tape = workspace.Tape<int>();
            for (int i = 0; i < tape.Length; i++) tape[i] = i * 3;
            int[] larger = workspace.Grow(tape, 10);
            Assert.Equal(tape.Length * 2, larger.Length);
            for (int i = 0; i < 10; i++) Assert.Equal(i * 3, larger[i]);
            // Entries past the kept prefix are not read: a larger tape is allocated uninitialized (NewTape), so they
            // hold whatever the memory held (asserting zeros there failed on a clean-clone CI run).
            Assert.Same(larger, workspace.Tape<int>());
            Assert.Throws<ArgumentOutOfRangeException>(() => workspace.Grow(larger, larger.Length + 1));
        }
        finally
        {
            workspace.Exit();
        }
    }

    [Fact]
    public void ThreadsHaveTheirOwnWorkspaces()
    {
        var mine = TapeWorkspace.Enter();
        mine.Exit();
        TapeWorkspace? theirs = null;
        var thread = new Thread(() =>
        {
            theirs = TapeWorkspace.Enter();
            theirs.Exit();
        });
        thread.Start();
        thread.Join();
        Assert.NotNull(theirs);
        Assert.NotSame(mine, theirs);
    }

    [Fact]
    public void TrimCurrentThread_DropsGrownTapes()
    {
        var workspace = TapeWorkspace.Enter();
        double[] grown;
        try
        {
            grown = workspace.Grow(workspace.Tape<double>(), 0);
        }
        finally
        {
            workspace.Exit();
        }

        TapeWorkspace.TrimCurrentThread();
        var after = TapeWorkspace.Enter();
        try
        {
            Assert.NotSame(grown, after.Tape<double>());
            Assert.Equal(TapeWorkspace.InitialLength, after.Tape<double>().Length);
        }
        finally
        {
            after.Exit();
        }
    }

    [Fact]
    public void SteadyStateEnterTapeExit_AllocatesNothing()
    {
        static void Cycle()
        {
            var workspace = TapeWorkspace.Enter();
            try
            {
                workspace.Tape<double>()[0] = 1;
                workspace.Tape<int>()[0] = 1;
            }
            finally
            {
                workspace.Exit();
            }
        }

        for (int i = 0; i < 100; i++) Cycle();
        // The least of five rounds: a collection run by another thread between the two reads retires this thread's
        // allocation context, which the count reports as up to 8 KB "allocated" (TapeRetentionTests saw it in CI).
        long least = long.MaxValue;
        for (int round = 0; round < 5; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++) Cycle();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, least);
    }

    [Fact]
    public void Scratch_HasTheArgumentsLength_AndIsZeroedOnReuse()
    {
        var like = new double[5];
        double[] scratch = TapeWorkspace.Scratch<double>(like);
        Assert.Equal(5, scratch.Length);
        scratch[3] = 42;
        double[] again = TapeWorkspace.Scratch<double>(5);
        Assert.Same(scratch, again);
        Assert.All(again, v => Assert.Equal(0, v));
        Assert.Empty(TapeWorkspace.Scratch<double>((double[]?)null));
        Assert.Equal(7, TapeWorkspace.Scratch<float>(7).Length);
    }
}
