using System;
using System.Collections.Generic;
using System.Globalization;

namespace AutoDiffGen.Internals
{
    /// <summary>
    /// The checks of a <c>[WithRespectTo]</c> list of class objects (<c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c>,
    /// <c>IReadOnlyList&lt;T&gt;</c>), whose adjoint is an array of the class, and of the tangent span of an array or list
    /// of class objects in <c>…Forward</c>: present, of one length, and no element null.
    /// </summary>
    public static partial class Check
    {
        /// <summary>A <c>[WithRespectTo]</c> <c>List&lt;T&gt;</c> of class objects and its adjoint array: both present, of one length, no element null.</summary>
        /// <typeparam name="T">The element class.</typeparam>
        /// <param name="primal">The list parameter.</param>
        /// <param name="adjoint">Its adjoint.</param>
        /// <param name="primalName">The parameter's name.</param>
        /// <param name="adjointName">The adjoint's name.</param>
        /// <exception cref="ArgumentNullException">The list or the array is null.</exception>
        /// <exception cref="ArgumentException">The lengths differ, or an element of either is null.</exception>
        public static void ClassList<T>(List<T>? primal, T[]? adjoint, string primalName, string adjointName) =>
            ClassList(primal is null ? -1 : primal.Count, i => primal![i], adjoint, primalName, adjointName);

        /// <summary>A <c>[WithRespectTo]</c> <c>IList&lt;T&gt;</c> of class objects and its adjoint array: both present, of one length, no element null.</summary>
        /// <typeparam name="T">The element class.</typeparam>
        /// <param name="primal">The list parameter.</param>
        /// <param name="adjoint">Its adjoint.</param>
        /// <param name="primalName">The parameter's name.</param>
        /// <param name="adjointName">The adjoint's name.</param>
        /// <exception cref="ArgumentNullException">The list or the array is null.</exception>
        /// <exception cref="ArgumentException">The lengths differ, or an element of either is null.</exception>
        public static void ClassList<T>(IList<T>? primal, T[]? adjoint, string primalName, string adjointName) =>
            ClassList(primal is null ? -1 : primal.Count, i => primal![i], adjoint, primalName, adjointName);

        /// <summary>A <c>[WithRespectTo]</c> <c>IReadOnlyList&lt;T&gt;</c> of class objects and its adjoint array: both present, of one length, no element null.</summary>
        /// <typeparam name="T">The element class.</typeparam>
        /// <param name="primal">The list parameter.</param>
        /// <param name="adjoint">Its adjoint.</param>
        /// <param name="primalName">The parameter's name.</param>
        /// <param name="adjointName">The adjoint's name.</param>
        /// <exception cref="ArgumentNullException">The list or the array is null.</exception>
        /// <exception cref="ArgumentException">The lengths differ, or an element of either is null.</exception>
        public static void ClassList<T>(IReadOnlyList<T>? primal, T[]? adjoint, string primalName, string adjointName) =>
            ClassList(primal is null ? -1 : primal.Count, i => primal![i], adjoint, primalName, adjointName);

        /// <summary>
        /// The tangent span of an array or list of class objects (<c>…Forward</c>'s <c>tP</c>): of the parameter's length,
        /// no element null (its real members are the direction).
        /// </summary>
        /// <typeparam name="T">The element class.</typeparam>
        /// <param name="count">The parameter's length (<c>Length</c> or <c>Count</c>).</param>
        /// <param name="tangent">The tangent.</param>
        /// <param name="primalName">The parameter's name.</param>
        /// <param name="tangentName">The tangent's name.</param>
        /// <exception cref="ArgumentException">The lengths differ, or an element is null.</exception>
        public static void ClassTangent<T>(int count, ReadOnlySpan<T> tangent, string primalName, string tangentName)
        {
            Length(count, tangent.Length, primalName, tangentName);
            for (int i = 0; i < tangent.Length; i++)
            {
                if (tangent[i] is null) ThrowNullElement(tangentName, i, "an object of its class whose real members are the direction of '" + primalName + "[" + i.ToString(CultureInfo.InvariantCulture) + "]'");
            }
        }

        /// <summary>Every element of an array or list of class objects present (<c>…Forward</c>, <c>…Hessian</c>: its members are read as they start).</summary>
        /// <typeparam name="T">The element class.</typeparam>
        /// <param name="primal">The parameter.</param>
        /// <param name="primalName">The parameter's name.</param>
        /// <exception cref="ArgumentNullException">The array is null.</exception>
        /// <exception cref="ArgumentException">An element is null.</exception>
        public static void ClassElements<T>(T[]? primal, string primalName) => Elements(primal is null ? -1 : primal.Length, i => primal![i], primalName);

        /// <inheritdoc cref="ClassElements{T}(T[], string)"/>
        public static void ClassElements<T>(List<T>? primal, string primalName) => Elements(primal is null ? -1 : primal.Count, i => primal![i], primalName);

        /// <inheritdoc cref="ClassElements{T}(T[], string)"/>
        public static void ClassElements<T>(IList<T>? primal, string primalName) => Elements(primal is null ? -1 : primal.Count, i => primal![i], primalName);

        /// <inheritdoc cref="ClassElements{T}(T[], string)"/>
        public static void ClassElements<T>(IReadOnlyList<T>? primal, string primalName) => Elements(primal is null ? -1 : primal.Count, i => primal![i], primalName);

        private static void ClassList<T>(int count, Func<int, T> at, T[]? adjoint, string primalName, string adjointName)
        {
            if (count < 0) throw new ArgumentNullException(primalName);
            if (adjoint is null) throw new ArgumentNullException(adjointName);
            Length(count, adjoint.Length, primalName, adjointName);
            Elements(count, at, primalName);
            for (int i = 0; i < count; i++)
            {
                if (adjoint[i] is null) ThrowNullElement(adjointName, i, "an object of its class (its real members zero, or a gradient to add to) for the gradient of '" + primalName + "[" + i.ToString(CultureInfo.InvariantCulture) + "]' to be added into");
            }
        }

        private static void Elements<T>(int count, Func<int, T> at, string primalName)
        {
            if (count < 0) throw new ArgumentNullException(primalName);
            for (int i = 0; i < count; i++)
            {
                if (at(i) is null) ThrowNullElement(primalName, i, "an object whose members are read");
            }
        }
    }
}
