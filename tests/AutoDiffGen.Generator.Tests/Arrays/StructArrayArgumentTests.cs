using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// An array of structs that exists only as its component arrays (a local one, or a parameter the method stores into)
/// passed whole to a <c>[Differentiable]</c> callee that reads it: the call is inlined, the callee's parameter standing
/// for the caller's component arrays. Checked by hand (a spring chain) and against central differences.
/// </summary>
public class StructArrayArgumentTests
{
    /// <summary>C# 7.3 as well.</summary>
    public const string Source = @"
using System;
using System.Numerics;
using AutoDiffGen;

namespace StructArrayArguments
{
    public struct V2 { public double X; public double Y; }
    public struct Bead { public double X; public double M; public int Id; public bool Fixed; }

    public static partial class A
    {
        /// The energy of a chain of springs of stiffness k, plus the heights: read only (a for loop and a foreach).
        [Differentiable]
        public static double Spring(V2[] p, double k)
        {
            double e = 0;
            for (int i = 1; i < p.Length; i++)
            {
                double dx = p[i].X - p[i - 1].X, dy = p[i].Y - p[i - 1].Y;
                e += k * (dx * dx + dy * dy);
            }
            foreach (var q in p) e += q.Y;
            return e;
        }

        /// A local chain, its energy, a node moved by it, the energy again.
        [Differentiable]
        public static double Chain(double x, double k)
        {
            var ps = new V2[3];
            for (int i = 0; i < ps.Length; i++) { ps[i].X = x * i; ps[i].Y = x * x; }
            double s = Spring(ps, k);
            ps[1].Y += s;
            return Spring(ps, 2 * k) + s;
        }

        /// A parameter the method stores into, passed whole after the store, in a loop of steps.
        [Differentiable]
        public static double Relax(V2[] p, double k, int steps)
        {
            double e = 0;
            for (int s = 0; s < steps; s++)
            {
                for (int i = 1; i < p.Length; i++) p[i].Y = 0.5 * (p[i].Y + p[i - 1].Y);
                e += Spring(p, k);
            }
            return e;
        }

        /// A float spring chain helper taking Vector2[], passed a local array built in a loop.
        [Differentiable]
        public static float Chain2(Vector2[] p, float k)
        {
            float e = 0;
            for (int i = 1; i < p.Length; i++) e += k * (p[i] - p[i - 1]).LengthSquared();
            return e;
        }

        [Differentiable]
        public static float Hang(float x, float k, int n)
        {
            var p = new Vector2[n];
            for (int i = 0; i < n; i++) p[i] = new Vector2(x * i, -x * x * i);
            return Chain2(p, k) * x;
        }

        /// Discrete members: fixed beads are skipped by the callee.
        [Differentiable]
        public static double Loose(Bead[] b)
        {
            double m = 0;
            for (int i = 0; i < b.Length; i++) if (!b[i].Fixed) m += b[i].M * b[i].X * b[i].Id;
            return m;
        }

        [Differentiable]
        public static double Beads(Bead[] b, double u)
        {
            for (int i = 0; i < b.Length; i++) if (!b[i].Fixed) b[i].X += u * b[i].M;
            var local = new Bead[2];
            local[0].X = u; local[0].M = 2; local[0].Id = 3; local[1].X = u * u; local[1].M = 1; local[1].Id = 1; local[1].Fixed = true;
            return Loose(b) * Loose(local);
        }
    }
}
";

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("StructArrayArguments.A")!.GetMethod(name)!;

