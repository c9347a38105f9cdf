using AutoDiffGen;

namespace Natural;

// Cosine and Canberra distances with ReadOnlySpan<double> overloads next to the array ones, the array overload forwarding
// to the span one, and squared Euclidean as an extension method on a span.
public static partial class Distance
{
    [Differentiable]
    public static double Cosine(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("All vectors must have the same dimensionality.");
        }

        double dot = 0.0, xx = 0.0, yy = 0.0;
        for (int i = 0; i < x.Length; i++)
        {
            dot += x[i] * y[i];
            xx += x[i] * x[i];
            yy += y[i] * y[i];
        }

        return 1 - (dot / Math.Sqrt(xx * yy));
    }

    [Differentiable]
    public static double Cosine(double[] x, double[] y) => Cosine(x.AsSpan(), y.AsSpan());

    [Differentiable]
    public static double Canberra(double[] a, double[] b)
    {
        if (a.Length != b.Length) throw new ArgumentException("All vectors must have the same dimensionality.");
        double sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += Math.Abs(a[i] - b[i]) / (Math.Abs(a[i]) + Math.Abs(b[i]));
        }

        return sum;
    }

    [Differentiable]
    public static double SquaredEuclidean(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => a.SumOfSquaredDifferences(b);
}

public static class SpanExtensions
{
    public static double SumOfSquaredDifferences(this ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0.0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }

        return sum;
    }
}
