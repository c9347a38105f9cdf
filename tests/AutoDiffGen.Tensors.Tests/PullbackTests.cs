using System;
using AutoDiffGen.Tensors;
using Xunit;

namespace AutoDiffGen.Tensors.Tests
{
    public class PullbackTests
    {
        [Theory]
        [InlineData(3, 4, 5)]
        [InlineData(7, 17, 9)]
        public void MatMul(int m, int k, int n)
        {
            Tensor a = Reference.Random(m, k, 1), b = Reference.Random(k, n, 2);
            GradientCheck.TensorOp(() => Tensor.MatMul(a, b), new[] { a, b },
                (r, dr, d) => Tensor.MatMulPullback(a, b, r, dr, d[0], d[1]));
        }

        [Fact]
        public void MatMul_matrix_times_vector()
        {
            Tensor w = Reference.Random(4, 3, 1), x = Reference.RandomVector(3, 2);
            GradientCheck.TensorOp(() => Tensor.MatMul(w, x), new[] { w, x },
                (r, dr, d) => Tensor.MatMulPullback(w, x, r, dr, d[0], d[1]));
        }

        [Fact]
        public void MatMul_vector_times_matrix()
        {
            Tensor x = Reference.RandomVector(4, 1), w = Reference.Random(4, 5, 2);
            GradientCheck.TensorOp(() => Tensor.MatMul(x, w), new[] { x, w },
                (r, dr, d) => Tensor.MatMulPullback(x, w, r, dr, d[0], d[1]));
        }

        [Theory]
        [InlineData(3, 4, 5)]
        [InlineData(7, 17, 9)]
        public void MatMulTransposeA(int m, int k, int n)
        {
            Tensor a = Reference.Random(k, m, 3), b = Reference.Random(k, n, 4);
            GradientCheck.TensorOp(() => Tensor.MatMulTransposeA(a, b), new[] { a, b },
                (r, dr, d) => Tensor.MatMulTransposeAPullback(a, b, r, dr, d[0], d[1]));
        }

        [Theory]
        [InlineData(3, 4, 5)]
        [InlineData(7, 17, 9)]
        public void MatMulTransposeB(int m, int k, int n)
        {
            Tensor a = Reference.Random(m, k, 5), b = Reference.Random(n, k, 6);
            GradientCheck.TensorOp(() => Tensor.MatMulTransposeB(a, b), new[] { a, b },
                (r, dr, d) => Tensor.MatMulTransposeBPullback(a, b, r, dr, d[0], d[1]));
        }

        [Fact]
        public void AddBias()
        {
            Tensor x = Reference.Random(5, 7, 1), b = Reference.RandomVector(7, 2);
            GradientCheck.TensorOp(() => Tensor.AddBias(x, b), new[] { x, b },
                (r, dr, d) => Tensor.AddBiasPullback(x, b, r, dr, d[0], d[1]));
        }

        [Fact]
        public void AddBias_with_a_row_matrix_bias()
        {
            Tensor x = Reference.Random(5, 7, 1), b = Reference.Random(1, 7, 2);
            GradientCheck.TensorOp(() => Tensor.AddBias(x, b), new[] { x, b },
                (r, dr, d) => Tensor.AddBiasPullback(x, b, r, dr, d[0], d[1]));
        }

        [Fact]
        public void Relu_uses_the_mask_of_the_result()
        {
            // Keep inputs away from 0, where the central difference straddles the kink.
            Tensor x = AwayFromZero(Reference.Random(6, 9, 7));
            GradientCheck.TensorOp(() => Tensor.Relu(x), new[] { x },
                (r, dr, d) => Tensor.ReluPullback(x, r, dr, d[0]));
        }

        [Fact]
        public void Relu_gradient_at_zero_is_zero()
        {
            Tensor x = Tensor.FromArray(new[] { 0f, -1f, 2f });
            Tensor r = Tensor.Relu(x);
            Tensor dx = new Tensor(3);
            Tensor.ReluPullback(x, r, Tensor.FromArray(new[] { 1f, 1f, 1f }), dx);
            Assert.Equal(new[] { 0f, 0f, 1f }, dx.ToArray());
        }

        [Fact]
        public void Sigmoid()
        {
            Tensor x = Reference.Random(4, 11, 8, scale: 3f);
            GradientCheck.TensorOp(() => Tensor.Sigmoid(x), new[] { x },
                (r, dr, d) => Tensor.SigmoidPullback(x, r, dr, d[0]));
        }

        [Fact]
        public void Tanh()
        {
            Tensor x = Reference.Random(4, 11, 9, scale: 2f);
            GradientCheck.TensorOp(() => Tensor.Tanh(x), new[] { x },
                (r, dr, d) => Tensor.TanhPullback(x, r, dr, d[0]));
        }

