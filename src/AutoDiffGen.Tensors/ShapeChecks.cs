using System;

namespace AutoDiffGen.Tensors
{
    /// <summary>Shape validation; every message names the operation and both shapes.</summary>
    internal static class ShapeChecks
    {
        public static void Same(string op, Tensor a, Tensor b)
        {
            ArgumentNullException.ThrowIfNull(a);
            ArgumentNullException.ThrowIfNull(b);
            if (!a.HasSameShape(b))
            {
                throw new ArgumentException($"{op}: shapes {a.ShapeText} and {b.ShapeText} differ; they must be equal.");
            }
        }

        /// <summary>An adjoint, when given, must have the shape of its primal.</summary>
        public static void Adjoint(string op, Tensor primal, Tensor? adjoint, string name)
        {
            if (adjoint is not null && !primal.HasSameShape(adjoint))
            {
                throw new ArgumentException(
                    $"{op}: adjoint {name} has shape {adjoint.ShapeText} but its value has shape {primal.ShapeText}.", name);
            }
        }

        /// <summary>A tangent, when given, must have the shape of its primal.</summary>
        public static void Tangent(string op, Tensor primal, Tensor? tangent, string name)
        {
            if (tangent is not null && !primal.HasSameShape(tangent))
            {
                throw new ArgumentException(
                    $"{op}: tangent {name} has shape {tangent.ShapeText} but its value has shape {primal.ShapeText}.", name);
            }
        }

        public static void Rank2(string op, Tensor t, string name)
        {
            ArgumentNullException.ThrowIfNull(t, name);
            if (t.Rank != 2)
            {
                throw new ArgumentException($"{op}: {name} must be rank 2; its shape is {t.ShapeText}.", name);
            }
        }
    }
}
