using System;
using AutoDiffGen.Tensors;
using TwoLayerNet.Data;
using TwoLayerNet;
using Xunit;

namespace AutoDiffGen.Tensors.Tests
{
    /// <summary>The generated backward pass of the 2-layer loss against the hand-written one.</summary>
    public class GeneratedBackwardTests
    {
        [Theory]
        [InlineData(1, 10)]
        [InlineData(4, 100)]
        public void GeneratedLossBackward_EqualsHandWritten(int seed, int hidden)
        {
            (Tensor x, int[] labels) = SpiralDataset.Generate(seed: seed);
            var model = new TwoLayerModel(2, hidden, 3, 0.5f, seed: seed + 1);
            Tensor[] Grads(Tensor w1, Tensor b1, Tensor w2, Tensor b2) =>
                new[] { w1.ZeroAdjoint(), b1.ZeroAdjoint(), w2.ZeroAdjoint(), b2.ZeroAdjoint() };

            var generated = Grads(model.W1, model.B1, model.W2, model.B2);
            float generatedLoss = TwoLayerLoss.LossBackward(x, model.W1, model.B1, model.W2, model.B2, labels,
                generated[0], generated[1], generated[2], generated[3]);
            var hand = Grads(model.W1, model.B1, model.W2, model.B2);
            float handLoss = HandWrittenBackward.LossBackward(x, model.W1, model.B1, model.W2, model.B2, labels,
                hand[0], hand[1], hand[2], hand[3]);

            // The generated backward calls the same kernels on the same values in the same order as the
            // hand-written one, so every result is bit-identical on any machine: no tolerance is needed.
            Assert.Equal(handLoss, generatedLoss);
            for (int t = 0; t < 4; t++)
            {
                var g = generated[t].ToArray();
                var h = hand[t].ToArray();
                Assert.Equal(h.Length, g.Length);
                Assert.Contains(h, v => v != 0f); // a zero gradient would make the comparison vacuous
                for (int i = 0; i < g.Length; i++) Assert.True(g[i] == h[i], $"tensor {t} element {i}: generated {g[i]} hand-written {h[i]}");
            }
        }

        [Fact]
        public void GeneratedLossBackward_AddsIntoItsAdjoints()
        {
            (Tensor x, int[] labels) = SpiralDataset.Generate(seed: 2);
            var model = new TwoLayerModel(2, 8, 3, 0.5f, seed: 3);
            var once = model.W2.ZeroAdjoint();
            TwoLayerLoss.LossBackward(x, model.W1, model.B1, model.W2, model.B2, labels, model.W1.ZeroAdjoint(), model.B1.ZeroAdjoint(), once, model.B2.ZeroAdjoint());
            var twice = model.W2.ZeroAdjoint();
            for (int k = 0; k < 2; k++)
                TwoLayerLoss.LossBackward(x, model.W1, model.B1, model.W2, model.B2, labels, model.W1.ZeroAdjoint(), model.B1.ZeroAdjoint(), twice, model.B2.ZeroAdjoint());
            var a = once.ToArray();
            var b = twice.ToArray();

            // dW2 = r1ᵀ·dScores is summed over the n samples straight into the adjoint, so the second call's
            // sum starts from g and rounds differently: b = 2g only to within the bound of a sum of n products
            // started from g, plus the first sum's own error. Both scale with Σ|r1ᵀ|·|dScores|.
            Tensor r1 = Tensor.Relu(Tensor.AddBias(Tensor.MatMul(x, model.W1), model.B1));
            Tensor scores = Tensor.AddBias(Tensor.MatMul(r1, model.W2), model.B2);
            Tensor dScores = scores.ZeroAdjoint();
            Tensor.SoftmaxCrossEntropyPullback(scores, labels, Tensor.SoftmaxCrossEntropy(scores, labels), 1f, dScores);
            double[] magnitudes = Reference.Flatten(Reference.MatMulMagnitudes(r1, true, dScores, false));
            Assert.Contains(a, v => v != 0f);
            for (int i = 0; i < a.Length; i++)
            {
                double tolerance = Tolerance.ForSum(x.Rows + 2, Math.Abs(a[i]) + magnitudes[i]) + Tolerance.ForSum(x.Rows + 1, magnitudes[i]);
                Tolerance.AssertClose(2.0 * a[i], b[i], tolerance, $"dW2 element {i} after two calls");
            }
        }
    }
}
