using AutoDiffGen;

namespace Natural;

// Least-squares fit of a natural cubic spline: the unknowns are the spline's values at fixed knots.
public static partial class SplineFit
{
    static int Segment(double[] knots, double x)
    {
        int i = 0;
        while (i < knots.Length - 2 && x > knots[i + 1]) i++;
        return i;
    }

    [Differentiable]
    public static double FitError(double[] values, double[] knots, double[] xs, double[] ys)
    {
        int n = knots.Length;
        var h = new double[n - 1];
        for (int i = 0; i < n - 1; i++) h[i] = knots[i + 1] - knots[i];

        // second derivatives M at the knots: tridiagonal system, natural ends M[0] = M[n-1] = 0 (Thomas algorithm)
        var m = new double[n];
        var c = new double[n];
        var d = new double[n];
        for (int i = 1; i < n - 1; i++)
        {
            double a = h[i - 1];
            double b = 2 * (h[i - 1] + h[i]);
            double cc = h[i];
            double rhs = 6 * ((values[i + 1] - values[i]) / h[i] - (values[i] - values[i - 1]) / h[i - 1]);
            double denom = b - a * c[i - 1];
            c[i] = cc / denom;
            d[i] = (rhs - a * d[i - 1]) / denom;
        }
        for (int i = n - 2; i >= 1; i--) m[i] = d[i] - c[i] * m[i + 1];

        double error = 0;
        for (int k = 0; k < xs.Length; k++)
        {
            int i = Segment(knots, xs[k]);
            double t0 = knots[i + 1] - xs[k];
            double t1 = xs[k] - knots[i];
            double s = m[i] * t0 * t0 * t0 / (6 * h[i]) + m[i + 1] * t1 * t1 * t1 / (6 * h[i])
                     + (values[i] / h[i] - m[i] * h[i] / 6) * t0 + (values[i + 1] / h[i] - m[i + 1] * h[i] / 6) * t1;
            double r = s - ys[k];
            error += r * r;
        }
        return error;
    }
}
