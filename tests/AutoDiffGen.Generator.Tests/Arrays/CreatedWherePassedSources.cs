namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// The programs of <see cref="CreatedWherePassedTests"/>: arrays created where they are passed (<c>Sum(new[] { x, y })</c>,
/// <c>SumSpan([x, y])</c>) and stackalloc spans (<c>Span&lt;double&gt; a = stackalloc double[n];</c>), in loops too.
/// Every method has <c>Forward = true</c>, so MForward is checked as well.
/// </summary>
internal static class CreatedWherePassedSources
{
    public const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Cw
        {
            [Differentiable(Forward = true)]
            public static double Sum(double[] v)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++) s += v[i];
                return s;
            }

            [Differentiable(Forward = true)]
            public static double SumSq(ReadOnlySpan<double> v)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
                return s;
            }

            [Differentiable(Forward = true)]
            public static float SumSqF(ReadOnlySpan<float> v)
            {
                float s = 0;
                for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
                return s;
            }

            [Differentiable(Forward = true)]
            public static double Weighted(double[] w, ReadOnlySpan<double> v) => w[0] * v[0] + w[1] * v[1];

            // ---- arrays created where they are passed ----
            [Differentiable(Forward = true)]
            public static double ImplicitArg(double x, double y) => Sum(new[] { x, y * x });

            [Differentiable(Forward = true)]
            public static double TypedArg(double x, double y) => Sum(new double[] { x, 2, y }) * SumSq(new double[] { x, y });

            [Differentiable(Forward = true)]
            public static double CollectionArgs(double x, double y) => Sum([x, y * y]) + SumSq([x * y, Math.Sin(y)]);

            [Differentiable(Forward = true)]
            public static double TwoArrays(double x, double y) => Weighted(new[] { y, x }, [x, 3.0]);

            [Differentiable(Forward = true)]
            public static double ConstantArg(double x, double y) => Sum(new[] { 1.5, -2.0 }) * x + SumSq([0.5, 1.0]) * y;

            [Differentiable(Forward = true)]
            public static double StackAllocArg(double x, double y) => SumSq(stackalloc double[] { x, y * x }) + SumSq(stackalloc[] { y, 1.0 });

            [Differentiable(Forward = true)]
            public static double InLoopArgs(double x, double y)
            {
                double s = 0;
                for (int k = 0; k < 3; k++) s += Sum(new[] { x * k, s }) * 0.5 + SumSq([y, s * 0.1]);
                return s;
            }

            [Differentiable(Forward = true)]
            public static float FloatArg(float x, float y) => SumSqF(new[] { x, y, x * y }) + SumSqF([y, 2f]);

            // ---- stackalloc spans ----
            [Differentiable(Forward = true)]
            public static double Stack(double x, double y)
            {
                Span<double> a = stackalloc double[3];
                a[0] = x;
                a[1] = x * y;
                a[2] = a[1] + 1;
                a[1] *= a[0];
                return a[0] * a[1] + a[2] * a.Length;
            }

            [Differentiable(Forward = true)]
            public static double StackSized(double x, double y)
            {
                int n = 4;
                Span<double> a = stackalloc double[n];
                for (int i = 0; i < a.Length; i++) a[i] = x * i + y;
                double s = 0;
                for (int i = 0; i < a.Length; i++) s += a[i] * a[i];
                return s;
            }

            [Differentiable(Forward = true)]
            public static double StackInitializer(double x, double y)
            {
                ReadOnlySpan<double> a = stackalloc double[] { x, y, x * y };
                Span<double> b = stackalloc[] { y, 2.0 };
                b[1] += a[2];
                return a[0] * a[2] + b[0] * b[1];
            }

            [Differentiable(Forward = true)]
            public static double StackPassed(double x, double y)
            {
                Span<double> a = stackalloc double[3];
                a[0] = x;
                a[1] = y;
                a[2] = x * y;
                double r = SumSq(a);
                a[0] = r;
                return r + SumSq(a.Slice(1)) + SumSq(a[..2]) + SumSq(a.Slice(0, 1));
            }

            [Differentiable]
            public static double StackParenthesized(double x, double y)
            {
                double t = y;
                Span<double> a = stackalloc[] { (x * y), (t -= x), (x) };
                Span<double> b = stackalloc double[(2)];
                b[0] = t;
                b[(1)] = a[1] * a[0];
                return a[0] * a[1] + a[2] + b[0] * b[1];
            }

            [Differentiable]
            public static double StackForEach(double x, double y)
            {
                ReadOnlySpan<double> a = stackalloc[] { x, y, x * y };
                double s = 0;
                foreach (var v in a) s += v * v * v;
                return s;
            }

            [Differentiable]
            public static double StackInLoop(double x, double y)
            {
                double s = 0;
                for (int k = 0; k < 3; k++)
                {
                    Span<double> t = stackalloc double[2];
                    t[0] = x * (k + 1);
                    t[1] = s + y;
                    s += SumSq(t) * 0.25;
                    t[0] = s;
                    s += t[0] * t[1] * 0.1;
                }
                return s;
            }

            [Differentiable]
            public static float StackFloat(float x, float y)
            {
                Span<float> a = stackalloc float[2];
                a[0] = x;
                a[1] = x * y;
                return SumSqF(a) + a[1];
            }
        }
        """;
}
