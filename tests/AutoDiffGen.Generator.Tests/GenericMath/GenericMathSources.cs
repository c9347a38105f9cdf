namespace AutoDiffGen.Generator.Tests.GenericMath;

/// <summary>Generic-math methods as people write them, each beside the same method written for double.</summary>
internal static class GenericMathSources
{
    public const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        public static partial class G
        {
            // The lecture's sigmoid neuron.
            [Differentiable(Forward = true)]
            public static T Neuron<T>(T w0, T x0, T w1, T x1, T w2) where T : IFloatingPointIeee754<T>
                => T.One / (T.One + T.Exp(-(w0 * x0 + w1 * x1 + w2)));

            [Differentiable(Forward = true)]
            public static double NeuronD(double w0, double x0, double w1, double x1, double w2)
                => 1.0 / (1.0 + Math.Exp(-(w0 * x0 + w1 * x1 + w2)));

            // A loop whose values are taped (of T).
            [Differentiable]
            public static T Rosenbrock<T>(T[] x) where T : IFloatingPointIeee754<T>
            {
                T s = T.Zero;
                for (int i = 0; i + 1 < x.Length; i++)
                {
                    T a = x[i + 1] - x[i] * x[i];
                    T b = T.One - x[i];
                    s += T.CreateChecked(100) * a * a + b * b;
                }
                return s;
            }

            [Differentiable]
            public static double RosenbrockD(double[] x)
            {
                double s = 0;
                for (int i = 0; i + 1 < x.Length; i++)
                {
                    double a = x[i + 1] - x[i] * x[i];
                    double b = 1 - x[i];
                    s += 100 * a * a + b * b;
                }
                return s;
            }

            // Static-interface functions, constants and conversions.
            [Differentiable(Forward = true)]
            public static T Mix<T>(T x, T y) where T : IFloatingPointIeee754<T>
                => T.Sqrt(x * x + y) + T.Log(T.Abs(x) + T.CreateChecked(0.5)) * T.Max(x, y) + T.Pow(y, T.CreateChecked(2.5))
                   + T.Sin(x) * T.Pi - T.Min(x, y) * T.E + T.CreateTruncating(3) * T.Cos(y) / T.CreateSaturating(7.0);

            [Differentiable(Forward = true)]
            public static double MixD(double x, double y)
                => Math.Sqrt(x * x + y) + Math.Log(Math.Abs(x) + 0.5) * Math.Max(x, y) + Math.Pow(y, 2.5)
                   + Math.Sin(x) * Math.PI - Math.Min(x, y) * Math.E + 3.0 * Math.Cos(y) / 7.0;

            // More of the BCL over T.
            [Differentiable]
            public static T Library<T>(T x, T y) where T : IFloatingPointIeee754<T>
                => T.FusedMultiplyAdd(x, y, x) + T.Hypot(x, y) + T.Atan2(y, x) + T.Log(x, T.CreateChecked(3)) + T.Tanh(x) + T.Cbrt(y)
                   + T.Exp2(x) + T.Log10(y) + T.Asinh(x * y) + T.Clamp(x * y, T.NegativeOne, T.One) + T.Atan(x) + T.ExpM1(y) + T.LogP1(x);

            [Differentiable]
            public static double LibraryD(double x, double y)
                => Math.FusedMultiplyAdd(x, y, x) + double.Hypot(x, y) + Math.Atan2(y, x) + Math.Log(x, 3) + Math.Tanh(x) + Math.Cbrt(y)
                   + double.Exp2(x) + Math.Log10(y) + Math.Asinh(x * y) + Math.Clamp(x * y, -1.0, 1.0) + Math.Atan(x) + double.ExpM1(y) + double.LogP1(x);

            // Spans, an int count made a T, branches and comparisons.
            [Differentiable]
            public static T Dot<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b) where T : IFloatingPointIeee754<T>
            {
                T s = T.Zero;
                for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
                return s;
            }

            [Differentiable]
            public static T MeanSquare<T>(T[] x) where T : IFloatingPointIeee754<T>
            {
                T s = T.Zero;
                foreach (T v in x) s += v * v;
                return s / T.CreateChecked(x.Length);
            }

            [Differentiable]
            public static T Huber<T>(T r, T delta) where T : IFloatingPointIeee754<T>
            {
                T a = T.Abs(r);
                if (a <= delta) return T.CreateChecked(0.5) * r * r;
                return delta * (a - delta / (T.One + T.One));
            }

            [Differentiable]
            public static T Horner<T>(T[] c, T x, int n) where T : IFloatingPointIeee754<T>
            {
                T[] powers = new T[n];
                T p = T.One;
                for (int i = 0; i < n; i++) { powers[i] = p; p *= x; }
                T s = T.Zero;
                for (int i = 0; i < n; i++) s += c[i] * powers[i] + (i > 1 ? T.CreateChecked(i) * x : T.Zero);
                return s;
            }

            // A void helper with ref parameters (docs/ref-out.md), generic; and an instance method.
            [Differentiable]
            public static void Step<T>(ref T x, ref T v, T h) where T : IFloatingPointIeee754<T>
            {
                v -= h * T.Sin(x);
                x += h * v;
            }

            // Only IFloatingPoint<T>: decimal qualifies too.
            [Differentiable]
            public static T Poly<T>(T x, T y) where T : IFloatingPoint<T>
                => x * x * T.CreateChecked(3) - x / T.CreateChecked(2) + T.One + x * y - (y > T.Zero ? y * y : -y);
        }
        """;
}
