namespace AutoDiffGen.Generator.Tests.Linq;

/// <summary>LINQ as people write it over arrays, each form in a method of its own (LinqTests, LinqModeTests).</summary>
internal static class LinqSources
{
    public const string Source = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public static partial class Lq
        {
            [Differentiable] public static double Sum(double[] x) => x.Sum();
            [Differentiable] public static double SumSquares(double[] x) => x.Select(v => v * v).Sum();
            [Differentiable] public static double SumSin(double[] x) => x.Sum(v => Math.Sin(v));
            [Differentiable] public static double Dot(double[] x, double[] y) => x.Zip(y, (a, b) => a * b).Sum();
            [Differentiable] public static double Mean(double[] x) => x.Average();
            [Differentiable] public static double MeanOf(double[] x, double w) => x.Average(v => w * v * v);
            [Differentiable] public static double Max(double[] x) => x.Max();
            [Differentiable] public static double Min(double[] x) => x.Min();
            [Differentiable] public static double MaxOf(double[] x) => x.Select(v => Math.Cos(v)).Max();
            [Differentiable] public static double MinOf(double[] x, double s) => x.Min(v => s * v);
            [Differentiable] public static double Weighted(double[] x) => x.Select((v, i) => (i + 1) * v).Sum();
            [Differentiable] public static double Ranged(double[] x, double[] y, int n) => Enumerable.Range(0, n).Select(i => x[i] * y[i]).Sum();
            [Differentiable] public static double Shifted(double[] x, int from, int n) => Enumerable.Range(from, n).Sum(i => x[i] * x[i]);
            [Differentiable] public static double Fold(double[] x, double s) => x.Aggregate(s, (acc, v) => acc * v + 1);
            [Differentiable] public static double Product(double[] x) => x.Aggregate((acc, v) => acc * v);
            [Differentiable] public static double WherePos(double[] x) => x.Where(v => v > 0).Sum();
            [Differentiable] public static double WhereSq(double[] x, double t) => x.Where(v => v > t).Select(v => v * v).Average();
            [Differentiable] public static double WhereMax(double[] x) => x.Where(v => v < 1).Max();
            [Differentiable] public static double WhereProduct(double[] x) => x.Where(v => v != 0).Where(v => v > -1).Aggregate((a, v) => a * v);
            [Differentiable] public static double RangeWhere(double[] x, int n) => Enumerable.Range(0, n).Where(i => i < x.Length).Sum(i => x[i] * x[i]);
            [Differentiable] public static double AboveMean(double[] x) { double m = x.Average(); return x.Select(v => v * v).Where(q => q > m * m).Sum(); }
            [Differentiable] public static float SumF(float[] x) => x.Sum();
            [Differentiable] public static float MeanF(float[] x) => x.Average();
            [Differentiable] public static float MaxF(float[] x) => x.Select(v => v * v).Max();

            /// Variance from the mean: a captured local, and LINQ twice.
            [Differentiable]
            public static double Variance(double[] x)
            {
                double m = x.Average();
                return x.Select(v => (v - m) * (v - m)).Sum() / x.Length;
            }

            /// A local array, then LINQ over it, inside a loop; a constant array with a captured parameter.
            [Differentiable]
            public static double Local(double[] x, double w)
            {
                double total = 0;
                for (int k = 0; k < 2; k++)
                {
                    var t = new double[x.Length];
                    for (int i = 0; i < x.Length; i++) t[i] = x[i] * (k + 1);
                    total += t.Select(v => v * w).Sum() + Weights.Select(c => c * w).Sum();
                }
                return total;
            }

            private static readonly double[] Weights = { 0.5, -1.5, 2.0 };

            /// LINQ inside a lambda: the sum over the rows of a jagged sum (the rows are constant here).
            [Differentiable]
            public static double Nested(double[] x, int n) => Enumerable.Range(0, n).Sum(i => x.Select(v => v * i).Sum());
        }
        """;
}
