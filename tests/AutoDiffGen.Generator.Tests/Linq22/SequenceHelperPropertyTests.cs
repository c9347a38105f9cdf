using System.Globalization;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Linq22;

/// <summary>
/// Random programs over (double[] a, double w) calling plain helpers over sequence parameters (a Welford mean by
/// foreach, a variance by an explicit enumerator in a using, a standard deviation passing it on, LINQ over an
/// ICollection, a weighted foreach over an IEnumerable, a LINQ sum over an IReadOnlyList) with the array, with two local
/// lists made from it (one helper's body inlined for several arguments in one method), in straight code, in a for loop and in both arms of an if. About one in five is just outside: it
/// calls a helper that indexes its IReadOnlyList parameter, which must get ADG0004 at that call and no code. All
/// programs are judged in one compilation; the clean ones are checked against central differences at three points each.
/// AUTODIFFGEN_SEQUENCE_HELPERS_COUNT draws more.
/// </summary>
public class SequenceHelperPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static class H22
        {
            public static double Mean(this IEnumerable<double> data)
            {
                double mean = 0.0;
                ulong m = 0;
                foreach (var x in data) mean += (x - mean) / checked(++m);
                return m > 0 ? mean : double.NaN;
            }

            public static double Variance(IEnumerable<double> samples)
            {
                double variance = 0.0, t = 0.0;
                ulong j = 0;
                using (var e = samples.GetEnumerator())
                {
                    if (e.MoveNext()) { j++; t = e.Current; }
                    while (e.MoveNext()) { j++; double xi = e.Current; t += xi; double diff = (j * xi) - t; variance += (diff * diff) / (j * (j - 1)); }
                }
                return j > 1 ? variance / (j - 1) : double.NaN;
            }

            public static double Sd(IEnumerable<double> s) => Math.Sqrt(Variance(s));

            public static double Rms(ICollection<double> d) => Math.Sqrt(d.Select(v => v * v).Average());

            public static double Weighted(IEnumerable<double> d, double w) { double s = 0; int i = 0; foreach (var v in d) { s += v * (w + i); i++; } return s; }

            public static double SumSq(IReadOnlyList<double> d) => d.Sum(v => v * v);

            public static double Indexed(IReadOnlyList<double> d) { double s = 0; for (int i = 0; i < d.Count; i++) s += d[i] * d[i]; return s; }
        }

        public static partial class P
        {

        """;

    private static readonly string[] Helpers = { "H22.Mean({0})", "{0}.Mean()", "H22.Variance({0})", "H22.Sd({0})", "H22.Rms({0})", "H22.Weighted({0}, w)", "H22.SumSq({0})" };

    private static readonly string[] Factors = { "w", "(w * w)", "Math.Sin(w)", "(1 + w)", "0.5" };

    private static string Call(Random random, string sequence) => string.Format(CultureInfo.InvariantCulture, Helpers[random.Next(Helpers.Length)], sequence);

    private static readonly string[] Sequences = { "a", "l", "m" };

    private static string Term(Random random) => Call(random, Sequences[random.Next(Sequences.Length)]) + " * " + Factors[random.Next(Factors.Length)];

    private static string Statement(Random random) => random.Next(3) switch
    {
        0 => "s += " + Term(random) + ";",
        1 => "for (int j = 0; j < 2; j++) s += " + Term(random) + " * (j + 1);",
        _ => "if (w > 0.2) s += " + Term(random) + "; else s -= " + Term(random) + ";",
    };

    private static (string Name, string Text, string? Bad) Make(Random random, int i, bool outside)
    {
        string name = "F" + i.ToString(CultureInfo.InvariantCulture);
        var body = new System.Text.StringBuilder();
        string? bad = ProgramBatch.AppendStatements(body, random, outside, () => Statement(random), () =>
        {
            string call = "H22.Indexed(" + (random.Next(2) == 0 ? "a" : "l") + ")";
            return (call, "s += " + call + " * w;");
        });
        string text = "    [Differentiable] public static double " + name + "(double[] a, double w) { var l = new List<double>(); foreach (var v in a) l.Add(v * w); var m = new List<double>(); foreach (var v in a) m.Add(v + w); double s = 0; "
            + body + " return s; }\n";
        return (name, text, bad);
    }

    private static object[] Point(Random random) =>
        new object[] { Enumerable.Range(0, 4).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 4)).ToArray(), Math.Round(0.3 + random.NextDouble(), 4) };

    [Fact]
    public void RandomSequenceHelperCalls_MatchCentralDifferences_AndAnIndexedListIsDiagnosedAtTheCall()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_SEQUENCE_HELPERS_COUNT", 25);
        var random = new Random(20261222);
        var programs = Enumerable.Range(0, count).Select(i => Make(random, i, outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "P", programs, () => Point(random), output.WriteLine, "ADG0004");
    }
}
