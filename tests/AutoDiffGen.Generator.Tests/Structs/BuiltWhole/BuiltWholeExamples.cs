namespace AutoDiffGen.Generator.Tests.Structs.BuiltWhole;

/// <summary>
/// Structs as people write them whose members cannot be written one by one: a readonly struct with get-only
/// auto-properties and a constructor, a readonly record struct, a readonly struct of readonly fields, a struct with
/// init-only properties, a record struct of System.Numerics members, and computed (expression-bodied) properties.
/// </summary>
internal static class BuiltWholeExamples
{
    public const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        namespace Whole
        {
            public readonly struct State
            {
                public double X { get; }
                public double V { get; }
                public State(double x, double v) { X = x; V = v; }
                public double Energy => 0.5 * V * V + 0.5 * X * X;
            }

            public readonly record struct Particle(double Vx, double Vy)
            {
                public double Speed => Math.Sqrt(Vx * Vx + Vy * Vy);
                public double SpeedSquared { get { return Vx * Vx + Vy * Vy; } }
                public double Kinetic => 0.5 * SpeedSquared;
                public Particle Turned => new Particle(-Vy, Vx);
            }

            public readonly struct Pair
            {
                public readonly double A;
                public readonly float B;
                public Pair(float b, double a) { this.B = b; this.A = a; }
            }

            public struct Settings
            {
                public double Gain { get; init; }
                public double Bias { get; init; }
                public Settings(double gain, double bias) { Gain = gain; Bias = bias; }
            }

            public record struct Ball(Vector3 Position, Vector3 Velocity);

            public readonly record struct Segment(Vector2 From, Vector2 To)
            {
                public float Length => Vector2.Distance(From, To);
                public Vector2 Middle => 0.5f * (From + To);
            }

            public static partial class Physics
            {
                [Differentiable]
                public static double EnergyOf(State s, double k) => k * s.Energy + s.X * s.V;

                [Differentiable]
                public static double SpeedOf(Particle p) => p.Speed + p.Kinetic + 3 * p.Turned.Vx;

                [Differentiable(Forward = true, Jacobian = true)]
                public static State Step(State s, double dt) => new State(s.X + dt * s.V, s.V - dt * s.X);

                [Differentiable(Forward = true)]
                public static double Run(double x0, double v0, double dt, int n)
                {
                    var s = new State(x0, v0);
                    for (int i = 0; i < n; i++) s = Step(s, dt);
                    return s.Energy + s.X;
                }

                [Differentiable]
                public static double Mixed(Pair p, Settings c, double x)
                {
                    var q = new Pair((float)(p.A * x), p.B + x);
                    var d = c with { Gain = c.Gain * x };
                    return q.A * q.B + d.Gain * d.Bias + new Settings(x, 2 * x).Bias;
                }

                [Differentiable(Forward = true, Jacobian = true)]
                public static Particle Rotate(Particle p, double angle) =>
                    new Particle(p.Vx * Math.Cos(angle) - p.Vy * Math.Sin(angle), p.Vx * Math.Sin(angle) + p.Vy * Math.Cos(angle));

                [Differentiable]
                public static double RotatedSpeed(double vx, double vy, double angle, int n)
                {
                    var p = new Particle(vx, vy);
                    double s = 0;
                    for (int i = 0; i < n; i++)
                    {
                        p = Rotate(p, angle) with { Vx = p.Vx * 0.9 };
                        s += p.Speed;
                    }
                    return s + (n > 2 ? p.Vx : p.Vy);
                }

                [Differentiable(Forward = true)]
                public static Ball Advance(Ball b, float drag, float dt)
                {
                    var a = new Vector3(0, -9.81f, 0) - drag * b.Velocity.Length() * b.Velocity;
                    return b with { Position = b.Position + dt * b.Velocity, Velocity = b.Velocity + dt * a };
                }

                [Differentiable]
                public static float Distance(Vector3 velocity, float drag)
                {
                    var ball = new Ball(Vector3.Zero, velocity);
                    for (int i = 0; i < 20; i++) ball = Advance(ball, drag, 0.01f);
                    return ball.Position.X;
                }

                [Differentiable]
                public static double BallEnergy(Ball b, double g)
                {
                    var c = b;
                    c.Velocity *= 2;
                    return b.Velocity.LengthSquared() + g * c.Position.Y + c.Velocity.X;
                }

                [Differentiable(Hessian = true)]
                public static double Area(double x, double y)
                {
                    var p = new Particle(x, y * x);
                    var q = p with { Vy = p.Vx * p.Vy };
                    return q.Vx * q.Vy + q.SpeedSquared;
                }

                // MJacobian takes a Span, which reflection cannot pass: these hand it an array.
                public static double[] AreaH(double x, double y) { var h = new double[4]; AreaHessian(x, y, h); return h; }

                public static double[] StepJ(State s, double dt) { var j = new double[6]; StepJacobian(s, dt, j); return j; }

                public static double[] RotateJ(Particle p, double angle) { var j = new double[6]; RotateJacobian(p, angle, j); return j; }

                [Differentiable]
                public static float SegmentCost(Segment s, Vector2 target) => s.Length + Vector2.DistanceSquared(s.Middle, target);
            }
        }
        """;
}
