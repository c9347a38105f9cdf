using System;
using System.Buffers;
using System.Runtime.CompilerServices;

namespace AutoDiffGen
{
    /// <summary>
    /// A last-in, first-out stack of unmanaged values (stack memory first, then the array pool) for carrying
    /// what the reverse sweep needs from the forward sweep: values a loop overwrites, trip counts and
    /// branch choices. The forward sweep pushes, the reverse sweep pops in the opposite order.
    /// For hand-written reverse sweeps; generated code uses <see cref="TapeWorkspace"/> arrays, whose
    /// growth it can keep out of its loops.
    /// </summary>
    /// <typeparam name="T">The element type, for example <see cref="double"/>, <see cref="float"/>,
    /// <see cref="int"/> or <see cref="bool"/>.</typeparam>
    /// <remarks>
    /// <para>
    /// The tape starts on a caller-provided buffer (typically <c>stackalloc</c>) and, when that is full,
    /// moves to arrays rented from <see cref="ArrayPool{T}.Shared"/>, doubling the capacity each time and
    /// returning the array it leaves. <see cref="Dispose"/> returns the last rented array. A call whose tape
    /// fits the initial buffer allocates nothing; a larger one allocates nothing once the pool is warm.
    /// </para>
    /// <para>
    /// It is a <c>ref struct</c> so it can hold a stack buffer and can never be boxed or copied into the
    /// heap by mistake. Keep it in a local and dispose it in a <c>finally</c> block:
    /// </para>
    /// <code>
    /// var tape = new global::AutoDiffGen.Tape&lt;double&gt;(stackalloc double[32]);
    /// try
    /// {
    ///     // forward sweep: tape.Push(x); …   reverse sweep: x = tape.Pop(); …
    /// }
    /// finally
    /// {
    ///     tape.Dispose();
    /// }
    /// </code>
    /// <para>
    /// <c>default(Tape&lt;T&gt;)</c> and <c>new Tape&lt;T&gt;()</c> are valid empty tapes that rent on the first
    /// <see cref="Push"/>. Copying a tape copies its state, not its contents: use one variable only.
    /// </para>
    /// </remarks>
    public ref struct Tape<T>
        where T : unmanaged
    {
        // Smallest array rented when the initial buffer is empty, so tiny tapes do not regrow at once.
        private const int MinimumRentedLength = 16;

        private Span<T> _buffer;
        private T[]? _rented;
        private int _count;

        /// <summary>Creates an empty tape that writes into <paramref name="initialBuffer"/> until it is full.</summary>
        /// <param name="initialBuffer">Storage to use first, typically <c>stackalloc T[n]</c>; may be empty.
        /// The tape never returns it to a pool.</param>
        public Tape(Span<T> initialBuffer)
        {
            _buffer = initialBuffer;
            _rented = null;
            _count = 0;
        }

        /// <summary>The number of values on the tape.</summary>
        public readonly int Count
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => _count;
        }

        /// <summary>The number of values the tape can hold before it rents a larger array.</summary>
        public readonly int Capacity => _buffer.Length;

        /// <summary>Whether the tape holds no values.</summary>
        public readonly bool IsEmpty
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => _count == 0;
        }

        /// <summary>Pushes <paramref name="value"/> on top of the tape, growing it if needed.</summary>
        /// <param name="value">The value to record.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Push(T value)
        {
            int count = _count;
            Span<T> buffer = _buffer;
            // The unsigned compare is the only bounds check: the JIT drops its own for buffer[count].
            if ((uint)count < (uint)buffer.Length)
            {
                buffer[count] = value;
                _count = count + 1;
            }
            else
            {
                PushWithGrowth(value);
            }
        }

        /// <summary>Removes and returns the value on top of the tape.</summary>
        /// <returns>The value pushed most recently and not yet popped.</returns>
        /// <exception cref="InvalidOperationException">The tape is empty.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Pop()
        {
            int index = _count - 1;
            Span<T> buffer = _buffer;
            // index == -1 (empty tape) wraps to a huge unsigned value, so one compare covers both ends,
            // and inside the branch the JIT knows buffer[index] is in range.
            if ((uint)index < (uint)buffer.Length)
            {
                _count = index;
                return buffer[index];
            }

            return ThrowEmpty();
        }

        /// <summary>Returns the value on top of the tape without removing it.</summary>
        /// <returns>The value <see cref="Pop"/> would return.</returns>
        /// <exception cref="InvalidOperationException">The tape is empty.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly T Peek()
        {
            int index = _count - 1;
            Span<T> buffer = _buffer;
            if ((uint)index < (uint)buffer.Length)
            {
                return buffer[index];
            }

            return ThrowEmpty();
        }

        /// <summary>Removes every value but keeps the storage, so the tape can be reused without renting.</summary>
        public void Clear() => _count = 0;

        /// <summary>
        /// Returns the rented array, if any, to <see cref="ArrayPool{T}.Shared"/> and leaves the tape empty.
        /// Calling it more than once is harmless.
        /// </summary>
        public void Dispose()
        {
            T[]? rented = _rented;
            _rented = null;
            _buffer = default;
            _count = 0;
            if (rented != null)
            {
                // T is unmanaged: the array holds no references, so there is nothing to clear for the GC.
                ArrayPool<T>.Shared.Return(rented);
            }
        }

        // Kept out of line so the inlined Push stays a compare, a store and an increment.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void PushWithGrowth(T value)
        {
            Grow();
            _buffer[_count] = value;
            _count++;
        }

        private void Grow()
        {
            int length = _buffer.Length;
            int wanted = length < MinimumRentedLength / 2 ? MinimumRentedLength : checked(length * 2);
            T[] larger = ArrayPool<T>.Shared.Rent(wanted);
            _buffer.Slice(0, _count).CopyTo(larger);

            T[]? old = _rented;
            _rented = larger;
            _buffer = larger;
            if (old != null)
            {
                ArrayPool<T>.Shared.Return(old);
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static T ThrowEmpty() =>
            throw new InvalidOperationException("The tape is empty: the reverse sweep popped more values than the forward sweep pushed.");
    }
}
