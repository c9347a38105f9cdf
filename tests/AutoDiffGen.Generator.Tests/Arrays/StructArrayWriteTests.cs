using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Stores into an array-of-structs parameter (<c>v[i] += a * dt; p[i] += v[i] * dt;</c>, <c>b[i].Vx += …</c>,
/// <c>p[i] = Step(p[i], dt)</c>, <c>p[i] = p[j]</c>): the adjoint is in/out, as a written <c>double[]</c>'s (docs/ref-out.md).
/// Checked by hand (one Euler step of a spring to the origin), and against central differences of
/// s·F + Σ w·(the arrays F leaves) for random seeds w (<see cref="CentralDifferenceRunner.CheckInOut"/>).
/// </summary>
public class StructArrayWriteTests
{
    /// <summary>C# 7.3 as well (the record structs are in <see cref="Records"/>).</summary>
    public const string Source = @"
using System;
using System.Numerics;
using AutoDiffGen;

namespace StructArrayWrites
{
    public struct Body { public double X; public double Y; public double Vx; public double Vy; public double M; }

    public static partial class W
    {
        /// Symplectic Euler of a spring to the origin (stiffness k), then an energy of the end positions.
        [Differentiable]
        public static float Euler(Vector2[] p, Vector2[] v, float k, float dt, int steps)
        {
            for (int s = 0; s < steps; s++)
            {
                for (int i = 0; i < p.Length; i++)
                {
                    Vector2 a = -k * p[i];
                    v[i] += a * dt;
                    p[i] += v[i] * dt;
                }
            }
            float e = 0;
            for (int i = 0; i < p.Length; i++) e += p[i].X * p[i].X + 0.5f * p[i].Y;
            return e;
        }

        /// Gravitating bodies (a mutable struct of doubles), written member by member.
        [Differentiable]
        public static double NBody(Body[] b, double dt, int steps)
        {
            for (int s = 0; s < steps; s++)
            {
                for (int i = 0; i < b.Length; i++)
                {
                    for (int j = 0; j < b.Length; j++)
                    {
                        if (j == i) continue;
                        double dx = b[j].X - b[i].X, dy = b[j].Y - b[i].Y;
                        double r2 = dx * dx + dy * dy + 0.1;
                        double f = b[j].M / (r2 * Math.Sqrt(r2));
                        b[i].Vx += dx * f * dt;
                        b[i].Vy += dy * f * dt;
                    }
                }
                for (int i = 0; i < b.Length; i++)
                {
                    b[i].X += b[i].Vx * dt;
                    b[i].Y = b[i].Y + b[i].Vy * dt;
                }
            }
            double e = 0;
            for (int i = 0; i < b.Length; i++) e += b[i].M * (b[i].X * b[i].Y + 0.5 * (b[i].Vx * b[i].Vx + b[i].Vy * b[i].Vy));
            return e;
        }

        /// A chain of springs (Vector3), each node moved whole by a [Differentiable] helper; a branch, a swap of elements.
        [Differentiable]
        public static float Chain(Vector3[] p, float k, float dt)
        {
            var f = new Vector3(0, -9.81f, 0);
            for (int i = 1; i < p.Length; i++)
            {
                var d = p[i] - p[i - 1];
                float l = d.Length();
                p[i] = Step(p[i], -k * (l - 1) / l * d + f, dt);
                if (p[i].Y < 0) p[i].Y = -0.5f * p[i].Y; else p[i].Z *= 0.9f;
            }
            p[0] = p[p.Length - 1];
            p[1].X++;
            float e = 0;
            foreach (var q in p) e += Vector3.Dot(q, q);
            return e;
        }

        [Differentiable]
        public static Vector3 Step(Vector3 x, Vector3 force, float dt) => x + dt * dt * force;
    }
}
";

    /// <summary>Record structs (C# 10): written whole through the constructor, with <c>with</c>.</summary>
    public const string Records = """
        using System;
        using AutoDiffGen;

        namespace StructArrayWriteRecords
        {
            public record struct Osc(double X, double V);

            public static partial class R
            {
                /// Oscillators stepped whole, one of them twice through `with`.
                [Differentiable]
                public static double Oscillate(Osc[] o, double w, int steps)
                {
                    for (int s = 0; s < steps; s++)
                    {
                        for (int i = 0; i < o.Length; i++) o[i] = new Osc(o[i].X + 0.1 * o[i].V, o[i].V - 0.1 * w * w * o[i].X);
                        o[0] = o[0] with { V = o[0].V * Math.Exp(-0.1 * w) };
                    }
                    double e = 0;
                    for (int i = 0; i < o.Length; i++) e += o[i].X * o[i].X + o[i].V;
                    return e;
                }
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));
    private static readonly Lazy<Assembly> CompiledRecords = new(() => GeneratorHarness.CompileAndLoad(Records));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("StructArrayWrites.W")!.GetMethod(name)!;

    private static Vector2[] Vectors2(int n, Random random) =>
        Enumerable.Range(0, n).Select(_ => new Vector2((float)random.NextDouble() * 2 - 1, (float)random.NextDouble() * 2 - 1)).ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Euler_OneStep_MatchesTheHandDerivative(int seed)
    {
        var random = new Random(seed);
        var p = Vectors2(3, random);
        var v = Vectors2(3, random);
        const float k = 2f, dt = 0.1f;
        var p0 = p.ToArray();
        var v0 = v.ToArray();
        var dP = new Vector2[3];
        var dV = new Vector2[3];
        float dK = 0, dDt = 0;
        var args = new object[] { p, v, k, dt, 1, dP, dV, dK, dDt, 1f };
        float e = (float)Method("EulerBackward").Invoke(null, args)!;
        dP = (Vector2[])args[5];
        dV = (Vector2[])args[6];
        // v' = v − k p dt, p' = p + v' dt = p(1 − k dt²) + v dt; E = Σ p'x² + ½ p'y.
        float c = 1 - (k * dt * dt), expected = 0, dk = 0, ddt = 0;
        for (int i = 0; i < 3; i++)
        {
            var q = (p0[i] * c) + (v0[i] * dt);
            expected += (q.X * q.X) + (0.5f * q.Y);
            Tolerance.AssertClose(q.X, p[i].X, 1e-6, "p'.X");
            Tolerance.AssertClose(q.Y, p[i].Y, 1e-6, "p'.Y");
            Tolerance.AssertClose(2 * q.X * c, dP[i].X, 1e-5, "∂E/∂p.X");
            Tolerance.AssertClose(0.5 * c, dP[i].Y, 1e-5, "∂E/∂p.Y");
            Tolerance.AssertClose(2 * q.X * dt, dV[i].X, 1e-5, "∂E/∂v.X");
            Tolerance.AssertClose(0.5 * dt, dV[i].Y, 1e-5, "∂E/∂v.Y");
            // ∂p'/∂k = −p dt², ∂p'/∂dt = −2 k p dt + v.
            dk += (2 * q.X * -p0[i].X * dt * dt) + (0.5f * -p0[i].Y * dt * dt);
            ddt += (2 * q.X * ((-2 * k * p0[i].X * dt) + v0[i].X)) + (0.5f * ((-2 * k * p0[i].Y * dt) + v0[i].Y));
        }
        Tolerance.AssertClose(expected, e, 1e-5, "E");
        Tolerance.AssertClose(dk, (float)args[7], 1e-5, "∂E/∂k");
        Tolerance.AssertClose(ddt, (float)args[8], 1e-5, "∂E/∂dt");
        // And v leaves as v' = v − k p dt.
        for (int i = 0; i < 3; i++) Tolerance.AssertClose((v0[i] - (k * dt * p0[i])).Y, v[i].Y, 1e-6, "v'.Y");
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(3, 8)]
    public void Euler_MatchesCentralDifferences_InOut(int steps, int seed)
    {
        var random = new Random(seed);
        CentralDifferenceRunner.CheckInOut(Method("Euler"), null, new object[] { Vectors2(3, random), Vectors2(3, random), 1.5f, 0.1f, steps }, seed);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 5)]
    public void NBody_MatchesCentralDifferences_InOut(int steps, int seed)
    {
        var type = Compiled.Value.GetType("StructArrayWrites.Body")!;
        var random = new Random(seed);
        var bodies = Array.CreateInstance(type, 3);
        for (int i = 0; i < 3; i++)
        {
            object b = Activator.CreateInstance(type)!;
            foreach (var name in new[] { "X", "Y", "Vx", "Vy" }) type.GetField(name)!.SetValue(b, (random.NextDouble() * 2) - 1);
            type.GetField("M")!.SetValue(b, 0.5 + random.NextDouble());
            bodies.SetValue(b, i);
        }
        CentralDifferenceRunner.CheckInOut(Method("NBody"), null, new object[] { bodies, 0.05, steps }, seed);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(9)]
    public void Chain_MatchesCentralDifferences_InOut(int seed)
    {
        var random = new Random(seed);
        var p = Enumerable.Range(0, 4).Select(i => new Vector3(i + ((float)random.NextDouble() * 0.3f), (float)random.NextDouble() * 2 - 1, (float)random.NextDouble())).ToArray();
        CentralDifferenceRunner.CheckInOut(Method("Chain"), null, new object[] { p, 3f, 0.1f }, seed);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    public void RecordStructs_WrittenWhole_MatchCentralDifferences_InOut(int steps, int seed)
    {
        var type = CompiledRecords.Value.GetType("StructArrayWriteRecords.R")!;
        var osc = CompiledRecords.Value.GetType("StructArrayWriteRecords.Osc")!;
        var random = new Random(seed);
        var o = Array.CreateInstance(osc, 3);
        for (int i = 0; i < 3; i++) o.SetValue(Activator.CreateInstance(osc, (random.NextDouble() * 2) - 1, (random.NextDouble() * 2) - 1)!, i);
        CentralDifferenceRunner.CheckInOut(type.GetMethod("Oscillate")!, null, new object[] { o, 1.3, steps }, seed);
    }

    [Fact]
    public void RecordStructs_OneStep_MatchTheHandDerivative()
    {
        var type = CompiledRecords.Value.GetType("StructArrayWriteRecords.R")!;
        var osc = CompiledRecords.Value.GetType("StructArrayWriteRecords.Osc")!;
        var o = Array.CreateInstance(osc, 1);
        o.SetValue(Activator.CreateInstance(osc, 0.5, -0.2)!, 0);
        var dO = Array.CreateInstance(osc, 1);
        var args = new object[] { o, 2.0, 1, dO, 0.0, 1.0 };
        double e = (double)type.GetMethod("OscillateBackward")!.Invoke(null, args)!;
        // x' = x + 0.1 v, v' = (v − 0.1 w² x)·exp(−0.1 w); E = x'² + v'.
        double w = 2, x = 0.5, v = -0.2, damp = Math.Exp(-0.1 * w), x1 = x + (0.1 * v), v1 = (v - (0.1 * w * w * x)) * damp;
        Tolerance.AssertFormula((x1 * x1) + v1, e, "E");
        var g = RealStructs.Components(dO.GetValue(0)!);
        Tolerance.AssertFormula((2 * x1) - (0.1 * w * w * damp), g[0], "∂E/∂x");
        Tolerance.AssertFormula((2 * x1 * 0.1) + damp, g[1], "∂E/∂v");
        Tolerance.AssertFormula((-0.2 * w * x * damp) - (0.1 * v1), (double)args[4], "∂E/∂w");
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void CompilesWithoutErrorsOrWarnings_OnEveryLanguageVersion(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.RunForLoad(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Empty(GeneratorHarness.AnalyzerDiagnostics(result.Compilation));
        if (version != LanguageVersion.CSharp7_3) return;
        var type = result.Load().GetType("StructArrayWrites.W")!;
        var random = new Random(3);
        CentralDifferenceRunner.CheckInOut(type.GetMethod("Euler")!, null, new object[] { Vectors2(2, random), Vectors2(2, random), 1.5f, 0.1f, 2 }, 3);
    }

    /// <summary>What stays outside: each an ADG error at the construct, and no MBackward.</summary>
    [Theory]
    [InlineData("[Differentiable] public static float F(Vector3[] p) { var q = p; q[0].X = 1; return p[0].X; }", "ADG0003", "p")]
    [InlineData("[Differentiable] public static float F(Vector3[] p) { ref Vector3 e = ref p[0]; e.X = 2; return p[0].Y; }", "ADG0003", "p")]
    [InlineData("[Differentiable] public static float F(Vector3[] p) { p[0].X = 2; return p.Sum(v => v.X); }", "ADG0003", "p")]
    // Passed whole to a callee that reads it is supported (StructArrayArgumentTests), to one of another type not.
    [InlineData("[Differentiable] public static float F(Vector3[] p) { p[0].X = 2; return D.Sum(p); }", "ADG0003", "p")]
    [InlineData("[Differentiable] public static float F(Vector3[] p) { float t = p[0].X = 2; return t * p[1].Y; }", "ADG0003", "p[0].X = 2")]
    [InlineData("[Differentiable] public static float F(Vector3[] p) => Writer(p) * p[0].X;", "ADG0003", "p")]
    [InlineData("[Differentiable] public static float F(Vector3[] q, float x) => 2 * Writer(q) + x;", "ADG0003", "q")]
    [InlineData("[Differentiable] public static float F(Vector3[] p) { p[0] = p[0] * 2; (p[0], p[1]) = (p[1], p[0]); return p[0].X; }", "ADG0007", "(p[0], p[1]) = (p[1], p[0])")]
    [InlineData("[Differentiable(Forward = true)] public static float F(Vector3[] p) { p[0].X *= 2; return p[0].X; }", "ADG0018", "Vector3[] p")]
    [InlineData("[Differentiable] public static float F(Vector3[] p) { p[1].Y = 3; Sq(ref p[0].X); return p[0].X; }", "ADG0003", "p[0].X")]
    [InlineData("[Differentiable] public static float F(Vector3[] p) { Sq(ref p[0].X); return p[0].X; }", "ADG0003", "p[0].X")]
    [InlineData("[Differentiable] public static float F(Vector3[] p) { float t = p[0].X++; return t * p[0].X; }", "ADG0003", "p[0].X++")]
    [InlineData("[Differentiable] public static double F(Complex[] z) { z[0] = z[0] * z[0]; return z[0].Real; }", "ADG0003", "z")]
    [InlineData("[Differentiable] public static double F(double x) { var zs = new Complex[2]; zs[0] = x; return zs[0].Real; }", "ADG0003", "new Complex[2]")]
    public void Outside_IsAnErrorAtTheConstruct(string method, string id, string at)
    {
        string source = """
            #nullable enable
            using System;
            using System.Linq;
            using System.Numerics;
            using AutoDiffGen;
            public static partial class D
            {
                [Differentiable] public static float Sum(Vector3[] p) { float s = 0; for (int i = 0; i < p.Length; i++) s += p[i].X; return s; }
            }
            public static partial class C
            {
                [Differentiable] public static float Sum(Vector3[] p) { float s = 0; for (int i = 0; i < p.Length; i++) s += p[i].X; return s; }
                [Differentiable] public static float Writer(Vector3[] p) { p[0].Y += 1; return p[0].Y; }
                [Differentiable] public static void Sq(ref float x) { x *= x; }
                METHOD
            }
            """.Replace("METHOD", method);
        var run = OutsideErrors.AssertAt(source, id, at, ".F_");
        // The helpers around it generate, the writer too.
        Assert.Contains(run.Generated.Keys, k => k.Contains(".Writer_", StringComparison.Ordinal));
    }
}
