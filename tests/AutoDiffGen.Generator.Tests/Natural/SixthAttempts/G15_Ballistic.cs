using AutoDiffGen;

namespace Natural;

// A projectile with quadratic drag, fired over a wall; a guarded, smooth score for an optimiser.
public static partial class Artillery
{
    static bool TryRange(double speed, double angle, double drag, out double range, out double apex)
    {
        double vx = speed * Math.Cos(angle), vy = speed * Math.Sin(angle);
        double x = 0, y = 0;
        apex = 0;
        const double dt = 0.01;
        for (int i = 0; i < 10_000; i++)
        {
            double v = Math.Sqrt(vx * vx + vy * vy);
            vx -= dt * drag * v * vx;
            vy -= dt * (9.81 + drag * v * vy);
            x += dt * vx;
            y += dt * vy;
            apex = Math.Max(apex, y);
            if (y < 0) break;
        }
        range = x;
        return double.IsFinite(range);
    }

    [Differentiable]
    public static double Score(double speed, double angle, double drag, double targetRange, double wallHeight)
    {
        if (!TryRange(speed, angle, drag, out var range, out var apex))
            return double.MaxValue;
        double miss = range - targetRange;
        // a soft penalty for clipping the wall, signed so it always pushes the apex up
        double clearance = apex - wallHeight;
        double penalty = clearance < 0 ? Math.CopySign(clearance * clearance, -1.0) : 0.0;
        return miss * miss - 10 * penalty;
    }
}
