using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Local arrays of structs (<c>var ps = new V2[n];</c>, <c>new V2[] { … }</c>, <c>[…]</c>): carried as one local array
/// per member (docs/supported.md, arrays of structs). Checked by hand (an Euler step of particles, a spring chain, a
/// local array created inside a loop) and against central differences.
/// </summary>
public class LocalStructArrayTests
{
    /// <summary>C# 7.3 as well (the collection expressions are in <see cref="Modern"/>).</summary>
    public const string Source = @"
using System;
using System.Numerics;
using AutoDiffGen;

namespace LocalStructArrays
{
    public struct V2 { public double X; public double Y; public V2(double x, double y) { X = x; Y = y; } }

    public struct Particle { public Vector3 P; public double Mass; public int Id; public bool Alive; }

    public struct Tagged { public double X; public int Id; public bool On; }

    public static partial class L
    {
        /// n particles at x·(i + 1) with velocity v (X the position, Y the velocity), one Euler step of a spring, then Σ x'².
        [Differentiable]
        public static double Euler(double x, double v, double k, double dt, int n)
        {
            var p = new V2[n];
            for (int i = 0; i < n; i++) p[i] = new V2(x * (i + 1), v);
            for (int i = 0; i < p.Length; i++)
            {
                p[i].Y -= k * p[i].X * dt;
                p[i].X += p[i].Y * dt;
            }
            double e = 0;
            foreach (var q in p) e += q.X * q.X;
            return e;
        }

        /// A chain of three nodes built by an initializer, springs of rest length 1 between neighbours.
        [Differentiable]
        public static double Chain(double a, double b, double k)
        {
            V2[] q = new V2[] { new V2(0, 0), new V2(a, 0), new V2(a, b) };
            double e = 0;
            for (int i = 1; i < q.Length; i++)
            {
                double dx = q[i].X - q[i - 1].X, dy = q[i].Y - q[i - 1].Y;
                double l = Math.Sqrt(dx * dx + dy * dy);
                e += 0.5 * k * (l - 1) * (l - 1);
            }
            return e;
        }

        /// A fresh local array every iteration, one element written whole, the other member by member, read by foreach.
        [Differentiable]
        public static double InLoop(double x, double y, int steps)
        {
            double e = 0;
            for (int s = 0; s < steps; s++)
            {
                var pts = new V2[2];
                pts[0] = new V2(x * s, y);
                pts[1].X = pts[0].Y * x;
                pts[1].Y = e;
                foreach (var p in pts) e += p.X * p.Y;
            }
            return e;
        }

        /// Vector2 particles under gravity stepped by a [Differentiable] helper, a bounce on a branch, several steps.
        [Differentiable]
        public static float Particles(float x, float y, float g, float dt, int n, int steps)
        {
            var ps = new Vector2[n];
            var vs = new Vector2[n];
            for (int i = 0; i < ps.Length; i++)
            {
                ps[i] = new Vector2(x + i, y * (i + 1));
                vs[i] = new Vector2(0.5f * y, x);
            }
            for (int s = 0; s < steps; s++)
            {
                for (int i = 0; i < ps.Length; i++)
                {
                    vs[i] += new Vector2(0, -g) * dt;
                    ps[i] = Step(ps[i], vs[i], dt);
                    if (ps[i].Y < 0) ps[i].Y = -0.5f * ps[i].Y;
                }
            }
            float e = 0;
            for (int i = 0; i < ps.Length; i++) e += Vector2.Dot(ps[i], ps[i]);
            return e;
        }

        /// Particles with discrete members (int Id, bool Alive) in a local array: the dead ones skipped, Id a factor.
        [Differentiable]
        public static double Alive(double x, double m, double dt, int n)
        {
            var ps = new Particle[n];
            for (int i = 0; i < n; i++) ps[i] = new Particle { P = new Vector3(1, 2, 0), Mass = m * (i + 1), Id = i, Alive = i % 2 == 0 };
            ps[n - 1].Id = ps[n - 1].Id + 10;
            double e = 0;
            for (int i = 0; i < ps.Length; i++)
            {
                if (!ps[i].Alive) continue;
                ps[i].Mass *= 1 + dt * ps[i].Id;
                e += ps[i].Mass * x + ps[i].P.Y * ps[i].Id;
            }
            foreach (var p in ps) if (p.Alive) e += p.Mass;
            return e;
        }

