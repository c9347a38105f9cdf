namespace AutoDiffGen.Generator.Tests.Structs;

/// <summary>[Differentiable] methods that call other [Differentiable] methods taking and returning structs of reals.</summary>
internal static class StructCallExamples
{
    public const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        namespace Calls
        {
            public record struct State(double X, double V);

            public struct Body
            {
                public double Mass;
                public State Motion;
            }

            public static partial class Physics
            {
                /// <summary>One explicit Euler step of a projectile with quadratic drag.</summary>
                [Differentiable(Forward = true)]
                public static Vector3 Step(Vector3 p, Vector3 v, double dt) => p + (float)dt * v;

                [Differentiable(Forward = true)]
                public static Vector3 Drag(Vector3 v, double k, double dt) => v - (float)(k * dt) * v.Length() * v - new Vector3(0, (float)(9.81 * dt), 0);

                /// <summary>A Vector3 projectile with drag through the helpers: the landing point after n steps.</summary>
                [Differentiable(Forward = true)]
                public static Vector3 Flight(Vector3 v0, double k, int n)
                {
                    var p = Vector3.Zero;
                    var v = v0;
                    for (int i = 0; i < n; i++)
                    {
                        p = Step(p, v, 0.05);
                        v = Drag(v, k, 0.05);
                    }
                    return p;
                }

                /// <summary>A scalar objective of the flight: the squared miss of a target.</summary>
                [Differentiable(Forward = true)]
                public static float Miss(Vector3 v0, double k, Vector3 target, int n) => Vector3.DistanceSquared(Flight(v0, k, n), target);

                /// <summary>A record struct helper: a damped spring, stepped.</summary>
                [Differentiable(Forward = true)]
                public static State Advance(State s, double k, double c) => new State(s.X + 0.1 * s.V, s.V - 0.1 * (k * s.X + c * s.V));

                [Differentiable(Forward = true)]
                public static double Energy(State s, double k) => 0.5 * s.V * s.V + 0.5 * k * s.X * s.X;

                /// <summary>Scalars in and out; the struct lives only between the helpers, in a loop and a branch.</summary>
                [Differentiable(Forward = true)]
                public static double Spring(double x0, double v0, double k, int n)
                {
                    var s = new State(x0, v0);
                    for (int i = 0; i < n; i++) s = Advance(s, k, i % 2 == 0 ? 0.1 : 0.3);
                    if (s.X > 0) return Energy(s, k);
                    return Energy(Advance(s, k, 0.0), 2 * k) + s.X;
                }

                /// <summary>A struct with a nested record struct passed to a scalar helper; a constant struct argument; one value passed twice.</summary>
                [Differentiable(Forward = true)]
                public static double Momentum(Body b) => b.Mass * b.Motion.V;

                [Differentiable(Forward = true)]
                public static double Dot(State a, State b) => a.X * b.X + a.V * b.V;

                [Differentiable(Forward = true)]
                public static double Mixed(double m, double x)
                {
                    var b = new Body { Mass = m, Motion = new State(x, x * m) };
                    var s = new State(x, 2 * x);
                    return Momentum(b) + Momentum(new Body { Mass = 2, Motion = new State(1, 3) }) + Dot(s, s) + Dot(s, new State(1, -1));
                }

                /// <summary>Reverse mode only: a vector-valued method that returns its helper's struct, of which one member is unused elsewhere.</summary>
                [Differentiable]
                public static State Twice(State s, double k)
                {
                    var a = Advance(s, k, 0.2);
                    return Advance(new State(a.X, 0), k, a.V);
                }
            }
        }
        """;
}