        [Fact]
        public void Add_Subtract_Multiply_and_their_operators()
        {
            Tensor a = Reference.Random(3, 13, 10), b = Reference.Random(3, 13, 11);
            GradientCheck.TensorOp(() => Tensor.Add(a, b), new[] { a, b }, (r, dr, d) => Tensor.AddPullback(a, b, r, dr, d[0], d[1]));
            GradientCheck.TensorOp(() => Tensor.Subtract(a, b), new[] { a, b }, (r, dr, d) => Tensor.SubtractPullback(a, b, r, dr, d[0], d[1]));
            GradientCheck.TensorOp(() => Tensor.Multiply(a, b), new[] { a, b }, (r, dr, d) => Tensor.MultiplyPullback(a, b, r, dr, d[0], d[1]));
            GradientCheck.TensorOp(() => a + b, new[] { a, b }, (r, dr, d) => Tensor.op_AdditionPullback(a, b, r, dr, d[0], d[1]));
            GradientCheck.TensorOp(() => a - b, new[] { a, b }, (r, dr, d) => Tensor.op_SubtractionPullback(a, b, r, dr, d[0], d[1]));
            GradientCheck.TensorOp(() => a * b, new[] { a, b }, (r, dr, d) => Tensor.op_MultiplyPullback(a, b, r, dr, d[0], d[1]));
            GradientCheck.TensorOp(() => -a, new[] { a }, (r, dr, d) => Tensor.op_UnaryNegationPullback(a, r, dr, d[0]));
        }

        [Fact]
        public void Square()
        {
            Tensor x = Reference.Random(5, 5, 12);
            GradientCheck.TensorOp(() => Tensor.Square(x), new[] { x }, (r, dr, d) => Tensor.SquarePullback(x, r, dr, d[0]));
        }

        [Fact]
        public void Scale_gives_both_the_tensor_and_the_factor_gradient()
        {
            Tensor x = Reference.Random(3, 5, 13);
            float factor = -1.3f;
            GradientCheck.TensorOp(() => Tensor.Scale(x, factor), new[] { x }, (r, dr, d) =>
            {
                float unused = 0f;
                Tensor.ScalePullback(x, factor, r, dr, d[0], ref unused);
            });

            // dFactor = Σ x ⊙ dR, added to what was there.
            Tensor g = Reference.Random(3, 5, 14);
            float dFactor = 0.5f;
            Tensor.ScalePullback(x, factor, Tensor.Scale(x, factor), g, null, ref dFactor);
            double expected = 0.5, magnitudes = 0.5;
            for (int i = 0; i < x.Length; i++)
            {
                expected += (double)x[i] * g[i];
                magnitudes += Math.Abs((double)x[i] * g[i]);
            }

            // A vectorized dot of n products (one rounding each), then added to the 0.5 already there.
            Tolerance.AssertClose(expected, dFactor, Tolerance.ForSum(x.Length + 2, magnitudes), "dFactor");
        }

        [Fact]
        public void Sum_Mean_and_SquaredL2Norm()
        {
            Tensor x = Reference.Random(4, 6, 15);
            GradientCheck.ScalarOp(() => Tensor.Sum(x), new[] { x }, (r, dr, d) => Tensor.SumPullback(x, r, dr, d[0]));
            GradientCheck.ScalarOp(() => Tensor.Mean(x), new[] { x }, (r, dr, d) => Tensor.MeanPullback(x, r, dr, d[0]));
            GradientCheck.ScalarOp(() => Tensor.SquaredL2Norm(x), new[] { x }, (r, dr, d) => Tensor.SquaredL2NormPullback(x, r, dr, d[0]));
        }

        [Fact]
        public void SoftmaxCrossEntropy()
        {
            Tensor scores = Reference.Random(6, 4, 16, scale: 3f);
            int[] labels = { 0, 3, 1, 2, 2, 0 };
            GradientCheck.ScalarOp(() => Tensor.SoftmaxCrossEntropy(scores, labels), new[] { scores },
                (r, dr, d) => Tensor.SoftmaxCrossEntropyPullback(scores, labels, r, dr, d[0]));
        }

