using AutoDiffGen;

namespace Natural;

public readonly record struct Particle(double X, double Y, double Vx, double Vy)
{
    public Particle Advance(double ax, double ay, double dt) =>
        new(X + dt * Vx, Y + dt * Vy, Vx + dt * ax, Vy + dt * ay);
}

// Particles under gravity and linear drag; tune the drag so the cloud lands where it was seen.
public static partial class ParticleCloud
{
    [Differentiable]
    public static double LandingError(double drag, double gravity, [NoDiff] Particle[] start, [NoDiff] double[] landedX, int steps = 50, double dt = 0.02)
    {
        double error = 0;
        for (int p = 0; p < start.Length; p++)
        {
            Particle q = start[p];
            for (int s = 0; s < steps; s++)
                q = q.Advance(-drag * q.Vx, -gravity - drag * q.Vy, dt);
            double e = q.X - landedX[p];
            error += e * e;
        }
        return error / start.Length;
    }
}
