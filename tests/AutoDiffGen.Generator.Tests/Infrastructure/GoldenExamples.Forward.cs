namespace AutoDiffGen.Generator.Tests.Infrastructure;

public static partial class GoldenExamples
{
    /// <summary>
    /// Forward mode (<c>Forward = true</c>): straight-line code, a loop that carries its tangent, a branch, a local
    /// array with a tangent array, and a call of another forward-mode method (ForwardModeTests checks their tangents).
    /// </summary>
    public static class Forward
    {
        public const string Source = """
            using System;
            using AutoDiffGen;

            namespace Golden.Forward
            {
                public static partial class Directional
                {
                    /// The lecture's sigmoid neuron.
                    [Differentiable(Forward = true)]
                    public static double Neuron(double w0, double x0, double w1, double x1, double w2) =>
                        1.0 / (1.0 + Math.Exp(-(w0 * x0 + w1 * x1 + w2)));

                    [Differentiable(Forward = true)]
                    public static double Rosenbrock(double x, double y)
                    {
                        double a = 1 - x;
                        double b = y - x * x;
                        return a * a + 100 * b * b;
                    }

                    /// p(x) by Horner's rule: MForward carries p'(x) along, no tape.
                    [Differentiable(Forward = true)]
                    public static double Horner([NoDiff] double[] c, double x)
                    {
                        double acc = 0;
                        for (int i = c.Length - 1; i >= 0; i--) acc = acc * x + c[i];
                        return acc;
                    }

                    /// A branch: the tangent follows the branch the value took.
                    [Differentiable(Forward = true)]
                    public static double Huber(double r, double delta)
                    {
                        double a = Math.Abs(r);
                        if (a <= delta) return 0.5 * r * r;
                        return delta * (a - 0.5 * delta);
                    }

                    /// A local array: its tangent is an array too.
                    [Differentiable(Forward = true)]
                    public static double Smoothed(double[] x, double k)
                    {
                        var s = new double[x.Length];
                        for (int i = 0; i < x.Length; i++) s[i] = Math.Tanh(k * x[i]);
                        double total = 0;
                        for (int i = 0; i < s.Length; i++) total += s[i] * x[i];
                        return total;
                    }

                    /// Calls: each callee's MForward.
                    [Differentiable(Forward = true)]
                    public static double Layer(double[] x, double w, double b) => Neuron(w, x[0], w, x[1], b) + Smoothed(x, w);
                }
            }
            """;
    }
}
