using System;
using System.Collections.Generic;
using System.Globalization;

namespace AutoDiffGen.Internals
{
    /// <summary>
    /// The checks of a <c>[WithRespectTo]</c> list of class objects (<c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c>,
    /// <c>IReadOnlyList&lt;T&gt;</c>), whose adjoint is an array of the class, and of the tangent span of an array or list
    /// of class objects in <c>…Forward</c>: present, of one length, and no element null. Like the other checks they
    /// allocate nothing unless one fails (one overload per list type, no delegate).
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
        public static void ClassList<T>(List<T>? primal, T[]? adjoint, string primalName, string adjointName)
        {
            ClassElements(primal, primalName);
            Adjoints(primal!.Count, adjoint, primalName, adjointName);
        }

        /// <summary>A <c>[WithRespectTo]</c> <c>IList&lt;T&gt;</c> of class objects and its adjoint array: both present, of one length, no element null.</summary>
        /// <typeparam name="T">The element class.</typeparam>
        /// <param name="primal">The list parameter.</param>
        /// <param name="adjoint">Its adjoint.</param>
        /// <param name="primalName">The parameter's name.</param>
        /// <param name="adjointName">The adjoint's name.</param>
        /// <exception cref="ArgumentNullException">The list or the array is null.</exception>
        /// <exception cref="ArgumentException">The lengths differ, or an element of either is null.</exception>
        public static void ClassList<T>(IList<T>? primal, T[]? adjoint, string primalName, string adjointName)
        {
            ClassElements(primal, primalName);
            Adjoints(primal!.Count, adjoint, primalName, adjointName);
        }

        /// <summary>A <c>[WithRespectTo]</c> <c>IReadOnlyList&lt;T&gt;</c> of class objects and its adjoint array: both present, of one length, no element null.</summary>
        /// <typeparam name="T">The element class.</typeparam>
        /// <param name="primal">The list parameter.</param>
        /// <param name="adjoint">Its adjoint.</param>
        /// <param name="primalName">The parameter's name.</param>
        /// <param name="adjointName">The adjoint's name.</param>
        /// <exception cref="ArgumentNullException">The list or the array is null.</exception>
        /// <exception cref="ArgumentException">The lengths differ, or an element of either is null.</exception>
        public static void ClassList<T>(IReadOnlyList<T>? primal, T[]? adjoint, string primalName, string adjointName)
        {
            ClassElements(primal, primalName);
            Adjoints(primal!.Count, adjoint, primalName, adjointName);
        }

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
        /// <exception cref="ArgumentNullException">The array or list is null.</exception>
        /// <exception cref="ArgumentException">An element is null.</exception>
        public static void ClassElements<T>(T[]? primal, string primalName)
        {
            if (primal is null) throw new ArgumentNullException(primalName);
            for (int i = 0; i < primal.Length; i++)
            {
                if (primal[i] is null) ThrowNullElement(primalName, i, MembersRead);
            }
        }

        /// <inheritdoc cref="ClassElements{T}(T[], string)"/>
        public static void ClassElements<T>(List<T>? primal, string primalName)
        {
            if (primal is null) throw new ArgumentNullException(primalName);
            for (int i = 0; i < primal.Count; i++)
            {
                if (primal[i] is null) ThrowNullElement(primalName, i, MembersRead);
            }
        }

        /// <inheritdoc cref="ClassElements{T}(T[], string)"/>
        public static void ClassElements<T>(IList<T>? primal, string primalName)
        {
            if (primal is null) throw new ArgumentNullException(primalName);
            for (int i = 0; i < primal.Count; i++)
            {
                if (primal[i] is null) ThrowNullElement(primalName, i, MembersRead);
            }
        }

        /// <inheritdoc cref="ClassElements{T}(T[], string)"/>
        public static void ClassElements<T>(IReadOnlyList<T>? primal, string primalName)
        {
            if (primal is null) throw new ArgumentNullException(primalName);
            for (int i = 0; i < primal.Count; i++)
            {
                if (primal[i] is null) ThrowNullElement(primalName, i, MembersRead);
            }
        }

        private const string MembersRead = "an object whose members are read";

        /// <summary>The adjoint array of a list of <paramref name="count"/> class objects: present, of that length, no element null.</summary>
        private static void Adjoints<T>(int count, T[]? adjoint, string primalName, string adjointName)
        {
            if (adjoint is null) throw new ArgumentNullException(adjointName);
            Length(count, adjoint.Length, primalName, adjointName);
            for (int i = 0; i < adjoint.Length; i++)
            {
                if (adjoint[i] is null) ThrowNullElement(adjointName, i, "an object of its class (its real members zero, or a gradient to add to) for the gradient of '" + primalName + "[" + i.ToString(CultureInfo.InvariantCulture) + "]' to be added into");
            }
        }
    }
}
