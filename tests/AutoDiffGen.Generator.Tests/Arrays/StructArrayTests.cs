using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Arrays and spans of structs of reals as parameters (<c>Vector3[]</c>, <c>Vector2</c> spans, a mutable <c>Body[]</c>,
/// a <c>record struct Particle(Vec Position, Vec Velocity, double Mass)</c>, a readonly struct): the adjoint is an array
/// (span) of the same struct, each element the struct's own adjoint (the contract's struct convention, element by
/// element), added into. Checked against central differences over every component of every element, and by hand: a
/// spring-mass energy's ∂E/∂p_i = Σ k(ℓ−L)(p_i−p_j)/ℓ + m g ŷ; kinetic energy's ∂T/∂v_i = m_i v_i, ∂T/∂m_i = |v_i|²/2;
/// a polyline's length: ±unit vectors at its ends.
/// </summary>
public class StructArrayTests
{
    /// <summary>Written so that it is C# 7.3 as well (no record structs: those are in <see cref="Records"/>).</summary>
    public const string Source = @"
using System;
using System.Numerics;
using AutoDiffGen;

namespace StructArrays
{
    public struct Body { public double X; public double Y; public double M; }

    public readonly struct Charge
    {
        public double Q { get; }
        public double X { get; }
        public Charge(double q, double x) { Q = q; X = x; }
    }

    public static partial class S
    {
        /// A spring-mass energy over positions, with gravity.
        [Differentiable]
        public static float SpringEnergy(Vector3[] p, int[] a, int[] b, float rest, float k, float g)
        {
            float e = 0;
            for (int s = 0; s < a.Length; s++)
            {
                float l = Vector3.Distance(p[a[s]], p[b[s]]);
                e += 0.5f * k * (l - rest) * (l - rest);
            }
            for (int i = 0; i < p.Length; i++) e += g * p[i].Y;
            return e;
        }

        /// The same energy, each spring a [Differentiable] helper of two elements.
        [Differentiable]
        public static float SpringEnergyByHelper(Vector3[] p, int[] a, int[] b, float rest, float k, float g)
        {
            float e = 0;
            for (int s = 0; s < a.Length; s++) e += Spring(p[a[s]], p[b[s]], rest, k);
            for (int i = 0; i < p.Length; i++) e += g * p[i].Y;
            return e;
        }

        [Differentiable]
        public static float Spring(Vector3 x, Vector3 y, float rest, float k)
        {
            float l = (x - y).Length();
            return 0.5f * k * (l - rest) * (l - rest);
        }

        /// Gravitational potential of bodies (a mutable struct of doubles).
        [Differentiable]
        public static double Potential(Body[] bodies)
        {
            double u = 0;
            for (int i = 0; i < bodies.Length; i++)
            {
                for (int j = i + 1; j < bodies.Length; j++)
                {
                    double dx = bodies[i].X - bodies[j].X, dy = bodies[i].Y - bodies[j].Y;
                    u -= bodies[i].M * bodies[j].M / Math.Sqrt(dx * dx + dy * dy);
                }
            }
            return u;
        }

        /// A readonly struct's elements (its adjoint elements rebuilt through its constructor).
        [Differentiable]
        public static double Field(Charge[] c, double at)
        {
            double f = 0;
            for (int i = 0; i < c.Length; i++) f += c[i].Q / (1 + (c[i].X - at) * (c[i].X - at));
            return f;
        }

        /// A span of Vector2: a polyline's length.
        [Differentiable]
        public static float PathLength(ReadOnlySpan<Vector2> pts)
        {
            float s = 0;
            for (int i = 0; i + 1 < pts.Length; i++) s += Vector2.Distance(pts[i], pts[i + 1]);
            return s;
        }

        public static float PathLengthB(Vector2[] pts, Vector2[] dPts, float seed) => PathLengthBackward(pts, dPts, seed);

        /// Callees passed the array whole (one takes a span, one returns a struct): each adds into the same dP.
        [Differentiable]
        public static float Caller(Vector2[] p, float w)
        {
            Vector2 c = Centroid(p);
            return w * PathLength(p) + c.X * c.Y + p[0].X;
        }

        [Differentiable]
        public static Vector2 Centroid(Vector2[] p)
        {
            Vector2 s = Vector2.Zero;
            for (int i = 0; i < p.Length; i++) s += p[i];
            return s / p.Length;
        }

        /// A [NoDiff] Vector2[] (constant) passed on to a callee with a differentiated scalar: its adjoint there is a zeroed scratch.
        [Differentiable]
        public static float Weighted([NoDiff] Vector2[] anchors, float w) => PathLength(anchors) * w * w + Scaled(anchors, w) + anchors[0].Y * w;

        [Differentiable]
        public static float Scaled(Vector2[] p, float w) => p[p.Length - 1].X * w;

        /// The cloth of docs/corpus.md (N10) as first written: springs by index, gravity in a foreach over the positions.
        [Differentiable]
        public static float Cloth(Vector3[] positions, int[] springA, int[] springB, float[] restLengths, float stiffness, float mass)
        {
            var gravity = new Vector3(0, -9.81f, 0);
            float energy = 0;
            for (int s = 0; s < springA.Length; s++)
            {
                float stretch = Vector3.Distance(positions[springA[s]], positions[springB[s]]) - restLengths[s];
                energy += 0.5f * stiffness * stretch * stretch;
            }
            foreach (var p in positions)
                energy -= mass * Vector3.Dot(gravity, p);
            return energy;
        }

        /// Elements as struct values: kept in locals, combined with operators, compared.
        [Differentiable]
        public static float Spread(Vector3[] p)
        {
            Vector3 first = p[0];
            float worst = 0;
            for (int i = 1; i < p.Length; i++)
            {
                var d = p[i] - first;
                float q = Vector3.Dot(d, d);
                if (q > worst) worst = q;
            }
            return worst + p[p.Length - 1].Z * first.X;
        }
    }
}
";

    /// <summary>Record structs (C# 10): a property holding a struct, so the adjoint's elements are rebuilt whole.</summary>
    public const string Records = """
        using System;
        using AutoDiffGen;

        namespace StructArrayRecords
        {
            public record struct Vec(double X, double Y);
            public record struct Particle(Vec Position, Vec Velocity, double Mass);

            public static partial class R
            {
                /// Kinetic energy.
                [Differentiable]
                public static double Kinetic(Particle[] ps)
                {
                    double t = 0;
                    for (int i = 0; i < ps.Length; i++)
                    {
                        var v = ps[i].Velocity;
                        t += 0.5 * ps[i].Mass * (v.X * v.X + v.Y * v.Y);
                    }
                    return t;
                }

                /// Kinetic energy plus a spring to the origin, each particle a helper's argument.
                [Differentiable]
                public static double Energy(Particle[] ps, double k)
                {
                    double e = Kinetic(ps);
                    return e + Anchor(ps[0], k) + Anchor(ps[ps.Length - 1], k);
                }

                [Differentiable]
                public static double Anchor(Particle p, double k) => 0.5 * k * (p.Position.X * p.Position.X + p.Position.Y * p.Position.Y);
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));
    private static readonly Lazy<Assembly> CompiledRecords = new(() => GeneratorHarness.CompileAndLoad(Records));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("StructArrays.S")!.GetMethod(name)!;

    private static Vector3[] Positions(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => new Vector3((float)random.NextDouble() * 2, (float)random.NextDouble() * 2, (float)random.NextDouble() * 2)).ToArray();
    }

    [Theory]
    [InlineData("SpringEnergy", 3)]
    [InlineData("SpringEnergyByHelper", 3)]
    [InlineData("SpringEnergy", 11)]
    [InlineData("SpringEnergyByHelper", 12)]
    public void SpringEnergy_MatchesCentralDifferencesAndHand(string name, int seed)
    {
        var p = Positions(4, seed);
        int[] a = { 0, 1, 2, 0 }, b = { 1, 2, 3, 3 };
        const float rest = 0.7f, k = 2.5f, g = 0.3f;
        var result = CentralDifferenceRunner.Check(Method(name), null, new object[] { p, a, b, rest, k, g });
        // By hand: each spring adds k(ℓ−L)(p_a−p_b)/ℓ into p_a and its negative into p_b; gravity adds g into every Y.
        var hand = new Vector3[p.Length];
        for (int s = 0; s < a.Length; s++)
        {
            var d = p[a[s]] - p[b[s]];
            float l = d.Length();
            var f = k * (l - rest) / l * d;
            hand[a[s]] += f;
            hand[b[s]] -= f;
        }
        for (int i = 0; i < p.Length; i++) hand[i].Y += g;
        var gradient = result.Gradient[0]!;
        for (int i = 0; i < p.Length; i++)
        {
            Tolerance.AssertClose(hand[i].X, gradient[3 * i], 1e-4 * (1 + Math.Abs(hand[i].X)), name + " ∂E/∂p[" + i + "].X");
            Tolerance.AssertClose(hand[i].Y, gradient[(3 * i) + 1], 1e-4 * (1 + Math.Abs(hand[i].Y)), name + " ∂E/∂p[" + i + "].Y");
            Tolerance.AssertClose(hand[i].Z, gradient[(3 * i) + 2], 1e-4 * (1 + Math.Abs(hand[i].Z)), name + " ∂E/∂p[" + i + "].Z");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(9)]
    public void Cloth_WithAForeach_MatchesCentralDifferencesAndHand(int seed)
    {
        var p = Positions(3, seed);
        int[] a = { 0, 1 }, b = { 1, 2 };
        float[] rest = { 0.5f, 0.8f };
        const float k = 3f, m = 0.2f;
        var g = CentralDifferenceRunner.Check(Method("Cloth"), null, new object[] { p, a, b, rest, k, m }).Gradient[0]!;
        // ∂E/∂p_i = Σ springs k(ℓ−L)(p_i−p_j)/ℓ − m·(0, −9.81, 0).
        var hand = new Vector3[3];
        for (int s = 0; s < 2; s++)
        {
            var d = p[a[s]] - p[b[s]];
            var f = k * (d.Length() - rest[s]) / d.Length() * d;
            hand[a[s]] += f;
            hand[b[s]] -= f;
        }
        for (int i = 0; i < 3; i++)
        {
            hand[i].Y += m * 9.81f;
            for (int c = 0; c < 3; c++)
            {
                double h = c == 0 ? hand[i].X : c == 1 ? hand[i].Y : hand[i].Z;
                Tolerance.AssertClose(h, g[(3 * i) + c], 1e-4 * (1 + Math.Abs(h)), "∂E/∂p[" + i + "][" + c + "]");
            }
        }
    }

    [Fact]
    public void SpringEnergy_AddsIntoTheAdjoint_AndChecksItsLength()
    {
        var backward = Method("SpringEnergyBackward");
        var p = new[] { new Vector3(0, 0, 0), new Vector3(3, 4, 0) };
        var dP = new[] { new Vector3(10, 20, 30), new Vector3(-1, -2, -3) };
        float dRest = 0, dK = 0, dG = 0;
        var args = new object[] { p, new[] { 0 }, new[] { 1 }, 1f, 2f, 0f, dP, dRest, dK, dG, 1f };
        // E = ½·2·(5−1)² = 16; ∂E/∂p_0 = 2·4·(−3, −4, 0)/5 = (−4.8, −6.4, 0), added into what was there.
        Assert.Equal(16f, (float)backward.Invoke(null, args)!, 4);
        Assert.Equal(new Vector3(10 - 4.8f, 20 - 6.4f, 30), dP[0]);
        Assert.Equal(new Vector3(-1 + 4.8f, -2 + 6.4f, -3), dP[1]);
        var mismatch = Assert.Throws<TargetInvocationException>(() => backward.Invoke(null, new object[] { p, new[] { 0 }, new[] { 1 }, 1f, 2f, 0f, new Vector3[1], 0f, 0f, 0f, 1f }));
        Assert.IsType<ArgumentException>(mismatch.InnerException);
    }

    [Fact]
    public void Potential_MatchesCentralDifferencesAndHand()
    {
        var bodyType = Compiled.Value.GetType("StructArrays.Body")!;
        object Body(double x, double y, double m)
        {
            object b = Activator.CreateInstance(bodyType)!;
            bodyType.GetField("X")!.SetValue(b, x);
            bodyType.GetField("Y")!.SetValue(b, y);
            bodyType.GetField("M")!.SetValue(b, m);
            return b;
        }
        var bodies = Array.CreateInstance(bodyType, 3);
        bodies.SetValue(Body(0, 0, 2), 0);
        bodies.SetValue(Body(3, 4, 1.5), 1);
        bodies.SetValue(Body(-1, 2, 0.5), 2);
        var g = CentralDifferenceRunner.Check(Method("Potential"), null, new object[] { bodies }).Gradient[0]!;
        // ∂U/∂M_0 = −M_1/r01 − M_2/r02 = −1.5/5 − 0.5/√5; ∂U/∂X_0 = Σ M_0 M_j (X_0−X_j)/r³ = 2·1.5·(−3)/125 + 2·0.5·1/5^1.5.
        Tolerance.AssertFormula((-1.5 / 5) - (0.5 / Math.Sqrt(5)), g[2], "∂U/∂M_0");
        Tolerance.AssertFormula((2 * 1.5 * -3 / 125.0) + (2 * 0.5 * 1 / Math.Pow(5, 1.5)), g[0], "∂U/∂X_0");
    }

    [Fact]
    public void Field_OfAReadonlyStruct_MatchesCentralDifferencesAndHand()
    {
        var chargeType = Compiled.Value.GetType("StructArrays.Charge")!;
        var charges = Array.CreateInstance(chargeType, 2);
        charges.SetValue(Activator.CreateInstance(chargeType, 2.0, 0.5)!, 0);
        charges.SetValue(Activator.CreateInstance(chargeType, -1.0, 1.5)!, 1);
        var g = CentralDifferenceRunner.Check(Method("Field"), null, new object[] { charges, 1.0 }).Gradient[0]!;
        // f = Σ q/(1 + (x−a)²): ∂f/∂q_0 = 1/1.25; ∂f/∂x_0 = −2q(x−a)/(1+(x−a)²)² = −2·2·(−0.5)/1.5625.
        Tolerance.AssertFormula(1 / 1.25, g[0], "∂f/∂q_0");
        Tolerance.AssertFormula(2.0 / 1.5625, g[1], "∂f/∂x_0");
    }

    [Fact]
    public void PathLength_OverASpan_IsUnitVectorsAtTheEnds()
    {
        var pts = new[] { new Vector2(0, 0), new Vector2(3, 0), new Vector2(3, 4) };
        var dPts = new[] { new Vector2(1, 1), Vector2.Zero, Vector2.Zero };
        float length = (float)Method("PathLengthB").Invoke(null, new object[] { pts, dPts, 2f })!;
        Assert.Equal(7f, length, 5);
        // ∂/∂p0 = −(1, 0), ∂/∂p1 = (1, 0) − (0, 1), ∂/∂p2 = (0, 1); seed 2, added into (1, 1) at p0.
        Assert.Equal(new Vector2(-1, 1), dPts[0]);
        Assert.Equal(new Vector2(2, -2), dPts[1]);
        Assert.Equal(new Vector2(0, 2), dPts[2]);
    }

    [Theory]
    [InlineData(2, 4)]
    [InlineData(5, 6)]
    public void Callees_AndElementsAsValues_MatchCentralDifferences(int n, int seed)
    {
        var random = new Random(seed);
        var p = Enumerable.Range(0, n).Select(_ => new Vector2((float)random.NextDouble() * 3, (float)random.NextDouble() * 3)).ToArray();
        var g = CentralDifferenceRunner.Check(Method("Caller"), null, new object[] { p, 0.8f }).Gradient[0]!;
        // The centroid term c.X c.Y adds c.Y/n into every X and c.X/n into every Y; p[0].X adds 1.
        var c = p.Aggregate(Vector2.Zero, (s, v) => s + v) / n;
        Assert.Equal(2 * n, g.Length);
        Tolerance.AssertClose(c.X / n, g[(2 * n) - 1] - (0.8 * PathLengthY(p, n - 1)), 1e-3, "∂/∂p[n−1].Y less the path term");
        CentralDifferenceRunner.Check(Method("Spread"), null, new object[] { Positions(n + 1, seed) });
        // ∂/∂w (L w² + x_last w + y_0 w) = 2 L w + x_last + y_0, with the anchors constant.
        var w = CentralDifferenceRunner.Check(Method("Weighted"), null, new object[] { p, 0.8f }).Gradient[1]![0];
        double length = Enumerable.Range(0, n - 1).Sum(i => Vector2.Distance(p[i], p[i + 1]));
        Tolerance.AssertClose((2 * length * 0.8) + p[n - 1].X + p[0].Y, w, 1e-4 * (1 + Math.Abs(w)), "∂Weighted/∂w");
    }

    /// <summary>∂(polyline length)/∂p[i].Y.</summary>
    private static double PathLengthY(Vector2[] p, int i)
    {
        double d = 0;
        if (i > 0) d += (p[i].Y - p[i - 1].Y) / Vector2.Distance(p[i], p[i - 1]);
        if (i + 1 < p.Length) d += (p[i].Y - p[i + 1].Y) / Vector2.Distance(p[i], p[i + 1]);
        return d;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void RecordStructs_BuiltWhole_MatchCentralDifferencesAndHand(int seed)
    {
        var type = CompiledRecords.Value.GetType("StructArrayRecords.R")!;
        var vec = CompiledRecords.Value.GetType("StructArrayRecords.Vec")!;
        var particle = CompiledRecords.Value.GetType("StructArrayRecords.Particle")!;
        var random = new Random(seed);
        double Next() => (random.NextDouble() * 2) - 1;
        var ps = Array.CreateInstance(particle, 3);
        for (int i = 0; i < 3; i++)
        {
            ps.SetValue(Activator.CreateInstance(particle, Activator.CreateInstance(vec, Next(), Next()), Activator.CreateInstance(vec, Next(), Next()), 1 + Next() * 0.5)!, i);
        }
        var g = CentralDifferenceRunner.Check(type.GetMethod("Kinetic")!, null, new object[] { ps }).Gradient[0]!;
        // Components per particle: Position.X, Position.Y, Velocity.X, Velocity.Y, Mass. ∂T/∂v = m v, ∂T/∂m = |v|²/2.
        for (int i = 0; i < 3; i++)
        {
            var c = RealStructs.Components(ps.GetValue(i)!);
            Tolerance.AssertFormula(0, g[5 * i], "∂T/∂x");
            Tolerance.AssertFormula(c[4] * c[2], g[(5 * i) + 2], "∂T/∂vx");
            Tolerance.AssertFormula(c[4] * c[3], g[(5 * i) + 3], "∂T/∂vy");
            Tolerance.AssertFormula(0.5 * ((c[2] * c[2]) + (c[3] * c[3])), g[(5 * i) + 4], "∂T/∂m");
        }
        CentralDifferenceRunner.Check(type.GetMethod("Energy")!, null, new object[] { ps, 1.3 });
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void CompilesWithoutErrorsOrWarnings_OnEveryLanguageVersion(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.RunForLoad(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Empty(GeneratorHarness.AnalyzerDiagnostics(result.Compilation));
        if (version != LanguageVersion.CSharp7_3) return;
        // In C# 7.3 too, the gradients are right.
        var type = result.Load().GetType("StructArrays.S")!;
        CentralDifferenceRunner.Check(type.GetMethod("SpringEnergy")!, null, new object[] { Positions(3, 5), new[] { 0, 1 }, new[] { 1, 2 }, 0.5f, 1.5f, 0.2f });
        CentralDifferenceRunner.Check(type.GetMethod("Caller")!, null, new object[] { new[] { new Vector2(1, 2), new Vector2(0.5f, -1), new Vector2(2, 2) }, 0.5f });
    }

    /// <summary>What stays outside: each an ADG error at the construct (or the parameter), and no MBackward.</summary>
    [Theory]
    // Stores as statements are supported (StructArrayWriteTests); a swap by deconstruction and a store inside an expression are not.
    [InlineData("[Differentiable] public static float F(Vector3[] p) { (p[0], p[1]) = (p[1], p[0]); return p[0].X; }", "ADG0007", "(p[0], p[1]) = (p[1], p[0])")]
    [InlineData("[Differentiable] public static float F(Vector3[] p) { float t = p[0].X = 2; return t * p[0].Y; }", "ADG0003", "p[0].X = 2")]
    [InlineData("[Differentiable] public static float F(Vector3[] p) { float s = 0; foreach (ref readonly var v in p.AsSpan()) s += v.X; return s; }", "ADG0003", "p")]
    [InlineData("[Differentiable] public static float F(Vector3[] p) { var q = p; return q[0].X; }", "ADG0003", "p")]
    [InlineData("[Differentiable] public static float F(Vector3[] p) => Plain(p);", "ADG0003", "p")]
    [InlineData("[Differentiable] public static float F(Vector3[] p) => p.Sum(v => v.X);", "ADG0003", "p")]
    [InlineData("[Differentiable] public static float F(Vector3[] p) => Weighted(p, new Vector3[1]);", "ADG0003", "p")]
    [InlineData("[Differentiable] public static float F(Vector3[] p) { ref Vector3 r = ref p[0]; return r.X; }", "ADG0003", "p")]
    [InlineData("[Differentiable] public static float F(Vector3[] p) => Sum(p.AsSpan(1));", "ADG0003", "p")]
    // Read only, it has MForward since modes6 (StructArrayModesTests) and MHessian since modes7 (Hessians/HessianStructArrayTests); one the method stores into does not.
    [InlineData("[Differentiable(Forward = true)] public static float F(Vector3[] p) { p[0].X = 1; return p[0].X * p[0].Y; }", "ADG0018", "Vector3[] p")]
    [InlineData("[Differentiable(Hessian = true)] public static float F(Vector3[] p) { p[0].X = 1; return p[0].X * p[0].Y; }", "ADG0019", "Vector3[] p")]
    [InlineData("[Differentiable] public static float F(Vector3[,] p) => p[0, 0].X;", "ADG0006", "Vector3[,] p")]
    [InlineData("[Differentiable] public static float F(Vector3[][] p) => p[0][0].X;", "ADG0006", "Vector3[][] p")]
    [InlineData("[Differentiable] public static float F(Vector3[]? p) => p![0].X;", "ADG0006", "Vector3[]? p")]
    // An array of a struct with a discrete member is carried (StructArrayDiscreteTests); a readonly one is not.
    [InlineData("[Differentiable] public static double F(Tagged[] p) => p[0].X;", "ADG0006", "Tagged[] p")]
    public void Outside_IsAnErrorAtTheConstruct(string method, string id, string at)
    {
        string source = """
            #nullable enable
            using System;
            using System.Linq;
            using System.Numerics;
            using AutoDiffGen;
            public readonly struct Tagged { public readonly double X; public readonly int Tag; public Tagged(double x, int tag) { X = x; Tag = tag; } }
            public static partial class C
            {
                public static float Plain(Vector3[] p) => p[0].X;
                [Differentiable] public static float Sum(ReadOnlySpan<Vector3> p) { float s = 0; for (int i = 0; i < p.Length; i++) s += p[i].X; return s; }
                [Differentiable] public static float Weighted([NoDiff] Vector3[] w, Vector3[] p) => w[0].X * p[0].Y + Sum(w);
                METHOD
            }
            """.Replace("METHOD", method);
        var run = GeneratorHarness.Run(source);
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        var analyzer = GeneratorHarness.AnalyzerDiagnostics(run.Compilation);
        var errors = run.GeneratorDiagnostics.Concat(analyzer).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        // Only ADG errors (no broken generated code), and one of the expected kind at the construct.
        Assert.All(errors, d => Assert.StartsWith("ADG", d.Id, StringComparison.Ordinal));
        var error = Assert.Single(errors.Where(d => d.Id == id && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == at).Take(1));
        Assert.DoesNotContain(run.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
        // The helpers around it generate (a [NoDiff] Vector3[] is a constant, also passed on to a callee).
        Assert.Contains(run.Generated.Keys, k => k.Contains(".Weighted_", StringComparison.Ordinal));
        if (method.Contains("Tagged", StringComparison.Ordinal)) Assert.Contains("'Tag'", error.GetMessage(), StringComparison.Ordinal);
    }
}
