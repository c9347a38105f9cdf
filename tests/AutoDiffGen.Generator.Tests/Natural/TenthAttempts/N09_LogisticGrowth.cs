using AutoDiffGen;

namespace Natural;

// Logistic growth N(t) = K / (1 + ((K - N0) / N0) e^{-rt}) fitted to a population series by least squares.
public static partial class LogisticGrowth
{
    public static double Model(double t, double capacity, double rate, double initial) =>
        capacity / (1 + (capacity - initial) / initial * Math.Exp(-rate * t));

    [Differentiable(Forward = true)]
    public static double SquaredError(double capacity, double rate, double initial, double[] times, double[] counts)
    {
        double sse = 0;
        foreach (var (t, n) in times.Zip(counts))
        {
            double e = Model(t, capacity, rate, initial) - n;
            sse += e * e;
        }
        return sse;
    }
}
