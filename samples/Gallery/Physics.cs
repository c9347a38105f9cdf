using System;
using System.Numerics;
using AutoDiffGen;

namespace Gallery;

/// <summary>Physics and games: a projectile with quadratic drag, a two-link arm, springs and a pendulum.</summary>
public static partial class Physics
{
    /// <summary>Where a ball launched with <paramref name="velocity"/> is after <paramref name="steps"/> Euler steps (x).</summary>
    [Differentiable]
    public static float ProjectileDistance(Vector3 velocity, float drag, int steps)
    {
        var ball = new Ball(Vector3.Zero, velocity);
        for (int i = 0; i < steps; i++) ball = Advance(ball, drag, 0.01f);
        return ball.Position.X;
    }

    /// <summary>One semi-implicit Euler step of the ball under gravity and quadratic drag.</summary>
    [Differentiable]
    private static Ball Advance(Ball ball, float drag, float dt)
    {
        var gravity = new Vector3(0, -9.81f, 0);
        var acceleration = gravity - drag * ball.Velocity.Length() * ball.Velocity;
        var velocity = ball.Velocity + acceleration * dt;
        return ball with { Position = ball.Position + velocity * dt, Velocity = velocity };
    }

    /// <summary>Inverse kinematics loss of a two-link arm: squared distance from the hand to the target.</summary>
    [Differentiable]
    public static float TwoLinkIkLoss(float shoulder, float elbow, Vector2 target) =>
        Vector2.DistanceSquared(Hand(shoulder, elbow), target);

    /// <summary>Forward kinematics: where the hand of the arm is for the two joint angles.</summary>
    [Differentiable]
    private static Vector2 Hand(float shoulder, float elbow)
    {
        const float upper = 1.0f, fore = 0.8f;
        var joint = new Vector2(upper * MathF.Cos(shoulder), upper * MathF.Sin(shoulder));
        return joint + new Vector2(fore * MathF.Cos(shoulder + elbow), fore * MathF.Sin(shoulder + elbow));
    }

    /// <summary>Kinetic plus spring energy of a chain of masses (positions and velocities).</summary>
    [Differentiable]
    public static double SpringChainEnergy(double[] x, double[] v, double stiffness, double mass, double rest)
    {
        double kinetic = 0, potential = 0;
        for (int i = 0; i < x.Length; i++) kinetic += 0.5 * mass * v[i] * v[i];
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double stretch = x[i + 1] - x[i] - rest;
            potential += 0.5 * stiffness * stretch * stretch;
        }
        return kinetic + potential;
    }

    /// <summary>Where a mass on a spring is after <paramref name="steps"/> symplectic Euler steps, each taken by a ref helper.</summary>
    [Differentiable]
    public static double SpringAfterSteps(double x0, double v0, double stiffness, double dt, int steps)
    {
        double x = x0, v = v0;
        for (int i = 0; i < steps; i++) Step(ref x, ref v, stiffness, dt);
        return x;
    }

    [Differentiable]
    private static void Step(ref double x, ref double v, double stiffness, double dt)
    {
        v -= stiffness * x * dt;
        x += v * dt;
    }

    [Differentiable]
    public static double PendulumEnergy(double theta, double omega, double length, double mass)
    {
        const double g = 9.81;
        return 0.5 * mass * length * length * omega * omega + mass * g * length * (1 - Math.Cos(theta));
    }

    /// <summary>Gravitational potential of bodies at (x, y) pairs, softened.</summary>
    [Differentiable]
    public static double NBodyPotential(double[] xy, [NoDiff] double[] masses)
    {
        double energy = 0;
        int n = masses.Length;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double dx = xy[2 * i] - xy[2 * j], dy = xy[2 * i + 1] - xy[2 * j + 1];
                energy -= masses[i] * masses[j] / Math.Sqrt(dx * dx + dy * dy + 1e-3);
            }
        }
        return energy;
    }
}

/// <summary>The projectile's state, advanced a step at a time by <c>Physics.Advance</c>.</summary>
public record struct Ball(Vector3 Position, Vector3 Velocity);
