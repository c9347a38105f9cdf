using System.Globalization;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Linq23;

/// <summary>
/// Random programs over (double[] a, double w) mixing the LINQ of linq23 (Zip pairs under one or two Where filters read by
/// a selector, Count of a predicate over an array and over pairs, OrderBy/OrderByDescending then Take, Skip or both) over
/// the array and a local array made from it by Select(…).ToArray(), in straight code, in a for loop and in both arms of
/// an if, and (linq24) queries kept in locals. About one in five is just outside: Skip of an unordered array, a pair filter
/// with an index, an OrderBy by another key, or a query local assigned again, each of which must get ADG0003 at that
/// expression and no code. All programs are judged in one
/// compilation; the clean ones are checked against central differences at three points each.
/// AUTODIFFGEN_LINQ23_COUNT draws more.
/// </summary>
public class FilterCountOrderPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static partial class P23
        {
            [Differentiable] public static double MeanOf(IEnumerable<double> d) { double m = 0; int n = 0; foreach (var v in d) { n++; m += (v - m) / n; } return m; }

        """;

    private static readonly string[] Thresholds = { "-0.5", "0.0", "0.3" };

    private static readonly string[] Factors = { "w", "(w * w)", "Math.Sin(w)", "(1 + w)", "0.5" };

    private static string Term(Random random)
    {
        string c = Thresholds[random.Next(Thresholds.Length)], k = random.Next(5).ToString(CultureInfo.InvariantCulture);
        string s = random.Next(2) == 0 ? "a" : "b";
        return random.Next(8) switch
        {
            0 => "a.Zip(b).Where(p => p.First > " + c + ").Sum(p => p.First * p.Second)",
            1 => "b.Zip(a).Where(p => p.Second < " + c + ").Where(p => p.First > -2).Select(p => p.First - w * p.Second).Sum(d => d * d)",
            2 => s + ".Count(v => v > " + c + ") * w",
            3 => "a.Zip(b).Count(p => p.First > p.Second) * w * w",
            4 => s + ".Where(v => v < " + c + ").Select(v => v * v * w).Sum()",
            5 => s + ".OrderBy(v => v).Take(" + k + ").Sum(v => v * w)",
            6 => s + ".OrderByDescending(v => v).Skip(" + k + ").Sum(v => v * v)",
            _ => s + ".OrderBy(v => v).Skip(1).Take(2).Average()",
        };
    }

    private static string Statement(Random random) => random.Next(4) switch
    {
        0 => "s += " + Term(random) + " * " + Factors[random.Next(Factors.Length)] + ";",
        1 => "for (int j = 0; j < 2; j++) s += " + Term(random) + " * (j + 1);",
        2 => "if (w > 0.8) s += " + Term(random) + "; else s -= " + Term(random) + ";",
        _ => Query(random),
    };

    /// <summary>
    /// A query kept in a local (linq24, QueryLocals): read by LINQ, by Count() and passed to a [Differentiable] helper's
    /// IEnumerable parameter, each read running the chain again; a lambda capturing a local changed between two reads (the
    /// second read sees the new value, as LINQ's deferred query does); a query made from another.
    /// </summary>
    private static string Query(Random random)
    {
        string c = Thresholds[random.Next(Thresholds.Length)], s = random.Next(2) == 0 ? "a" : "b";
        return random.Next(4) switch
        {
            0 => "{ var q = " + s + ".Where(v => v < " + c + "); s += q.Sum() * w + q.Count() * w + MeanOf(q); }",
            1 => "{ double t = w; var q = " + s + ".Where(v => v < t).Select(v => v * t); s += q.Sum(); t = t + 0.5; s += q.Sum() + MeanOf(q); }",
            2 => "{ var lo = a.Where(v => v < " + c + "); var hi = a.Where(v => v >= " + c + "); s += MeanOf(hi) * w - MeanOf(lo) * MeanOf(lo); }",
            _ => "{ var q = " + s + ".OrderByDescending(v => v).Take(2); var r = q.Select(v => v * w); s += r.Sum(v => v * v) + MeanOf(r); }",
        };
    }

    private static (string Bad, string Statement) Outside(Random random) => random.Next(4) switch
    {
        // A query local assigned again: its reads could not be the chain it was declared with.
        3 => ("a.Where(v => v > 0.1)", "{ var q = a.Where(v => v > 0.1); q = b.Where(v => v > 0.2); s += q.Sum() * w; }"),
        0 => ("a.Skip(1)", "s += a.Skip(1).Sum() * w;"),
        1 => ("(p, i) => i > 0", "s += a.Zip(b).Where((p, i) => i > 0).Sum(p => p.First * w);"),
        _ => ("b.OrderBy(v => -v)", "s += b.OrderBy(v => -v).Take(2).Sum();"),
    };

    private static (string Name, string Text, string? Bad) Make(Random random, int i, bool outside)
    {
        string name = "F" + i.ToString(CultureInfo.InvariantCulture);
        var body = new System.Text.StringBuilder();
        string? bad = ProgramBatch.AppendStatements(body, random, outside, () => Statement(random), () => Outside(random));
        string text = "    [Differentiable] public static double " + name + "(double[] a, double w) { double[] b = a.Select(v => v * w + 0.25).ToArray(); double s = 0; "
            + body + " return s; }\n";
        return (name, text, bad);
    }

    private static object[] Point(Random random) =>
        new object[] { Enumerable.Range(0, 4).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 4)).ToArray(), Math.Round(0.3 + random.NextDouble(), 4) };

    [Fact]
    public void RandomFilteredCountedAndOrderedLinq_MatchCentralDifferences_AndOutsideIsDiagnosedAtIt()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_LINQ23_COUNT", 25);
        var random = new Random(20261223);
        var programs = Enumerable.Range(0, count).Select(i => Make(random, i, outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "P23", programs, () => Point(random), output.WriteLine, "ADG0003");
    }
}
