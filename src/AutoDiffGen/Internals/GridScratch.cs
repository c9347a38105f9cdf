using System.ComponentModel;

namespace AutoDiffGen.Internals
{
    /// <summary>
    /// Zeroed adjoints of the shape of a two-dimensional or jagged array that carries no gradient but is passed to a
    /// generated <c>…Backward</c> that takes an adjoint for it: the callee adds into them, and nothing reads them.
    /// Called by generated code only. Unlike <see cref="TapeWorkspace.Scratch{T}(T[])"/> these are fresh arrays:
    /// a call with a constant grid argument is rare, and a grid has no single length to key a cache on.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class GridScratch
    {
        /// <summary>A zeroed array of <paramref name="like"/>'s lengths (empty for null).</summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="like">The argument whose shape the adjoint must have.</param>
        /// <returns>A new zeroed array.</returns>
        public static T[,] Like<T>(T[,]? like) => like is null ? new T[0, 0] : new T[like.GetLength(0), like.GetLength(1)];

        /// <summary>A zeroed jagged array of <paramref name="like"/>'s shape: a null row stays null (empty for null), typed as the callee's adjoint parameter is.</summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="like">The argument whose shape the adjoint must have.</param>
        /// <returns>A new zeroed jagged array.</returns>
        public static T[][] Like<T>(T[]?[]? like)
        {
            if (like is null) return new T[0][];
            var result = new T[like.Length][];
            for (int i = 0; i < like.Length; i++)
            {
                // The callee never indexes the adjoint row of a null row (Check.Jagged lets it be null too).
                result[i] = like[i] is T[] row ? new T[row.Length] : null!;
            }

            return result;
        }
    }
}
