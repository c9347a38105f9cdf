using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms17c;

/// <summary>
/// Property test of idioms17c's four items: random programs over <c>(double x, double[] xs, double[] ys, double[][] rows)</c>
/// mixing Zip pairs through selectors, Zip and Range over jagged rows, rows passed to plain helpers (by index, in LINQ
/// lambdas, in foreach), list patterns that only test, two-type-parameter generic helpers and <c>double.CreateChecked</c>;
/// each must match central differences at three points. One in five holds a statement just outside (the pairs filtered with an index, a
/// list pattern that declares, a generic helper at int, a helper naming its row again): ADG0003 or ADG0004 exactly at that
/// construct and no code for the method. CI runs 30 programs; AUTODIFFGEN_IDIOMS17C_COUNT runs more.
/// </summary>
public class Idioms17cPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad, int BadAt);

    private const string Header = """
        using System;
        using System.Linq;
        using System.Numerics;
        using AutoDiffGen;

        public static class RowHelpers17c
        {
            public static double RowNorm(double[] r) { double s = 0; for (int j = 0; j < r.Length; j++) s += r[j] * r[j]; return Math.Sqrt(s); }
            public static double Dot(double[] a, double[] b) { double s = 0; for (int j = 0; j < a.Length && j < b.Length; j++) s += a[j] * b[j]; return s; }
            public static double Alias(double[] r) { var c = r; return c[0]; }
        }

        public static partial class Idioms17cProps
        {
            static TOut Scale<TIn, TOut>(TIn a, TOut k) where TIn : INumber<TIn> where TOut : INumber<TOut> => TOut.CreateChecked(a) * k;
            static T1 First<T1, T2>(T1 a, T2 b) => a;

        """;

    [Fact]
    public void ZipRowsHelpersPatternsAndGenerics_MatchCentralDifferences_OrAnErrorAtTheConstruct()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_IDIOMS17C_COUNT", 30);
        var random = new Random(20261217);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "Q" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 2)).ToList();
        ProgramBatch.JudgeAtAndCheck(Header, "Idioms17cProps", all.Select(p => (p.Name, p.Text, p.Bad, p.BadAt)).ToList(), () => Point(random), output.WriteLine, "ADG0003,ADG0004");
    }

    /// <summary>
    /// Values near a grid of quarters offset by 1/16, so no element sits at a pattern's threshold (…5005) and no row's norm
    /// is 0, each moved by up to 0.01 so that no two pairs tie at a Max (a kink where central differences see the average).
    /// </summary>
    private static object[] Point(Random random)
    {
        double Value() => (random.Next(-6, 6) / 4.0) + 0.0625 + Math.Round(random.NextDouble() * 0.01, 6);
        double[] Array(int n) => Enumerable.Range(0, n).Select(_ => Value()).ToArray();
        return new object[] { Value(), Array(3), Array(2 + random.Next(2)), new[] { Array(3), Array(3) } };
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string K() => random.Next(2).ToString(CultureInfo.InvariantCulture);
        string Statement()
        {
            string k = K();
            return random.Next(11) switch
            {
                0 => "s += xs.Zip(ys).Sum(p => p.First * p.Second);",
                1 => "s += xs.Zip(ys).Select(p => p.Item1 - x * p.Item2).Sum(d => d * d);",
                2 => "s += rows[" + k + "].Zip(ys, (a, b) => a * Math.Sin(b)).Sum();",
                3 => "s += Enumerable.Range(0, rows[" + k + "].Length).Sum(j => rows[" + k + "][j] * xs[j]);",
                4 => "s += RowHelpers17c.RowNorm(rows[" + k + "]) * x;",
                5 => "s += rows.Sum(r => RowHelpers17c.Dot(r, xs));",
                6 => "foreach (var r in rows) s += RowHelpers17c.Dot(r, ys) * x;",
                7 => "if (xs is [" + Pick("> 0.05005", "< -0.15005", "not > 0.35005") + ", _, ..]) s += xs[0] * x; else s -= xs[1] * s;",
                8 => "s += xs switch { [< -0.15005, ..] => xs[0] * xs[2], [_, > 0.25005, _] => x * xs[1], _ => Math.Cos(x) };",
                9 => "s += Scale(x, xs[" + k + "]) + double.CreateChecked(x * ys[0]);",
                _ => "s += rows[" + k + "].Zip(xs).Max(p => p.First - " + Pick("p.Second", "x * p.Second") + ");",
            };
        }

        string? anchor = null, outsideText = null;
        (string Bad, string Statement) Outside()
        {
            (anchor, outsideText) = random.Next(4) switch
            {
                // (The pairs filtered by Where(p => …) are supported since linq23, Linq23/FilterCountOrderTests; a filter with an index is not.)
                0 => ("(p, i) => i > 0", "s += xs.Zip(ys).Where((p, i) => i > 0).Sum(p => p.Second);"),
                1 => ("[var a, ..]", "if (xs is [var a, ..]) s += a * x;"),
                2 => ("First<double, int>(x, 2)", "s += First<double, int>(x, 2);"),
                _ => ("RowHelpers17c.Alias(rows[1])", "s += RowHelpers17c.Alias(rows[1]);"),
            };
            return (anchor, outsideText);
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double[] xs, double[] ys, double[][] rows)\n    {\n        double s = x;\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s;\n    }\n");
        string written = text.ToString();
        // The anchor may stand in an ordinary statement too (xs.Zip(ys)): found inside the outside statement.
        return new Program(name, written, bad, bad is null ? -1 : written.IndexOf(outsideText!, StringComparison.Ordinal) + outsideText!.IndexOf(anchor!, StringComparison.Ordinal));
    }
}
