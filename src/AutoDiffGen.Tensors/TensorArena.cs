using System;
using System.Collections.Generic;

namespace AutoDiffGen.Tensors
{
    /// <summary>
    /// A workspace that hands out result tensors so that a training step reuses the buffers of the
    /// previous one. While it is active on a thread (<see cref="Activate"/>), every operation's result
    /// and every <see cref="Tensor.ZeroAdjoint"/> is rented from it.
    /// </summary>
    /// <remarks>
    /// Rentals are handed out in order; <see cref="Reset"/> rewinds to the first. A step that performs
    /// the same operations on the same shapes therefore gets back the same <see cref="Tensor"/> objects
    /// and allocates nothing once warmed up. A tensor rented before <see cref="Reset"/> is overwritten
    /// by later rentals: copy what must outlive the step (<see cref="Tensor.Clone"/>). An arena is not
    /// thread-safe; activate it on one thread at a time.
    /// </remarks>
    public sealed class TensorArena
    {
        [ThreadStatic]
        private static TensorArena? t_current;

        private readonly List<Tensor> _slots = new();
        private int _next;

        /// <summary>The arena active on this thread, or null.</summary>
        public static TensorArena? Current => t_current;

        /// <summary>The number of tensors rented since the last <see cref="Reset"/>.</summary>
        public int RentedCount => _next;

        /// <summary>The number of tensors the arena holds for reuse.</summary>
        public int Capacity => _slots.Count;

        /// <summary>
        /// Makes this arena the current one on this thread until the returned scope is disposed:
        /// <c>using (arena.Activate()) { … }</c>.
        /// </summary>
        public Scope Activate()
        {
            TensorArena? previous = t_current;
            t_current = this;
            return new Scope(previous);
        }

        /// <summary>Rewinds the arena: the next rentals reuse the tensors handed out since the last reset.</summary>
        public void Reset() => _next = 0;

        internal Tensor Rent(int rank, int rows, int columns, bool clear)
        {
            int length = rows * columns;
            Tensor tensor;
            if (_next < _slots.Count && _slots[_next].Buffer.Length >= length)
            {
                tensor = _slots[_next];
                tensor.Reshape(rank, rows, columns);
                if (clear)
                {
                    tensor.Span.Clear();
                }
            }
            else
            {
                // A first rental, or a bigger shape than last time at this position: take a fresh buffer.
                tensor = Tensor.Wrap(new float[length], rank, rows, columns);
                if (_next < _slots.Count)
                {
                    _slots[_next] = tensor;
                }
                else
                {
                    _slots.Add(tensor);
                }
            }

            _next++;
            return tensor;
        }

        /// <summary>Restores the previously active arena when disposed.</summary>
        public readonly struct Scope : IDisposable
        {
            private readonly TensorArena? _previous;

            internal Scope(TensorArena? previous) => _previous = previous;

            /// <summary>Deactivates the arena and restores the one that was active before.</summary>
            public void Dispose() => t_current = _previous;
        }
    }
}
