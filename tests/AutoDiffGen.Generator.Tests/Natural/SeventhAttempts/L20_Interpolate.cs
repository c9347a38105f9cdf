using AutoDiffGen;

namespace Natural;

// Linear and cubic-spline interpolation evaluated at a point: the segment found by Array.BinarySearch over the knots
// (LeftSegmentIndex), then the piece's polynomial; the spline's coefficients are arrays the user fits.
public static partial class Interpolate
{
    private static int LeftSegmentIndex(double[] x, double t)
    {
        int index = Array.BinarySearch(x, t);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return Math.Min(Math.Max(index, 0), x.Length - 2);
    }

    [Differentiable]
    public static double Linear([NoDiff] double[] x, double[] y, double t)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("All vectors must have the same dimensionality.");
        }

        int k = LeftSegmentIndex(x, t);
        double slope = (y[k + 1] - y[k]) / (x[k + 1] - x[k]);
        return y[k] + ((t - x[k]) * slope);
    }

    // Piecewise cubic: on segment k, c0[k] + d (c1[k] + d (c2[k] + d c3[k])) with d = t − x[k].
    [Differentiable]
    public static double CubicSpline([NoDiff] double[] x, double[] c0, double[] c1, double[] c2, double[] c3, double t)
    {
        int k = LeftSegmentIndex(x, t);
        var d = t - x[k];
        return c0[k] + (d * (c1[k] + (d * (c2[k] + (d * c3[k])))));
    }
}
