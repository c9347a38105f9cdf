using AutoDiffGen;

namespace Users.Physics;

public static partial class Constants
{
    public const double G = 9.81;
    public const double R = 8.314462618;
    public static double Gravity => 9.81;
}

public static partial class Oscillator
{
    [Differentiable]
    public static double FinalEnergy(double k, double c, double x0, double v0)
    {
        const double dt = 0.01;
        const double m = 1.0;
        double x = x0, v = v0;
        for (int step = 0; step < 500; step++)
        {
            double a = (-k * x - c * v) / m;
            v += a * dt;
            x += v * dt;
            if (Math.Abs(x) < 1e-12 && Math.Abs(v) < 1e-12) break;
        }
        return 0.5 * m * v * v + 0.5 * k * x * x;
    }

    [Differentiable]
    public static double Range(double speed, double angleDeg, double drag)
    {
        double theta = angleDeg * Math.PI / 180.0;
        var state = (x: 0.0, y: 0.0, vx: speed * Math.Cos(theta), vy: speed * Math.Sin(theta));
        const double dt = 1e-3;
        int n = 0;
        while (n++ < 20000)
        {
            double v = Math.Sqrt(state.vx * state.vx + state.vy * state.vy);
            state.vx -= drag * v * state.vx * dt;
            state.vy -= (Constants.G + drag * v * state.vy) * dt;
            state.x += state.vx * dt;
            state.y += state.vy * dt;
            if (state.y < 0) break;
        }
        return state.x;
    }

    [Differentiable]
    public static double PendulumPeriodApprox(double length, double amplitude)
    {
        double omega0 = Math.Sqrt(Constants.Gravity / length);
        double t0 = 2 * Math.PI / omega0;
        return t0 * (1 + amplitude * amplitude / 16 + 11 * Math.Pow(amplitude, 4) / 3072);
    }
}

public static partial class Molecules
{
    [Differentiable]
    public static double LennardJones(double[] xs, double epsilon, double sigma)
    {
        int n = xs.Length / 2;
        double cutoff2 = 9.0 * sigma * sigma;
        double energy = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double dx = xs[2 * i] - xs[2 * j];
                double dy = xs[2 * i + 1] - xs[2 * j + 1];
                double r2 = dx * dx + dy * dy;
                if (r2 > cutoff2) continue;
                double s6 = Math.Pow(sigma * sigma / r2, 3);
                energy += 4 * epsilon * (s6 * s6 - s6);
            }
        }
        return energy;
    }

    [Differentiable]
    public static double Arrhenius(double activation, double temperature, double prefactor = 1e3)
        => prefactor * Math.Exp(-activation / (Constants.R * temperature));

    [Differentiable]
    public static double Gravity(double m1, double m2, double r)
    {
        const double GravConst = 6.674e-11;
        return -GravConst * m1 * m2 / Math.Max(r, 1e-9);
    }
}

public partial class Spring
{
    public double K { get; set; } = 2.0;
    public double Mass { get; init; } = 0.5;
    public double Omega => Math.Sqrt(K / Mass);

    [Differentiable] public double Energy(double x) => 0.5 * K * x * x;

    [Differentiable] public double Position(double amplitude, double t) => amplitude * Math.Cos(Omega * t);
}

public partial record struct Particle(double X, double V);

public static partial class Particles
{
    [Differentiable]
    public static double Kinetic(double x, double v, double m)
    {
        var p = new Particle(x, v);
        var q = p with { V = p.V * 0.5 };
        return 0.5 * m * (p.V * p.V + q.V * q.V) + q.X;
    }
}
