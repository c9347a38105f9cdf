using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms16a;

/// <summary>
/// Property test of idioms16a item 2: random programs over <c>(double x, double y, int k)</c> declare local arrays from
/// plain helpers that return a new array (filled in a loop, a collection expression, prefix sums), read and write them,
/// in loops and under ifs. Inside support every gradient matches central differences, MForward the gradient along a
/// random tangent and MHessian central differences of the gradient (ModeChecks). One in five calls a helper that returns
/// its parameter or keeps its array in a field: ADG0004 at the call and no code. CI runs 40 programs;
/// AUTODIFFGEN_ARRAY_HELPERS_COUNT runs more.
/// </summary>
public class ArrayHelperPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = """
        using System;
        using AutoDiffGen;

        public static class Arr
        {
            public static double[]? Last;
            public static double[] Scaled(double[] v, double c)
            {
                var r = new double[v.Length];
                for (int i = 0; i < v.Length; i++) r[i] = v[i] * c;
                return r;
            }
            public static double[] Pair(double a, double b) { double[] r = [a * b, a - b]; return r; }
            public static double[] Cumulative(double[] v)
            {
                var r = new double[v.Length];
                double s = 0;
                for (int i = 0; i < v.Length; i++) { s += v[i]; r[i] = s; }
                return r;
            }
            public static double[] Same(double[] v) => v;
            public static double[] Kept(double[] v) { var r = new double[v.Length]; for (int i = 0; i < v.Length; i++) r[i] = v[i]; Last = r; return r; }
        }

        public static partial class Arrays
        {

        """;

    [Fact]
    public void ArrayHelpers_MatchCentralDifferencesInEveryMode_OrAnErrorAtTheCall()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_ARRAY_HELPERS_COUNT", 40);
        var random = new Random(2026_12_05);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad), "ADG0004");
        var withWrappers = clean.Select(p => (p.Name, Text: p.Text + "    public static double[] " + p.Name + "H(double x, double y, int k) { var h = new double[4]; " + p.Name + "Hessian(x, y, k, h); return h; }\n")).ToList();
        var type = ProgramBatch.LoadClean(Header, withWrappers.Select(p => p.Text), "Arrays");
        int points = ModeChecks.AtThreePoints(type, withWrappers, () => ProgramBatch.PointXYK(random), random);
        ProgramBatch.AssertCounts(count, all.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
    }

    private static Program Next(Random random, string name, bool outside)
    {
        int locals = 0;
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x", "y", "x * y", "s * 0.5", "0.3");
        string Slot() => random.Next(3).ToString(CultureInfo.InvariantCulture);
        string Fresh() => "a" + (locals++).ToString(CultureInfo.InvariantCulture);
        string Use(string a, int length) => length == 2
            ? a + "[0] * " + a + "[1]"
            : a + "[" + Slot() + "] * " + a + "[" + Slot() + "]";
        string Declared()
        {
            string a = Fresh();
            return random.Next(3) switch
            {
                0 => "{ var " + a + " = Arr.Scaled(v, " + Real() + "); s += " + Use(a, 3) + "; }",
                1 => "{ double[] " + a + " = Arr.Pair(" + Real() + ", " + Real() + "); " + a + "[1] += s; s += " + Use(a, 2) + "; }",
                _ => "{ var " + a + " = Arr.Cumulative(v); " + a + "[" + Slot() + "] *= y; s += 0.3 * " + Use(a, 3) + "; }",
            };
        }
        string Statement() => random.Next(4) switch
        {
            0 or 1 => Declared(),
            2 => "if (" + Pick("x > y", "s > 0", "k > 1") + ") " + Declared(),
            _ => "for (int i = 0; i < k; i++) " + Declared(),
        };
        (string Bad, string Statement) Outside()
        {
            string call = random.Next(2) == 0 ? "Arr.Same(v)" : "Arr.Kept(v)";
            string a = Fresh();
            return (call, "{ var " + a + " = " + call + "; s += " + a + "[1]; }");
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable(Forward = true, Hessian = true)]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = x * 0.5 + y;\n        var v = new double[] { x, y, x * y };\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s + x * y + v[2];\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
