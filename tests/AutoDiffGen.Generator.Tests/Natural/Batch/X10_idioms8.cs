using AutoDiffGen;

namespace Users.Idioms8;

// Everyday double? locals, as a user writes them (idioms8): an optional scale, the largest so far, a fallback chain.
public static partial class NullableIdioms8
{
    [Differentiable]
    public static double OptionalScale(double x, double y)
    {
        double? scale = y > 0.25 ? y * 2 : null;
        return (scale ?? 1.0) * x + x * x;
    }

    [Differentiable]
    public static double LargestPositive(double[] values)
    {
        double? largest = null;
        foreach (var v in values)
        {
            if (v <= 0) continue;
            if (!largest.HasValue || v > largest.Value) largest = v;
        }
        return largest.HasValue ? largest.Value * largest.Value : 0.0;
    }

    [Differentiable]
    public static double Fallbacks(double x, double y)
    {
        double? first = x > 1 ? x : null;
        double? second = y > 0 ? Math.Sqrt(y) : null;
        double? chosen = first ?? second;
        return chosen.GetValueOrDefault() + (first * second ?? 0.5) * y;
    }

    [Differentiable]
    public static double RunningMean(double[] xs)
    {
        double? mean = null;
        for (int i = 0; i < xs.Length; i++)
        {
            mean = mean.HasValue ? mean + (xs[i] - mean) / (i + 1) : xs[i];
        }
        return mean ?? double.NaN;
    }
}
