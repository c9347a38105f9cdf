using AutoDiffGen.Tensors;
using TwoLayerNet.Data;
using TwoLayerNet;
using Xunit;

namespace AutoDiffGen.Tensors.Tests
{
    public class SpiralTrainingTests
    {
        [Fact]
        public void The_spiral_data_set_has_three_arms_of_100_points_in_the_unit_disc()
        {
            (Tensor x, int[] labels) = SpiralDataset.Generate();
            Assert.Equal(new[] { 300, 2 }, x.Shape);
            Assert.Equal(300, labels.Length);
            Assert.Equal(new[] { 0, 1, 2 }, new[] { labels[0], labels[150], labels[299] });
            for (int i = 0; i < x.Rows; i++)
            {
                Assert.True((x[i, 0] * x[i, 0]) + (x[i, 1] * x[i, 1]) <= 1.0001f);
            }

            Assert.Equal(SpiralDataset.Generate().X.ToArray(), x.ToArray()); // same seed, same points
        }

        [Fact]
        public void A_short_full_batch_run_reaches_90_percent()
        {
            (Tensor x, int[] labels) = SpiralDataset.Generate(seed: 0);
            var model = new TwoLayerModel(2, 100, 3, 0.01f, seed: 0);
            var arena = new TensorArena();
            float firstLoss = 0, lastLoss = 0;
            using (arena.Activate())
            {
                for (int step = 0; step < 3000; step++)
                {
                    arena.Reset();
                    lastLoss = model.Step(x, labels, 1f, 0f, 1e-3f);
                    if (step == 0)
                    {
                        firstLoss = lastLoss;
                    }
                }
            }

            float accuracy = Metrics.Accuracy(model.Scores(x), labels);
            Assert.True(lastLoss < firstLoss / 2, $"loss went from {firstLoss} to {lastLoss}");
            Assert.True(accuracy >= 0.90f, $"training accuracy {accuracy}");
        }

        [Fact]
        public void The_loss_method_equals_the_loss_the_backward_returns()
        {
            (Tensor x, int[] labels) = SpiralDataset.Generate(seed: 1);
            var model = new TwoLayerModel(2, 10, 3, 0.5f, seed: 2);
            float loss = TwoLayerLoss.Loss(x, model.W1, model.B1, model.W2, model.B2, labels);
            float fromBackward = HandWrittenBackward.LossBackward(
                x, model.W1, model.B1, model.W2, model.B2, labels, model.DW1, model.DB1, model.DW2, model.DB2);
            Assert.Equal(loss, fromBackward);
            Assert.True(loss > 0.5f);
        }
    }
}
