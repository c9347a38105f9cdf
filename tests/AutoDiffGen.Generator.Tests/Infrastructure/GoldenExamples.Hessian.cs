namespace AutoDiffGen.Generator.Tests.Infrastructure;

public static partial class GoldenExamples
{
    /// <summary>
    /// Hessian mode (<c>Hessian = true</c>): straight-line code (the lecture's neuron, Rosenbrock) and a loop over an
    /// array parameter with a branch (HessianModeTests checks the same shapes by hand and by central differences), and a
    /// call differentiated twice through its callee's own Hessian–vector product (HessianCallTests), a float method over a
    /// Vector2 and a checkpointed loop (HessianStructFloatCheckpointTests), a local array (HessianLocalArrayTests), a float
    /// caller of a float helper and a mixed method calling it through a cast (HessianFloatCallTests).
    /// </summary>
    public static class Hessian
    {
        public const string Source = """
            using System;
            using AutoDiffGen;

            namespace Golden.Hessian
            {
                public static partial class Curvature
                {
                    /// The lecture's sigmoid neuron.
                    [Differentiable(Hessian = true)]
                    public static double Neuron(double w0, double x0, double w1, double x1, double w2) =>
                        1.0 / (1.0 + Math.Exp(-(w0 * x0 + w1 * x1 + w2)));

                    [Differentiable(Hessian = true)]
                    public static double Rosenbrock(double x, double y)
                    {
                        double a = 1 - x;
                        double b = y - x * x;
                        return a * a + 100 * b * b;
                    }

                    /// Log-sum-exp over an array with a scale: each element is one differentiable scalar, then s.
                    [Differentiable(Hessian = true)]
                    public static double SoftMax(double[] z, double s)
                    {
                        double m = 0;
                        for (int i = 0; i < z.Length; i++)
                        {
                            if (z[i] > 0) m += Math.Exp(s * z[i]);
                            else m += 1 + s * z[i];
                        }
                        return Math.Log(m) / s;
                    }

                    /// A helper with Hessian = true, called below with a scalar and an array parameter.
                    [Differentiable(Hessian = true)]
                    public static double Cubic(double u, double[] w) => u * u * u * w[0] + u * w[1];

                    /// A call the forward-over-reverse product differentiates twice through Cubic's Backward and H·v.
                    [Differentiable(Hessian = true)]
                    public static double ThroughCall(double x, double[] w) => Cubic(x * w[2], w) + Math.Sin(x);

                    /// A float method over a Vector2: forward over reverse in float, the fields' tangents locals of their own.
                    [Differentiable(Hessian = true)]
                    public static float Reach(System.Numerics.Vector2 p, float k) => MathF.Exp(p.X * k) + p.Y * p.Y * p.X;

                    /// Log-sum-exp through a local array of exps: its tangent (tE) and its adjoint's tangent (tdE) are arrays too.
                    [Differentiable(Hessian = true)]
                    public static double LocalExps(double[] z)
                    {
                        var e = new double[z.Length];
                        for (int i = 0; i < z.Length; i++) e[i] = Math.Exp(z[i]);
                        double s = 0;
                        for (int i = 0; i < e.Length; i++) s += e[i];
                        return Math.Log(s);
                    }

                    /// A float helper with Hessian = true.
                    [Differentiable(Hessian = true)]
                    public static float SquareF(float u) => u * u;

                    /// A float caller: the call is differentiated twice in float (its gradient and H·t in float).
                    [Differentiable(Hessian = true)]
                    public static float FloatCall(float x, float y) => SquareF(1 - x) + 100 * SquareF(y - x * x);

                    /// A double method with a float parameter calling the float helper through a cast: each value's tangent in its own type.
                    [Differentiable(Hessian = true)]
                    public static double MixedCall(double x, float w) => SquareF((float)x * w) + Math.Exp(x * w);

                    /// A checkpointed loop: each checkpoint also holds the carried value's tangent.
                    [Differentiable(Hessian = true, Checkpoint = true)]
                    public static double Decay(double a, double b, int n)
                    {
                        double s = a;
                        for (int i = 0; i < n; i++) s = Math.Sin(s) * b + 0.5 * s;
                        return s * b;
                    }
                }
            }
            """;
    }
}
