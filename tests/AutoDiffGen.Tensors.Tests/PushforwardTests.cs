using System;
using System.Linq;
using AutoDiffGen.Tensors;
using Xunit;

namespace AutoDiffGen.Tensors.Tests
{
    /// <summary>
    /// Issue 14 (modes7): the kernels' pushforwards (JVPs). Each is checked two ways: against central differences of the
    /// op along its tangents (all inputs moved at once, step 1e-2, the tolerance of <see cref="GradientCheck"/>), and
    /// against its pullback: ⟨JVP(t), u⟩ = ⟨t, VJP(u)⟩, both sides in float64 over float32 kernels, to the sum bound of
    /// <see cref="Tolerance.ForSum"/> (n·ε·Σ|term|), which holds on any vector width (run also with DOTNET_EnableAVX512=0).
    /// By hand: a 2 × 2 product, ReLU's mask, and softmax cross-entropy of one row.
    /// </summary>
    public class PushforwardTests
    {
        private const double H = 1e-2;

        /// <summary>The op's inputs and tangents, its forward, JVP and VJP, and Σ|term| of ⟨JVP(t), u⟩.</summary>
        private static void Check(Tensor[] inputs, Tensor[] tangents, Func<double[]> forward, Func<double[]> jvp, Action<double[], Tensor[]> vjp, Func<double[], double> magnitude, int terms)
        {
            double[] tangent = jvp();
            for (int i = 0; i < inputs.Length; i++)
            {
                Assert.Equal(inputs[i].Shape, tangents[i].Shape);
            }

            double[] Moved(double step)
            {
                var saved = inputs.Select(x => x.ToArray()).ToArray();
                for (int i = 0; i < inputs.Length; i++)
                {
                    for (int e = 0; e < inputs[i].Length; e++)
                    {
                        inputs[i][e] = (float)(saved[i][e] + (step * tangents[i][e]));
                    }
                }

                double[] value = forward();
                for (int i = 0; i < inputs.Length; i++)
                {
                    saved[i].CopyTo(inputs[i].Span);
                }

                return value;
            }

            double[] plus = Moved(H), minus = Moved(-H);
            Assert.Equal(plus.Length, tangent.Length);
            for (int e = 0; e < tangent.Length; e++)
            {
                double numeric = (plus[e] - minus[e]) / (2 * H);
                Tolerance.AssertClose(numeric, tangent[e], 2e-3 * (1 + Math.Abs(numeric)), "JVP entry " + e + " vs central differences");
            }

            var random = new Random(tangent.Length);
            double[] u = tangent.Select(_ => (random.NextDouble() * 2) - 1).ToArray();
            var adjoints = inputs.Select(x => x.ZeroAdjoint()).ToArray();
            vjp(u, adjoints);
            double left = tangent.Select((t, e) => t * u[e]).Sum();
            double right = 0;
            for (int i = 0; i < inputs.Length; i++)
            {
                for (int e = 0; e < inputs[i].Length; e++)
                {
                    right += (double)tangents[i][e] * adjoints[i][e];
                }
            }

            Tolerance.AssertClose(right, left, 2 * Tolerance.ForSum(terms, magnitude(u)), "⟨JVP(t), u⟩ vs ⟨t, VJP(u)⟩");
        }

        private static double[] Values(Tensor t) => t.ToArray().Select(v => (double)v).ToArray();

        private static Tensor Seeded(Tensor like, float[] values)
        {
            var t = like.ZeroAdjoint();
            values.CopyTo(t.Span);
            return t;
        }

        private static double Inner(double[] u, Func<int, double> magnitudes) => u.Select((v, e) => Math.Abs(v) * magnitudes(e)).Sum();

        private static double Abs(Tensor t, int e) => Math.Abs(t[e]);

