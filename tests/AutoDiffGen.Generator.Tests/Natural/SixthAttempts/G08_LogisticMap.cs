using AutoDiffGen;

namespace Natural;

// Fit the growth rate of the logistic map x[n+1] = r x[n] (1 - x[n]) to an observed series.
public static partial class LogisticMap
{
    [Differentiable(Forward = true)]
    public static double SeriesError(double r, double x0, [NoDiff] IReadOnlyList<double> observed)
    {
        double x = x0;
        double error = 0;
        for (int n = 0; n < observed.Count; n++)
        {
            error += (x - observed[n]) * (x - observed[n]);
            x = r * x * (1 - x);
        }
        return error;
    }

    public static double FitRate(IReadOnlyList<double> observed, double r = 2.5)
    {
        for (int it = 0; it < 200; it++)
        {
            double dr = 0, dx0 = 0;
            SeriesErrorBackward(r, observed[0], observed, ref dr, ref dx0);
            r -= 0.01 * dr;
        }
        return r;
    }
}
