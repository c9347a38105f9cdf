using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms15a;

/// <summary>
/// Property test of idioms15a item 1: random programs over <c>(double x, double y, int k)</c> call recursive plain helpers
/// (an expression body, a block with an early return and a local, a parameter read after the recursive call, two
/// recursive calls per level, two helpers calling each other) at random constant depths (a literal, a const, a sum of
/// them), in loops and branches and nested in each other's arguments. Inside support every gradient matches central
/// differences, MForward the gradient along a random tangent and MHessian central differences of the gradient (ModeChecks).
/// One in five calls one with a depth known only at run time (<c>k</c>), one deeper than the cap, one that never ends or
/// whose body writes its int parameter: ADG0004 at that call and no code for the program. CI runs 40 programs;
/// AUTODIFFGEN_RECURSIVE_HELPERS_COUNT runs more.
/// </summary>
public class RecursiveHelperPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = """
        using System;
        using AutoDiffGen;

        public static class R
        {
            public const int Two = 2;
            public static double Pow(double q, int n) => n == 0 ? 1 : q * Pow(q, n - 1);
            public static double Block(double q, double c, int n)
            {
                if (n <= 0) return c;
                double here = Math.Sin(q) * n;
                double inner = Block(q * 0.5, c + q, n - 1);
                return here + q * inner;
            }
            public static double PlusN(double q, int n) => n == 0 ? q : q * PlusN(q, n - 1) + n * q;
            public static double Fib(double q, int n) => n < 2 ? (n == 0 ? 1 : q) : q * Fib(q, n - 1) + Fib(q, n - 2);
            public static double Even(double q, int n) => n == 0 ? q : Math.Cos(q) * Odd(q * 0.9, n - 1);
            public static double Odd(double q, int n) { double e = Even(q, n - 1); return e * q + n; }
            public static double Forever(double q, int n) => q * Forever(q, n);
            public static double Down(double q, int n) { n--; return n < 0 ? 1 : q * Down(q, n); }
        }

        public static partial class Recursions
        {

        """;

    [Fact]
    public void RecursiveHelpersOfConstantDepth_MatchCentralDifferencesInEveryMode_OrADG0004AtTheCall()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_RECURSIVE_HELPERS_COUNT", 40);
        var random = new Random(2026_12_15);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad), "ADG0004");
        var withWrappers = clean.Select(p => (p.Name, Text: p.Text + "    public static double[] " + p.Name + "H(double x, double y, int k) { var h = new double[4]; " + p.Name + "Hessian(x, y, k, h); return h; }\n")).ToList();
        var type = ProgramBatch.LoadClean(Header, withWrappers.Select(p => p.Text), "Recursions");
        int points = ModeChecks.AtThreePoints(type, withWrappers, () => ProgramBatch.PointXYK(random), random);
        ProgramBatch.AssertCounts(count, all.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x", "y", "x * y", "Math.Sin(x)", "s", "t * 0.5", "0.3");
        string Depth() => Pick("0", "1", "2", "3", "R.Two", "R.Two + 1", "4 - R.Two");
        string Call() => random.Next(6) switch
        {
            0 => "R.Pow(" + Real() + ", " + Depth() + ")",
            1 => "R.Block(" + Real() + ", " + Real() + ", " + Depth() + ")",
            2 => "R.PlusN(" + Real() + ", " + Depth() + ")",
            3 => "R.Fib(" + Real() + ", " + Depth() + ")",
            4 => "R.Even(" + Real() + ", " + Pick("0", "2", "4") + ")",
            _ => "R.Pow(R.PlusN(" + Real() + ", " + Depth() + ") * 0.5, " + Depth() + ")",
        };
        string Statement() => random.Next(4) switch
        {
            0 => "s += " + Call() + ";",
            1 => "t = t * 0.5 + " + Call() + " * 0.25;",
            2 => "if (" + Pick("x > y", "s > t", "k > 1") + ") s += " + Call() + "; else t -= " + Call() + ";",
            _ => "for (int i = 0; i < k; i++) s += 0.5 * " + Call() + ";",
        };
        (string Bad, string Statement) Outside()
        {
            string bad = random.Next(4) switch
            {
                0 => "R.Pow(x, k)",
                1 => "R.Pow(y, " + Pick("33", "40", "R.Two * 20") + ")",
                2 => "R.Forever(x, " + Depth() + ")",
                _ => "R.Down(x, " + Depth() + ")",
            };
            return (bad, "s += " + bad + " * " + Real() + ";");
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable(Forward = true, Hessian = true)]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = x * 0.5 + y, t = y - x;\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s * t + s;\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
