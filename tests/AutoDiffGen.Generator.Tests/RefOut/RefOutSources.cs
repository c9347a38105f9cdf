namespace AutoDiffGen.Generator.Tests.RefOut;

/// <summary>
/// The helper shapes of issue 13 item 3, written as people write them: void methods with ref/out/in parameters,
/// methods that write into the arrays they are passed, and out results. Shared by the gradient, semantics and
/// language-version tests; written in C# 7.3 so every version compiles it.
/// </summary>
internal static class RefOutSources
{
    public const string Helpers = @"
using System;
using AutoDiffGen;

namespace RefOut
{
    public static partial class H
    {
        // One explicit Euler step of x'' = -x^3.
        [Differentiable]
        public static void Step(ref double x, ref double v, double h)
        {
            double a = -x * x * x;
            x = x + h * v;
            v = v + h * a;
        }

        // The whole integrator in one void method: ref values carried through a loop.
        [Differentiable]
        public static void Integrate(ref double x, ref double v, double h, int n)
        {
            for (int k = 0; k < n; k++)
            {
                double a = -x * x * x;
                x += h * v;
                v += h * a;
            }
        }

        [Differentiable]
        public static void Compute(double x, out double y, in double z)
        {
            y = Math.Sin(x) * z;
        }

        [Differentiable]
        public static double WithOut(double x, out double square)
        {
            square = x * x;
            return 3 * x;
        }

        [Differentiable]
        public static void Subtract(double[] a, double[] b, double[] result)
        {
            for (int i = 0; i < a.Length; i++) result[i] = a[i] - b[i];
        }

        // arr[i] *= 5, then a sum that reads the new values: 25 * sum a_i^2.
        [Differentiable]
        public static double ScaleThenSquares(double[] arr)
        {
            for (int i = 0; i < arr.Length; i++) arr[i] *= 5;
            double s = 0;
            for (int i = 0; i < arr.Length; i++) s += arr[i] * arr[i];
            return s;
        }

        // Each element overwritten with a value that reads the one before it (already overwritten).
        [Differentiable]
        public static double PrefixProducts(double[] x)
        {
            for (int i = 1; i < x.Length; i++) x[i] += x[i - 1] * x[i];
            return x[x.Length - 1];
        }

        [Differentiable]
        public static void Swap(ref double a, ref double b)
        {
            double t = a;
            a = b;
            b = t;
        }

        [Differentiable]
        public static void Damp(ref float x, float k)
        {
            x *= k;
            if (x > 1f) x = 1f + 0.5f * (x - 1f);
        }

        // A ref parameter that is only read: its adjoint adds, like a by-value one's.
        [Differentiable]
        public static double ReadsRef(ref double x, in double y) => x * x * y;

        // The value left in x is also the result: both seeds reach it.
        [Differentiable]
        public static double SquareInPlace(ref double x)
        {
            x = x * x;
            return x;
        }

        // Written on one path only.
        [Differentiable]
        public static void Clip(ref double x, double limit)
        {
            if (x > limit) x = limit + Math.Tanh(x - limit);
        }
    }
}
";

    /// <summary>[Differentiable] methods that call the helpers above (compiled together with <see cref="Helpers"/>).</summary>
    public const string Callers = @"
using System;
using AutoDiffGen;

namespace RefOut
{
    public static partial class C
    {
        // The Euler integrator as people write it: a loop of Step(ref x, ref v, h).
        [Differentiable]
        public static double Energy(double x0, double v0, double h, int n)
        {
            double x = x0, v = v0;
            for (int k = 0; k < n; k++) H.Step(ref x, ref v, h);
            return 0.5 * v * v + 0.25 * x * x * x * x;
        }

        [Differentiable]
        public static double UsesOut(double x, double z)
        {
            H.Compute(x, out double y, z);
            double s = H.WithOut(y, out var sq);
            H.Compute(sq, out _, 2.0);
            return s * y + sq;
        }

        // The caller's own ref parameter passed on, twice, and a call on one branch only.
        [Differentiable]
        public static void Twice(ref double x, ref double v, double h)
        {
            H.Step(ref x, ref v, h);
            if (x > 0) H.Step(ref x, ref v, h * 0.5);
        }

        [Differentiable]
        public static double PassesIn(double x, double y)
        {
            double t = x * 2;
            return H.ReadsRef(ref t, y + 1) + t;
        }

        [Differentiable]
        public static float Floats(float x, float k)
        {
            float a = x;
            H.Damp(ref a, k);
            H.Damp(ref a, k);
            return a * x;
        }
    }
}
";
}
