namespace AutoDiffGen.Generator.Tests.Infrastructure;

public static partial class GoldenExamples
{
    /// <summary>
    /// Generic math: the generated MBackward&lt;T&gt; (and MForward&lt;T&gt;), with the seed overload, constants as T, Math as T's
    /// statics and tapes of T. Not in <see cref="All"/> (whose gradient test calls non-generic methods): GenericMathGradientTests
    /// checks the same methods at double and float.
    /// </summary>
    public static class GenericMath
    {
        public const string Source = """
            using System;
            using System.Numerics;
            using AutoDiffGen;

            namespace Golden.GenericMath
            {
                public static partial class Generic
                {
                    /// The lecture's neuron, in both modes.
                    [Differentiable(Forward = true)]
                    public static T Neuron<T>(T w0, T x0, T w1, T x1, T w2) where T : IFloatingPointIeee754<T>
                        => T.One / (T.One + T.Exp(-(w0 * x0 + w1 * x1 + w2)));

                    /// A loop with a tape of T, an int made a T, a branch and library functions.
                    [Differentiable]
                    public static T Smooth<T>(T[] x, T scale) where T : IFloatingPointIeee754<T>
                    {
                        T s = T.Zero;
                        for (int i = 0; i < x.Length; i++)
                        {
                            T v = x[i] * scale;
                            s += v > T.Zero ? T.Log(T.One + v) : T.CreateChecked(0.5) * v * v;
                        }
                        return T.Sqrt(s / T.CreateChecked(x.Length)) + T.Pi * scale;
                    }
                }
            }
            """;
    }
}
