namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Issue 14 (hess15): <c>Hessian = true</c> methods whose own parameters are structs built whole through a constructor —
/// a readonly struct of get-only properties, one of readonly fields mixing double and float, one whose get-only properties
/// hold <c>Vector2</c>s (<see cref="Old"/>, C# 7.3), and a readonly record struct with a struct-valued computed property, a
/// record struct of <c>Vector3</c> members, a struct of init-only properties (<see cref="Recent"/>, C# 10). Each method has
/// wrappers over a flat <c>double[]</c> of its differentiable scalars (H, V, G) for <see cref="HessianBuiltWholeTests"/>.
/// </summary>
public static class HessianBuiltWholeSource
{
    public const string Old = """
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
                public double Energy { get { return 0.5 * V * V + 0.5 * X * X; } }
            }
            public readonly struct Pair
            {
                public readonly double A;
                public readonly float B;
                public Pair(float b, double a) { this.B = b; this.A = a; }
            }
            public readonly struct Segment
            {
                public Vector2 From { get; }
                public Vector2 To { get; }
                public Segment(Vector2 from, Vector2 to) { From = from; To = to; }
                public float Length { get { return Vector2.Distance(From, To); } }
            }
            public static partial class Old
            {
                // f = k(V² + X²)/2 + XV² over (X, V, k).
                [Differentiable(Hessian = true)]
                public static double EnergyOf(State s, double k) { return k * s.Energy + s.X * s.V * s.V; }
                public static double EnergyOfH(double[] p, double[] h) { return EnergyOfHessian(new State(p[0], p[1]), p[2], h); }
                public static double EnergyOfV(double[] p, double[] v, double[] hv) { return EnergyOfHessianVector(new State(p[0], p[1]), p[2], v, hv); }
                public static void EnergyOfG(double[] p, double[] g)
                {
                    var ds = new State(0, 0);
                    double dk = 0;
                    EnergyOfBackward(new State(p[0], p[1]), p[2], ref ds, ref dk);
                    g[0] = ds.X; g[1] = ds.V; g[2] = dk;
                }

                // By in, through a loop that builds the struct again: n = 1: f = (XV)²/2 + (V + 1/2)²/2.
                [Differentiable(Hessian = true)]
                public static double Loop(in State s, int n)
                {
                    var t = s;
                    double acc = 0;
                    for (int i = 0; i < n; i++) { t = new State(t.X * t.V, t.V + 0.5); acc += t.Energy; }
                    return acc;
                }
                public static double Loop1H(double[] p, double[] h) { var s = new State(p[0], p[1]); return LoopHessian(s, 1, h); }
                public static double Loop1V(double[] p, double[] v, double[] hv) { var s = new State(p[0], p[1]); return LoopHessianVector(s, 1, v, hv); }
                public static void Loop1G(double[] p, double[] g) { LoopG(p, 1, g); }
                public static double Loop3H(double[] p, double[] h) { var s = new State(p[0], p[1]); return LoopHessian(s, 3, h); }
                public static double Loop3V(double[] p, double[] v, double[] hv) { var s = new State(p[0], p[1]); return LoopHessianVector(s, 3, v, hv); }
                public static void Loop3G(double[] p, double[] g) { LoopG(p, 3, g); }
                private static void LoopG(double[] p, int n, double[] g)
                {
                    var s = new State(p[0], p[1]);
                    var ds = new State(0, 0);
                    LoopBackward(in s, n, ref ds);
                    g[0] = ds.X; g[1] = ds.V;
                }

                // Readonly fields, a float one in a double method: f = A·B·x over (A, B, x).
                [Differentiable(Hessian = true)]
                public static double Fields(Pair p, double x) { return p.A * p.B * x + Math.Sin(p.A) * x; }
                public static double FieldsH(double[] q, double[] h) { return FieldsHessian(new Pair((float)q[1], q[0]), q[2], h); }
                public static double FieldsV(double[] q, double[] v, double[] hv) { return FieldsHessianVector(new Pair((float)q[1], q[0]), q[2], v, hv); }
                public static void FieldsG(double[] q, double[] g)
                {
                    var dp = new Pair(0, 0);
                    double dx = 0;
                    FieldsBackward(new Pair((float)q[1], q[0]), q[2], ref dp, ref dx);
                    g[0] = dp.A; g[1] = dp.B; g[2] = dx;
                }

                // Struct-valued get-only properties: f = w·|To − From| + From.X·To.Y over (From.X, From.Y, To.X, To.Y, w).
                [Differentiable(Hessian = true)]
                public static float Seg(Segment s, float w) { return s.Length * w + s.From.X * s.To.Y; }
                public static double SegH(double[] p, double[] h)
                {
                    var f = new float[25];
                    double value = SegHessian(Make(p), (float)p[4], f);
                    for (int i = 0; i < 25; i++) h[i] = f[i];
                    return value;
                }
                public static double SegV(double[] p, double[] v, double[] hv)
                {
                    var f = new float[5];
                    var d = new float[5];
                    for (int i = 0; i < 5; i++) d[i] = (float)v[i];
                    double value = SegHessianVector(Make(p), (float)p[4], d, f);
                    for (int i = 0; i < 5; i++) hv[i] = f[i];
                    return value;
                }
                public static void SegG(double[] p, double[] g)
                {
                    var ds = new Segment(Vector2.Zero, Vector2.Zero);
                    float dw = 0;
                    SegBackward(Make(p), (float)p[4], ref ds, ref dw);
                    g[0] = ds.From.X; g[1] = ds.From.Y; g[2] = ds.To.X; g[3] = ds.To.Y; g[4] = dw;
                }
                private static Segment Make(double[] p) { return new Segment(new Vector2((float)p[0], (float)p[1]), new Vector2((float)p[2], (float)p[3])); }
            }
        }
        """;

