using System;
using AutoDiffGen.Tensors;
using Xunit;

namespace AutoDiffGen.Tensors.Tests
{
    /// <summary>Forward kernels against naive float64 loops, at lengths around the SIMD width.</summary>
    public class KernelTests
    {
        public static TheoryData<int, int> Shapes => new() { { 1, 1 }, { 1, 7 }, { 3, 5 }, { 2, 8 }, { 4, 17 }, { 9, 33 }, { 31, 129 } };

        [Theory]
        [MemberData(nameof(Shapes))]
        public void Unary_ops(int rows, int columns)
        {
            Tensor x = Reference.Random(rows, columns, seed: rows * 100 + columns, scale: 4f);
            Check(x, Tensor.Relu(x), v => Math.Max(v, 0), "Relu");
            Check(x, Tensor.Sigmoid(x), v => 1 / (1 + Math.Exp(-v)), "Sigmoid");
            Check(x, Tensor.Tanh(x), Math.Tanh, "Tanh");
            Check(x, Tensor.Square(x), v => v * v, "Square");
            Check(x, Tensor.Scale(x, -2.5f), v => -2.5 * v, "Scale");
            Check(x, -x, v => -v, "Negate");
        }

        [Theory]
        [MemberData(nameof(Shapes))]
        public void Binary_ops(int rows, int columns)
        {
            Tensor a = Reference.Random(rows, columns, seed: 1), b = Reference.Random(rows, columns, seed: 2);
            Check(a, b, a + b, (x, y) => x + y, "Add");
            Check(a, b, a - b, (x, y) => x - y, "Subtract");
            Check(a, b, a * b, (x, y) => x * y, "Multiply");
            Check(a, b, Tensor.Add(a, b), (x, y) => x + y, "Add");
            Check(a, b, Tensor.Subtract(a, b), (x, y) => x - y, "Subtract");
            Check(a, b, Tensor.Multiply(a, b), (x, y) => x * y, "Multiply");
        }

        [Theory]
        [MemberData(nameof(Shapes))]
        public void Reductions(int rows, int columns)
        {
            Tensor x = Reference.Random(rows, columns, seed: 3);
            double sum = 0, squares = 0;
            for (int i = 0; i < x.Length; i++)
            {
                sum += x[i];
                squares += (double)x[i] * x[i];
            }

            Assert.Equal(sum, Tensor.Sum(x), 4);
            Assert.Equal(sum / x.Length, Tensor.Mean(x), 5);
            Assert.Equal(squares, Tensor.SquaredL2Norm(x), 3);
        }

        [Theory]
        [MemberData(nameof(Shapes))]
        public void AddBias_adds_the_row_to_every_row(int rows, int columns)
        {
            Tensor x = Reference.Random(rows, columns, seed: 4), bias = Reference.RandomVector(columns, seed: 5);
            Tensor y = Tensor.AddBias(x, bias);
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < columns; j++)
                {
                    Assert.Equal(x[i, j] + bias[j], y[i, j]);
                }
            }
        }

        [Theory]
        [MemberData(nameof(Shapes))]
        public void SoftmaxCrossEntropy_matches_the_definition(int rows, int columns)
        {
            Tensor scores = Reference.Random(rows, columns, seed: 6, scale: 5f);
            var labels = new int[rows];
            double expected = 0;
            for (int i = 0; i < rows; i++)
            {
                labels[i] = (i * 7) % columns;
                double z = 0;
                for (int j = 0; j < columns; j++)
                {
                    z += Math.Exp(scores[i, j]);
                }

                expected += -Math.Log(Math.Exp(scores[i, labels[i]]) / z);
            }

            Assert.Equal(expected / rows, Tensor.SoftmaxCrossEntropy(scores, labels), 5);
        }

        [Fact]
        public void Accuracy_and_ArgMaxRows()
        {
            Tensor scores = Tensor.FromArray(3, 3, new[] { 0f, 2f, 1f, 5f, -1f, 0f, 0f, 0f, 3f });
            Span<int> predicted = stackalloc int[3];
            Metrics.ArgMaxRows(scores, predicted);
            Assert.Equal(new[] { 1, 0, 2 }, predicted.ToArray());
            Assert.Equal(2f / 3f, Metrics.Accuracy(scores, new[] { 1, 0, 0 }), 6);
        }

        [Fact]
        public void In_place_updates()
        {
            Tensor w = Tensor.FromArray(new[] { 1f, 2f, 3f });
            w.AddScaledInPlace(Tensor.FromArray(new[] { 1f, 1f, 2f }), -0.5f);
            Assert.Equal(new[] { 0.5f, 1.5f, 2f }, w.ToArray());
            w.ScaleInPlace(2f);
            Assert.Equal(new[] { 1f, 3f, 4f }, w.ToArray());
            w.Clear();
            Assert.Equal(new[] { 0f, 0f, 0f }, w.ToArray());
        }

        private static void Check(Tensor x, Tensor y, Func<double, double> f, string op)
        {
            Assert.True(x.HasSameShape(y), $"{op} changed the shape");
            var expected = new double[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                expected[i] = f(x[i]);
            }

            Reference.AssertClose(expected, y.Span, 1e-6, 1e-5, op);
        }

        private static void Check(Tensor a, Tensor b, Tensor y, Func<double, double, double> f, string op)
        {
            Assert.True(a.HasSameShape(y), $"{op} changed the shape");
            var expected = new double[a.Length];
            for (int i = 0; i < a.Length; i++)
            {
                expected[i] = f(a[i], b[i]);
            }

            Reference.AssertClose(expected, y.Span, 1e-6, 1e-6, op);
        }
    }
}
