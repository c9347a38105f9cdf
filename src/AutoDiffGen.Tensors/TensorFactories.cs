using System;

namespace AutoDiffGen.Tensors
{
    public sealed partial class Tensor
    {
        /// <summary>A rank-1 tensor holding a copy of <paramref name="values"/>.</summary>
        /// <param name="values">The elements.</param>
        public static Tensor FromArray(ReadOnlySpan<float> values)
        {
            var result = new Tensor(values.Length);
            values.CopyTo(result.Span);
            return result;
        }

        /// <summary>A rank-2 tensor holding a copy of <paramref name="values"/> in row-major order.</summary>
        /// <param name="rows">The number of rows.</param>
        /// <param name="columns">The number of columns.</param>
        /// <param name="values">Exactly <c>rows · columns</c> elements, row-major.</param>
        public static Tensor FromArray(int rows, int columns, ReadOnlySpan<float> values)
        {
            var result = new Tensor(rows, columns);
            if (values.Length != result.Length)
            {
                throw new ArgumentException(
                    $"Expected {result.Length} values for shape {result.ShapeText}, got {values.Length}.", nameof(values));
            }

            values.CopyTo(result.Span);
            return result;
        }

        /// <summary>A rank-2 tensor holding a copy of a two-dimensional array.</summary>
        /// <param name="values">The elements; the first index is the row.</param>
        public static Tensor FromArray(float[,] values)
        {
            ArgumentNullException.ThrowIfNull(values);
            var result = new Tensor(values.GetLength(0), values.GetLength(1));
            for (int i = 0; i < result.Rows; i++)
            {
                for (int j = 0; j < result.Columns; j++)
                {
                    result[i, j] = values[i, j];
                }
            }

            return result;
        }

        /// <summary>
        /// A rank-2 tensor of normal samples with mean 0 and standard deviation <paramref name="std"/>
        /// (Box–Muller on <paramref name="random"/>, so a seeded <see cref="Random"/> gives repeatable weights).
        /// </summary>
        /// <param name="rows">The number of rows.</param>
        /// <param name="columns">The number of columns.</param>
        /// <param name="std">The standard deviation.</param>
        /// <param name="random">The source of randomness.</param>
        public static Tensor RandomNormal(int rows, int columns, float std, Random random)
        {
            ArgumentNullException.ThrowIfNull(random);
            var result = new Tensor(rows, columns);
            Span<float> values = result.Span;
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = std * NextGaussian(random);
            }

            return result;
        }

        /// <summary>One standard normal sample (Box–Muller).</summary>
        /// <param name="random">The source of randomness.</param>
        public static float NextGaussian(Random random)
        {
            ArgumentNullException.ThrowIfNull(random);
            double u1 = 1.0 - random.NextDouble(); // in (0, 1], so the log is finite
            double u2 = random.NextDouble();
            return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
        }
    }
}
