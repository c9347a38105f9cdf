using System;
using System.ComponentModel;

namespace AutoDiffGen.Internals
{
    /// <summary>
    /// A jagged <c>double[][]</c> parameter of a <c>Hessian = true</c> method (issue 14, hess16): its elements are
    /// differentiable scalars row after row (<c>a[0][0]</c>, …, <c>a[0][k₀ − 1]</c>, <c>a[1][0]</c>, …), so n grows by the
    /// sum of its rows' lengths at the call. In <c>MHessianVector</c> its tangents and its adjoint's tangents are jagged
    /// arrays of its shape (the body indexes them as it indexes the parameter), read from and written to its block.
    /// Called by generated code only.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class JaggedBlocks
    {
        /// <summary>How many elements <paramref name="rows"/> holds: the sum of its rows' lengths (a null row holds none).</summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="rows">The parameter (null: none; the method throws where it reads it).</param>
        /// <returns>Its block's length.</returns>
        public static int Count<T>(T[]?[]? rows)
        {
            if (rows is null) return 0;
            int count = 0;
            foreach (var row in rows) count += row?.Length ?? 0;
            return count;
        }

        /// <summary>A new jagged array of the shape of <paramref name="shape"/> holding <paramref name="block"/> row after row.</summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="block">The parameter's entries of the direction, <see cref="Count{T}"/> of them.</param>
        /// <param name="shape">The parameter.</param>
        /// <returns>The tangents: entry (i, j) is <c>block[(lengths of rows before i) + j]</c>; a null row stays null.</returns>
        public static T[][] Read<T>(ReadOnlySpan<T> block, T[]?[]? shape)
        {
            if (shape is null) return new T[0][];
            var result = new T[shape.Length][];
            int at = 0;
            for (int i = 0; i < shape.Length; i++)
            {
                if (shape[i] is not T[] row)
                {
                    // The method throws where it reads a null row; its tangent row is never indexed.
                    result[i] = null!;
                    continue;
                }

                result[i] = block.Slice(at, row.Length).ToArray();
                at += row.Length;
            }

            return result;
        }

        /// <summary>Writes <paramref name="rows"/> row after row into <paramref name="block"/>.</summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="rows">The adjoint's tangents (of the parameter's shape).</param>
        /// <param name="block">The parameter's entries of the output.</param>
        public static void Write<T>(T[]?[] rows, Span<T> block)
        {
            if (rows is null) throw new ArgumentNullException(nameof(rows));
            int at = 0;
            foreach (var row in rows)
            {
                if (row is null) continue;
                row.AsSpan().CopyTo(block.Slice(at, row.Length));
                at += row.Length;
            }
        }
    }
}
