using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms15b;

/// <summary>
/// Property test of issue 13 (idioms15b, LINQ): random programs over <c>(double x, double[] v, double[][] m)</c> mix
/// foreach over <c>Zip</c> with a result lambda and LINQ over the rows of <c>m</c> (a selector reading <c>r[j]</c>,
/// <c>r.Length</c>, LINQ over the row, an indexed Select); each must match central differences at three points. One in
/// five holds a form just outside: a row passed to a method or copied inside the lambda, an assignment inside the Zip's
/// lambda: ADG0003 at that text and no code for the method. CI runs 40 programs; AUTODIFFGEN_IDIOMS15B_COUNT runs more.
/// </summary>
public class Idioms15bLinqPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad, int BadAt);

    private const string Header = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public static partial class Idioms15bLinq
        {
            // Taking the row as a list: a plain helper's double[] parameter is given the row since idioms17c (Idioms17c/PlainRowHelperTests).
            private static double Dot(System.Collections.Generic.IReadOnlyList<double> a, double[] b) => a[0] * b[0];


        """;

    [Fact]
    public void ZipForeachAndLinqOverRows_MatchCentralDifferences_OrAnErrorAtTheConstruct()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_IDIOMS15B_COUNT", 40);
        var random = new Random(20261216);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "Q" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAtAndCheck(Header, "Idioms15bLinq", all.Select(p => (p.Name, p.Text, p.Bad, p.BadAt)).ToList(), () => Point(random), output.WriteLine, "ADG0003");
    }

    private static double R(Random random) => Math.Round((random.NextDouble() * 2) - 1, 4);

    // m's rows: lengths 2, 3 and 1, so r[0] is always there and Zip stops at the shorter.
    private static object[] Point(Random random) =>
        new object[] { R(random), new[] { R(random), R(random), R(random) }, new[] { new[] { R(random), R(random) }, new[] { R(random), R(random), R(random) }, new[] { R(random) } } };

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x", "x * x", "Math.Sin(x)", "0.5", "v[1]");

        string Statement() => random.Next(6) switch
        {
            0 => "foreach (var p in v.Zip(" + Pick("w", "v") + ", (a, b) => a * b + " + Real() + ")) s += p * " + Pick("p", "x", "0.5") + ";",
            1 => "s += m.Sum(r => r.Sum()) * " + Real() + ";",
            2 => "s += m.Select(r => r[0] * " + Real() + ").Sum();",
            3 => "s += m.Sum(r => r.Select(e => e * e).Sum() * r.Length);",
            4 => "s += m.Select((r, i) => r.Max() * (i + " + Pick("1", "2") + ")).Sum();",
            _ => "s += m.Sum(r => r.Zip(v, (a, b) => a * b).Sum()) * " + Real() + ";",
        };

        // The error spans the row ('r'): found by the text around it, which is unique in the program.
        string? anchor = null;
        (string Bad, string Statement) Outside()
        {
            switch (random.Next(3))
            {
                case 0:
                    anchor = "r, v)";
                    return ("r", "s += m.Sum(r => Dot(r, v));");
                case 1:
                    anchor = "r.ToArray()";
                    return ("r", "s += m.Select(r => r.ToArray()[0]).Sum();");
                default:
                    return ("t += b", "{ double t = 0; foreach (var p in v.Zip(w, (a, b) => a * (t += b))) s += p; }");
            }
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double[] v, double[][] m)\n    {\n");
        text.Append("        double s = x;\n        var w = new double[2];\n        w[0] = x;\n        w[1] = x * v[0];\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s;\n    }\n");
        string written = text.ToString();
        return new Program(name, written, bad, bad is null ? -1 : written.IndexOf(anchor ?? bad, StringComparison.Ordinal));
    }
}
