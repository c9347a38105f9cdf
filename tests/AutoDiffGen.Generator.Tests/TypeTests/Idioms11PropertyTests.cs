using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.TypeTests;

/// <summary>
/// Property test of issue 13 (idioms11): random programs over <c>(double x, double y, double[,] m, double[][] g)</c> mix
/// type patterns on reals (<c>x is double d</c>, <c>is var v</c>, <c>case double v</c>, <c>double v =></c>), foreach over
/// the 2-D and jagged arrays (with break and continue), and using/lock around statements; each must match central
/// differences at three points. One in five holds a statement just outside (a row named again (row[j] and row.Length are supported since idioms12), a resource made from a
/// gradient, something that may throw in a lock, a type test of a computed value, a return out of a using): an error at
/// that text and no code. CI runs 60 programs; AUTODIFFGEN_IDIOMS11_COUNT runs more.
/// </summary>
public class Idioms11PropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = """
        using System;
        using AutoDiffGen;

        public sealed class Res : IDisposable { public Res(double k) { } public void Dispose() { } }

        public static partial class Idioms11
        {
            private static readonly object Gate = new object();


        """;

    [Fact]
    public void PatternsGridsUsingAndLock_MatchCentralDifferences_OrAnError()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_IDIOMS11_COUNT", 60);
        var random = new Random(20261213);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad), "ADG0002,ADG0003");
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "Idioms11");
        int points = ProgramBatch.CheckAtThreePoints(type, clean.Select(p => (p.Name, p.Text)), () => Point(random));
        output.WriteLine($"{count} programs: {clean.Count} generated and checked at {points} points, {all.Count - clean.Count} diagnosed");
        Assert.True(all.Count > clean.Count && clean.Count > count / 2);
    }

    private static double R(Random random) => Math.Round((random.NextDouble() * 2) - 1, 4);

    private static object[] Point(Random random)
    {
        var m = new double[2, 3];
        for (int k = 0; k < 6; k++) m[k / 3, k % 3] = R(random);
        var g = new[] { new[] { R(random), R(random) }, Array.Empty<double>(), new[] { R(random), R(random), R(random) } };
        return new object[] { R(random), R(random), m, g };
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x", "y", "x * y", "Math.Sin(x)", "0.5");
        int declared = 0;
        string Fresh() => "d" + (declared++).ToString(CultureInfo.InvariantCulture);

        string Statement(int depth) => random.Next(depth > 0 ? 9 : 6) switch
        {
            0 => Fresh() is var d ? "if (" + Pick("x", "y") + " is double " + d + ") s += " + d + " * " + Real() + ";" : "",
            1 => "{ double t = " + Pick("x * y", "x - y", "s") + "; s += t is var v && v > " + Pick("0", "0.3", "-0.2") + " ? Math.Sin(v) * " + Real() + " : v * v; }",
            2 => "s += (" + Pick("x", "s", "y") + ") switch { double v when v < " + Pick("0", "0.4") + " => v * " + Real() + ", double v => " + Pick("v * v", "Math.Exp(0.2 * v)", "v + y") + " };",
            3 => "{ int k = 0; foreach (double v in m) { " + Pick("", "if (v > 0.8) break; ", "if (v < -0.6) continue; ") + "s += v * " + Pick("x", "(k + 1)", "v", "y") + "; k++; } }",
            4 => "foreach (var row in g) { " + Pick("", "s += 0.1 * x; ") + "foreach (var v in row) s += " + Pick("v * x", "Math.Sin(v) * y", "v * v") + "; }",
            5 => "foreach (var v in g[" + random.Next(3) + "]) s += v * " + Real() + ";",
            6 => "using (new Res(" + Pick("1", "2.5") + ")) { " + Statement(depth - 1) + " }",
            7 => "lock (Gate) { s += " + Pick("x * x", "Math.Cos(y) * x", "s * y") + "; }",
            _ => "{ using var scope = new Res(0); " + Statement(depth - 1) + " }",
        };

        (string Bad, string Statement) Outside() => random.Next(5) switch
        {
            0 => ("foreach", "foreach (var row in g) { var r = row; s += r.Length * x; }"),
            1 => ("new Res(x)", "using (new Res(x)) { s += x; }"),
            2 => ("m[0, 0]", "lock (Gate) { s += m[0, 0] * x; }"),
            3 => ("double e", "if (x * y is double e) s += e;"),
            _ => ("return s;", "using (new Res(1)) { if (x > 2) return s; s += y; }"),
        };

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, double[,] m, double[][] g)\n    {\n");
        text.Append("        double s = x * 0.5 + y;\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, () => Statement(1), Outside);
        text.Append("        return s;\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
