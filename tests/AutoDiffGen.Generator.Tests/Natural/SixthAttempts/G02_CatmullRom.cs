using AutoDiffGen;

namespace Natural;

// A uniform Catmull–Rom spline through control values, fitted to noisy samples by least squares.
public static partial class CatmullRom
{
    static double Segment(double p0, double p1, double p2, double p3, double t)
    {
        double t2 = t * t, t3 = t2 * t;
        return 0.5 * (2 * p1 + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2 + (-p0 + 3 * p1 - 3 * p2 + p3) * t3);
    }

    public static double Evaluate(double[] control, double x)
    {
        // x in [0, control.Length - 1]; the end segments repeat the end points
        int n = control.Length;
        int i = Math.Clamp((int)Math.Floor(x), 0, n - 2);
        double t = x - i;
        double p0 = control[Math.Max(i - 1, 0)];
        double p1 = control[i];
        double p2 = control[i + 1];
        double p3 = control[Math.Min(i + 2, n - 1)];
        return Segment(p0, p1, p2, p3, t);
    }

    [Differentiable]
    public static double FitError(double[] control, [NoDiff] double[] xs, [NoDiff] double[] ys)
    {
        double sum = 0;
        for (int k = 0; k < xs.Length; k++)
        {
            double r = Evaluate(control, xs[k]) - ys[k];
            sum += r * r;
        }
        return sum / xs.Length;
    }
}
