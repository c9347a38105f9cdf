using System.Numerics;
using AutoDiffGen;

namespace Natural;

// A mass on a spring with damping, stepped with semi-implicit Euler in 3D; the loss is the total mechanical energy
// left after the steps (what a tuner minimises over stiffness and damping).
public static partial class SpringMassDamper
{
    [Differentiable]
    public static float EnergyAfter(float stiffness, float damping, Vector3 start, Vector3 velocity, float mass, int steps)
    {
        var position = start;
        float dt = 0.01f;
        for (int k = 0; k < steps; k++)
        {
            Vector3 force = -stiffness * position - damping * velocity;
            velocity += force / mass * dt;
            position += velocity * dt;
        }
        float kinetic = 0.5f * mass * velocity.LengthSquared();
        float potential = 0.5f * stiffness * position.LengthSquared();
        return kinetic + potential;
    }
}
