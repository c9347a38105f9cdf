using System;
using AutoDiffGen;

namespace Gallery;

/// <summary>The state of a damped spring-mass oscillator.</summary>
public readonly record struct SpringState(double Position, double Velocity)
{
    public double KineticEnergy => 0.5 * Velocity * Velocity;
}

/// <summary>A damped spring-mass simulation whose state is a readonly record struct.</summary>
public static partial class Oscillators
{
    /// <summary>The oscillator's energy after <paramref name="steps"/> semi-implicit Euler steps.</summary>
    [Differentiable]
    public static double SpringMassEnergyAfter(double x0, double v0, double stiffness, double damping, int steps)
    {
        var state = new SpringState(x0, v0);
        const double dt = 0.01;
        for (int i = 0; i < steps; i++)
        {
            double force = -stiffness * state.Position - damping * state.Velocity;
            var v = state.Velocity + force * dt;
            state = new SpringState(state.Position + v * dt, v);
        }
        return state.KineticEnergy + 0.5 * stiffness * state.Position * state.Position;
    }
}