        /// A local array of structs with discrete members created afresh in each iteration of a loop.
        [Differentiable]
        public static double TaggedInLoop(double x, int steps)
        {
            double e = 0;
            for (int s = 0; s < steps; s++)
            {
                var ts = new Tagged[2];
                ts[0] = new Tagged { X = x * (s + 1), Id = s + 1, On = s % 2 == 0 };
                ts[1].X = ts[0].X * x;
                ts[1].Id = 3;
                for (int i = 0; i < ts.Length; i++)
                {
                    if (ts[i].On) continue;
                    e += ts[i].X * ts[i].Id * ts[i].X;
                }
            }
            return e;
        }

        [Differentiable]
        public static Vector2 Step(Vector2 p, Vector2 v, float dt) => p + v * dt;

        /// A Vector3[] parameter copied element by element into a local array, smoothed there, the parameter left alone.
        [Differentiable]
        public static float Smooth(Vector3[] p, float w)
        {
            var q = new Vector3[p.Length];
            for (int i = 0; i < p.Length; i++) q[i] = p[i] * w;
            for (int i = 1; i < q.Length; i++) q[i] = 0.5f * (q[i] + q[i - 1]);
            float e = 0;
            foreach (var v in q) e += v.LengthSquared();
            return e + p[0].Z;
        }
    }
}
";

    /// <summary>Collection expressions (C# 12) and a record struct.</summary>
    public const string Modern = """
        using System;
        using AutoDiffGen;

        namespace LocalStructArraysModern
        {
            public record struct P(double X, double Y);

            public static partial class M
            {
                [Differentiable]
                public static double Triangle(double a, double b)
                {
                    P[] q = [new P(0, 0), new P(a, 0), new P(0, b)];
                    q[2] = q[2] with { X = q[1].X * 0.5 };
                    double area = 0;
                    for (int i = 0; i < q.Length; i++)
                    {
                        var u = q[i];
                        var v = q[(i + 1) % q.Length];
                        area += u.X * v.Y - v.X * u.Y;
                    }
                    return 0.5 * area;
                }
            }
        }
        """;

    /// <summary>Forward, Hessian and Jacobian modes over a local array of structs; the modes' outputs read through plain helpers.</summary>
    public const string Modes = @"
using System;
using AutoDiffGen;

namespace LocalStructArrayModes
{
    public struct V2 { public double X; public double Y; public V2(double x, double y) { X = x; Y = y; } }

    public static partial class K
    {
        [Differentiable(Forward = true, Hessian = true)]
        public static double Euler(double x, double y, double dt, int n)
        {
            var ps = new V2[n];
            for (int i = 0; i < n; i++) ps[i] = new V2(x * i, y + i);
            for (int i = 0; i < ps.Length; i++) { ps[i].X += ps[i].Y * dt; ps[i].Y -= ps[i].X * dt; }
            double e = 0;
            foreach (var p in ps) e += p.X * p.Y;
            return e;
        }

        public static double[] HessianOf(double x, double y, double dt, int n) { var h = new double[9]; EulerHessian(x, y, dt, n, h); return h; }

        [Differentiable(Jacobian = true)]
        public static V2 Square(double x, double y)
        {
            var ps = new V2[2];
            ps[0] = new V2(x * y, y);
            ps[1].X = ps[0].X * x;
            ps[1].Y = Math.Sin(ps[0].Y);
            return ps[1];
        }

        public static double[] JacobianOf(double x, double y) { var j = new double[4]; SquareJacobian(x, y, j); return j; }
    }
}
";

