using System;
using System.Linq;
using AutoDiffGen.Tensors;
using Xunit;

namespace AutoDiffGen.Tensors.Tests
{
    public class MatMulTests
    {
        // Odd sizes that are not multiples of the 6×16 tile, sizes across the KC = 256 depth block,
        // and sizes big enough (m·n·k ≥ 2^18) to take the multi-threaded path.
        public static TheoryData<int, int, int> Shapes => new()
        {
            { 1, 1, 1 },
            { 1, 7, 1 },
            { 5, 3, 7 },
            { 6, 16, 8 },
            { 7, 17, 9 },
            { 13, 31, 33 },
            { 64, 64, 64 },
            { 37, 300, 65 },
            { 100, 257, 129 },
            { 130, 70, 513 },
            { 12, 24, 32 },    // full 6-row panels, depth a multiple of 8: the vector packing paths only
            { 48, 520, 40 },   // depth split into two equal blocks (264 + 256)
            { 64, 784, 100 },  // the 2-layer net's first layer (three depth blocks of 264, 264, 256)
            { 290, 203, 35 },  // single-threaded row blocks balanced (3 × 102 − 16), depth with a scalar tail
        };

        [Theory]
        [MemberData(nameof(Shapes))]
        public void MatMul_matches_naive_reference(int m, int k, int n)
        {
            Tensor a = Reference.Random(m, k, seed: m + k);
            Tensor b = Reference.Random(k, n, seed: k + n + 1);
            Tensor c = Tensor.MatMul(a, b);
            Assert.Equal(new[] { m, n }, c.Shape);
            AssertProduct(null, a, false, b, false, k, c, "MatMul");
        }

        [Theory]
        [MemberData(nameof(Shapes))]
        public void MatMulTransposeA_matches_naive_reference(int m, int k, int n)
        {
            Tensor a = Reference.Random(k, m, seed: m * 3);
            Tensor b = Reference.Random(k, n, seed: n * 5);
            Tensor c = Tensor.MatMulTransposeA(a, b);
            Assert.Equal(new[] { m, n }, c.Shape);
            AssertProduct(null, a, true, b, false, k, c, "MatMulTransposeA");
        }

        [Theory]
        [MemberData(nameof(Shapes))]
        public void MatMulTransposeB_matches_naive_reference(int m, int k, int n)
        {
            Tensor a = Reference.Random(m, k, seed: m * 7);
            Tensor b = Reference.Random(n, k, seed: n * 11);
            Tensor c = Tensor.MatMulTransposeB(a, b);
            Assert.Equal(new[] { m, n }, c.Shape);
            AssertProduct(null, a, false, b, true, k, c, "MatMulTransposeB");
        }

        [Theory]
        [InlineData(7, 9, 5)]
        [InlineData(100, 300, 70)] // multi-threaded, two KC depth blocks, accumulating into C
        public void Pullbacks_add_the_reference_products_to_the_adjoints(int m, int k, int n)
        {
            Tensor a = Reference.Random(m, k, 21), b = Reference.Random(k, n, 22), dc = Reference.Random(m, n, 23);
            Tensor da = Reference.Random(m, k, 24), db = Reference.Random(k, n, 25);
            float[] da0 = da.ToArray(), db0 = db.ToArray();
            Tensor.MatMulPullback(a, b, Tensor.MatMul(a, b), dc, da, db);
            AssertProduct(da0, dc, false, b, true, n, da, "dA");
            AssertProduct(db0, a, true, dc, false, m, db, "dB");

            // aᵀ·b with a [k, m]: dA = b·dCᵀ, dB = a·dC.
            Tensor at = Reference.Random(k, m, 26), dat = Reference.Random(k, m, 27);
            float[] dat0 = dat.ToArray();
            db = Reference.Random(k, n, 28);
            db0 = db.ToArray();
            Tensor.MatMulTransposeAPullback(at, b, Tensor.MatMulTransposeA(at, b), dc, dat, db);
            AssertProduct(dat0, b, false, dc, true, n, dat, "dA (transpose A)");
            AssertProduct(db0, at, false, dc, false, m, db, "dB (transpose A)");

            // a·bᵀ with b [n, k]: dA = dC·b, dB = dCᵀ·a.
            Tensor bt = Reference.Random(n, k, 29), dbt = Reference.Random(n, k, 30);
            float[] dbt0 = dbt.ToArray();
            da = Reference.Random(m, k, 31);
            da0 = da.ToArray();
            Tensor.MatMulTransposeBPullback(a, bt, Tensor.MatMulTransposeB(a, bt), dc, da, dbt);
            AssertProduct(da0, dc, false, bt, false, n, da, "dA (transpose B)");
            AssertProduct(dbt0, dc, true, a, false, m, dbt, "dB (transpose B)");
        }

