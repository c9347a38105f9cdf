// Port of GradBench's `particle` eval (https://github.com/gradbench/gradbench, evals/particle,
// cpp/gradbench/evals/particle.hpp and cpp/gradbench/gd.hpp; MIT License, Copyright (c) 2024 Sam Estep), after
// Pearlmutter and Siskind. Nested AD: the Euler integrator takes the gradient of the potential at every step, and the
// argmin over w takes the integrator's gradient (gd.hpp, a plain method calling NaiveEulerRBackward; left out here, since
// NaiveEulerR gets no Backward while nested differentiation is refused).
using AutoDiffGen;

namespace GradBench;

public readonly record struct Point(double X, double Y)
{
    public static Point operator +(Point u, Point v) => new(u.X + v.X, u.Y + v.Y);

    public static Point operator *(double k, Point p) => new(k * p.X, k * p.Y);
}

public static partial class Particle
{
    private static double Dist(Point u, Point v) => Math.Sqrt((u.X - v.X) * (u.X - v.X) + (u.Y - v.Y) * (u.Y - v.Y));

    [Differentiable(Forward = true)]
    public static double Accel(Point[] charges, Point x)
    {
        double a = 0;
        foreach (var p in charges)
        {
            a += 1 / Dist(p, x);
        }
        return a;
    }

    /// <summary>Euler's method with the field's gradient by reverse mode (the "r" of rr).</summary>
    [Differentiable]
    public static double NaiveEulerR(double w)
    {
        Point[] charges = { new Point(10, 10 - w), new Point(10, 0) };
        var x = new Point(0, 8);
        var xdot = new Point(0.75, 0);
        double deltaT = 1e-1;

        while (true)
        {
            var dCharges = new Point[charges.Length];
            Point xddot = default;
            AccelBackward(charges, x, dCharges, ref xddot);
            xddot = -1.0 * xddot;
            x += deltaT * xdot;
            if (x.Y <= 0)
            {
                double deltaTF = -x.Y / xdot.Y;
                var xTF = x + deltaTF * xdot;
                return xTF.X * xTF.X;
            }
            xdot += deltaT * xddot;
        }
    }

    /// <summary>Euler's method with the field's gradient by forward mode, one tangent per coordinate (the "f" of rf, ff).</summary>
    [Differentiable(Forward = true)]
    public static double NaiveEulerF(double w)
    {
        Point[] charges = { new Point(10, 10 - w), new Point(10, 0) };
        var x = new Point(0, 8);
        var xdot = new Point(0.75, 0);
        double deltaT = 1e-1;
        var noCharges = new Point[charges.Length];

        while (true)
        {
            AccelForward(charges, x, noCharges, new Point(1, 0), out double ax);
            AccelForward(charges, x, noCharges, new Point(0, 1), out double ay);
            var xddot = -1.0 * new Point(ax, ay);
            x += deltaT * xdot;
            if (x.Y <= 0)
            {
                double deltaTF = -x.Y / xdot.Y;
                var xTF = x + deltaTF * xdot;
                return xTF.X * xTF.X;
            }
            xdot += deltaT * xddot;
        }
    }
}
