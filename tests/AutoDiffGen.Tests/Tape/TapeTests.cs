using System;
using AutoDiffGen;
using Xunit;

namespace AutoDiffGen.Tests.TapeTests;

/// <summary>Tape&lt;T&gt; as generated loop code uses it: push in the forward sweep, pop in reverse.</summary>
public sealed class TapeTests
{
    [Fact]
    public void Pops_in_reverse_push_order()
    {
        var tape = new Tape<double>(stackalloc double[8]);
        try
        {
            tape.Push(1.5);
            tape.Push(-2.5);
            tape.Push(3.5);

            Assert.Equal(3, tape.Count);
            Assert.Equal(3.5, tape.Peek());
            Assert.Equal(3, tape.Count);
            Assert.Equal(3.5, tape.Pop());
            Assert.Equal(-2.5, tape.Pop());
            Assert.Equal(1.5, tape.Pop());
            Assert.True(tape.IsEmpty);
        }
        finally
        {
            tape.Dispose();
        }
    }

    [Fact]
    public void Interleaved_pushes_and_pops_keep_LIFO_order()
    {
        var tape = new Tape<int>(stackalloc int[2]);
        try
        {
            tape.Push(1);
            tape.Push(2);
            Assert.Equal(2, tape.Pop());
            tape.Push(3);
            tape.Push(4);
            tape.Push(5); // grows here
            Assert.Equal(5, tape.Pop());
            Assert.Equal(4, tape.Pop());
            tape.Push(6);
            Assert.Equal(6, tape.Pop());
            Assert.Equal(3, tape.Pop());
            Assert.Equal(1, tape.Pop());
            Assert.Equal(0, tape.Count);
        }
        finally
        {
            tape.Dispose();
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(32)]
    public void Grows_past_the_initial_span_and_keeps_every_value(int initial)
    {
        const int N = 5000;
        var tape = new Tape<double>(stackalloc double[initial]);
        try
        {
            for (int i = 0; i < N; i++)
            {
                tape.Push(i * 0.5);
            }

            Assert.Equal(N, tape.Count);
            Assert.True(tape.Capacity >= N, $"capacity {tape.Capacity}");
            for (int i = N - 1; i >= 0; i--)
            {
                Assert.Equal(i * 0.5, tape.Pop());
            }

            Assert.True(tape.IsEmpty);
        }
        finally
        {
            tape.Dispose();
        }
    }

    [Fact]
    public void Default_tape_rents_on_first_push()
    {
        var tape = default(Tape<float>);
        try
        {
            Assert.Equal(0, tape.Capacity);
            tape.Push(2f);
            tape.Push(7f);
            Assert.True(tape.Capacity >= 2);
            Assert.Equal(7f, tape.Pop());
            Assert.Equal(2f, tape.Pop());
        }
        finally
        {
            tape.Dispose();
        }
    }

    [Fact]
    public void Holds_branch_choices_as_bools()
    {
        var tape = new Tape<bool>(stackalloc bool[3]);
        try
        {
            bool[] choices = { true, false, false, true, true, false, true };
            foreach (bool c in choices)
            {
                tape.Push(c);
            }

            for (int i = choices.Length - 1; i >= 0; i--)
            {
                Assert.Equal(choices[i], tape.Pop());
            }
        }
        finally
        {
            tape.Dispose();
        }
    }

    [Fact]
    public void Pop_and_Peek_on_an_empty_tape_throw()
    {
        Assert.Throws<InvalidOperationException>(() =>
        {
            var tape = new Tape<double>(stackalloc double[4]);
            return tape.Pop();
        });
        Assert.Throws<InvalidOperationException>(() =>
        {
            var tape = default(Tape<double>);
            return tape.Peek();
        });
        InvalidOperationException afterUse = Assert.Throws<InvalidOperationException>(() =>
        {
            var tape = new Tape<long>(stackalloc long[1]);
            tape.Push(1);
            tape.Pop();
            return tape.Pop();
        });
        Assert.Contains("tape is empty", afterUse.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clear_empties_and_Dispose_is_idempotent()
    {
        var tape = new Tape<double>(stackalloc double[2]);
        for (int i = 0; i < 100; i++)
        {
            tape.Push(i);
        }

        int capacity = tape.Capacity;
        tape.Clear();
        Assert.Equal(0, tape.Count);
        Assert.Equal(capacity, tape.Capacity);
        tape.Push(9);
        Assert.Equal(9, tape.Pop());

        tape.Dispose();
        Assert.Equal(0, tape.Count);
        Assert.Equal(0, tape.Capacity);
        tape.Dispose();

        // A disposed tape is an empty default tape again and may be reused.
        tape.Push(4);
        Assert.Equal(4, tape.Pop());
        tape.Dispose();
    }

    [Fact]
    public void Works_in_a_using_declaration()
    {
        // Generated code may prefer `using var`; a using local is read-only, so this checks that
        // Push/Pop still mutate the tape itself and not a defensive copy.
        using var tape = new Tape<double>(stackalloc double[2]);
        tape.Push(1);
        tape.Push(2);
        tape.Push(3);
        Assert.Equal(3, tape.Count);
        Assert.Equal(3, tape.Pop());
        Assert.Equal(2, tape.Pop());
    }
}