    [Theory]
    [InlineData(0.7, 1.3)]
    [InlineData(-0.4, 0.6)]
    public void Chain_MatchesTheHandDerivative(double x, double k)
    {
        var args = new object[] { x, k, 0.0, 0.0, 1.0 };
        double f = (double)Method("ChainBackward").Invoke(null, args)!;
        // s = 2k x² + 3x²; the second energy 2k(2x² + 2s²) + 3x² + s; F = 4k x² + 4k s² + 3x² + 2s.
        double s = (2 * k * x * x) + (3 * x * x), sx = (4 * k * x) + (6 * x), sk = 2 * x * x;
        Tolerance.AssertFormula((4 * k * x * x) + (4 * k * s * s) + (3 * x * x) + (2 * s), f, "F");
        Tolerance.AssertFormula((8 * k * x) + (8 * k * s * sx) + (6 * x) + (2 * sx), (double)args[2], "∂F/∂x");
        Tolerance.AssertFormula((4 * x * x) + (4 * s * s) + (8 * k * s * sk) + (2 * sk), (double)args[3], "∂F/∂k");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void All_MatchCentralDifferences(int seed)
    {
        var random = new Random(seed);
        double Draw() => Math.Round((random.NextDouble() * 2) - 1, 3);
        CentralDifferenceRunner.Check(Method("Chain"), null, new object[] { Draw(), 1 + Draw() });
        CentralDifferenceRunner.Check(Method("Hang"), null, new object[] { (float)Draw(), 1.5f, 4 });
        var v2 = Compiled.Value.GetType("StructArrayArguments.V2")!;
        var p = Array.CreateInstance(v2, 4);
        for (int i = 0; i < 4; i++) p.SetValue(RealStructs.Map(Activator.CreateInstance(v2)!, (_, _) => Draw()), i);
        CentralDifferenceRunner.CheckInOut(Method("Relax"), null, new object[] { p, 1.2, 1 + seed % 3 }, seed);
        var bead = Compiled.Value.GetType("StructArrayArguments.Bead")!;
        int id = 0;
        var b = StructArrayPropertyTests.Filled(bead, 3, ("X", () => Draw()), ("M", () => 1 + Draw()), ("Id", () => ++id), ("Fixed", () => id == 2));
        CentralDifferenceRunner.CheckInOut(Method("Beads"), null, new object[] { b, Draw() }, seed);
    }

    /// <summary>
    /// What stays outside: each an ADG error at the argument (or the construct), and no MBackward. Also for an array
    /// parameter of structs with discrete members (StructArrayDiscreteTests).
    /// </summary>
    [Theory]
    [InlineData("[Differentiable] public static double F(double x) { var ps = new V2[2]; ps[0].X = x; return Writer(ps); }", "ADG0003", "ps")]
    [InlineData("[Differentiable] public static double F(double x) { var ps = new V2[2]; ps[0].X = x; return Plain(ps); }", "ADG0003", "ps")]
    [InlineData("[Differentiable] public static double F(double x) { var ps = new V2[2]; ps[0].X = x; return Other.Sum(ps); }", "ADG0003", "ps")]
    [InlineData("[Differentiable] public static double F(double x) { var ps = new V2[2]; ps[0].X = x; return Recursive(ps, 2); }", "ADG0003", "ps")]
    [InlineData("[Differentiable] public static double F(V2[] p) { p[0].X = 2; Sink(p); return p[0].X; }", "ADG0003", "p")]
    [InlineData("[Differentiable(Forward = true)] public static double F(double x) { var ps = new V2[2]; ps[0].X = x; return Sum(ps); }", "ADG0003", "ps")]
    [InlineData("[Differentiable] public static double F(double x) { var ps = new V2[2]; ps[0].X = x; var q = ps; return Sum(q); }", "ADG0003", "ps")]
    [InlineData("[Differentiable] public static double F(Tagged[] ps) { var q = ps; q[0].X = 1; return ps[0].X; }", "ADG0003", "ps")]
    [InlineData("[Differentiable] public static double F(Tagged[] ps, double x) { ps[1].Id++; return ps[0].X * x; }", "ADG0003", "ps[1].Id++")]
    [InlineData("[Differentiable] public static double F(Tagged[] ps) => Plain(ps);", "ADG0003", "ps")]
    [InlineData("[Differentiable] public static double F(Tagged[] ps) { ref Tagged e = ref ps[0]; e.X = 2; return ps[0].X; }", "ADG0003", "ps")]
    [InlineData("[Differentiable] public static double F(Tagged[] ps) { ps[0].X = 2; return Sum(ps) * Rec(ps, 2); }", "ADG0003", "ps")]
    [InlineData("[Differentiable] public static double F(RTagged[] ps) => ps[0].X;", "ADG0006", "RTagged[] ps")]
    // Clad's CladUserTypes.Fn3: a class object's array field written.
    [InlineData("[Differentiable] public static double F(double i) { var t = new Holder(); t.Data[0] = 2 * i; return t.Data[0] + t.Data[1]; }", "ADG0007", "t.Data[0] = 2 * i")]
    public void Outside_IsAnErrorAtTheConstruct(string method, string id, string at)
    {
        string source = """
            #nullable enable
            using System;
            using AutoDiffGen;
            public struct V2 { public double X; public double Y; }
            public struct Tagged { public double X; public int Id; }
            public readonly struct RTagged { public readonly double X; public readonly int Tag; public RTagged(double x, int tag) { X = x; Tag = tag; } }
            public class Holder { public double[] Data = new double[5]; }
            public static partial class Other
            {
                [Differentiable] public static double Sum(V2[] p) { double s = 0; for (int i = 0; i < p.Length; i++) s += p[i].X; return s; }
            }
            public static partial class C
            {
                [Differentiable] public static double Sum(V2[] p) { double s = 0; for (int i = 0; i < p.Length; i++) s += p[i].X; return s; }
                [Differentiable] public static double Writer(V2[] p) { p[0].Y = p[0].X * 2; return p[0].Y; }
                [Differentiable] public static double Recursive(V2[] p, int n) => n == 0 ? p[0].X : p[0].X * Recursive(p, n - 1);
                [Differentiable] public static void Sink(V2[] p) { }
                public static double Plain(V2[] p) => p[0].X;
                [Differentiable] public static double Sum(Tagged[] p) { double s = 0; for (int i = 0; i < p.Length; i++) s += p[i].X * p[i].Id; return s; }
                public static double Plain(Tagged[] p) => p[0].X;
                [Differentiable] public static double Rec(Tagged[] p, int n) => n == 0 ? p[0].X : p[0].X * Rec(p, n - 1);
                METHOD
            }
            """.Replace("METHOD", method);
        var run = OutsideErrors.AssertAt(source, id, at, ".F_");
        Assert.Contains(run.Generated.Keys, k => k.Contains(".Sum_", StringComparison.Ordinal));
    }
}
