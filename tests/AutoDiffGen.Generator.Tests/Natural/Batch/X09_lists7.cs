using AutoDiffGen;

namespace Users.Lists7;

// Math.NET Numerics' StreamingStatistics (src/Numerics/Statistics/StreamingStatistics.cs), word for word but for
// [Differentiable] and `partial`: statistics over an IEnumerable<double> written with foreach (lists7, 2026-12-03).
public static partial class StreamingStatistics7
{
    [Differentiable]
    public static double Minimum(IEnumerable<double> stream)
    {
        double min = double.PositiveInfinity;
        bool any = false;

        foreach (var d in stream)
        {
            if (d < min || double.IsNaN(d))
            {
                min = d;
            }

            any = true;
        }

        return any ? min : double.NaN;
    }

    [Differentiable]
    public static double MaximumAbsolute(IEnumerable<double> stream)
    {
        double max = 0.0d;
        bool any = false;

        foreach (var d in stream)
        {
            if (Math.Abs(d) > max || double.IsNaN(d))
            {
                max = Math.Abs(d);
            }

            any = true;
        }

        return any ? max : double.NaN;
    }

    [Differentiable(Forward = true, Jacobian = true)]
    public static double Mean(IEnumerable<double> stream)
    {
        double mean = 0;
        ulong m = 0;
        bool any = false;

        foreach (var d in stream)
        {
            mean += (d - mean)/++m;
            any = true;
        }

        return any ? mean : double.NaN;
    }

    [Differentiable]
    public static double GeometricMean(IEnumerable<double> stream)
    {
        ulong m = 0;
        double sum = 0;

        foreach (var d in stream)
        {
            sum += Math.Log(d);
            m++;
        }

        return m > 0 ? Math.Exp(sum / m) : double.NaN;
    }

    [Differentiable(Forward = true)]
    public static double HarmonicMean(IEnumerable<double> stream)
    {
        ulong m = 0;
        double sum = 0;

        foreach (var d in stream)
        {
            sum += 1.0 / d;
            m++;
        }

        return m > 0 ? m/sum : double.NaN;
    }

    [Differentiable]
    public static double Variance(IEnumerable<double> samples)
    {
        double variance = 0;
        double sum = 0;
        ulong count = 0;

        using (var iterator = samples.GetEnumerator())
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

        return count > 1 ? variance/(count - 1) : double.NaN;
    }

    [Differentiable]
    public static double StandardDeviation(IEnumerable<double> samples)
    {
        return Math.Sqrt(Variance(samples));
    }
}

// Statistics over a sequence as people write them with LINQ: the sequence read twice (Average, then the squares).
public static partial class SequenceLinq7
{
    [Differentiable(Forward = true)]
    public static double SampleVariance(IEnumerable<double> data)
    {
        double mean = data.Average();
        return data.Sum(v => (v - mean) * (v - mean)) / (data.Count() - 1);
    }

    [Differentiable]
    public static double RootMeanSquare(IReadOnlyCollection<double> data)
    {
        double sum = 0;
        foreach (var v in data) sum += v * v;
        return Math.Sqrt(sum / data.Count);
    }

    [Differentiable]
    public static double WeightedTotal(ICollection<double> values, double weight) => values.Select(v => v * weight).Sum() + values.Max();
}
