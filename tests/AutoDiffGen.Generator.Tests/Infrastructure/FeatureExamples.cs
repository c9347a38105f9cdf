namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>Small methods that exercise one feature each, for golden files and compile-and-run tests.</summary>
public static class FeatureExamples
{
    public const string Source = """
        using System;
        using AutoDiffGen;

        namespace Features
        {
            public partial class Outer<T>
            {
                internal partial struct Physics
                {
                    private readonly double _mass;

                    public Physics(double mass) => _mass = mass;

                    /// An instance method in a nested struct of a generic class, reading a field.
                    [Differentiable]
                    public double KineticEnergy(double v) => 0.5 * _mass * v * v;
                }
            }

            public static partial class Features
            {
                /// Reassignment, compound assignment, int and [NoDiff] parameters passed through.
                [Differentiable]
                internal static double Reassign(double x, [NoDiff] double scale, int power, double y)
                {
                    double acc = x;
                    acc *= y;
                    acc += 2;
                    int p2 = power * 2;
                    acc = acc * p2 - scale;
                    acc /= scale;
                    double unused = Math.Log(-1 + 0 * y);
                    return acc;
                }

                /// A float method: float literals and MathF, accumulated in float.
                [Differentiable]
                public static float Softplus(float x) => MathF.Log(1f + MathF.Exp(x));

                /// Mixed precision: a double computed from a float parameter.
                [Differentiable]
                public static float Mixed(float x, double y) => (float)(Math.Tanh(x) * y);

                /// Constant folding, Math.PI, a zero-gradient Floor and fan-out of x.
                [Differentiable]
                public static double Periodic(double x)
                {
                    double k = Math.Floor(x / (2 * Math.PI));
                    double r = x - 2 * Math.PI * k;
                    return Math.Sin(r) * x + Math.Sqrt(x * x + 1);
                }
            }
        }
        """;
}
