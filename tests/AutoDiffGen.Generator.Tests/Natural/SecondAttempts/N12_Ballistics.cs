using System.Numerics;
using AutoDiffGen;

namespace Natural;

public static partial class Ballistics
{
    // Squared miss distance of a shot with quadratic drag, integrated until it comes back down to the ground.
    [Differentiable]
    public static double MissDistance(double angle, double speed, double dragCoefficient, Vector2 target, double dt = 0.01)
    {
        angle = Math.Clamp(angle, 0.01, Math.PI / 2 - 0.01);
        double x = 0, y = 0;
        double vx = speed * Math.Cos(angle), vy = speed * Math.Sin(angle);
        const double g = 9.81;
        int guard = 0;
        while (y >= 0 && guard < 100_000)
        {
            guard++;
            double v = Math.Sqrt(vx * vx + vy * vy);
            vx -= dragCoefficient * v * vx * dt;
            vy -= (g + dragCoefficient * v * vy) * dt;
            x += vx * dt;
            y += vy * dt;
        }
        double dx = x - target.X, dy = y - target.Y;
        return dx * dx + dy * dy;
    }

    // Solve for the launch angle by gradient descent on the generated gradient.
    public static double SolveAngle(double speed, double drag, Vector2 target)
    {
        double angle = 0.6;
        for (int it = 0; it < 200; it++)
        {
            double dAngle = 0, dSpeed = 0, dDrag = 0;
            Vector2 dTarget = default;
            MissDistanceBackward(angle, speed, drag, target, ref dAngle, ref dSpeed, ref dDrag, ref dTarget);
            angle -= 1e-4 * dAngle;
        }
        return angle;
    }
}
