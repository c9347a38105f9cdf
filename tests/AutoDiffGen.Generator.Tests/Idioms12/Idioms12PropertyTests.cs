using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms12;

/// <summary>
/// Property test of issue 13 (idioms12): random programs over <c>(double x, double y, double[][] g)</c> mix foreach over
/// the jagged parameter's rows reading <c>row[j]</c> and <c>row.Length</c> (with an inner foreach, conditions on the row,
/// break), and plain helpers returning a tuple of reals, deconstructed (a discard too) or read by element; each must match
/// central differences at three points. One in five holds a statement just outside: a row named again or written
/// (ADG0002 at the foreach), a tuple with an int element deconstructed (ADG0002 at the statement), a tuple helper that
/// writes a static field (ADG0004 at the call), a recursive local function (ADG0003 at the recursive call): an error at
/// that text and no code. CI runs 60 programs; AUTODIFFGEN_IDIOMS12_COUNT runs more.
/// </summary>
public class Idioms12PropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Idioms12
        {
            private static int _calls;
            private static (double Sum, double Product) Both(double a, double b) => (a + b, a * b);
            private static (double X, double Y) Polar(double r, double t)
            {
                double c = Math.Cos(t);
                if (r > 100) throw new ArgumentOutOfRangeException(nameof(r));
                return (r * c, r * Math.Sin(t));
            }
            private static (double, int) Mixed(double v) => (v * v, 2);
            private static (double, double) Counted(double v) { _calls++; return (v, v * v); }


        """;

    [Fact]
    public void RowsAndTupleHelpers_MatchCentralDifferences_OrAnErrorAtTheConstruct()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_IDIOMS12_COUNT", 60);
        var random = new Random(20261214);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad), "ADG0002,ADG0003,ADG0004");
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "Idioms12");
        int points = ProgramBatch.CheckAtThreePoints(type, clean.Select(p => (p.Name, p.Text)), () => Point(random));
        output.WriteLine($"{count} programs: {clean.Count} generated and checked at {points} points, {all.Count - clean.Count} diagnosed");
        Assert.True(all.Count > clean.Count && clean.Count > count / 2);
    }

    private static double R(Random random) => Math.Round((random.NextDouble() * 2) - 1, 4);

    private static object[] Point(Random random)
    {
        var g = new[] { new[] { R(random), R(random) }, Array.Empty<double>(), new[] { R(random), R(random), R(random) } };
        return new object[] { R(random), R(random), g };
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x", "y", "x * y", "Math.Sin(x)", "0.5");
        int declared = 0;
        string Fresh() => "t" + (declared++).ToString(CultureInfo.InvariantCulture);

        string Statement() => random.Next(7) switch
        {
            0 => "foreach (var row in g) for (int j = 0; j < row.Length; j++) s += row[j] * " + Pick("row[j]", "x", "(j + 1)", "Math.Cos(row[j])") + ";",
            1 => "foreach (var row in g) { if (row.Length == 0) continue; double best = row[0]; for (int j = 1; j < row.Length; j++) if (row[j] > best) best = row[j]; s += best * " + Real() + "; }",
            2 => "foreach (var row in g) { " + Pick("", "if (row.Length > 2) break; ") + "foreach (var v in row) s += v * " + Real() + "; s += row.Length * 0.1 * x; }",
            3 => (Fresh(), Fresh()) is var (a, b) ? "{ var (" + a + ", " + b + ") = Both(" + Real() + ", " + Pick("s", "y", "x") + "); s += " + a + " * " + b + " * 0.1; }" : "",
            4 => (Fresh(), Fresh()) is var (a, b) ? "{ var (" + a + ", " + b + ") = Polar(" + Pick("x", "1.5", "s * 0.1") + ", " + Real() + "); s += " + a + " * " + Pick(b, "y", a) + "; }" : "",
            5 => "s += Both(" + Real() + ", " + Real() + ")." + Pick("Sum", "Product", "Item1") + ";",
            _ => Fresh() is var c ? "{ var (_, " + c + ") = Both(s, " + Real() + "); s += Math.Tanh(" + c + "); }" : "",
        };

        (string Bad, string Statement) Outside() => random.Next(5) switch
        {
            0 => ("foreach", "foreach (var row in g) { var again = row; s += again.Length * x; }"),
            1 => ("foreach", "foreach (var row in g) { if (row.Length > 0) row[0] = x; s += y; }"),
            2 => ("var (u, w) = Mixed(x)", "{ var (u, w) = Mixed(x); s += u * w; }"),
            3 => ("Counted(y)", "{ var (u, w) = Counted(y); s += u * w; }"),
            _ => ("Rec(v * 0.5, n - 1)", "{ double Rec(double v, int n) => n == 0 ? v : Rec(v * 0.5, n - 1); s += Rec(x, 2); }"),
        };

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, double[][] g)\n    {\n");
        text.Append("        double s = x * 0.5 + y;\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s;\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
