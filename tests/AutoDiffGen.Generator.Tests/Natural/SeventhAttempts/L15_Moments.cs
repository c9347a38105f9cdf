using AutoDiffGen;

namespace Natural;

// Skewness and kurtosis over double[] the way ArrayStatistics writes them: one pass of running moments with a checked
// counter, and the small-sample corrections; too few values give NaN.
public static partial class ArrayStatistics
{
    [Differentiable]
    public static double Skewness(double[] samples)
    {
        if (samples == null)
        {
            throw new ArgumentNullException(nameof(samples));
        }

        double mean = 0;
        double error = 0;
        double skewness = 0;
        long n = 0;
        foreach (double sample in samples)
        {
            double delta = sample - mean;
            double scaleDelta = delta / ++n;
            double scaleDelta2 = scaleDelta * scaleDelta;
            double term1 = delta * scaleDelta * (n - 1);
            mean += scaleDelta;
            skewness += term1 * scaleDelta * (n - 2) - 3 * scaleDelta * error;
            error += term1;
        }

        if (n < 3)
        {
            return double.NaN;
        }

        return (n * skewness / (error * Math.Sqrt(error))) * Math.Sqrt(n - 1) * n / ((n - 2) * (double)n);
    }

    [Differentiable]
    public static double Kurtosis(double[] samples)
    {
        int n = samples.Length;
        if (n < 4)
        {
            return double.NaN;
        }

        double mean = 0;
        for (int i = 0; i < n; i++)
        {
            mean += samples[i];
        }

        mean /= n;
        double m2 = 0, m4 = 0;
        for (int i = 0; i < n; i++)
        {
            double d = samples[i] - mean;
            double d2 = d * d;
            m2 += d2;
            m4 += d2 * d2;
        }

        double variance = m2 / (n - 1);
        return (double)(n + 1) * n / ((n - 1) * (n - 2) * (n - 3)) * m4 / (variance * variance)
               - 3.0 * (n - 1) * (n - 1) / ((n - 2) * (n - 3));
    }
}
