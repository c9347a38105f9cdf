using AutoDiffGen;
using System.Numerics;

namespace Users.Hunt2;

public record struct Particle(Vector2 Position, Vector2 Velocity, float Mass);

public static partial class Sim
{
    [Differentiable]
    public static float FinalHeight(float v0, float angleDeg, float drag)
    {
        float angle = angleDeg * MathF.PI / 180f;
        var pos = Vector2.Zero;
        var vel = new Vector2(v0 * MathF.Cos(angle), v0 * MathF.Sin(angle));
        var gravity = new Vector2(0, -9.81f);
        const float dt = 0.01f;
        for (int i = 0; i < 100; i++)
        {
            var acc = gravity - drag * vel * vel.Length();
            vel += acc * dt;
            pos += vel * dt;
        }
        return pos.Y;
    }

    [Differentiable]
    public static float StepParticle(Particle p, Vector2 force, float dt)
    {
        var a = force / p.Mass;
        var v = p.Velocity + a * dt;
        var x = p.Position + v * dt;
        return x.LengthSquared();
    }

    [Differentiable]
    public static double SpringEnergy(double[] pos, double k, double rest)
    {
        double energy = 0;
        for (int i = 0; i + 1 < pos.Length; i++)
        {
            double stretch = pos[i + 1] - pos[i] - rest;
            energy += 0.5 * k * stretch * stretch;
        }
        return energy;
    }
}

public static partial class Kinematics
{
    [Differentiable]
    public static double ReachError(double t1, double t2, double t3, double tx, double ty)
    {
        double[] lengths = { 1.0, 0.8, 0.5 };
        double[] angles = { t1, t2, t3 };
        double x = 0, y = 0, theta = 0;
        for (int i = 0; i < 3; i++)
        {
            theta += angles[i];
            x += lengths[i] * Math.Cos(theta);
            y += lengths[i] * Math.Sin(theta);
        }
        return (x - tx) * (x - tx) + (y - ty) * (y - ty);
    }

    [Differentiable]
    public static (double X, double Y) Forward2(double a, double b)
    {
        var x = Math.Cos(a) + Math.Cos(a + b);
        var y = Math.Sin(a) + Math.Sin(a + b);
        return (x, y);
    }
}

public static partial class Stats2
{
    [Differentiable]
    public static double Mean(double[] data)
    {
        if (data.Length == 0) throw new ArgumentException("empty", nameof(data));
        double sum = 0;
        for (int i = 0; i < data.Length; i++) sum += data[i];
        return sum / data.Length;
    }

    [Differentiable]
    public static double Variance(double[] data)
    {
        double m = Mean(data);
        double s = 0;
        foreach (var d in data) s += (d - m) * (d - m);
        return s / (data.Length - 1);
    }

    [Differentiable]
    public static double StdDev(double[] data) => Math.Sqrt(Variance(data));

    [Differentiable]
    public static double Skewness(double[] data)
    {
        double m = Mean(data), sd = StdDev(data);
        double s = 0;
        foreach (var d in data) s += Math.Pow((d - m) / sd, 3);
        return s / data.Length;
    }

    [Differentiable]
    public static double Correlation(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }

    [Differentiable]
    public static double WeightedMean(double[] values, double[] weights)
    {
        double num = values.Zip(weights, (v, w) => v * w).Sum();
        return num / weights.Sum();
    }

    [Differentiable]
    public static double GaussianLogLik(double mu, double sigma, double[] xs)
    {
        double ll = -xs.Length * Math.Log(sigma * Math.Sqrt(2 * Math.PI));
        foreach (var x in xs)
        {
            var z = (x - mu) / sigma;
            ll -= 0.5 * z * z;
        }
        return ll;
    }

    [Differentiable]
    public static double Ewma(double[] xs, double lambda)
    {
        double v = 0;
        double w = 1;
        for (int i = xs.Length - 1; i >= 0; i--)
        {
            v += w * xs[i];
            w *= lambda;
        }
        return v * (1 - lambda);
    }
}

public static partial class Opt
{
    [Differentiable]
    public static double Rosen2(double x, double y, double a = 1, double b = 100) => (a - x) * (a - x) + b * (y - x * x) * (y - x * x);



    [Differentiable]
    public static double Barrier(double x, double y, double t)
    {
        double g1 = 1 - x * x - y * y;
        if (g1 <= 0) return double.PositiveInfinity;
        return t * (x + y) - Math.Log(g1);
    }
}

public static partial class Finance2
{
    static double NormCdf(double x) => 0.5 * (1 + Erf(x / Math.Sqrt(2)));

    [Differentiable]
    public static double Erf(double x)
    {
        double t = 1.0 / (1.0 + 0.3275911 * Math.Abs(x));
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return x >= 0 ? y : -y;
    }

    [Differentiable]
    public static double Call(double s, double k, double r, double sigma, double t)
    {
        double d1 = (Math.Log(s / k) + (r + sigma * sigma / 2) * t) / (sigma * Math.Sqrt(t));
        double d2 = d1 - sigma * Math.Sqrt(t);
        return s * Cdf(d1) - k * Math.Exp(-r * t) * Cdf(d2);
    }

    [Differentiable]
    public static double Cdf(double x) => 0.5 * (1 + Erf(x / Math.Sqrt(2)));

    [Differentiable]
    public static double MonteCarloCall(double s0, double sigma, double r, double k)
    {
        var rng = new Random(7);
        double payoff = 0;
        const int paths = 200;
        for (int p = 0; p < paths; p++)
        {
            double z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            double st = s0 * Math.Exp((r - 0.5 * sigma * sigma) + sigma * z);
            payoff += Math.Max(st - k, 0);
        }
        return Math.Exp(-r) * payoff / paths;
    }

    [Differentiable]
    public static double BondPrice(double ytm, double coupon, int years, double face = 100)
    {
        double price = 0;
        for (int t = 1; t <= years; t++) price += coupon / Math.Pow(1 + ytm, t);
        price += face / Math.Pow(1 + ytm, years);
        return price;
    }
}
