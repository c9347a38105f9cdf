namespace AutoDiffGen.Generator.Tests.Infrastructure;

public static partial class GoldenExamples
{
    /// <summary>
    /// 1-D arrays that compose: an initializer, x[^1], slices of a parameter and of a local array passed to a
    /// [DerivativeOf] that takes a span (its adjoint a Span), an array created in every iteration and stored into after
    /// a call (a snapshot, kept on a stack for the reverse sweep), and an expanded params call.
    /// </summary>
    public static class Composed
    {
        public const string Source = """
            using System;
            using AutoDiffGen;

            namespace Golden.Composed
            {
                public static partial class Pieces
                {
                    public static double SumOf(ReadOnlySpan<double> v)
                    {
                        double s = 0;
                        foreach (double e in v) s += e;
                        return s;
                    }

                    /// A hand-written derivative that takes a span: its adjoint is a Span of the same length.
                    [DerivativeOf(nameof(SumOf))]
                    public static double SumOfBackward(ReadOnlySpan<double> v, Span<double> dV, double dResult)
                    {
                        for (int i = 0; i < dV.Length; i++) dV[i] += dResult;
                        return SumOf(v);
                    }

                    /// An initializer, x[^1], and slices of a parameter and of the local array passed as spans.
                    [Differentiable]
                    public static double Ends(double[] x, double y)
                    {
                        double[] w = { y, y * y, x[^1] };
                        return SumOf(x.AsSpan(1)) * w[0] + SumOf(w.AsSpan(1, 2)) + SumOf(x[..2]);
                    }

                    /// An array created in every iteration, passed whole and then stored into (the call sees a copy).
                    [Differentiable]
                    public static double Windows(double[] x, int width)
                    {
                        double s = 0;
                        for (int k = 0; k + width <= x.Length; k++)
                        {
                            var t = new double[width];
                            for (int i = 0; i < width; i++) t[i] = x[k + i] * x[k + i];
                            double m = SumOf(t);
                            t[0] = m;
                            s += m * SumOf(t);
                        }
                        return s;
                    }

                    /// A params method, and a call with the values listed: the call builds the array.
                    [Differentiable]
                    public static double Total(params double[] v)
                    {
                        double s = 0;
                        for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
                        return s;
                    }

                    [Differentiable]
                    public static double Listed(double x, double y) => Total(x, y * 2, x * y);
                }
            }
            """;
    }
}
