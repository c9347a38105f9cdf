using AutoDiffGen;

namespace Users.Lists11;

// lists11 (2026-12-04): List<double> idioms (Sort, Reverse, RemoveAll, Array.Sort/Reverse) and Action lambdas, as people
// write them: robust statistics, trimmed losses, outlier rejection, simulation steps in an Action.
public static partial class RobustStats
{
    // The median of the per-sample residuals.
    [Differentiable]
    public static double MedianResidual(double[] xs, double a, double b)
    {
        var residuals = new List<double>();
        for (int i = 0; i < xs.Length; i++)
        {
            double r = xs[i] - (a * i + b);
            residuals.Add(r * r);
        }
        residuals.Sort();
        int n = residuals.Count;
        return n % 2 == 1 ? residuals[n / 2] : 0.5 * (residuals[n / 2 - 1] + residuals[n / 2]);
    }

    // Mean of the largest half (a top-k loss).
    [Differentiable]
    public static double TopHalfMean(double[] losses, double scale)
    {
        var l = losses.Select(v => v * scale).ToList();
        l.Sort();
        l.Reverse();
        double s = 0;
        int k = Math.Max(1, l.Count / 2);
        for (int i = 0; i < k; i++) s += l[i];
        return s / k;
    }

    // Outliers beyond two units of the mean dropped, then the rest averaged.
    [Differentiable]
    public static double RejectOutliers(double[] samples, double shift)
    {
        var l = new List<double>();
        foreach (var v in samples) l.Add(v + shift);
        double mean = l.Average();
        l.RemoveAll(v => Math.Abs(v - mean) > 2.0);
        return l.Count == 0 ? mean : l.Average();
    }

    // Trimmed mean through an array sort.
    [Differentiable]
    public static double TrimmedMean(double[] xs)
    {
        var c = (double[])xs.Clone();
        Array.Sort(c);
        double s = 0;
        for (int i = 1; i < c.Length - 1; i++) s += c[i];
        return s / (c.Length - 2);
    }

    // Negative values dropped from a list of three terms, the rest weighted by rank.
    [Differentiable]
    public static double RankWeighted(double x, double y)
    {
        var terms = new List<double> { Math.Sin(x), x * y, y - 0.5 };
        terms.RemoveAll(t => t < 0);
        terms.Sort();
        double s = 0;
        for (int i = 0; i < terms.Count; i++) s += (i + 1) * terms[i];
        return s;
    }
}

public static partial class Simulation
{
    // Explicit Euler steps written as an Action over captured state.
    [Differentiable]
    public static double Euler(double k, double x0)
    {
        double x = x0, v = 0, dt = 0.1;
        Action step = () =>
        {
            double a = -k * x;
            x += v * dt;
            v += a * dt;
        };
        step();
        step();
        step();
        return x * x + v * v;
    }

    // A logger-free accumulation through Action<double>, called in a loop of a known count.
    [Differentiable]
    public static double Accumulate(double w, int n)
    {
        double total = 0;
        Action<double> add = sample => total += w * sample * sample;
        for (int i = 1; i <= n; i++) add(i * 0.1);
        return total;
    }

    // Momentum update captured in a lambda.
    [Differentiable]
    public static double Momentum(double w, double lr)
    {
        double velocity = 0;
        Action<double> update = grad => { velocity = 0.9 * velocity - lr * grad; w += velocity; };
        update(2 * w);
        update(2 * w);
        return w * w;
    }

    // A list of states filled by an Action.
    [Differentiable]
    public static double Trajectory(double x, double r)
    {
        var path = new List<double> { x };
        Action grow = () => path.Add(r * path[^1] * (1 - path[^1]));
        grow();
        grow();
        return path.Sum();
    }
}
