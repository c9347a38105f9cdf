using System;
using AutoDiffGen.Tensors;
using TwoLayerNet.Data;
using TwoLayerNet;
using Xunit;

namespace AutoDiffGen.Tensors.Tests
{
    public class ArenaTests
    {
        [Fact]
        public void Results_are_rented_while_active_and_reused_after_reset()
        {
            var arena = new TensorArena();
            Tensor a = Reference.Random(3, 3, 1);
            Tensor first, second;
            using (arena.Activate())
            {
                first = Tensor.Relu(a);
                Assert.Equal(1, arena.RentedCount);
                arena.Reset();
                second = Tensor.Sigmoid(a);
            }

            Assert.Same(first, second);
            Assert.Null(TensorArena.Current);
            Assert.NotSame(Tensor.Relu(a), Tensor.Relu(a)); // no arena: fresh tensors
        }

        [Fact]
        public void ZeroAdjoint_from_a_reused_buffer_is_zero()
        {
            var arena = new TensorArena();
            using (arena.Activate())
            {
                Tensor.Scale(Reference.Random(4, 4, 2), 3f);
                arena.Reset();
                Tensor zero = new Tensor(4, 4).ZeroAdjoint();
                Assert.All(zero.ToArray(), v => Assert.Equal(0f, v));
            }
        }

        [Theory]
        [InlineData(300, 2, 100, 3)]   // the spiral: single-threaded kernels
        [InlineData(128, 784, 100, 10)] // a Fashion-MNIST minibatch: the multi-threaded MatMul path
        public void A_training_step_allocates_nothing_in_steady_state(int batch, int inputs, int hidden, int classes)
        {
            Tensor x = Reference.Random(batch, inputs, 3);
            int[] labels = new int[batch];
            for (int i = 0; i < batch; i++)
            {
                labels[i] = i % classes;
            }

            var model = new TwoLayerModel(inputs, hidden, classes, 0.01f, seed: 1);
            var arena = new TensorArena();
            using (arena.Activate())
            {
                for (int warmUp = 0; warmUp < 5; warmUp++)
                {
                    arena.Reset();
                    model.Step(x, labels, 0.1f, 0.9f, 1e-3f);
                }

                // The least of three rounds: a runtime one-off (a tier-up, a pool trim at a gen-2 GC)
                // must not flake the test, while a per-step allocation shows in every round.
                long least = long.MaxValue;
                for (int round = 0; round < 3; round++)
                {
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    for (int step = 0; step < 20; step++)
                    {
                        arena.Reset();
                        model.Step(x, labels, 0.1f, 0.9f, 1e-3f);
                    }

                    least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
                }

                Assert.Equal(0, least);
            }
        }
    }
}
