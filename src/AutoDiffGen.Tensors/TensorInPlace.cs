using System;
using System.Numerics.Tensors;

namespace AutoDiffGen.Tensors
{
    // In-place updates for optimizers and buffers. They are not differentiable: use them outside loss methods.
    public sealed partial class Tensor
    {
        /// <summary>Sets every element to zero.</summary>
        public void Clear() => Span.Clear();

        /// <summary>Sets every element to <paramref name="value"/>.</summary>
        /// <param name="value">The value.</param>
        public void Fill(float value) => Span.Fill(value);

        /// <summary>Copies the elements of a tensor of the same shape into this one.</summary>
        /// <param name="source">The tensor to copy.</param>
        public void CopyFrom(Tensor source)
        {
            ShapeChecks.Same(nameof(CopyFrom), this, source);
            source.Span.CopyTo(Span);
        }

        /// <summary>
        /// <c>this += source</c>. Generated reverse modes add a merged adjoint (a tensor chosen on a branch, or passed
        /// straight through) into an existing adjoint with it, so the caller's adjoint object receives the sum.
        /// </summary>
        /// <param name="source">A tensor of the same shape.</param>
        public void AddInPlace(Tensor source)
        {
            ShapeChecks.Same(nameof(AddInPlace), this, source);
            TensorPrimitives.Add(Span, source.Span, Span);
        }

        /// <summary>Multiplies every element by <paramref name="factor"/>.</summary>
        /// <param name="factor">The factor.</param>
        public void ScaleInPlace(float factor) => TensorPrimitives.Multiply(Span, factor, Span);

        /// <summary><c>this += alpha · source</c>, the SGD step and weight-decay update.</summary>
        /// <param name="source">A tensor of the same shape.</param>
        /// <param name="alpha">The factor applied to <paramref name="source"/>.</param>
        public void AddScaledInPlace(Tensor source, float alpha)
        {
            ShapeChecks.Same(nameof(AddScaledInPlace), this, source);
            TensorPrimitives.MultiplyAdd(source.Span, alpha, Span, Span);
        }
    }
}
