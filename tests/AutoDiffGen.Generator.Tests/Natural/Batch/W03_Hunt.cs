using AutoDiffGen;
using System.Numerics;

namespace Users.Hunt3;

public static partial class Robust
{
    [Differentiable]
    public static double Median(double[] xs)
    {
        var sorted = xs.OrderBy(v => v).ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    [Differentiable]
    public static double TrimmedMean(double[] xs, int trim)
    {
        var copy = (double[])xs.Clone();
        Array.Sort(copy);
        double sum = 0;
        for (int i = trim; i < copy.Length - trim; i++) sum += copy[i];
        return sum / (copy.Length - 2 * trim);
    }

    [Differentiable]
    public static double Mad(double[] xs)
    {
        double med = Median(xs);
        var dev = xs.Select(v => Math.Abs(v - med)).ToArray();
        Array.Sort(dev);
        return dev[dev.Length / 2];
    }

    [Differentiable]
    public static double Quantile(double[] xs, double q)
    {
        var s = xs.ToArray();
        Array.Sort(s);
        double pos = q * (s.Length - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, s.Length - 1);
        double frac = pos - lo;
        return s[lo] * (1 - frac) + s[hi] * frac;
    }
}

public static partial class Collect
{
    [Differentiable]
    public static double Residuals(double a, double b, double[] xs, double[] ys)
    {
        var res = new List<double>();
        for (int i = 0; i < xs.Length; i++)
        {
            res.Add(ys[i] - (a * xs[i] + b));
        }
        return res.Sum(r => r * r) / res.Count;
    }

    [Differentiable]
    public static double PathMax(double s0, double mu, int steps)
    {
        var path = new List<double> { s0 };
        for (int t = 0; t < steps; t++) path.Add(path[^1] * (1 + mu));
        return path.Max();
    }

    [Differentiable]
    public static double Scores(double w, double[] xs)
    {
        var scores = xs.Select(x => Math.Tanh(w * x)).ToList();
        return scores.Average();
    }
}

public static partial class Particles
{
    [Differentiable]
    public static float Simulate(float g, float drag)
    {
        var pos = new Vector2[4];
        var vel = new Vector2[4];
        for (int i = 0; i < 4; i++) vel[i] = new Vector2(1 + i, 2);
        for (int step = 0; step < 20; step++)
        {
            for (int i = 0; i < pos.Length; i++)
            {
                vel[i] += new Vector2(0, -g) * 0.05f - drag * vel[i] * 0.05f;
                pos[i] += vel[i] * 0.05f;
            }
        }
        float s = 0;
        foreach (var p in pos) s += p.Y;
        return s;
    }

    [Differentiable]
    public static double Rope(double k, double rest)
    {
        var pts = new double[5];
        for (int i = 0; i < 5; i++) pts[i] = i * 1.1;
        double e = 0;
        for (int i = 1; i < pts.Length; i++)
        {
            double d = pts[i] - pts[i - 1] - rest;
            e += 0.5 * k * d * d;
        }
        return e;
    }
}

public static partial class MonteCarlo
{
    [Differentiable]
    public static double Asian(double s0, double sigma, double r)
    {
        var rng = new Random(123);
        const int paths = 100, steps = 12;
        double dt = 1.0 / steps, total = 0;
        for (int p = 0; p < paths; p++)
        {
            double s = s0, avg = 0;
            for (int t = 0; t < steps; t++)
            {
                double u1 = rng.NextDouble(), u2 = rng.NextDouble();
                double z = Math.Sqrt(-2 * Math.Log(1 - u1)) * Math.Cos(2 * Math.PI * u2);
                s *= Math.Exp((r - 0.5 * sigma * sigma) * dt + sigma * Math.Sqrt(dt) * z);
                avg += s / steps;
            }
            total += Math.Max(avg - s0, 0);
        }
        return Math.Exp(-r) * total / paths;
    }

    [Differentiable]
    public static double Integrate(double a)
    {
        var random = new Random(1);
        double sum = 0;
        for (int i = 0; i < 500; i++)
        {
            double x = random.NextDouble();
            sum += Math.Exp(-a * x * x);
        }
        return sum / 500;
    }
}
