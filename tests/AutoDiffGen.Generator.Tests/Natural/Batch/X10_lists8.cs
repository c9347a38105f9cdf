using AutoDiffGen;

namespace Users.Lists8;

// Math.NET Numerics' ArrayStatistics (src/Numerics/Statistics/ArrayStatistics.cs), word for word but for [Differentiable] and
// `partial` (lists8, 2026-12-04): statistics composed from one another over double[].
public static partial class ArrayStatistics8
{
    [Differentiable]
    public static double Mean(double[] data)
    {
        if (data.Length == 0)
        {
            return double.NaN;
        }

        double mean = 0;
        ulong m = 0;
        for (int i = 0; i < data.Length; i++)
        {
            mean += (data[i] - mean)/++m;
        }

        return mean;
    }

    [Differentiable]
    public static double Variance(double[] samples)
    {
        if (samples.Length <= 1)
        {
            return double.NaN;
        }

        double variance = 0;
        double t = samples[0];
        for (int i = 1; i < samples.Length; i++)
        {
            t += samples[i];
            double diff = ((i + 1)*samples[i]) - t;
            variance += (diff*diff)/((i + 1.0)*i);
        }

        return variance/(samples.Length - 1);
    }

    [Differentiable]
    public static double PopulationVariance(double[] population)
    {
        if (population.Length == 0)
        {
            return double.NaN;
        }

        double variance = 0;
        double t = population[0];
        for (int i = 1; i < population.Length; i++)
        {
            t += population[i];
            double diff = ((i + 1)*population[i]) - t;
            variance += (diff*diff)/((i + 1.0)*i);
        }

        return variance/population.Length;
    }

    [Differentiable]
    public static double StandardDeviation(double[] samples)
    {
        return Math.Sqrt(Variance(samples));
    }

    [Differentiable]
    public static double PopulationStandardDeviation(double[] population)
    {
        return Math.Sqrt(PopulationVariance(population));
    }

    [Differentiable]
    public static double Covariance(double[] samples1, double[] samples2)
    {
        if (samples1.Length != samples2.Length)
        {
            throw new ArgumentException("All vectors must have the same dimensionality.");
        }

        if (samples1.Length <= 1)
        {
            return double.NaN;
        }

        double mean1 = Mean(samples1);
        double mean2 = Mean(samples2);
        double covariance = 0.0;
        for (int i = 0; i < samples1.Length; i++)
        {
            covariance += (samples1[i] - mean1)*(samples2[i] - mean2);
        }

        return covariance/(samples1.Length - 1);
    }

    [Differentiable]
    public static double PopulationCovariance(double[] population1, double[] population2)
    {
        if (population1.Length != population2.Length)
        {
            throw new ArgumentException("All vectors must have the same dimensionality.");
        }

        if (population1.Length == 0)
        {
            return double.NaN;
        }

        double mean1 = Mean(population1);
        double mean2 = Mean(population2);
        double covariance = 0.0;
        for (int i = 0; i < population1.Length; i++)
        {
            covariance += (population1[i] - mean1)*(population2[i] - mean2);
        }

        return covariance/population1.Length;
    }

    [Differentiable]
    public static double RootMeanSquare(double[] data)
    {
        if (data.Length == 0)
        {
            return double.NaN;
        }

        double mean = 0;
        ulong m = 0;
        for (int i = 0; i < data.Length; i++)
        {
            mean += (data[i]*data[i] - mean)/++m;
        }

        return Math.Sqrt(mean);
    }
}

// Math.NET Numerics' StreamingStatistics over IEnumerable<double>, word for word: RootMeanSquare (foreach), and
// PopulationStandardDeviation calling PopulationVariance with its sequence (an explicit enumerator in a using).
public static partial class StreamingStatistics8
{
    [Differentiable]
    public static double RootMeanSquare(IEnumerable<double> stream)
    {
        double mean = 0;
        ulong m = 0;
        bool any = false;

        foreach (var d in stream)
        {
            mean += (d*d - mean)/++m;
            any = true;
        }

        return any ? Math.Sqrt(mean) : double.NaN;
    }

    [Differentiable]
    public static double PopulationVariance(IEnumerable<double> population)
    {
        double variance = 0;
        double sum = 0;
        ulong count = 0;

        using (var iterator = population.GetEnumerator())
        {
            if (iterator.MoveNext())
            {
                count++;
                sum = iterator.Current;
            }

            while (iterator.MoveNext())
            {
                count++;
                double xi = iterator.Current;
                sum += xi;
                double diff = (count*xi) - sum;
                variance += (diff*diff)/(count*(count - 1));
            }
        }

        return variance/count;
    }

    [Differentiable]
    public static double PopulationStandardDeviation(IEnumerable<double> population)
    {
        return Math.Sqrt(PopulationVariance(population));
    }
}

// Math.NET Numerics' Statistics (src/Numerics/Statistics/Statistics.cs): the extension methods over IEnumerable<double>
// dispatch on `data is double[] array` to ArrayStatistics or StreamingStatistics, word for word.
public static partial class Statistics8
{
    [Differentiable]
    public static double RootMeanSquare(this IEnumerable<double> data)
    {
        return data is double[] array
            ? ArrayStatistics8.RootMeanSquare(array)
            : StreamingStatistics8.RootMeanSquare(data);
    }
}

// Lists and sequences passed between methods as people write them (lists8).
public static partial class ListPass8
{
    [Differentiable]
    public static double Mean(IEnumerable<double> values) => values.Average();

    [Differentiable]
    public static double Spread(IReadOnlyList<double> values)
    {
        double m = Mean(values);
        double s = 0;
        for (int i = 0; i < values.Count; i++) s += (values[i] - m) * (values[i] - m);
        return Math.Sqrt(s / values.Count);
    }

    // Per-sample losses collected in a list, then summarised by helpers.
    [Differentiable]
    public static double Scored(double w, double b)
    {
        var losses = new List<double>();
        for (int i = 0; i < 5; i++)
        {
            double pred = w * i + b;
            losses.Add((pred - 0.5 * i) * (pred - 0.5 * i));
        }
        return Mean(losses) + 0.1 * Spread(losses);
    }

    // A list parameter passed on; a LINQ chain passed on.
    [Differentiable]
    public static double Normalised(List<double> xs, double scale) => Spread(xs) / Mean(xs.Select(v => v * v * scale));

    // The list trimmed by value and by range before it is summarised.
    [Differentiable]
    public static double Trimmed(double a, double b)
    {
        var l = new List<double> { a, b, a * b, a + b, 1.5 };
        l.Remove(a * b);
        l.RemoveRange(0, 1);
        l.InsertRange(1, new[] { b * b, 0.25 });
        return Mean(l) * l[l.IndexOf(0.25) - 1];
    }
}
