using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Lists;

/// <summary>
/// Property test of <c>l.Sort()</c> and <c>l.RemoveAll(v =&gt; test)</c> (lists11): random lists of values with a gradient,
/// with ties on purpose (the same expression added twice, so tied values move together and central differences stay valid),
/// NaN-free, sorted, reversed, filtered and grown in loops and branches, then read with rank weights. Each program has
/// <c>Forward = true</c> too (so its MForward must compile); its Backward matches central differences at three random
/// points. Each just outside (a comparer sort, a test that assigns) gets ADG0003 at that expression and no code. CI runs 60.
/// </summary>
public class ListSortPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void SortedAndFilteredLists_MatchCentralDifferences_OrADG0003AtTheExpression()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_LISTSORT_COUNT", 60);
        var random = new Random(20261204);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "LS", all.Select(p => (p.Name, p.Text, p.Bad)).ToList(), () => ProgramBatch.PointXYK(random), output.WriteLine);
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Value() => Pick("x", "y", "x * y", "Math.Sin(x) + y", "y * y - x", "0.25", "x - 0.5 * y");
        string Statement(int depth) => random.Next(depth > 0 ? 9 : 6) switch
        {
            0 => "l.Sort();",
            1 => "l.Sort(); l.Reverse();",
            // Twice the same value: a tie that moves as one.
            2 => "{ double d = " + Value() + "; l.Add(d); l.Add(d); }",
            3 => "l.RemoveAll(v => v " + Pick("<", ">") + " " + Pick("y", "x", "0.1", "-0.3") + "); l.Add(" + Value() + "); l.Add(" + Value() + ");",
            4 => "l.Add(" + Value() + ");",
            5 => "s += l[0] * " + Pick("x", "0.5", "y") + " + l[^1];",
            6 => "for (int k" + depth + " = 0; k" + depth + " < k; k" + depth + "++) { " + Statement(depth - 1) + " }",
            7 => "if (" + Pick("x > 0", "l.Count > 3", "k > 1") + ") { " + Statement(depth - 1) + " } else { " + Statement(depth - 1) + " }",
            _ => "for (int i" + depth + " = 0; i" + depth + " < 2; i" + depth + "++) { l.Add(" + Value() + " * i" + depth + "); " + Statement(depth - 1) + " }",
        };
        (string Bad, string Statement) Outside() => random.Next(2) == 0
            ? ("l.Sort((p, q) => q.CompareTo(p))", "l.Sort((p, q) => q.CompareTo(p));")
            : ("s += v", "l.RemoveAll(v => (s += v) > 1);");

        var text = new StringBuilder();
        text.Append("    [Differentiable(Forward = true)]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = 0;\n        var l = new List<double> { ").Append(Value()).Append(", ").Append(Value()).Append(", x, x };\n");
        string? badText = ProgramBatch.AppendStatements(text, random, outside, () => Statement(2), Outside);
        text.Append("        for (int i = 0; i < l.Count; i++) s += l[i] * (i + 1);\n        return s;\n    }\n");
        return new Program(name, text.ToString(), badText);
    }

    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static partial class LS
        {

        """;
}
