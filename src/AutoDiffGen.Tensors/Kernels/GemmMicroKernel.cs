using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AutoDiffGen.Tensors.Kernels
{
    /// <summary>
    /// The 6×16 register tile: C[6×16] += Apanel[kc×6]ᵀ · Bpanel[kc×16]. Twelve Vector256 accumulators,
    /// two B vectors and one broadcast A value fit the 16 AVX registers (the BLIS layout for AVX2 + FMA).
    /// </summary>
    internal static unsafe class GemmMicroKernel
    {
        public const int MR = 6;
        public const int NR = 16;

        /// <param name="kc">Depth of the panels.</param>
        /// <param name="a">Packed A panel: for each p, MR consecutive row values.</param>
        /// <param name="b">Packed B panel: for each p, NR consecutive column values.</param>
        /// <param name="c">Top-left of the C tile.</param>
        /// <param name="ldc">Row stride of C in elements.</param>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Run(int kc, float* a, float* b, float* c, int ldc)
        {
            Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
            Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;

            for (int p = 0; p < kc; p++)
            {
                Vector256<float> b0 = Vector256.Load(b);
                Vector256<float> b1 = Vector256.Load(b + 8);
                Vector256<float> ai = Vector256.Create(a[0]);
                c00 = MulAdd(ai, b0, c00);
                c01 = MulAdd(ai, b1, c01);
                ai = Vector256.Create(a[1]);
                c10 = MulAdd(ai, b0, c10);
                c11 = MulAdd(ai, b1, c11);
                ai = Vector256.Create(a[2]);
                c20 = MulAdd(ai, b0, c20);
                c21 = MulAdd(ai, b1, c21);
                ai = Vector256.Create(a[3]);
                c30 = MulAdd(ai, b0, c30);
                c31 = MulAdd(ai, b1, c31);
                ai = Vector256.Create(a[4]);
                c40 = MulAdd(ai, b0, c40);
                c41 = MulAdd(ai, b1, c41);
                ai = Vector256.Create(a[5]);
                c50 = MulAdd(ai, b0, c50);
                c51 = MulAdd(ai, b1, c51);
                a += MR;
                b += NR;
            }

            AddRow(c, c00, c01);
            AddRow(c + ldc, c10, c11);
            AddRow(c + 2 * ldc, c20, c21);
            AddRow(c + 3 * ldc, c30, c31);
            AddRow(c + 4 * ldc, c40, c41);
            AddRow(c + 5 * ldc, c50, c51);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> MulAdd(Vector256<float> x, Vector256<float> y, Vector256<float> addend) =>
            Fma.IsSupported ? Fma.MultiplyAdd(x, y, addend) : (x * y) + addend;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void AddRow(float* row, Vector256<float> left, Vector256<float> right)
        {
            Vector256.Store(Vector256.Load(row) + left, row);
            Vector256.Store(Vector256.Load(row + 8) + right, row + 8);
        }
    }
}
