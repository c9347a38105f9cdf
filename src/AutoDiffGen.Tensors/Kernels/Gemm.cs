using System;

namespace AutoDiffGen.Tensors.Kernels
{
    /// <summary>
    /// Single-precision GEMM, <c>C (+)= op(A) · op(B)</c> on row-major storage, blocked in the BLIS/Goto
    /// way: B is packed in KC×NC blocks shared by all threads, each thread packs its own MC×KC block of A
    /// and runs the 6×16 micro-kernel over it. Row blocks are spread over <see cref="WorkerPool"/>.
    /// </summary>
    internal static class Gemm
    {
        /// <summary>Multiply-adds below which threads cost more than they save.</summary>
        internal const long ParallelThreshold = 1L << 18;

        [ThreadStatic]
        private static GemmJob? t_job;

        /// <summary>
        /// C[m×n] = op(A)[m×k] · op(B)[k×n], or C += … when <paramref name="accumulate"/>.
        /// </summary>
        /// <param name="a">A's storage: m×k row-major, or k×m when <paramref name="transA"/>.</param>
        /// <param name="transA">Whether A is stored transposed.</param>
        /// <param name="b">B's storage: k×n row-major, or n×k when <paramref name="transB"/>.</param>
        /// <param name="transB">Whether B is stored transposed.</param>
        /// <param name="c">C's storage, m×n row-major.</param>
        /// <param name="m">Rows of op(A) and C.</param>
        /// <param name="n">Columns of op(B) and C.</param>
        /// <param name="k">The shared inner dimension.</param>
        /// <param name="accumulate">Add into C instead of overwriting it.</param>
        public static void Multiply(float[] a, bool transA, float[] b, bool transB, float[] c, int m, int n, int k, bool accumulate)
        {
            if (!accumulate)
            {
                c.AsSpan(0, m * n).Clear();
            }

            if (m == 0 || n == 0 || k == 0)
            {
                return;
            }

            GemmJob job = t_job ??= new GemmJob();
            job.Run(a, transA, b, transB, c, m, n, k);
        }
    }
}
