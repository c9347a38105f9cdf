using System;
using System.ComponentModel;

namespace AutoDiffGen.Internals
{
    /// <summary>
    /// What a generated <c>…HessianVector</c> passes to a callee's <c>…BackwardTangent</c> for an array or span argument
    /// that has no tangent or whose gradient it does not need, without allocating. Generic over the element type, so a
    /// float callee and a double one share it. Called by generated code only.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class CurvatureArguments
    {
        /// <summary>
        /// Zeros as long as <paramref name="like"/>: the tangent of a constant array argument. One growing buffer per
        /// thread and type, handed out read-only, so it stays zero.
        /// </summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="like">The argument (a null array is empty).</param>
        /// <returns>A read-only span of zeros.</returns>
        public static ReadOnlySpan<T> Zeros<T>(ReadOnlySpan<T> like)
        {
            T[]? buffer = ZeroBuffer<T>.t_buffer;
            if (buffer is null || buffer.Length < like.Length)
            {
                buffer = ZeroBuffer<T>.t_buffer = new T[Math.Max(like.Length, buffer is null ? 16 : buffer.Length * 2)];
            }

            return new ReadOnlySpan<T>(buffer, 0, like.Length);
        }

        /// <summary>
        /// A span as long as <paramref name="like"/> that the callee adds a gradient nobody reads into (the caller's product
        /// does not form its parameters' gradient): <see cref="TapeWorkspace.Sink{T}(int)"/>.
        /// </summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="like">The argument (a null array is empty).</param>
        /// <returns>A span whose values are unspecified.</returns>
        public static Span<T> Sink<T>(ReadOnlySpan<T> like) => TapeWorkspace.Sink<T>(like.Length);

        private static class ZeroBuffer<T>
        {
            [ThreadStatic]
            public static T[]? t_buffer;
        }
    }
}