    private static readonly Lazy<Assembly> CompiledModes = new(() => GeneratorHarness.CompileAndLoad(Modes));

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));
    private static readonly Lazy<Assembly> CompiledModern = new(() => GeneratorHarness.CompileAndLoad(Modern));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("LocalStructArrays.L")!.GetMethod(name)!;

    [Theory]
    [InlineData(0.7, -0.3, 2.0, 0.1, 3)]
    [InlineData(-1.2, 0.5, 0.5, 0.3, 1)]
    public void Euler_MatchesTheHandDerivative(double x, double v, double k, double dt, int n)
    {
        var args = new object[] { x, v, k, dt, n, 0.0, 0.0, 0.0, 0.0, 1.0 };
        double e = (double)Method("EulerBackward").Invoke(null, args)!;
        // x_i = x (i + 1); v' = v − k x_i dt; x' = x_i + v' dt = x_i (1 − k dt²) + v dt; E = Σ x'².
        double expected = 0, dx = 0, dv = 0, dk = 0, ddt = 0;
        for (int i = 0; i < n; i++)
        {
            double xi = x * (i + 1), x1 = (xi * (1 - (k * dt * dt))) + (v * dt);
            expected += x1 * x1;
            dx += 2 * x1 * (i + 1) * (1 - (k * dt * dt));
            dv += 2 * x1 * dt;
            dk += 2 * x1 * -xi * dt * dt;
            ddt += 2 * x1 * ((-2 * k * xi * dt) + v);
        }
        Tolerance.AssertFormula(expected, e, "E");
        Tolerance.AssertFormula(dx, (double)args[5], "∂E/∂x");
        Tolerance.AssertFormula(dv, (double)args[6], "∂E/∂v");
        Tolerance.AssertFormula(dk, (double)args[7], "∂E/∂k");
        Tolerance.AssertFormula(ddt, (double)args[8], "∂E/∂dt");
        CentralDifferenceRunner.Check(Method("Euler"), null, new object[] { x, v, k, dt, n });
    }

    [Theory]
    [InlineData(1.5, 0.4, 3.0)]
    [InlineData(0.8, 2.5, 0.7)]
    public void Chain_MatchesTheHandDerivative(double a, double b, double k)
    {
        var args = new object[] { a, b, k, 0.0, 0.0, 0.0, 1.0 };
        double e = (double)Method("ChainBackward").Invoke(null, args)!;
        // Segments (a, 0) and (0, b): E = ½ k ((a − 1)² + (b − 1)²) for a, b > 0.
        Tolerance.AssertFormula(0.5 * k * (((a - 1) * (a - 1)) + ((b - 1) * (b - 1))), e, "E");
        Tolerance.AssertFormula(k * (a - 1), (double)args[3], "∂E/∂a");
        Tolerance.AssertFormula(k * (b - 1), (double)args[4], "∂E/∂b");
        Tolerance.AssertFormula(0.5 * (((a - 1) * (a - 1)) + ((b - 1) * (b - 1))), (double)args[5], "∂E/∂k");
        CentralDifferenceRunner.Check(Method("Chain"), null, new object[] { a, b, k });
    }

    [Theory]
    [InlineData(0.6, -1.1)]
    [InlineData(1.3, 0.4)]
    public void InLoop_ThreeSteps_MatchesTheHandDerivative(double x, double y)
    {
        var args = new object[] { x, y, 3, 0.0, 0.0, 1.0 };
        double e = (double)Method("InLoopBackward").Invoke(null, args)!;
        // e_{s+1} = e_s (1 + x y) + x y s: e_3 = 3 x y + x² y².
        Tolerance.AssertFormula((3 * x * y) + (x * x * y * y), e, "E");
        Tolerance.AssertFormula((3 * y) + (2 * x * y * y), (double)args[3], "∂E/∂x");
        Tolerance.AssertFormula((3 * x) + (2 * x * x * y), (double)args[4], "∂E/∂y");
        CentralDifferenceRunner.Check(Method("InLoop"), null, new object[] { x, y, 4 });
    }

    [Theory]
    [InlineData(0.7, 1.3, 0.1, 3)]
    [InlineData(-0.4, 0.6, 0.25, 4)]
    public void Alive_DiscreteMembers_MatchTheHandDerivative(double x, double m, double dt, int n)
    {
        var args = new object[] { x, m, dt, n, 0.0, 0.0, 0.0, 1.0 };
        double e = (double)Method("AliveBackward").Invoke(null, args)!;
        // The even particles live; Id = i (+ 10 for the last one); mass' = m (i + 1)(1 + dt Id); E = Σ mass' (x + 1) + 2 Id.
        double expected = 0, dx = 0, dm = 0, ddt = 0;
        for (int i = 0; i < n; i += 2)
        {
            int id = i + (i == n - 1 ? 10 : 0);
            double mass = m * (i + 1) * (1 + (dt * id));
            expected += (mass * (x + 1)) + (2 * id);
            dx += mass;
            dm += (i + 1) * (1 + (dt * id)) * (x + 1);
            ddt += m * (i + 1) * id * (x + 1);
        }
        Tolerance.AssertFormula(expected, e, "E");
        Tolerance.AssertFormula(dx, (double)args[4], "∂E/∂x");
        Tolerance.AssertFormula(dm, (double)args[5], "∂E/∂m");
        Tolerance.AssertFormula(ddt, (double)args[6], "∂E/∂dt");
        CentralDifferenceRunner.Check(Method("Alive"), null, new object[] { x, m, dt, n });
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    public void TaggedInLoop_TwoSteps_MatchesTheHandDerivative(double x)
    {
        var args = new object[] { x, 2, 0.0, 1.0 };
        double e = (double)Method("TaggedInLoopBackward").Invoke(null, args)!;
        // s = 0: element 0 is On (skipped), element 1 adds 3 x⁴; s = 1: element 0 adds x² 2² 2, element 1 adds 3 (2x²)².
        Tolerance.AssertFormula((15 * Math.Pow(x, 4)) + (8 * x * x), e, "E");
        Tolerance.AssertFormula((60 * Math.Pow(x, 3)) + (16 * x), (double)args[2], "∂E/∂x");
        CentralDifferenceRunner.Check(Method("TaggedInLoop"), null, new object[] { x, 3 });
    }

    [Theory]
    [InlineData(1, 2, 1)]
    [InlineData(3, 3, 5)]
    public void Particles_MatchCentralDifferences(int n, int steps, int seed)
    {
        var random = new Random(seed);
        float Draw() => (float)((random.NextDouble() * 2) - 1);
        CentralDifferenceRunner.Check(Method("Particles"), null, new object[] { Draw(), Draw(), 9.81f, 0.05f, n, steps });
    }

    [Fact]
    public void Particles_OneStep_MatchesTheHandDerivative()
    {
        // One particle at (x, y), velocity (y/2, x) − (0, g dt): p' = p + v dt, positive Y (no bounce); E = |p'|².
        float x = 0.5f, y = 0.8f, g = 2f, dt = 0.1f;
        var args = new object[] { x, y, g, dt, 1, 1, 0f, 0f, 0f, 0f, 1f };
        float e = (float)Method("ParticlesBackward").Invoke(null, args)!;
        double px = x + (0.5 * y * dt), py = y + ((x - (g * dt)) * dt);
        Tolerance.AssertClose((px * px) + (py * py), e, 1e-5, "E");
        Tolerance.AssertClose((2 * px) + (2 * py * dt), (float)args[6], 1e-5, "∂E/∂x");
        Tolerance.AssertClose((2 * px * 0.5 * dt) + (2 * py), (float)args[7], 1e-5, "∂E/∂y");
        Tolerance.AssertClose(2 * py * -dt * dt, (float)args[8], 1e-5, "∂E/∂g");
        Tolerance.AssertClose((2 * px * 0.5 * y) + (2 * py * (x - (2 * g * dt))), (float)args[9], 1e-5, "∂E/∂dt");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    public void Smooth_MatchesCentralDifferences(int seed)
    {
        var random = new Random(seed);
        var p = Enumerable.Range(0, 4).Select(_ => new Vector3((float)random.NextDouble(), (float)random.NextDouble() - 0.5f, (float)random.NextDouble())).ToArray();
        CentralDifferenceRunner.Check(Method("Smooth"), null, new object[] { p, 1.3f });
    }

    [Theory]
    [InlineData(1.5, 0.5)]
    [InlineData(-0.7, 2.0)]
    public void Triangle_MatchesTheHandDerivative(double a, double b)
    {
        var type = CompiledModern.Value.GetType("LocalStructArraysModern.M")!;
        var args = new object[] { a, b, 0.0, 0.0, 1.0 };
        double area = (double)type.GetMethod("TriangleBackward")!.Invoke(null, args)!;
        // Vertices (0, 0), (a, 0), (a/2, b): the shoelace gives ½ a b.
        Tolerance.AssertFormula(0.5 * a * b, area, "area");
        Tolerance.AssertFormula(0.5 * b, (double)args[2], "∂/∂a");
        Tolerance.AssertFormula(0.5 * a, (double)args[3], "∂/∂b");
        CentralDifferenceRunner.Check(type.GetMethod("Triangle")!, null, new object[] { a, b });
    }

    [Theory]
    [InlineData(0.4, -0.7, 0.2, 3)]
    [InlineData(1.1, 0.3, 0.05, 2)]
    public void Euler_ForwardAndHessian_MatchTheReverseMode(double x, double y, double dt, int n)
    {
        var type = CompiledModes.Value.GetType("LocalStructArrayModes.K")!;
        var euler = type.GetMethod("Euler")!;
        CentralDifferenceRunner.Check(euler, null, new object[] { x, y, dt, n });
        double[] Gradient(double a, double b, double c)
        {
            var args = new object[] { a, b, c, n, 0.0, 0.0, 0.0, 1.0 };
            type.GetMethod("EulerBackward")!.Invoke(null, args);
            return new[] { (double)args[4], (double)args[5], (double)args[6] };
        }
        var g = Gradient(x, y, dt);
        // Forward: the tangent is g · t, for two directions.
        foreach (var t in new[] { new[] { 1.0, -0.5, 2.0 }, new[] { 0.0, 1.0, 0.0 } })
        {
            var args = new object[] { x, y, dt, n, t[0], t[1], t[2], 0.0 };
            double value = (double)type.GetMethod("EulerForward")!.Invoke(null, args)!;
            Tolerance.AssertFormula((double)euler.Invoke(null, new object[] { x, y, dt, n })!, value, "value");
            Tolerance.AssertFormula((g[0] * t[0]) + (g[1] * t[1]) + (g[2] * t[2]), (double)args[7], "tResult");
        }
        // Hessian: central differences of the reverse-mode gradient, column by column.
        var h = (double[])type.GetMethod("HessianOf")!.Invoke(null, new object[] { x, y, dt, n })!;
        const double step = 1e-5;
        for (int j = 0; j < 3; j++)
        {
            var plus = Gradient(x + (j == 0 ? step : 0), y + (j == 1 ? step : 0), dt + (j == 2 ? step : 0));
            var minus = Gradient(x - (j == 0 ? step : 0), y - (j == 1 ? step : 0), dt - (j == 2 ? step : 0));
            for (int i = 0; i < 3; i++) Tolerance.AssertClose((plus[i] - minus[i]) / (2 * step), h[(i * 3) + j], 1e-5 * (1 + Math.Abs(h[(i * 3) + j])), "H[" + i + "," + j + "]");
        }
    }

    [Theory]
    [InlineData(0.8, -1.3)]
    [InlineData(-0.5, 0.4)]
    public void Square_Jacobian_MatchesTheHandDerivative(double x, double y)
    {
        var type = CompiledModes.Value.GetType("LocalStructArrayModes.K")!;
        var j = (double[])type.GetMethod("JacobianOf")!.Invoke(null, new object[] { x, y })!;
        // Result (x² y, sin y): rows are its members, columns x and y.
        Tolerance.AssertFormula(2 * x * y, j[0], "∂X/∂x");
        Tolerance.AssertFormula(x * x, j[1], "∂X/∂y");
        Tolerance.AssertFormula(0, j[2], "∂Y/∂x");
        Tolerance.AssertFormula(Math.Cos(y), j[3], "∂Y/∂y");
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void CompilesWithoutErrorsOrWarnings_OnEveryLanguageVersion(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.RunForLoad(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        var modes = LanguageVersionHarness.Run(version, nullable, null, Modes);
        Assert.True(modes.GeneratorDiagnostics.IsEmpty && modes.CompileDiagnostics.IsEmpty, modes.Dump());
        Assert.Empty(GeneratorHarness.AnalyzerDiagnostics(result.Compilation));
        if (version != LanguageVersion.CSharp7_3) return;
        var type = result.Load().GetType("LocalStructArrays.L")!;
        CentralDifferenceRunner.Check(type.GetMethod("Euler")!, null, new object[] { 0.3, 0.2, 1.5, 0.1, 3 });
    }

    /// <summary>What stays outside: each an ADG error at the construct, and no MBackward.</summary>
    [Theory]
    [InlineData("[Differentiable] public static double F(double x) { var ps = new V2[2]; ps[0].X = x; var q = ps; q[1].X = 2; return ps[0].X * q[1].X; }", "ADG0003", "ps")]
    // Passed to a [Differentiable] callee that reads it is supported (StructArrayArgumentTests); in a Forward method, to a callee without Forward, not.
    [InlineData("[Differentiable(Forward = true)] public static double F(double x) { var ps = new V2[2]; ps[0].X = x; return Sum(ps); }", "ADG0003", "ps")]
    [InlineData("[Differentiable] public static double F(double x) { var ps = new V2[2]; ps[0].X = x; return Plain(ps); }", "ADG0003", "ps")]
    [InlineData("[Differentiable] public static double F(double x) { var ps = new V2[2]; ref V2 e = ref ps[0]; e.X = x; return ps[0].X; }", "ADG0003", "ps")]
    [InlineData("[Differentiable] public static double F(double x) { var ps = new V2[2]; ps[0].X = x; ps = new V2[3]; return ps[0].X; }", "ADG0003", "new V2[3]")]
    [InlineData("[Differentiable] public double G(double x) { _field[0].X = x; return _field[0].X * x; }", "ADG0007", "_field[0].X = x")]
    [InlineData("[Differentiable] public static double F(double x) { var ps = new V2[2]; double t = ps[0].X = x; return t * ps[0].X; }", "ADG0003", "ps[0].X = x")]
    [InlineData("[Differentiable] public static double F(double x) { var ps = new Tagged[2]; ps[0].X = x; ps[1].Id++; return ps[0].X * ps[1].Id; }", "ADG0003", "ps[1].Id++")]
    [InlineData("[Differentiable] public static double F(Tagged[] ps, double x) { ps[1].Id++; return ps[0].X * x; }", "ADG0003", "ps[1].Id++")]
    [InlineData("[Differentiable] public static double F(double x) { var zs = new Complex[2]; zs[0] = x; return zs[0].Real; }", "ADG0003", "new Complex[2]")]
    public void Outside_IsAnErrorAtTheConstruct(string method, string id, string at)
    {
        string source = """
            #nullable enable
            using System;
            using System.Numerics;
            using AutoDiffGen;
            public struct V2 { public double X; public double Y; }
            public struct Tagged { public double X; public int Id; }
            public partial class C
            {
                private readonly V2[] _field = new V2[2];
                [Differentiable] public static double Sum(V2[] p) { double s = 0; for (int i = 0; i < p.Length; i++) s += p[i].X; return s; }
                public static double Plain(V2[] p) => p[0].X;
                METHOD
            }
            """.Replace("METHOD", method);
        var run = OutsideErrors.AssertAt(source, id, at, ".F_", ".G_");
        Assert.Contains(run.Generated.Keys, k => k.Contains(".Sum_", StringComparison.Ordinal));
    }
}