    public const string Recent = """
        using System;
        using System.Linq;
        using System.Numerics;
        using AutoDiffGen;
        namespace Whole
        {
            public readonly record struct Particle(double Vx, double Vy)
            {
                public double Speed => Math.Sqrt(Vx * Vx + Vy * Vy);
                public Particle Turned => new Particle(-Vy, Vx);
            }
            public record struct Ball(Vector3 Position, Vector3 Velocity);
            public struct Settings
            {
                public double Gain { get; init; }
                public double Bias { get; init; }
                public Settings(double gain, double bias) { Gain = gain; Bias = bias; }
            }
            public static partial class Recent
            {
                // f = |v|·Vx + 3·Turned.Vx·Vy = r·Vx − 3Vy².
                [Differentiable(Hessian = true)]
                public static double SpeedOf(Particle p) => p.Speed * p.Vx + 3 * p.Turned.Vx * p.Vy;
                public static double SpeedOfH(double[] p, double[] h) => SpeedOfHessian(new Particle(p[0], p[1]), h);
                public static double SpeedOfV(double[] p, double[] v, double[] hv) => SpeedOfHessianVector(new Particle(p[0], p[1]), v, hv);
                public static void SpeedOfG(double[] p, double[] g)
                {
                    var d = new Particle(0, 0);
                    SpeedOfBackward(new Particle(p[0], p[1]), ref d);
                    g[0] = d.Vx; g[1] = d.Vy;
                }

                // f = g·|Velocity|² + Position.Y·Velocity.X over (Position, Velocity, g).
                [Differentiable(Hessian = true)]
                public static float BallE(Ball b, float g) => b.Velocity.LengthSquared() * g + b.Position.Y * b.Velocity.X;
                public static double BallEH(double[] p, double[] h)
                {
                    var f = new float[49];
                    double value = BallEHessian(Make(p), (float)p[6], f);
                    for (int i = 0; i < 49; i++) h[i] = f[i];
                    return value;
                }
                public static double BallEV(double[] p, double[] v, double[] hv)
                {
                    var f = new float[7];
                    double value = BallEHessianVector(Make(p), (float)p[6], v.Select(x => (float)x).ToArray(), f);
                    for (int i = 0; i < 7; i++) hv[i] = f[i];
                    return value;
                }
                public static void BallEG(double[] p, double[] g)
                {
                    var d = default(Ball);
                    float dg = 0;
                    BallEBackward(Make(p), (float)p[6], ref d, ref dg);
                    g[0] = d.Position.X; g[1] = d.Position.Y; g[2] = d.Position.Z; g[3] = d.Velocity.X; g[4] = d.Velocity.Y; g[5] = d.Velocity.Z; g[6] = dg;
                }
                private static Ball Make(double[] p) => new(new Vector3((float)p[0], (float)p[1], (float)p[2]), new Vector3((float)p[3], (float)p[4], (float)p[5]));

                // Init-only properties: f = Gain·Bias·x² over (Gain, Bias, x).
                [Differentiable(Hessian = true)]
                public static double Init(Settings c, double x) => c.Gain * c.Bias * x * x;
                public static double InitH(double[] p, double[] h) => InitHessian(new Settings(p[0], p[1]), p[2], h);
                public static double InitV(double[] p, double[] v, double[] hv) => InitHessianVector(new Settings(p[0], p[1]), p[2], v, hv);
                public static void InitG(double[] p, double[] g)
                {
                    var d = new Settings(0, 0);
                    double dx = 0;
                    InitBackward(new Settings(p[0], p[1]), p[2], ref d, ref dx);
                    g[0] = d.Gain; g[1] = d.Bias; g[2] = dx;
                }
            }
        }
        """;
}
