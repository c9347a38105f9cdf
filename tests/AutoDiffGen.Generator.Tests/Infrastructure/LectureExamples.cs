namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>The worked examples of CS231n lecture 4, as a user would write them.</summary>
public static class LectureExamples
{
    public const string Source = """
        using System;
        using AutoDiffGen;

        namespace Lecture
        {
            public static partial class Gates
            {
                /// f(x, y, z) = (x + y) · z: the first example.
                [Differentiable]
                public static double Simple(double x, double y, double z)
                {
                    double q = x + y;
                    double f = q * z;
                    return f;
                }

                /// The sigmoid neuron f(w, x) = σ(w0·x0 + w1·x1 + w2).
                [Differentiable]
                public static double Neuron(double w0, double x0, double w1, double x1, double w2)
                {
                    double dot = w0 * x0 + w1 * x1 + w2;
                    double f = 1.0 / (1.0 + Math.Exp(-dot));
                    return f;
                }

                /// The staged computation f(x, y) = (x + σ(y)) / (σ(x) + (x + y)²).
                [Differentiable]
                public static double Staged(double x, double y)
                {
                    double sigy = 1.0 / (1 + Math.Exp(-y));
                    double num = x + sigy;
                    double sigx = 1.0 / (1 + Math.Exp(-x));
                    double xpy = x + y;
                    double xpysqr = xpy * xpy;
                    double den = sigx + xpysqr;
                    double invden = 1.0 / den;
                    double f = num * invden;
                    return f;
                }

                /// The add, mul and max gates: 2 · (x·y + max(z, w)).
                [Differentiable]
                public static double AddMulMax(double x, double y, double z, double w)
                {
                    double xy = x * y;
                    double m = Math.Max(z, w);
                    double s = xy + m;
                    return 2.0 * s;
                }

                /// ‖W·x‖² written out on scalars, for a 2×2 W.
                [Differentiable]
                public static double NormSquared(double w00, double w01, double w10, double w11, double x0, double x1)
                {
                    double q0 = w00 * x0 + w01 * x1;
                    double q1 = w10 * x0 + w11 * x1;
                    return q0 * q0 + q1 * q1;
                }
            }
        }
        """;
}
