using System;
using AutoDiffGen.Tensors;
using Xunit;

namespace AutoDiffGen.Tensors.Tests
{
    public class ShapeErrorTests
    {
        [Fact]
        public void MatMul_names_both_shapes()
        {
            var e = Assert.Throws<ArgumentException>(() => Tensor.MatMul(new Tensor(3, 4), new Tensor(5, 2)));
            Assert.Contains("[3, 4]", e.Message);
            Assert.Contains("[5, 2]", e.Message);
        }

        [Fact]
        public void Transposed_products_name_both_shapes()
        {
            var ea = Assert.Throws<ArgumentException>(() => Tensor.MatMulTransposeA(new Tensor(3, 4), new Tensor(5, 2)));
            Assert.Contains("[3, 4]", ea.Message);
            Assert.Contains("[5, 2]", ea.Message);
            var eb = Assert.Throws<ArgumentException>(() => Tensor.MatMulTransposeB(new Tensor(3, 4), new Tensor(2, 5)));
            Assert.Contains("[3, 4]", eb.Message);
            Assert.Contains("[2, 5]", eb.Message);
        }

        [Fact]
        public void Elementwise_ops_name_both_shapes()
        {
            foreach (Func<Tensor> op in new Func<Tensor>[]
            {
                () => new Tensor(2, 3) + new Tensor(3, 2),
                () => new Tensor(2, 3) - new Tensor(3, 2),
                () => new Tensor(2, 3) * new Tensor(3, 2),
            })
            {
                var e = Assert.Throws<ArgumentException>(op);
                Assert.Contains("[2, 3]", e.Message);
                Assert.Contains("[3, 2]", e.Message);
            }
        }

        [Fact]
        public void Rank1_and_rank2_of_the_same_length_are_different_shapes()
        {
            var e = Assert.Throws<ArgumentException>(() => Tensor.Add(new Tensor(3), new Tensor(1, 3)));
            Assert.Contains("[3]", e.Message);
            Assert.Contains("[1, 3]", e.Message);
        }

        [Fact]
        public void AddBias_names_both_shapes()
        {
            var e = Assert.Throws<ArgumentException>(() => Tensor.AddBias(new Tensor(4, 3), new Tensor(5)));
            Assert.Contains("[4, 3]", e.Message);
            Assert.Contains("[5]", e.Message);
        }

        [Fact]
        public void SoftmaxCrossEntropy_checks_labels()
        {
            var e = Assert.Throws<ArgumentException>(() => Tensor.SoftmaxCrossEntropy(new Tensor(4, 3), new int[5]));
            Assert.Contains("[4, 3]", e.Message);
            Assert.Contains("[5]", e.Message);
            Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.SoftmaxCrossEntropy(new Tensor(1, 3), new[] { 3 }));
        }

        [Fact]
        public void A_wrongly_shaped_adjoint_is_rejected()
        {
            Tensor a = new Tensor(2, 3), b = new Tensor(3, 4);
            Tensor c = Tensor.MatMul(a, b);
            var e = Assert.Throws<ArgumentException>(() => Tensor.MatMulPullback(a, b, c, c.ZeroAdjoint(), new Tensor(3, 2), null));
            Assert.Contains("[3, 2]", e.Message);
            Assert.Contains("[2, 3]", e.Message);
        }

        [Fact]
        public void ToString_shows_the_shape_and_values()
        {
            Assert.Equal("Tensor[2, 2] { 1, 2, 3, 4 }", Tensor.FromArray(2, 2, new[] { 1f, 2f, 3f, 4f }).ToString());
            Assert.StartsWith("Tensor[100] { 0, 0,", new Tensor(100).ToString());
            Assert.EndsWith("… }", new Tensor(100).ToString());
        }
    }
}
