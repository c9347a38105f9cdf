using System.Numerics;
using AutoDiffGen;

namespace Natural;

public struct Body
{
    public Vector3 Position;
    public Vector3 Velocity;
    public float Mass;
}

// Two bodies joined by a spring; the kinetic + potential energy, with the bodies passed by readonly reference.
public static partial class Rigid
{
    static float Kinetic(in Body b) => 0.5f * b.Mass * b.Velocity.LengthSquared();

    static float SpringPotential(in Body a, in Body b, float k, float rest)
    {
        float stretch = Vector3.Distance(a.Position, b.Position) - rest;
        return 0.5f * k * stretch * stretch;
    }

    [Differentiable]
    public static float Energy(in Body a, in Body b, float k, float rest)
    {
        return Kinetic(a) + Kinetic(b) + SpringPotential(in a, in b, k, rest);
    }

    [Differentiable]
    public static float Lagrangian(ref readonly Body a, ref readonly Body b, float k, float rest)
    {
        return Kinetic(a) + Kinetic(b) - SpringPotential(a, b, k, rest);
    }
}