        /// <summary>
        /// Asserts actual = initial + op(A)·op(B), each element to its sum bound: k products, each rounded once,
        /// added to the initial value (k + 2 roundings at most), scaled by that element's Σ|term|.
        /// </summary>
        private static void AssertProduct(float[]? initial, Tensor a, bool transA, Tensor b, bool transB, int k, Tensor actual, string what)
        {
            double[] expected = Reference.Flatten(Reference.MatMul(a, transA, b, transB));
            double[] magnitudes = Reference.Flatten(Reference.MatMulMagnitudes(a, transA, b, transB));
            var tolerance = new double[expected.Length];
            for (int i = 0; i < expected.Length; i++)
            {
                double start = initial is null ? 0 : initial[i];
                expected[i] += start;
                tolerance[i] = Tolerance.ForSum(k + 2, magnitudes[i] + Math.Abs(start));
            }

            Reference.AssertClose(expected, actual.Span, tolerance, what);
        }

        [Fact]
        public void MatMul_of_matrix_and_vector_is_a_vector()
        {
            Tensor w = Tensor.FromArray(new float[,] { { 0.1f, 0.5f }, { -0.3f, 0.8f } });
            Tensor x = Tensor.FromArray(new[] { 0.2f, 0.4f });
            Tensor y = Tensor.MatMul(w, x);
            Assert.Equal(1, y.Rank);

            // The decimals are the real products; the float inputs 0.1f… are themselves rounded (one more
            // rounding per term), so each element is within ForSum(2 terms + 2) of the decimal value.
            Tolerance.AssertClose(0.22, y[0], Tolerance.ForSum(4, (0.1 * 0.2) + (0.5 * 0.4)), "W·x [0]");
            Tolerance.AssertClose(0.26, y[1], Tolerance.ForSum(4, (0.3 * 0.2) + (0.8 * 0.4)), "W·x [1]");

            Tensor row = Tensor.MatMul(x, w); // xᵀ·W
            Assert.Equal(1, row.Rank);
            Tolerance.AssertClose((0.2 * 0.1) + (0.4 * -0.3), row[0], Tolerance.ForSum(4, (0.2 * 0.1) + (0.4 * 0.3)), "xᵀ·W [0]");
            Tolerance.AssertClose((0.2 * 0.5) + (0.4 * 0.8), row[1], Tolerance.ForSum(4, (0.2 * 0.5) + (0.4 * 0.8)), "xᵀ·W [1]");
        }

        [Fact]
        public void MatMul_is_the_same_on_one_thread_and_on_all()
        {
            Tensor a = Reference.Random(150, 200, seed: 1);
            Tensor b = Reference.Random(200, 90, seed: 2);
            try
            {
                TensorThreading.MaxThreads = 1;
                float[] single = Tensor.MatMul(a, b).ToArray();
                TensorThreading.MaxThreads = 0;
                float[] parallel = Tensor.MatMul(a, b).ToArray();
                Assert.True(single.SequenceEqual(parallel), "the row-block split must not change any result");
            }
            finally
            {
                TensorThreading.MaxThreads = 0;
            }
        }

        [Fact]
        public async System.Threading.Tasks.Task Repeated_parallel_products_from_two_callers_are_bit_identical()
        {
            // Races in the worker pool (a task run twice or skipped) would show up as a changed bit.
            Tensor a = Reference.Random(64, 784, seed: 3);
            Tensor b = Reference.Random(784, 100, seed: 4);
            float[] expected = Tensor.MatMul(a, b).ToArray();
            Tensor identity = Reference.Identity(64);
            void Repeat()
            {
                for (int i = 0; i < 150; i++)
                {
                    Assert.True(expected.AsSpan().SequenceEqual(Tensor.MatMul(a, b).Span), $"iteration {i}");
                    Tensor transposed = Tensor.MatMulTransposeA(a, identity); // aᵀ·I is exactly aᵀ
                    Assert.Equal(a[5, 700], transposed[700, 5]);
                    Assert.Equal(a[63, 1], transposed[1, 63]);
                }
            }

            var other = System.Threading.Tasks.Task.Run(Repeat);
            Repeat();
            await other;
        }

        [Fact]
        public void MatMul_with_an_empty_inner_dimension_is_zero()
        {
            Tensor c = Tensor.MatMul(new Tensor(3, 0), new Tensor(0, 4));
            Assert.Equal(new[] { 3, 4 }, c.Shape);
            Assert.All(c.ToArray(), v => Assert.Equal(0f, v));
        }
    }
}
