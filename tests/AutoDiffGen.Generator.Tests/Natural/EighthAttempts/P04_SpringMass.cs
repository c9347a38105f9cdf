using System.Numerics;
using AutoDiffGen;

namespace Natural;

// A mass on a damped spring in 3-D, stepped with semi-implicit Euler on a struct state of Vector3s; the loss is how far
// the mass ends from a target.
public struct SpringState
{
    public Vector3 Position;
    public Vector3 Velocity;
}

public static partial class SpringMass
{
    private static SpringState Step(SpringState state, float stiffness, float damping, float dt)
    {
        Vector3 gravity = new Vector3(0, -9.81f, 0);
        Vector3 force = -stiffness * state.Position - damping * state.Velocity + gravity;
        state.Velocity += force * dt;
        state.Position += state.Velocity * dt;
        return state;
    }

    [Differentiable]
    public static float EndDistance(float stiffness, float damping, Vector3 start, Vector3 target, int steps)
    {
        var state = new SpringState { Position = start, Velocity = Vector3.Zero };
        for (int i = 0; i < steps; i++)
        {
            state = Step(state, stiffness, damping, 0.01f);
        }

        return Vector3.DistanceSquared(state.Position, target);
    }
}
