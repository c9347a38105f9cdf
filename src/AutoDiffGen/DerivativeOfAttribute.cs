using System;

namespace AutoDiffGen
{
    /// <summary>
    /// Declares the attributed method as the hand-written derivative of another method. Wherever a
    /// <see cref="DifferentiableAttribute"/> body calls that method, the generated code calls this one
    /// in its reverse sweep.
    /// </summary>
    /// <remarks>
    /// For a scalar method <c>R M(T1 p1, …)</c> the derivative has exactly the shape the generator
    /// would emit: <c>R MBackward(T1 p1, …, ref T1 dP1, …, R dResult = 1)</c>.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class DerivativeOfAttribute : Attribute
    {
        /// <summary>The derivative of a method of the containing type.</summary>
        /// <param name="methodName">The name of the differentiated method; use <c>nameof</c>.</param>
        public DerivativeOfAttribute(string methodName)
        {
            MethodName = methodName;
        }

        /// <summary>The derivative of a method of another type.</summary>
        /// <param name="type">The type that declares the differentiated method.</param>
        /// <param name="methodName">The name of the differentiated method; use <c>nameof</c>.</param>
        public DerivativeOfAttribute(Type type, string methodName)
        {
            Type = type;
            MethodName = methodName;
        }

        /// <summary>The type that declares the differentiated method, or null for the containing type.</summary>
        public Type? Type { get; }

        /// <summary>The name of the differentiated method.</summary>
        public string MethodName { get; }
    }
}
