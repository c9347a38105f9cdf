using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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

            // Stored n×k: column j of logical B is row j of storage, contiguous along p. Full panels go
            // through 8×8 register transposes: 8 storage rows × 8 depths in, 8 depths × 8 columns out.
            int p0 = 0;
            if (cols == NR && Avx.IsSupported)
            {
                float* rows = b + (long)j0 * k + pc;
                for (; p0 + 8 <= kc; p0 += 8)
                {
                    for (int half = 0; half < NR; half += 8)
                    {
                        float* s0 = rows + (long)half * k + p0;
                        Transpose8x8(
                            Vector256.Load(s0), Vector256.Load(s0 + k), Vector256.Load(s0 + 2L * k), Vector256.Load(s0 + 3L * k),
                            Vector256.Load(s0 + 4L * k), Vector256.Load(s0 + 5L * k), Vector256.Load(s0 + 6L * k), Vector256.Load(s0 + 7L * k),
                            dst + (p0 * NR) + half, NR);
                    }
                }
            }

            for (int col = 0; col < NR; col++)
            {
                if (col < cols)
                {
                    float* src = b + (long)(j0 + col) * k + pc;
                    for (int p = p0; p < kc; p++)
                    {
                        dst[p * NR + col] = src[p];
                    }
                }
                else
                {
                    for (int p = p0; p < kc; p++)
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
                int p0 = 0;
                if (rows == MR && Avx.IsSupported)
                {
                    // 6 rows × 8 depths in (two zero rows pad the transpose), 8 depths × 6 rows out. Each
                    // 8-float store spills 2 floats past its 6; the next store (or the next panel, packed
                    // after this one; the buffer has slack past the last) overwrites them.
                    float* s0 = a + (long)i0 * k + pc;
                    Vector256<float> zero = Vector256<float>.Zero;
                    for (; p0 + 8 <= kc; p0 += 8)
                    {
                        float* s = s0 + p0;
                        Transpose8x8(
                            Vector256.Load(s), Vector256.Load(s + k), Vector256.Load(s + 2L * k),
                            Vector256.Load(s + 3L * k), Vector256.Load(s + 4L * k), Vector256.Load(s + 5L * k), zero, zero,
                            dst + (p0 * MR), MR);
                    }
                }

                for (int r = 0; r < MR; r++)
                {
                    if (r < rows)
                    {
                        float* src = a + (long)(i0 + r) * k + pc;
                        for (int p = p0; p < kc; p++)
                        {
                            dst[p * MR + r] = src[p];
                        }
                    }
                    else
                    {
                        for (int p = p0; p < kc; p++)
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
        /// <summary>
        /// Transposes the 8×8 block whose rows are r0…r7 and stores its columns: column j (r0[j] … r7[j])
        /// as 8 floats at dst + j·stride, j = 0 … 7 in order (so with stride &lt; 8 each store's tail is
        /// overwritten by the next).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Transpose8x8(
            Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3,
            Vector256<float> r4, Vector256<float> r5, Vector256<float> r6, Vector256<float> r7, float* dst, int stride)
        {
            Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
            Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
            Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
            Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
            Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE);
            Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
            Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE);
            Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);
            Vector256.Store(Avx.Permute2x128(s0, s4, 0x20), dst);
            Vector256.Store(Avx.Permute2x128(s1, s5, 0x20), dst + stride);
            Vector256.Store(Avx.Permute2x128(s2, s6, 0x20), dst + (2 * stride));
            Vector256.Store(Avx.Permute2x128(s3, s7, 0x20), dst + (3 * stride));
            Vector256.Store(Avx.Permute2x128(s0, s4, 0x31), dst + (4 * stride));
            Vector256.Store(Avx.Permute2x128(s1, s5, 0x31), dst + (5 * stride));
            Vector256.Store(Avx.Permute2x128(s2, s6, 0x31), dst + (6 * stride));
            Vector256.Store(Avx.Permute2x128(s3, s7, 0x31), dst + (7 * stride));
        }
    }
}
