using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AutoDiffGen.Tensors.Kernels
{
    /// <summary>
    /// Copies blocks of A and B into the panel layout the micro-kernel streams through. Transposed
    /// operands are read in their stored order here, so no transposed tensor is ever materialized.
    /// Partial panels are padded with zeros, which the micro-kernel then multiplies harmlessly.
    /// </summary>
    internal static unsafe class GemmPacking
    {
        private const int MR = GemmMicroKernel.MR;
        private const int NR = GemmMicroKernel.NR;

        /// <summary>
        /// Packs logical B[pc..pc+kc, j0..j0+cols) as one kc×NR panel at dst. B's storage is k×n
        /// row-major, or n×k when transB.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void PackB(float* b, bool transB, int n, int k, int pc, int kc, int j0, int cols, float* dst)
        {
            if (!transB)
            {
                float* src = b + (long)pc * n + j0;
                if (cols == NR)
                {
                    for (int p = 0; p < kc; p++, src += n, dst += NR)
                    {
                        Vector256.Store(Vector256.Load(src), dst);
                        Vector256.Store(Vector256.Load(src + 8), dst + 8);
                    }
                }
                else
                {
                    for (int p = 0; p < kc; p++, src += n, dst += NR)
                    {
                        int col = 0;
                        for (; col < cols; col++)
                        {
                            dst[col] = src[col];
                        }

                        for (; col < NR; col++)
                        {
                            dst[col] = 0f;
                        }
                    }
                }

                return;
            }

            // Stored n×k: column j of logical B is row j of storage, contiguous along p.
            for (int col = 0; col < NR; col++)
            {
                if (col < cols)
                {
                    float* src = b + (long)(j0 + col) * k + pc;
                    for (int p = 0; p < kc; p++)
                    {
                        dst[p * NR + col] = src[p];
                    }
                }
                else
                {
                    for (int p = 0; p < kc; p++)
                    {
                        dst[p * NR + col] = 0f;
                    }
                }
            }
        }

        /// <summary>
        /// Packs logical A[i0..i0+rows, pc..pc+kc) as one kc×MR panel at dst. A's storage is m×k
        /// row-major, or k×m when transA.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void PackA(float* a, bool transA, int m, int k, int pc, int kc, int i0, int rows, float* dst)
        {
            if (!transA)
            {
                for (int r = 0; r < MR; r++)
                {
                    if (r < rows)
                    {
                        float* src = a + (long)(i0 + r) * k + pc;
                        for (int p = 0; p < kc; p++)
                        {
                            dst[p * MR + r] = src[p];
                        }
                    }
                    else
                    {
                        for (int p = 0; p < kc; p++)
                        {
                            dst[p * MR + r] = 0f;
                        }
                    }
                }

                return;
            }

            // Stored k×m: for each p the panel's rows are contiguous.
            float* column = a + (long)pc * m + i0;
            for (int p = 0; p < kc; p++, column += m, dst += MR)
            {
                int r = 0;
                for (; r < rows; r++)
                {
                    dst[r] = column[r];
                }

                for (; r < MR; r++)
                {
                    dst[r] = 0f;
                }
            }
        }
    }
}
