using System;
using System.ComponentModel;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace AutoDiffGen.Internals
{
    /// <summary>
    /// The argument checks at the top of every generated <c>…Backward</c>: a missing adjoint or one of the
    /// wrong length fails there, naming the parameter and both lengths, before anything is computed or
    /// written. Called by generated code only.
    /// </summary>
    /// <remarks>
    /// The checks are compares that inline into the caller; the throws live in separate methods that are
    /// never inlined, so the hot path stays small. Nothing allocates unless a check fails.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static partial class Check
    {
        /// <summary>
        /// An array parameter that must not be null (declared without <c>?</c> under nullable reference types)
        /// and its adjoint: both present, of one length.
        /// </summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="primal">The array parameter.</param>
        /// <param name="adjoint">Its adjoint.</param>
        /// <param name="primalName">The parameter's name.</param>
        /// <param name="adjointName">The adjoint's name.</param>
        /// <exception cref="ArgumentNullException">Either array is null.</exception>
        /// <exception cref="ArgumentException">The lengths differ.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Array<T>(T[]? primal, T[]? adjoint, string primalName, string adjointName)
        {
            if (primal is null) ThrowNull(primalName, null);
            else OptionalArray(primal, adjoint, primalName, adjointName);
        }

        /// <summary>
        /// A <c>[WithRespectTo]</c> array of class objects and its adjoint: both present, of one length, and every element
        /// of each an object (the gradient of element i is added into <paramref name="adjoint"/>[i]).
        /// </summary>
        /// <typeparam name="T">The element class.</typeparam>
        /// <param name="primal">The array parameter.</param>
        /// <param name="adjoint">Its adjoint.</param>
        /// <param name="primalName">The parameter's name.</param>
        /// <param name="adjointName">The adjoint's name.</param>
        /// <exception cref="ArgumentNullException">Either array is null.</exception>
        /// <exception cref="ArgumentException">The lengths differ, or an element of either is null.</exception>
        public static void ClassArray<T>(T?[]? primal, T?[]? adjoint, string primalName, string adjointName)
            where T : class
        {
            Array(primal, adjoint, primalName, adjointName);
            for (int i = 0; i < primal!.Length; i++)
            {
                if (primal[i] is null) ThrowNullElement(primalName, i, "an object whose members are read");
                if (adjoint![i] is null) ThrowNullElement(adjointName, i, "an object of its class (its real members zero, or a gradient to add to) for the gradient of '" + primalName + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]' to be added into");
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowNullElement(string name, int index, string what) =>
            throw new ArgumentException("'" + name + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]' is null: every element must be " + what + ".", name);

        /// <summary>
        /// An array parameter that may be null (declared <c>T[]?</c>, or in code without nullable annotations), whose
        /// method handles null: when it is null its adjoint is not read and may be null too; otherwise the adjoint
        /// must be present and of its length.
        /// </summary>
        /// <inheritdoc cref="Array{T}"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void OptionalArray<T>(T[]? primal, T[]? adjoint, string primalName, string adjointName)
        {
            if (primal is null) return;
            if (adjoint is null) ThrowNull(adjointName, primalName);
            else if (adjoint.Length != primal.Length) ThrowLength(primalName, primal.Length, adjointName, adjoint.Length);
        }

        /// <summary>
        /// A two-dimensional array parameter that must not be null and its adjoint: both present, of one shape.
        /// </summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="primal">The array parameter.</param>
        /// <param name="adjoint">Its adjoint.</param>
        /// <param name="primalName">The parameter's name.</param>
        /// <param name="adjointName">The adjoint's name.</param>
        /// <exception cref="ArgumentNullException">Either array is null.</exception>
        /// <exception cref="ArgumentException">The shapes differ.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Array2D<T>(T[,]? primal, T[,]? adjoint, string primalName, string adjointName)
        {
            if (primal is null) ThrowNull(primalName, null);
            else OptionalArray2D(primal, adjoint, primalName, adjointName);
        }

        /// <summary>A two-dimensional array parameter that may be null, and its adjoint: when present, of its shape.</summary>
        /// <inheritdoc cref="Array2D{T}"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void OptionalArray2D<T>(T[,]? primal, T[,]? adjoint, string primalName, string adjointName)
        {
            if (primal is null) return;
            if (adjoint is null) ThrowNull(adjointName, primalName);
            else if (adjoint.GetLength(0) != primal.GetLength(0) || adjoint.GetLength(1) != primal.GetLength(1))
            {
                ThrowShape(primalName, primal.GetLength(0), primal.GetLength(1), adjointName, adjoint.GetLength(0), adjoint.GetLength(1));
            }
        }

        /// <summary>
        /// A jagged array parameter that must not be null and its adjoint: both present, with as many rows, and each
        /// row of the adjoint present and as long as the parameter's row (a null row of the parameter is never read,
        /// so its adjoint row may be null too).
        /// </summary>
        /// <inheritdoc cref="Array2D{T}"/>
        public static void Jagged<T>(T[]?[]? primal, T[]?[]? adjoint, string primalName, string adjointName)
        {
            if (primal is null) ThrowNull(primalName, null);
            else OptionalJagged(primal, adjoint, primalName, adjointName);
        }

        /// <summary>A jagged array parameter that may be null, and its adjoint: when present, of its shape.</summary>
        /// <inheritdoc cref="Jagged{T}"/>
        public static void OptionalJagged<T>(T[]?[]? primal, T[]?[]? adjoint, string primalName, string adjointName)
        {
            if (primal is null) return;
            if (adjoint is null)
            {
                ThrowNull(adjointName, primalName);
                return;
            }
            if (adjoint.Length != primal.Length) ThrowLength(primalName, primal.Length, adjointName, adjoint.Length);
            for (int i = 0; i < primal.Length; i++)
            {
                var row = primal[i];
                if (row is null) continue;
                var adjointRow = adjoint[i];
                string rowName = adjointName + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                if (adjointRow is null) ThrowNull(rowName, primalName + "[" + i.ToString(CultureInfo.InvariantCulture) + "]");
                else if (adjointRow.Length != row.Length) ThrowLength(primalName + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", row.Length, rowName, adjointRow.Length);
            }
        }

        /// <summary>A span parameter and its adjoint span: of one length.</summary>
        /// <param name="primalLength">The parameter's length.</param>
        /// <param name="adjointLength">The adjoint's length.</param>
        /// <param name="primalName">The parameter's name.</param>
        /// <param name="adjointName">The adjoint's name.</param>
        /// <exception cref="ArgumentException">The lengths differ.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Length(int primalLength, int adjointLength, string primalName, string adjointName)
        {
            if (adjointLength != primalLength) ThrowLength(primalName, primalLength, adjointName, adjointLength);
        }

        /// <summary>
        /// A reference-type parameter that gets an adjoint object (a tensor): the adjoint must be present. When
        /// <paramref name="primalMayBeNull"/> and the parameter is null, its adjoint may be null too.
        /// </summary>
        /// <param name="primal">The parameter.</param>
        /// <param name="adjoint">Its adjoint.</param>
        /// <param name="primalMayBeNull">True when the parameter is declared nullable (or without nullable annotations).</param>
        /// <param name="primalName">The parameter's name.</param>
        /// <param name="adjointName">The adjoint's name.</param>
        /// <exception cref="ArgumentNullException">The adjoint (or a parameter that must not be null) is null.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Adjoint(object? primal, object? adjoint, bool primalMayBeNull, string primalName, string adjointName)
        {
            if (primal is null)
            {
                if (!primalMayBeNull) ThrowNull(primalName, null);
                return;
            }
            if (adjoint is null) ThrowNull(adjointName, primalName);
        }

        /// <summary>
        /// The adjoint of an object's state (<c>dThis</c>, from <c>[Differentiable(WithRespectToThis = true)]</c>): another
        /// instance of the object's type, present. Its arrays are checked one by one with <see cref="Array{T}"/>.
        /// </summary>
        /// <param name="adjoint">The adjoint object.</param>
        /// <param name="adjointName">Its name.</param>
        /// <exception cref="ArgumentNullException">The adjoint is null.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void State(object? adjoint, string adjointName)
        {
            if (adjoint is null) ThrowStateNull(adjointName);
        }

        /// <summary>
        /// The adjoint of a <c>[WithRespectTo]</c> class parameter is present: the Backward adds its gradient into it
        /// (or replaces it by a copy with the gradient added, for a record whose members are init-only).
        /// </summary>
        /// <param name="adjoint">The adjoint object.</param>
        /// <param name="parameterName">The parameter's name.</param>
        /// <param name="adjointName">The adjoint's name.</param>
        /// <exception cref="ArgumentNullException">The adjoint is null.</exception>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void ClassAdjoint(object? adjoint, string parameterName, string adjointName)
        {
            if (adjoint is null) ThrowClassAdjointNull(parameterName, adjointName);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowClassAdjointNull(string parameterName, string adjointName) =>
            throw new ArgumentNullException(adjointName, "'" + adjointName + "' is null: the adjoint of '" + parameterName + "' is an object of its type whose real members are zero (or a gradient to add to), for the gradient to be added into.");

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowStateNull(string name) =>
            throw new ArgumentNullException(name, "'" + name + "' is null: the adjoint of the object's state is another instance of its type (with arrays of this object's lengths), for the gradient to be added into.");

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowNull(string name, string? primalName) =>
            throw new ArgumentNullException(name, primalName is null
                ? "'" + name + "' is null: this parameter of the differentiated method must not be null."
                : "'" + name + "' is null: the adjoint of '" + primalName + "' must be an array (or span) of its length, for the gradient to be added into.");

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowShape(string primalName, int primalRows, int primalColumns, string adjointName, int adjointRows, int adjointColumns) =>
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "'{0}' has shape {1}×{2} but '{3}' has shape {4}×{5}: the adjoint of a parameter has the parameter's shape.",
                adjointName, adjointRows, adjointColumns, primalName, primalRows, primalColumns), adjointName);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void ThrowLength(string primalName, int primalLength, string adjointName, int adjointLength) =>
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "'{0}' has length {1} but '{2}' has length {3}: the adjoint of a parameter has the parameter's length.",
                adjointName, adjointLength, primalName, primalLength), adjointName);
    }
}
