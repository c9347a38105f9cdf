using System;
using AutoDiffGen.Internals;
using Xunit;

namespace AutoDiffGen.Tests.TapeTests;

/// <summary>
/// <see cref="TapeWorkspace.Local{T}"/>: the storage of a generated Backward's confined local arrays (perf18). Exactly the
/// length asked, all zero as <c>new T[n]</c> gives, the same arrays again in the next call, never shared with a nested call.
/// In the retention tests' collection: one of these changes the policy, and the others count on it.
/// </summary>
[Collection("TapePolicy")]
public sealed class TapeWorkspaceLocalsTests
{
    [Fact]
    public void Local_IsZeroedAndExactlyAsLong_AndComesBackInTheNextCall()
    {
        var first = TapeWorkspace.Enter();
        double[] a = first.Local<double>(5), b = first.Local<double>(3);
        int[] c = first.Local<int>(5);
        Assert.Equal(5, a.Length);
        Assert.Equal(3, b.Length);
        Assert.Equal(5, c.Length);
        Assert.NotSame(a, b);
        a.AsSpan().Fill(7);
        b.AsSpan().Fill(-1);
        c.AsSpan().Fill(3);
        first.Exit();

        var second = TapeWorkspace.Enter();
        try
        {
            double[] a2 = second.Local<double>(5), b2 = second.Local<double>(3);
            int[] c2 = second.Local<int>(5);
            Assert.Same(a, a2);
            Assert.Same(b, b2);
            Assert.Same(c, c2);
            Assert.All(a2, v => Assert.Equal(0.0, v));
            Assert.All(b2, v => Assert.Equal(0.0, v));
            Assert.All(c2, v => Assert.Equal(0, v));
            // Another length is another array, of that length.
            double[] d = second.Local<double>(4);
            Assert.Equal(4, d.Length);
            Assert.All(d, v => Assert.Equal(0.0, v));
        }
        finally
        {
            second.Exit();
        }
    }

    [Fact]
    public void Local_TwiceInOneCall_GivesTwoArrays()
    {
        var workspace = TapeWorkspace.Enter();
        try
        {
            double[] a = workspace.Local<double>(2), b = workspace.Local<double>(2);
            Assert.NotSame(a, b);
        }
        finally
        {
            workspace.Exit();
        }
    }

    [Fact]
    public void NestedCall_NeverGetsTheOuterCallsArrays()
    {
        var outer = TapeWorkspace.Enter();
        try
        {
            double[] mine = outer.Local<double>(4);
            mine.AsSpan().Fill(2);
            var inner = TapeWorkspace.Enter();
            double[] theirs = inner.Local<double>(4);
            theirs.AsSpan().Fill(9);
            inner.Exit();
            Assert.NotSame(mine, theirs);
            Assert.All(mine, v => Assert.Equal(2.0, v));
        }
        finally
        {
            outer.Exit();
        }
    }

    [Fact]
    public void Local_WithANegativeLength_ThrowsAsNewDoes()
    {
        var workspace = TapeWorkspace.Enter();
        try
        {
            Assert.Throws<OverflowException>(() => workspace.Local<double>(-1));
        }
        finally
        {
            workspace.Exit();
        }
    }

    [Fact]
    public void SteadyStateCalls_AllocateNothing()
    {
        static void Call()
        {
            var workspace = TapeWorkspace.Enter();
            double[] a = workspace.Local<double>(100), b = workspace.Local<double>(7);
            a[3] = b.Length;
            workspace.Exit();
        }

        Call();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) Call();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ArraysOverThePolicy_AreNotKeptAfterTheCall()
    {
        long saved = TapeWorkspace.RetainedBytesPerThread;
        TapeWorkspace.RetainedBytesPerThread = 1024;
        try
        {
            var first = TapeWorkspace.Enter();
            double[] big = first.Local<double>(1000);
            first.Exit();
            var second = TapeWorkspace.Enter();
            try
            {
                Assert.NotSame(big, second.Local<double>(1000));
            }
            finally
            {
                second.Exit();
            }
        }
        finally
        {
            TapeWorkspace.RetainedBytesPerThread = saved;
            TapeWorkspace.TrimCurrentThread();
        }
    }
}
