using System;
using System.ComponentModel;

namespace AutoDiffGen.Internals
{
    /// <summary>
    /// A <c>double[,]</c> parameter a <c>Hessian = true</c> method writes (issue 14, hess13): its tangents, adjoint and
    /// adjoint's tangents in <c>MHessianVector</c> are matrices of its shape (the stores index them as the method indexes the
    /// parameter), read from and written to the parameter's block of the direction and of the output, row-major.
    /// Called by generated code only.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class MatrixBlocks
    {
        /// <summary>A new matrix of the shape of <paramref name="shape"/> holding <paramref name="block"/> row-major.</summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="block">The parameter's entries of the direction, <c>shape.Length</c> of them.</param>
        /// <param name="shape">The parameter.</param>
        /// <returns>The matrix: entry (i, j) is <c>block[i · columns + j]</c>.</returns>
        public static T[,] Read<T>(ReadOnlySpan<T> block, T[,] shape)
        {
            if (shape is null) throw new ArgumentNullException(nameof(shape));
            int rows = shape.GetLength(0), columns = shape.GetLength(1);
            var matrix = new T[rows, columns];
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < columns; j++) matrix[i, j] = block[i * columns + j];
            }

            return matrix;
        }

        /// <summary>A new zeroed matrix of the shape of <paramref name="shape"/>.</summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="shape">The parameter.</param>
        /// <returns>A matrix of zeros.</returns>
        public static T[,] Zeros<T>(T[,] shape)
        {
            if (shape is null) throw new ArgumentNullException(nameof(shape));
            return new T[shape.GetLength(0), shape.GetLength(1)];
        }

        /// <summary>Writes <paramref name="matrix"/> row-major into <paramref name="block"/>.</summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="matrix">The adjoint's tangents.</param>
        /// <param name="block">The parameter's entries of the output, <c>matrix.Length</c> of them.</param>
        public static void Write<T>(T[,] matrix, Span<T> block)
        {
            if (matrix is null) throw new ArgumentNullException(nameof(matrix));
            int rows = matrix.GetLength(0), columns = matrix.GetLength(1);
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < columns; j++) block[i * columns + j] = matrix[i, j];
            }
        }

        /// <summary>A copy of what <paramref name="matrix"/> holds, for <c>MHessian</c> to restore before each row after the first.</summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="matrix">The parameter on entry.</param>
        /// <returns>The copy.</returns>
        public static T[,] Keep<T>(T[,] matrix)
        {
            if (matrix is null) throw new ArgumentNullException(nameof(matrix));
            return (T[,])matrix.Clone();
        }

        /// <summary>Copies <paramref name="entry"/> (from <see cref="Keep{T}"/>) back into <paramref name="matrix"/>.</summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="entry">The copy.</param>
        /// <param name="matrix">The parameter.</param>
        public static void Restore<T>(T[,] entry, T[,] matrix)
        {
            if (entry is null) throw new ArgumentNullException(nameof(entry));
            if (matrix is null) throw new ArgumentNullException(nameof(matrix));
            Array.Copy(entry, matrix, entry.Length);
        }
    }
}