        [Fact]
        public void SoftmaxCrossEntropy_is_stable_for_huge_scores()
        {
            Tensor scores = Tensor.FromArray(2, 3, new[] { 1000f, 0f, -1000f, 5000f, 5001f, 4999f });
            float loss = Tensor.SoftmaxCrossEntropy(scores, new[] { 0, 1 });
            double row2 = Math.Log(Math.Exp(-1) + 1 + Math.Exp(-2)); // −log p(1) after shifting by 5001
            Tolerance.AssertClose((0 + row2) / 2, loss, KernelTests.SoftmaxCrossEntropyTolerance(scores, new[] { 0, 1 }), "loss");

            Tensor dScores = scores.ZeroAdjoint();
            Tensor.SoftmaxCrossEntropyPullback(scores, new[] { 0, 1 }, loss, 1f, dScores);
            Assert.All(dScores.ToArray(), v => Assert.True(float.IsFinite(v)));
            // p ≈ 1 at the label: dScores = (p − 1)·dR/n, with p within a few ε of 1.
            Tolerance.AssertClose(0, dScores[0, 0], Tolerance.ForSum(4, 0.5), "dScores at the label");
        }

        [Fact]
        public void The_lecture_example_norm_of_W_times_x()
        {
            // f = ‖W·x‖² at W = [[0.1, 0.5], [−0.3, 0.8]], x = (0.2, 0.4): ∂f/∂W = [[0.088, 0.176], [0.104, 0.208]], ∂f/∂x = (−0.112, 0.636).
            Tensor w = Tensor.FromArray(new float[,] { { 0.1f, 0.5f }, { -0.3f, 0.8f } });
            Tensor x = Tensor.FromArray(new[] { 0.2f, 0.4f });
            Tensor q = Tensor.MatMul(w, x);
            float f = Tensor.SquaredL2Norm(q);
            Tensor dq = q.ZeroAdjoint(), dw = w.ZeroAdjoint(), dx = x.ZeroAdjoint();
            Tensor.SquaredL2NormPullback(q, f, 1f, dq);
            Tensor.MatMulPullback(w, x, q, dq, dw, dx);

            // The decimals are exact for the decimal inputs. In float: the inputs are rounded, q = W·x is a
            // 2-term dot, dq = 2q, dW = dq·xᵀ and dx = Wᵀ·dq another 2-term dot: at most 6 roundings per path,
            // each relative to that path's Σ|term| (2·|W||x| for dq, then |dq||x| and |W|ᵀ|dq|).
            double[] qd = { 0.02 + 0.2, -0.06 + 0.32 }, qAbs = { 0.02 + 0.2, 0.06 + 0.32 };
            double[] xs = { 0.2, 0.4 };
            double[,] ws = { { 0.1, 0.5 }, { -0.3, 0.8 } };
            for (int i = 0; i < 2; i++)
            {
                for (int j = 0; j < 2; j++)
                {
                    Tolerance.AssertClose(2 * qd[i] * xs[j], dw[i, j], Tolerance.ForSum(6, 2 * qAbs[i] * xs[j]), $"dW[{i}, {j}]");
                }

                double dxAbs = (Math.Abs(ws[0, i]) * 2 * qAbs[0]) + (Math.Abs(ws[1, i]) * 2 * qAbs[1]);
                Tolerance.AssertClose((ws[0, i] * 2 * qd[0]) + (ws[1, i] * 2 * qd[1]), dx[i], Tolerance.ForSum(6, dxAbs), $"dx[{i}]");
            }

            // The lecture's numbers, as a check on the hand derivation above.
            Assert.Equal(new[] { 0.088, 0.176, 0.104, 0.208, -0.112, 0.636 },
                new[] { 2 * qd[0] * xs[0], 2 * qd[0] * xs[1], 2 * qd[1] * xs[0], 2 * qd[1] * xs[1], (0.1 * 2 * qd[0]) - (0.3 * 2 * qd[1]), (0.5 * 2 * qd[0]) + (0.8 * 2 * qd[1]) },
                new DoubleNear(1e-15));
        }

        [Fact]
        public void Null_adjoints_are_skipped()
        {
            Tensor a = Reference.Random(3, 4, 1), b = Reference.Random(4, 2, 2);
            Tensor c = Tensor.MatMul(a, b);
            Tensor db = b.ZeroAdjoint();
            Tensor.MatMulPullback(a, b, c, Reference.Random(3, 2, 3), null, db);
            Assert.Contains(db.ToArray(), v => v != 0f);
        }

        private static Tensor AwayFromZero(Tensor x)
        {
            for (int i = 0; i < x.Length; i++)
            {
                if (MathF.Abs(x[i]) < 0.05f)
                {
                    x[i] = x[i] < 0 ? -0.5f : 0.5f;
                }
            }

            return x;
        }

        // For the lecture's decimals in float64: six short sums of O(1) terms, each within a few 1e-16.
        private sealed class DoubleNear(double epsilon) : System.Collections.Generic.IEqualityComparer<double>
        {
            public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon;

            public int GetHashCode(double obj) => 0;
        }
    }
}
