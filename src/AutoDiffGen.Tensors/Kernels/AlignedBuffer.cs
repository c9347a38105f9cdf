using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AutoDiffGen.Tensors.Kernels
{
    /// <summary>
    /// A pinned float buffer whose start is aligned to 64 bytes (a cache line), so packed GEMM panels
    /// never straddle lines and can be addressed by pointer without <c>fixed</c>.
    /// </summary>
    internal sealed unsafe class AlignedBuffer
    {
        private readonly float[] _array; // kept alive: it is on the pinned heap, so Pointer stays valid

        private AlignedBuffer(int capacity)
        {
            _array = GC.AllocateUninitializedArray<float>(capacity + 16, pinned: true);
            nint start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_array));
            Pointer = (float*)((start + 63) & ~(nint)63);
            Capacity = capacity;
        }

        public float* Pointer { get; }

        public int Capacity { get; }

        /// <summary>Returns <paramref name="buffer"/>, replaced by a bigger one when it is too small.</summary>
        public static AlignedBuffer Ensure(ref AlignedBuffer? buffer, int capacity)
        {
            if (buffer is null || buffer.Capacity < capacity)
            {
                buffer = new AlignedBuffer(capacity);
            }

            return buffer;
        }
    }
}
