using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms16b;

/// <summary>
/// Property test of idioms16b item 3: random programs over <c>(double x, double[] v, double[][] m)</c> pass the rows of
/// <c>m</c> whole to [Differentiable] helpers inside LINQ lambdas (Sum, Select, an indexed Select, with the row read again
/// as <c>r[0]</c> or <c>r.Length</c>); each must match central differences at three points. One in five passes a row to a
/// plain helper: ADG0003 at that row and no code for the method.
/// CI runs 30 programs; AUTODIFFGEN_IDIOMS16B_COUNT runs more.
/// </summary>
public class LinqRowArgumentPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad, int BadAt);

    private const string Header = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public static partial class Idioms16bRows
        {
            [Differentiable] private static double Dot(double[] a, double[] b) { double s = 0; for (int j = 0; j < a.Length && j < b.Length; j++) s += a[j] * b[j]; return s; }
            [Differentiable] private static double Sq(double[] a) { double s = 0; foreach (double e in a) s += e * e; return s; }
            // A row as a list is not given to a plain helper (a double[] parameter is since idioms17c).
            private static double Plain(System.Collections.Generic.IReadOnlyList<double> a, double[] b) => a.Count > 0 ? a[0] * b[0] : 0;


        """;

    [Fact]
    public void RowsPassedToDifferentiableHelpersInLambdas_MatchCentralDifferences_OrAnErrorAtTheRow()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_IDIOMS16B_COUNT", 30);
        var random = new Random(20261206);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "Q" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 3)).ToList();
        ProgramBatch.JudgeAtAndCheck(Header, "Idioms16bRows", all.Select(p => (p.Name, p.Text, p.Bad, p.BadAt)).ToList(), () => Point(random), output.WriteLine, "ADG0003");
    }

    private static double R(Random random) => Math.Round((random.NextDouble() * 2) - 1, 4);

    // m's rows: lengths 2, 3 and 1.
    private static object[] Point(Random random) =>
        new object[] { R(random), new[] { R(random), R(random), R(random) }, new[] { new[] { R(random), R(random) }, new[] { R(random), R(random), R(random) }, new[] { R(random) } } };

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x", "x * x", "Math.Sin(x)", "0.5", "v[1]");
        string Statement() => random.Next(5) switch
        {
            0 => "s += m.Sum(r => Dot(r, " + Pick("v", "w") + ")) * " + Real() + ";",
            1 => "s += m.Select(r => Sq(r) + r[0] * " + Real() + ").Sum();",
            2 => "s += m.Select((r, i) => Dot(r, v) * (i + " + Pick("1", "2") + ")).Sum();",
            3 => "s += m.Sum(r => Sq(r) * r.Length);",
            _ => "s += m.Sum(r => Dot(r, w) * Dot(r, v));",
        };

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double[] v, double[][] m)\n    {\n");
        text.Append("        double s = x;\n        var w = new double[2];\n        w[0] = x;\n        w[1] = x * v[0];\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, () => ("r", "s += m.Sum(r => Plain(r, v));"));
        text.Append("        return s;\n    }\n");
        string written = text.ToString();
        return new Program(name, written, bad, bad is null ? -1 : written.IndexOf("Plain(r, v)", StringComparison.Ordinal) + "Plain(".Length);
    }
}
