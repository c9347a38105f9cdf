namespace AutoDiffGen.Generator.Tests.Infrastructure;

public static partial class GoldenExamples
{
    /// <summary>float methods: MathF and float literals, a float array, and a float loss of a double.</summary>
    public static class Precision
    {
        public const string Source = """
            using System;
            using AutoDiffGen;

            namespace Golden.Precision
            {
                public static partial class Single
                {
                    /// A float neuron: MathF, float literals, float adjoints.
                    [Differentiable]
                    public static float Neuron(float w, float x, float b) => 1f / (1f + MathF.Exp(-(w * x + b)));

                    /// A float array: the mean squared value, accumulated in float.
                    [Differentiable]
                    public static float MeanSquare(float[] x)
                    {
                        float s = 0f;
                        for (int i = 0; i < x.Length; i++)
                        {
                            s += x[i] * x[i];
                        }
                        return s / x.Length;
                    }

                    /// A float result computed in double from a float and a double parameter.
                    [Differentiable]
                    public static float Mixed(float x, double y) => (float)(Math.Tanh(x) * y);
                }
            }
            """;
    }
}
