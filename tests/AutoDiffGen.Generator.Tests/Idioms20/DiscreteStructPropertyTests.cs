using System.Globalization;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms20;

/// <summary>
/// Random <c>Forward = true, Hessian = true</c> programs over (double x, double y, int k) in which structs of discrete
/// members (a readonly <c>Bool3</c>, a <c>Flags</c> of a bool and an int, a <c>Mask</c> with an enum set in its helper, a
/// record struct, a struct nesting a mask) are returned by plain helpers from differentiated reals and passed to plain
/// helpers that choose between reals with them, in straight code, nested calls and loops. Every mode is checked at three
/// points (<see cref="ModeChecks"/>: MBackward against central differences, MForward against the gradient, MHessian
/// against central differences of the gradient). About one in five programs is just outside: it passes a differentiated
/// value to a helper returning a mask that has an effect (a static counter, a print), which must get ADG0016 at that
/// argument and no code. All programs are judged in one compilation. AUTODIFFGEN_DISCRETE_STRUCT_COUNT draws more.
/// </summary>
public class DiscreteStructPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        public readonly struct Bool3
        {
            public Bool3(bool x, bool y, bool z) { X = x; Y = y; Z = z; }
            public bool X { get; }
            public bool Y { get; }
            public bool Z { get; }
        }
        public struct Flags { public bool Clamp; public int Mode; }
        public enum Kind { Plain, Heavy }
        public struct Mask { public bool Lo; public bool Hi; public Kind K; }
        public record struct Pair(bool Left, int Times);
        public struct Nest { public Mask M; public int N; }

        public static partial class P
        {
            static int calls;
            static Bool3 Step(double a, double b, double c) => new Bool3(a > 0, b > 0, c > 0);
            static double Pick(double x, Flags f) => f.Clamp ? Math.Max(x, 0) : x * f.Mode;
            static double Select(Bool3 m, double a, double b) => m.Y ? a : b;
            static Mask Classify(double v, double lo, double hi)
            {
                var m = new Mask { Lo = v < lo, Hi = v > hi };
                if (v > 0.25) m.K = Kind.Heavy;
                return m;
            }
            static double Clip(double v, Mask m, double lo, double hi) => m.Lo ? lo : m.Hi ? hi : v;
            static Pair MakePair(double v, int k) => new Pair(v > 0, k + 1);
            static Nest Wrap(double v) => new Nest { M = new Mask { Lo = v < 0 }, N = 2 };
            static double Times(Pair p, double v) => p.Left ? p.Times * v : -v;
            static Mask Counted(double v) { calls++; return new Mask { Lo = v < 0 }; }
            static Mask Logged(double v) { Console.WriteLine(v); return new Mask { Lo = v < 0 }; }

        """;

    private static readonly string[] Leaves = { "x", "y", "(x * y)", "Math.Sin(x)", "(y - 0.3)", "(x + 2 * y)", "Math.Exp(0.5 * y)", "(x * x)" };

    private static string E(Random random) => random.Next(3) == 0
        ? "(" + Leaves[random.Next(Leaves.Length)] + (random.Next(2) == 0 ? " + " : " * ") + Leaves[random.Next(Leaves.Length)] + ")"
        : Leaves[random.Next(Leaves.Length)];

    private static (string Name, string Text, string? Bad) Make(Random random, int i, bool outside)
    {
        string name = "F" + i.ToString(CultureInfo.InvariantCulture);
        string body = random.Next(5) switch
        {
            0 => "var s = Step(" + E(random) + ", " + E(random) + ", " + E(random) + "); return (s.X ? " + E(random) + " : " + E(random) + ") + (s.Z ? " + E(random) + " : 0.5 * y);",
            1 => "var f = new Flags { Clamp = k > 1, Mode = k + 1 }; return Pick(" + E(random) + ", f) * " + E(random) + ";",
            2 => "return Select(Step(" + E(random) + ", " + E(random) + ", 1), " + E(random) + ", " + E(random) + ") * " + E(random) + ";",
            3 => "double acc = 0; for (int i = 0; i <= k; i++) { var m = Classify(" + E(random) + " * (i + 1) * 0.5, -0.5, 0.5); acc += Clip(" + E(random)
                + ", m, -0.5, 0.5) * (m.K == Kind.Heavy ? 2 : 1) + " + E(random) + " * i; } return acc;",
            _ => "var p = MakePair(" + E(random) + ", k); var n = Wrap(" + E(random) + "); return Times(p, " + E(random) + ") + (n.M.Lo ? " + E(random) + " : n.N * " + E(random) + ");",
        };
        string? bad = null;
        if (outside)
        {
            bad = "x - 0.125 * y";
            body = "var o = " + (random.Next(2) == 0 ? "Counted" : "Logged") + "(" + bad + "); if (o.Lo) return " + E(random) + "; " + body;
        }
        // The Hessian wrapper only beside a program that generates (an outside one has no FHessian to call).
        string text = "    [Differentiable(Forward = true, Hessian = true)] public static double " + name + "(double x, double y, int k) { " + body + " }"
            + (outside ? "" : "\n    public static double[] " + name + "H(double x, double y, int k) { var h = new double[4]; " + name + "Hessian(x, y, k, h); return h; }") + "\n";
        return (name, text, bad);
    }

    [Fact]
    public void RandomDiscreteStructPrograms_MatchCentralDifferencesInEveryMode_AndAnEffectfulHelperIsDiagnosedAtItsArgument()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_DISCRETE_STRUCT_COUNT", 30);
        var random = new Random(20261220);
        var programs = Enumerable.Range(0, count).Select(i => Make(random, i, outside: i % 5 == 4)).ToList();
        var run = GeneratorHarness.Run(ProgramBatch.Source(Header, programs.Select(p => p.Text)));
        var clean = ProgramBatch.Judge(run, Header, programs, p => p, "ADG0016");
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "P");
        int points = ModeChecks.AtThreePoints(type, clean.Select(p => (p.Name, p.Text)), () => ProgramBatch.PointXYK(random), random);
        ProgramBatch.AssertCounts(count, programs.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
    }
}
