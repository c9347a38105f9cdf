using System.Numerics;
using AutoDiffGen;

namespace Natural;

public record struct Body(Vector2 Position, Vector2 Velocity, float Mass);

public static partial class Springs
{
    // Two bodies on a damped spring, semi-implicit Euler; returns their distance at the end.
    [Differentiable]
    public static float DistanceAfter(Body a, Body b, float stiffness, float restLength, float damping, float dt, int steps)
    {
        for (int i = 0; i < steps; i++)
        {
            Vector2 delta = b.Position - a.Position;
            float length = delta.Length();
            Vector2 dir = delta / length;
            Vector2 relVel = b.Velocity - a.Velocity;
            float magnitude = stiffness * (length - restLength) + damping * Vector2.Dot(relVel, dir);
            Vector2 force = magnitude * dir;

            a = a with { Velocity = a.Velocity + force / a.Mass * dt };
            b = b with { Velocity = b.Velocity - force / b.Mass * dt };
            a = a with { Position = a.Position + a.Velocity * dt };
            b = b with { Position = b.Position + b.Velocity * dt };
        }
        return Vector2.Distance(a.Position, b.Position);
    }
}
