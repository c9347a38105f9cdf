using System;
using System.Numerics.Tensors;

namespace AutoDiffGen.Tensors
{
    // The bias add: one row vector broadcast over every row of a batch.
    public sealed partial class Tensor
    {
        /// <summary>
        /// <c>x + bias</c> with <paramref name="bias"/> added to every row: x is [n, d], bias is [d] or [1, d].
        /// </summary>
        /// <param name="x">The batch, one sample per row.</param>
        /// <param name="bias">The row vector.</param>
        public static Tensor AddBias(Tensor x, Tensor bias)
        {
            CheckBias(x, bias);
            Tensor result = AllocateLike(x, clear: false);
            ReadOnlySpan<float> b = bias.Span;
            for (int i = 0; i < x._rows; i++)
            {
                TensorPrimitives.Add(x.Row(i), b, result.Row(i));
            }

            return result;
        }

        /// <summary>Pullback of <see cref="AddBias"/>: dX += dR, dBias += the column sums of dR.</summary>
        /// <param name="x">The forward batch.</param>
        /// <param name="bias">The forward row vector.</param>
        /// <param name="result">The forward result (unused).</param>
        /// <param name="dResult">The adjoint of the result.</param>
        /// <param name="dX">Receives the adjoint of <paramref name="x"/>; null to skip.</param>
        /// <param name="dBias">Receives the adjoint of <paramref name="bias"/>; null to skip.</param>
        [DerivativeOf(nameof(AddBias))]
        public static void AddBiasPullback(Tensor x, Tensor bias, Tensor result, Tensor dResult, Tensor? dX, Tensor? dBias)
        {
            CheckBias(x, bias);
            ShapeChecks.Same(nameof(AddBias), x, dResult);
            AccumulateInto(nameof(AddBias), dResult, dX, nameof(dX));
            if (dBias is not null)
            {
                ShapeChecks.Adjoint(nameof(AddBias), bias, dBias, nameof(dBias));
                Span<float> db = dBias.Span;
                for (int i = 0; i < dResult._rows; i++)
                {
                    TensorPrimitives.Add(db, dResult.Row(i), db);
                }
            }
        }

        private static void CheckBias(Tensor x, Tensor bias)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(bias);
            if (bias._rows != 1 || bias._columns != x._columns)
            {
                throw new ArgumentException(
                    $"AddBias: x has shape {x.ShapeText} and bias has shape {bias.ShapeText}; bias must be [{x._columns}] or [1, {x._columns}].");
            }
        }
    }
}
