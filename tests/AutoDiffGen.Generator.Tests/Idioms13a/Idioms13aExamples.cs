namespace AutoDiffGen.Generator.Tests.Idioms13a;

/// <summary>
/// Issue 13, idioms13a: ref ternaries (<c>ref double r = ref (c ? ref a : ref b);</c>, <c>(c ? ref a[i] : ref b[j]) = v;</c>)
/// and Math.NET's array dispatch written over an array (<c>data is double[] array ? … : …</c>), checked by hand and by
/// central differences in <see cref="Idioms13aTests"/>.
/// </summary>
public static class Idioms13aExamples
{
    public const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class RefChoices
        {
            // a > b: a ← a² + x, f = (a² + x) b + a² + x; else b ← b² + x, f = a (b² + x) + b² + x.
            [Differentiable(Forward = true, Hessian = true)]
            public static double Square(double a, double b, double x)
            {
                ref double r = ref (a > b ? ref a : ref b);
                r = r * r + x;
                return a * b + r;
            }

            // Natural Idioms12.RefTernary word for word: a > b: f = 3ab + 3a; else f = 3ab + 3b.
            [Differentiable(Forward = true)]
            public static double RefTernary(double a, double b) { ref double r = ref (a > b ? ref a : ref b); r *= 3; return a * b + r; }

            // Natural Idioms12.ConditionalRefAssign word for word: x > y: f = xy + 2y; else f = x + 2xy.
            [Differentiable(Forward = true)]
            public static double ConditionalRefAssign(double x, double y) { double a = x, b = y; (x > y ? ref a : ref b) = x * y; return a + 2 * b; }

            // x > 0: a[i] ← x p0; else b[j] ← x p0; f = a0 a1 + 3 b0 b1.
            [Differentiable(Forward = true)]
            public static double Elements(double[] p, double x, int i, int j)
            {
                var a = new double[2];
                var b = new double[2];
                for (int k = 0; k < 2; k++) { a[k] = p[k]; b[k] = p[k + 2]; }
                (x > 0 ? ref a[i] : ref b[j]) = x * p[0];
                return a[0] * a[1] + 3 * b[0] * b[1];
            }

            // P = x Σ_{v > 0} v, N = x Σ_{v ≤ 0} v: f = P² − N.
            [Differentiable(Forward = true)]
            public static double Split(double[] v, double x)
            {
                double pos = 0, neg = 0;
                for (int i = 0; i < v.Length; i++) (v[i] > 0 ? ref pos : ref neg) += v[i] * x;
                return pos * pos - neg;
            }

            // lo = Π_{v < x} (1 + v), hi = Π_{v ≥ x} (1 + v): f = lo + 2 hi, a ref local bound in the loop.
            [Differentiable(Forward = true)]
            public static double Products(double[] v, double x)
            {
                double lo = 1, hi = 1;
                for (int i = 0; i < v.Length; i++)
                {
                    ref double r = ref (v[i] < x ? ref lo : ref hi);
                    r *= 1 + v[i];
                }
                return lo + 2 * hi;
            }

            // A ref local bound before a loop and written in it. P = Π (1 + v): x > 0.2: s = x P; else t = (1 − x) P. f = s + 2t.
            [Differentiable(Forward = true)]
            public static double BoundBefore(double[] v, double x)
            {
                double s = x, t = 1 - x;
                ref double r = ref (x > 0.2 ? ref s : ref t);
                for (int i = 0; i < v.Length; i++) r *= 1 + v[i];
                return s + 2 * t;
            }

            // A store through a ref ternary into an array parameter's element (the caller's array changes, as C# says):
            // x > 0: a0 ← a0 + x²; else b1 ← b1 + x². f = a0 b1.
            [Differentiable]
            public static double IntoParameter(double[] a, double[] b, double x)
            {
                ref double r = ref (x > 0 ? ref a[0] : ref b[1]);
                r += x * x;
                return a[0] * b[1];
            }

            // A nested ref ternary, and an element ref local as a branch: x > y: a ← xy; else 0 < x: c[1] ← xy; else b ← xy.
            [Differentiable(Forward = true)]
            public static double Nested(double x, double y)
            {
                double a = x, b = y;
                var c = new double[2];
                c[1] = x + y;
                ref double e = ref c[1];
                (x > y ? ref a : ref (x > 0 ? ref e : ref b)) = x * y;
                return a + 2 * b + 3 * c[1];
            }
        }

        public static partial class Dispatch
        {
            // Math.NET's ArrayStatistics.RootMeanSquare, word for word.
            [Differentiable]
            public static double RootMeanSquareArray(double[] data)
            {
                if (data.Length == 0)
                {
                    return double.NaN;
                }

                double mean = 0;
                ulong m = 0;
                for (int i = 0; i < data.Length; i++)
                {
                    mean += (data[i]*data[i] - mean)/++m;
                }

                return Math.Sqrt(mean);
            }

            // Math.NET's Statistics dispatch over a double[]: the test is true, array is data.
            [Differentiable]
            public static double RootMeanSquare(double[] data) => data is double[] array ? RootMeanSquareArray(array) : double.NaN;

            // The if form, with the other path over the same array: Σ d².
            [Differentiable(Forward = true, Hessian = true)]
            public static double SumSquares(double[] data)
            {
                if (data is double[] arr) { double s = 0; for (int i = 0; i < arr.Length; i++) s += arr[i] * arr[i]; return s; }
                double t = 0; foreach (var d in data) t += d; return t;
            }

            // A local array tested and written through the pattern's name: a = [x, x²], a[1] *= x: f = x³ + x.
            [Differentiable(Forward = true)]
            public static double LocalArray(double x)
            {
                var a = new double[2];
                a[0] = x;
                a[1] = x * x;
                if (a is double[] arr) arr[1] *= x;
                return a[1] + a[0];
            }
        }
        """;
}