        [Theory]
        [InlineData(3, 4, 5)]
        [InlineData(1, 7, 2)]
        [InlineData(17, 33, 9)]
        public void MatMul_IsTAb_Plus_aTb(int m, int k, int n)
        {
            Tensor a = Reference.Random(m, k, 1), b = Reference.Random(k, n, 2), tA = Reference.Random(m, k, 3), tB = Reference.Random(k, n, 4);
            var mag = Reference.Flatten(Reference.MatMulMagnitudes(tA, false, b, false)).Zip(Reference.Flatten(Reference.MatMulMagnitudes(a, false, tB, false)), (x, y) => x + y).ToArray();
            Check(new[] { a, b }, new[] { tA, tB }, () => Values(Tensor.MatMul(a, b)), () => Values(Tensor.MatMulPushforward(a, b, tA, tB)),
                (u, d) => Tensor.MatMulPullback(a, b, Tensor.MatMul(a, b), Seeded(Tensor.MatMul(a, b), u.Select(v => (float)v).ToArray()), d[0], d[1]),
                u => Inner(u, e => mag[e]), k + 2);
        }

        [Fact]
        public void MatMul_TwoByTwo_ByHand()
        {
            // a = [[1, 2], [3, 4]], b = [[5, 6], [7, 8]], tA = e₀₀, tB = e₁₁: tC = tA·b + a·tB = [[5, 6], [0, 0]] + [[0, 2], [0, 4]].
            var a = Tensor.FromArray(2, 2, new float[] { 1, 2, 3, 4 });
            var b = Tensor.FromArray(2, 2, new float[] { 5, 6, 7, 8 });
            var tA = Tensor.FromArray(2, 2, new float[] { 1, 0, 0, 0 });
            var tB = Tensor.FromArray(2, 2, new float[] { 0, 0, 0, 1 });
            Assert.Equal(new float[] { 5, 8, 0, 4 }, Tensor.MatMulPushforward(a, b, tA, tB).ToArray());
            Assert.Equal(new float[] { 5, 6, 0, 0 }, Tensor.MatMulPushforward(a, b, tA, null).ToArray());
            Assert.Equal(new float[4], Tensor.MatMulPushforward(a, b, null, null).ToArray());
        }

        [Fact]
        public void MatMulTransposes_MatchTheirPullbacks()
        {
            Tensor a = Reference.Random(6, 4, 11), b = Reference.Random(6, 5, 12), tA = Reference.Random(6, 4, 13), tB = Reference.Random(6, 5, 14);
            var mag = Reference.Flatten(Reference.MatMulMagnitudes(tA, true, b, false)).Zip(Reference.Flatten(Reference.MatMulMagnitudes(a, true, tB, false)), (x, y) => x + y).ToArray();
            Check(new[] { a, b }, new[] { tA, tB }, () => Values(Tensor.MatMulTransposeA(a, b)), () => Values(Tensor.MatMulTransposeAPushforward(a, b, tA, tB)),
                (u, d) => Tensor.MatMulTransposeAPullback(a, b, Tensor.MatMulTransposeA(a, b), Seeded(Tensor.MatMulTransposeA(a, b), u.Select(v => (float)v).ToArray()), d[0], d[1]),
                u => Inner(u, e => mag[e]), 8);

            Tensor c = Reference.Random(4, 6, 15), d2 = Reference.Random(5, 6, 16), tC = Reference.Random(4, 6, 17), tD = Reference.Random(5, 6, 18);
            var magB = Reference.Flatten(Reference.MatMulMagnitudes(tC, false, d2, true)).Zip(Reference.Flatten(Reference.MatMulMagnitudes(c, false, tD, true)), (x, y) => x + y).ToArray();
            Check(new[] { c, d2 }, new[] { tC, tD }, () => Values(Tensor.MatMulTransposeB(c, d2)), () => Values(Tensor.MatMulTransposeBPushforward(c, d2, tC, tD)),
                (u, d) => Tensor.MatMulTransposeBPullback(c, d2, Tensor.MatMulTransposeB(c, d2), Seeded(Tensor.MatMulTransposeB(c, d2), u.Select(v => (float)v).ToArray()), d[0], d[1]),
                u => Inner(u, e => magB[e]), 8);
        }

        [Fact]
        public void AddBias_IsLinear()
        {
            Tensor x = Reference.Random(5, 3, 21), bias = Reference.RandomVector(3, 22), tX = Reference.Random(5, 3, 23), tBias = Reference.RandomVector(3, 24);
            Check(new[] { x, bias }, new[] { tX, tBias }, () => Values(Tensor.AddBias(x, bias)), () => Values(Tensor.AddBiasPushforward(x, bias, tX, tBias)),
                (u, d) => Tensor.AddBiasPullback(x, bias, Tensor.AddBias(x, bias), Seeded(x, u.Select(v => (float)v).ToArray()), d[0], d[1]),
                u => Inner(u, e => Abs(tX, e) + Abs(tBias, e % 3)), 5 + 2);
            // By hand: row i of the tangent is tXᵢ + tBias.
            var t = Tensor.AddBiasPushforward(x, bias, tX, tBias);
            Assert.Equal(tX[7] + tBias[1], t[7]);
        }

