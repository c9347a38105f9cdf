using System;
using AutoDiffGen.Tensors;
using AutoDiffGen.Tensors.Data;
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

            Assert.Equal(handLoss, generatedLoss, 5);
            for (int t = 0; t < 4; t++)
            {
                var g = generated[t].ToArray();
                var h = hand[t].ToArray();
                Assert.Equal(h.Length, g.Length);
                Assert.Contains(h, v => v != 0f); // a zero gradient would make the comparison vacuous
                for (int i = 0; i < g.Length; i++) Assert.True(Math.Abs(g[i] - h[i]) <= 1e-5f, $"tensor {t} element {i}: generated {g[i]} hand-written {h[i]}");
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
            for (int i = 0; i < a.Length; i++) Assert.Equal(2 * a[i], b[i], 5);
        }
    }
}
