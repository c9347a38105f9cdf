using AutoDiffGen;

namespace Natural;

// Distances between two double[] as Distance writes them: a shared length check that throws, then a loop each.
public static partial class Distance
{
    private static void CheckLengths(double[] a, double[] b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("All vectors must have the same dimensionality.", nameof(b));
        }
    }

    [Differentiable]
    public static double Euclidean(double[] a, double[] b)
    {
        CheckLengths(a, b);
        double sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var t = a[i] - b[i];
            sum += t * t;
        }

        return Math.Sqrt(sum);
    }

    [Differentiable]
    public static double Manhattan(double[] a, double[] b)
    {
        if (a.Length != b.Length) throw new ArgumentException("All vectors must have the same dimensionality.");
        double sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += Math.Abs(a[i] - b[i]);
        }

        return sum;
    }

    [Differentiable]
    public static double Chebyshev(double[] a, double[] b)
    {
        if (a.Length != b.Length) throw new ArgumentException("All vectors must have the same dimensionality.");
        double max = Math.Abs(a[0] - b[0]);
        for (int i = 1; i < a.Length; i++)
        {
            var next = Math.Abs(a[i] - b[i]);
            if (next > max)
            {
                max = next;
            }
        }

        return max;
    }

    [Differentiable]
    public static double Minkowski(double p, double[] a, double[] b)
    {
        if (a.Length != b.Length) throw new ArgumentException("All vectors must have the same dimensionality.");
        if (p < 1d) throw new ArgumentOutOfRangeException(nameof(p));
        if (p == 1d) return Manhattan(a, b);
        if (p == 2d) return Euclidean(a, b);
        if (double.IsPositiveInfinity(p)) return Chebyshev(a, b);

        double sum = 0d;
        for (var i = 0; i < a.Length; i++)
        {
            sum += Math.Pow(Math.Abs(a[i] - b[i]), p);
        }

        return Math.Pow(sum, 1.0 / p);
    }
}
