using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace AutoDiffGen.Internals
{
    /// <summary>
    /// What one call site in a loop of a generated <c>…Backward</c> keeps per iteration of an array it passes to a callee:
    /// the array's contents at the call (a copy the callee's Backward reads, pushed with <see cref="Push"/>), or only its
    /// length (a spare array the callee's Backward writes before reading, <see cref="PushLength(T[])"/>). The reverse sweep pops
    /// them in the opposite order into one array per site, reused. It stands where a stack of fresh copies stood: those
    /// allocated an array per iteration and kept them all alive until the reverse sweep, which the collector then promoted.
    /// Handed out by <see cref="TapeWorkspace.Arrays{T}"/>, empty; called by generated code only.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class ArrayTape<T> : TapeWorkspace.IKeptTape
    {
        private T[] _values = Array.Empty<T>();
        private int _top;
        private int[] _lengths = Array.Empty<int>();
        private int _count;
        private T[] _array = Array.Empty<T>();

        internal ArrayTape()
        {
        }

        long TapeWorkspace.IKeptTape.Bytes =>
            ((long)_values.Length + _array.Length) * Unsafe.SizeOf<T>() + (long)_lengths.Length * sizeof(int);

        internal void Clear()
        {
            _top = 0;
            _count = 0;
        }

        /// <summary>Keeps the contents of <paramref name="array"/> as they are now.</summary>
        /// <param name="array">The array passed at the call site.</param>
        public void Push(T[] array)
        {
            if (array is null) throw new ArgumentNullException(nameof(array));
            int length = array.Length;
            if (_values.Length - _top < length)
            {
                _values = Larger(_values, _top, (long)_top + length);
            }

            array.AsSpan().CopyTo(_values.AsSpan(_top, length));
            _top += length;
            PushCount(length);
        }

        /// <summary>Keeps only the length of <paramref name="array"/> (a spare array's values are never read).</summary>
        /// <param name="array">The array passed at the call site.</param>
        public void PushLength(T[] array)
        {
            if (array is null) throw new ArgumentNullException(nameof(array));
            PushCount(array.Length);
        }

        /// <summary>The contents of the last <see cref="Push"/>, in this site's array, valid until the site's next pop.</summary>
        /// <returns>An array as long as the one pushed, holding its values.</returns>
        public T[] Pop()
        {
            int length = _lengths[--_count];
            _top -= length;
            T[] array = Reused(length);
            _values.AsSpan(_top, length).CopyTo(array);
            return array;
        }

        /// <summary>This site's array with the length of the last <see cref="PushLength(T[])"/>; its values are unspecified.</summary>
        /// <returns>An array as long as the one pushed.</returns>
        public T[] PopSpare() => Reused(_lengths[--_count]);

        private T[] Reused(int length) => _array.Length == length ? _array : (_array = new T[length]);

        private void PushCount(int length)
        {
            if (_count == _lengths.Length)
            {
                _lengths = Larger(_lengths, _count, _count + 1L);
            }

            _lengths[_count++] = length;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static TValue[] Larger<TValue>(TValue[] values, int keep, long atLeast)
        {
            long length = Math.Max(Math.Max(atLeast, values.Length * 2L), 16);
            if (length > 0x7FFFFFC7)
            {
                if (atLeast > 0x7FFFFFC7) throw new OutOfMemoryException("An array tape of more than 2^31 elements.");
                length = 0x7FFFFFC7;
            }

            var larger = new TValue[length];
            Array.Copy(values, larger, keep);
            return larger;
        }
    }
}
