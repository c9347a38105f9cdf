using System;

namespace AutoDiffGen.Tensors
{
    /// <summary>How many threads the tensor kernels may use.</summary>
    public static class TensorThreading
    {
        private static int s_maxThreads;

        /// <summary>
        /// The most threads a kernel (MatMul) uses, counting the calling thread; 0, the default, means
        /// one per processor. Set 1 to run single-threaded, e.g. to measure scaling.
        /// </summary>
        public static int MaxThreads
        {
            get => s_maxThreads;
            set => s_maxThreads = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "MaxThreads cannot be negative.");
        }
    }
}