        [Fact]
        public void Activations_MaskAndScaleTheTangent()
        {
            // Entries ±[0.2, 1]: a step of 1e-2 never crosses ReLU's kink.
            var x = Reference.Random(4, 6, 31);
            for (int e = 0; e < x.Length; e++)
            {
                x[e] = MathF.CopySign(0.2f + (0.8f * MathF.Abs(x[e])), x[e]);
            }

            var tX = Reference.Random(4, 6, 32);
            Check(new[] { x }, new[] { tX }, () => Values(Tensor.Relu(x)), () => Values(Tensor.ReluPushforward(x, Tensor.Relu(x), tX)),
                (u, d) => Tensor.ReluPullback(x, Tensor.Relu(x), Seeded(x, u.Select(v => (float)v).ToArray()), d[0]), u => Inner(u, e => Abs(tX, e)), 2);
            Check(new[] { x }, new[] { tX }, () => Values(Tensor.Sigmoid(x)), () => Values(Tensor.SigmoidPushforward(x, Tensor.Sigmoid(x), tX)),
                (u, d) => Tensor.SigmoidPullback(x, Tensor.Sigmoid(x), Seeded(x, u.Select(v => (float)v).ToArray()), d[0]), u => Inner(u, e => Abs(tX, e)), 4);
            Check(new[] { x }, new[] { tX }, () => Values(Tensor.Tanh(x)), () => Values(Tensor.TanhPushforward(x, Tensor.Tanh(x), tX)),
                (u, d) => Tensor.TanhPullback(x, Tensor.Tanh(x), Seeded(x, u.Select(v => (float)v).ToArray()), d[0]), u => Inner(u, e => Abs(tX, e)), 4);

            // By hand: ReLU's tangent is tX where x > 0 and 0 elsewhere, and 0 at x = 0 (ReLU'(0) = 0, as the pullback).
            var k = Tensor.FromArray(new float[] { -1, 0, 2 });
            Assert.Equal(new float[] { 0, 0, 5 }, Tensor.ReluPushforward(k, Tensor.Relu(k), Tensor.FromArray(new float[] { 3, 4, 5 })).ToArray());
        }

        [Fact]
        public void SoftmaxCrossEntropy_IsThePullbacksRowDottedWithTheTangent()
        {
            var scores = Reference.Random(6, 4, 41, scale: 2f);
            int[] labels = { 0, 3, 1, 2, 2, 0 };
            var tScores = Reference.Random(6, 4, 42);
            Check(new[] { scores }, new[] { tScores }, () => new double[] { Tensor.SoftmaxCrossEntropy(scores, labels) },
                () => new double[] { Tensor.SoftmaxCrossEntropyPushforward(scores, labels, tScores) },
                (u, d) => Tensor.SoftmaxCrossEntropyPullback(scores, labels, 0f, (float)u[0], d[0]),
                u => Math.Abs(u[0]) * 2 * tScores.ToArray().Sum(v => Math.Abs(v)) / scores.Rows, 4 + 6 + 8);

            // By hand, one row s = (0, ln 3), label 0: p = (1/4, 3/4); along t = (1, 2): tL = (1/4 + 3/2) − 1 = 0.75.
            var one = Tensor.FromArray(1, 2, new[] { 0f, MathF.Log(3f) });
            Assert.Equal(0.75, Tensor.SoftmaxCrossEntropyPushforward(one, new[] { 0 }, Tensor.FromArray(1, 2, new[] { 1f, 2f })), 6);
            Assert.Equal(0f, Tensor.SoftmaxCrossEntropyPushforward(one, new[] { 0 }, null));
        }

