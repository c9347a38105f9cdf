namespace AutoDiffGen.Generator.Tests.Idioms12;

/// <summary>
/// Issue 13, idioms12: C# people write that stopped before. <c>foreach (var row in grid)</c> over a jagged parameter
/// whose body reads <c>row[j]</c> and <c>row.Length</c>, and a plain helper (not [Differentiable]) returning a tuple,
/// deconstructed or read by element (<see cref="Idioms12Tests"/>).
/// </summary>
public static class Idioms12Examples
{
    public const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Rows
        {
            // Σ_i Σ_j (j + 1) a[i][j]²: d/da[i][j] = 2 (j + 1) a[i][j].
            [Differentiable(Forward = true)]
            public static double JaggedSum(double[][] rows)
            {
                double s = 0;
                foreach (var row in rows) for (int j = 0; j < row.Length; j++) s += row[j] * row[j] * (j + 1);
                return s;
            }

            // Σ_i tanh(Σ_j m[i][j] v[j]).
            [Differentiable(Forward = true)]
            public static double RowDot(double[][] m, double[] v)
            {
                double s = 0;
                foreach (var row in m)
                {
                    double r = 0;
                    for (int j = 0; j < row.Length; j++) r += row[j] * v[j];
                    s += Math.Tanh(r);
                }
                return s;
            }

            // Σ_i (max_j row[j])² · x: the gradient goes to each row's largest element, and to x.
            [Differentiable(Forward = true)]
            public static double RowMax(double[][] m, double x)
            {
                double s = 0;
                foreach (var row in m)
                {
                    double best = row[0];
                    for (int j = 1; j < row.Length; j++) if (row[j] > best) best = row[j];
                    s += best * best * x;
                }
                return s;
            }

            // The last element of each row where the first is below x; a [NoDiff] grid is a constant.
            [Differentiable(Forward = true)]
            public static double LastWhere(double[][] m, [NoDiff] double[][] w, double x)
            {
                double s = 0;
                foreach (var row in m) if (row[0] < x) s += row[row.Length - 1] * x;
                foreach (var row in w) s += row[0] * x * row.Length;
                return s;
            }
        }

        public static partial class TupleHelpers
        {
            private static (double Sum, double Product) Both(double a, double b) => (a + b, a * b);

            private static (double X, double Y) Polar(double r, double t)
            {
                double c = Math.Cos(t);
                if (r < 0) throw new ArgumentOutOfRangeException(nameof(r));
                return (r * c, r * Math.Sin(t));
            }

            // (x + y) x y: d/dx = 2xy + y², d/dy = x² + 2xy.
            [Differentiable(Forward = true, Hessian = true)]
            public static double TupleHelper(double x, double y)
            {
                var (s, p) = Both(x, y);
                return s * p;
            }

            // r² cos² t + 3 r sin t: d/dr = 2r cos² t + 3 sin t, d/dt = −2r² cos t sin t + 3r cos t.
            [Differentiable(Forward = true)]
            public static double PolarHelper(double r, double t)
            {
                var (a, b) = Polar(r, t);
                return a * a + 3 * b;
            }

            // Both(x, 2).Product + Both(x, x).Sum = 2x + 2x: d/dx = 4; a discard keeps the other element unused.
            [Differentiable(Forward = true)]
            public static double ElementRead(double x)
            {
                var (_, q) = Both(x, x);
                return Both(x, 2).Product + Both(x, x).Sum + q;
            }
        }
        """;
}
