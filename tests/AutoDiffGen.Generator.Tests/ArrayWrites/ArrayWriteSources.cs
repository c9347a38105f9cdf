namespace AutoDiffGen.Generator.Tests.ArrayWrites;

/// <summary>Helpers that write into arrays they are passed, and [Differentiable] callers that pass them arrays, as people write them.</summary>
internal static class ArrayWriteSources
{
    public const string Helpers = """
        using System;
        using AutoDiffGen;
        namespace ArrayWrites
        {
            public static partial class K
            {
                [Differentiable] public static void Subtract(double[] a, double[] b, double[] result)
                {
                    for (int i = 0; i < a.Length; i++) result[i] = a[i] - b[i];
                }

                // A pendulum's explicit Euler step, in place: state = (angle, velocity).
                [Differentiable] public static void Step(double[] state, double h)
                {
                    double x = state[0], v = state[1];
                    state[0] = x + h * v;
                    state[1] = v - h * Math.Sin(x);
                }

                [Differentiable] public static void Scale(double[] a, double c)
                {
                    for (int i = 0; i < a.Length; i++) a[i] *= c;
                }

                [Differentiable] public static double Dot(double[] a, double[] b)
                {
                    double s = 0;
                    for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
                    return s;
                }

                // Writes through other helpers only: Shift writes r because Subtract and Scale do.
                [Differentiable] public static void Shift(double[] a, double[] b, double[] r, double c)
                {
                    Subtract(a, b, r);
                    Scale(r, c);
                }

                // Returns a value and leaves another in the array: v / |v|, returning |v|.
                [Differentiable] public static double Normalize(double[] v)
                {
                    double n = Math.Sqrt(Dot(v, v));
                    for (int i = 0; i < v.Length; i++) v[i] /= n;
                    return n;
                }

                [Differentiable] public static void Twice(float[] a)
                {
                    for (int i = 0; i < a.Length; i++) a[i] = 2 * a[i] * a[i];
                }
            }
        }
        """;

    public const string Callers = """
        using System;
        using AutoDiffGen;
        namespace ArrayWrites
        {
            public static partial class C
            {
                // GMM-like: diff = x − μ, then |diff|²: gradient 2(x − μ), −2(x − μ).
                [Differentiable] public static double SquaredDistance(double[] x, double[] mu)
                {
                    double[] diff = new double[x.Length];
                    K.Subtract(x, mu, diff);
                    double s = 0;
                    for (int i = 0; i < diff.Length; i++) s += diff[i] * diff[i];
                    return s;
                }

                // The caller's own array parameter, written by a call in a loop: state is in/out for EnergyBackward too.
                [Differentiable] public static double Energy(double[] state, double h, int n)
                {
                    for (int k = 0; k < n; k++) K.Step(state, h);
                    return 0.5 * state[1] * state[1] + 1 - Math.Cos(state[0]);
                }

                // The same on a local array, with a read of the state between steps.
                [Differentiable] public static double Simulate(double x0, double v0, double h, int n)
                {
                    double[] s = { x0, v0 };
                    double path = 0;
                    for (int k = 0; k < n; k++)
                    {
                        K.Step(s, h);
                        path += s[0] * s[0] * h;
                    }
                    return path + s[1];
                }

                // Calls on a branch, and read-only calls after them on arrays the next iteration writes again.
                [Differentiable] public static double Mixed(double[] x, double c, int n)
                {
                    double[] t = new double[x.Length];
                    double[] u = new double[x.Length];
                    for (int i = 0; i < x.Length; i++) t[i] = x[i];
                    double s = 0;
                    for (int k = 0; k < n; k++)
                    {
                        if (k % 2 == 0) K.Scale(t, c); else K.Subtract(t, x, u);
                        s += K.Dot(t, x) + K.Dot(u, u);
                    }
                    return s + t[0];
                }

                // A callee that writes only through callees, and one that returns a value too.
                [Differentiable] public static double Chained(double[] a, double[] b, double c)
                {
                    double[] r = new double[a.Length];
                    K.Shift(a, b, r, c);
                    double n = K.Normalize(r);
                    return n * n + 3 * r[0];
                }

                // A void caller that leaves the steps in its parameter.
                [Differentiable] public static void Integrate(double[] state, double h, int n)
                {
                    for (int k = 0; k < n; k++) K.Step(state, h);
                }

                // An array created in the loop, written by a call, read after it.
                [Differentiable] public static double Fresh(double[] x, double[] mu, int n)
                {
                    double s = 0;
                    for (int k = 0; k < n; k++)
                    {
                        double[] d = new double[x.Length];
                        K.Subtract(x, mu, d);
                        K.Scale(d, k + 1);
                        s += K.Dot(d, d);
                    }
                    return s;
                }

                [Differentiable] public static float Floats(float[] a)
                {
                    float[] t = new float[a.Length];
                    for (int i = 0; i < a.Length; i++) t[i] = a[i];
                    K.Twice(t);
                    return t[0] + 3 * t[1];
                }
            }
        }
        """;
}