        [Fact]
        public void TheTwoLayerLoss_ChainedByPushforwards_MatchesCentralDifferencesAndTheGradient()
        {
            // L = SCE(relu(x·W1 + b1)·W2 + b2): its JVP along (tW1, tb1, tW2, tb2) is ⟨∇L, t⟩ from the pullbacks.
            Tensor x = Reference.Random(8, 3, 51), w1 = Reference.Random(3, 5, 52), b1 = Reference.RandomVector(5, 53, 0.1f), w2 = Reference.Random(5, 4, 54), b2 = Reference.RandomVector(4, 55, 0.1f);
            int[] labels = { 0, 1, 2, 3, 0, 1, 2, 3 };
            Tensor tW1 = Reference.Random(3, 5, 56), tB1 = Reference.RandomVector(5, 57), tW2 = Reference.Random(5, 4, 58), tB2 = Reference.RandomVector(4, 59);
            float Loss() => Tensor.SoftmaxCrossEntropy(Tensor.AddBias(Tensor.MatMul(Tensor.Relu(Tensor.AddBias(Tensor.MatMul(x, w1), b1)), w2), b2), labels);
            float Jvp()
            {
                var z1 = Tensor.AddBias(Tensor.MatMul(x, w1), b1);
                var tZ1 = Tensor.AddBiasPushforward(Tensor.MatMul(x, w1), b1, Tensor.MatMulPushforward(x, w1, null, tW1), tB1);
                var h = Tensor.Relu(z1);
                var tH = Tensor.ReluPushforward(z1, h, tZ1);
                var z2 = Tensor.AddBias(Tensor.MatMul(h, w2), b2);
                var tZ2 = Tensor.AddBiasPushforward(Tensor.MatMul(h, w2), b2, Tensor.MatMulPushforward(h, w2, tH, tW2), tB2);
                return Tensor.SoftmaxCrossEntropyPushforward(z2, labels, tZ2);
            }

            Check(new[] { w1, b1, w2, b2 }, new[] { tW1, tB1, tW2, tB2 }, () => new double[] { Loss() }, () => new double[] { Jvp() },
                (u, d) =>
                {
                    var p1 = Tensor.MatMul(x, w1);
                    var z1 = Tensor.AddBias(p1, b1);
                    var h = Tensor.Relu(z1);
                    var p2 = Tensor.MatMul(h, w2);
                    var z2 = Tensor.AddBias(p2, b2);
                    var dZ2 = z2.ZeroAdjoint();
                    Tensor.SoftmaxCrossEntropyPullback(z2, labels, 0f, (float)u[0], dZ2);
                    var dP2 = p2.ZeroAdjoint();
                    Tensor.AddBiasPullback(p2, b2, z2, dZ2, dP2, d[3]);
                    var dH = h.ZeroAdjoint();
                    Tensor.MatMulPullback(h, w2, p2, dP2, dH, d[2]);
                    var dZ1 = z1.ZeroAdjoint();
                    Tensor.ReluPullback(z1, h, dH, dZ1);
                    var dP1 = p1.ZeroAdjoint();
                    Tensor.AddBiasPullback(p1, b1, z1, dZ1, dP1, d[1]);
                    Tensor.MatMulPullback(x, w1, p1, dP1, null, d[0]);
                },
                // Σ|term| by hand from |entries| ≤ 1 (biases ≤ 0.1): |tZ1| ≤ 3·1·1 + 1 = 4 = |tH| bound, |h| ≤ |z1| ≤ 3.1, so
                // |tZ2| ≤ 5·(4 + 3.1) + 1 = 36.5, and tL = (1/n)Σ(p − onehot)·tZ2 has Σ|term| ≤ 2·36.5 = 73 (×|u|); its
                // roundings: the products' 3 and 5 terms, the bias adds, 4 classes and their exps, 8 rows: under 64.
                u => Math.Abs(u[0]) * 73, 64);
        }

        [Fact]
        public void ATangentOfAnotherShape_IsAnArgumentException()
        {
            var a = Reference.Random(2, 3, 61);
            var b = Reference.Random(3, 2, 62);
            var e = Assert.Throws<ArgumentException>(() => Tensor.MatMulPushforward(a, b, Reference.Random(3, 2, 63), null));
            Assert.Contains("tangent tA has shape [3, 2] but its value has shape [2, 3]", e.Message, StringComparison.Ordinal);
        }
    }
}
