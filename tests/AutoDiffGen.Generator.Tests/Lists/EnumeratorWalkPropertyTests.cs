using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Lists;

/// <summary>
/// Property test of explicit enumerators (enum9, issue 13): random programs <c>P(S xs, double x, int k)</c>, S one of
/// <c>IEnumerable&lt;double&gt;</c>, <c>IList&lt;double&gt;</c>, <c>IReadOnlyList&lt;double&gt;</c>, <c>List&lt;double&gt;</c>, walk xs (or a
/// local list made from it, or since linq24 a second name of it: <c>IEnumerable&lt;double&gt; y = xs;</c>) with <c>GetEnumerator()</c> in a using statement, a using declaration or plain: sums, products,
/// Welford running mean and variance, Math.NET's first-then-rest, an early <c>if (!e.MoveNext()) return</c>, <c>Current</c>
/// read twice, two enumerators in lockstep (the shorter ends it by break), inside loops and branches. Each inside program
/// generates cleanly and matches central differences at three points (a list of 1–5 elements); with <c>Forward = true</c> its
/// tangent matches central differences and Backward · t. Each just outside (the enumerator reset, stored, passed on, its
/// Current read before MoveNext() or after the walk ended, a second name of xs assigned again) gets ADG0003 starting exactly there and no code. CI runs 60 + 60
/// programs; AUTODIFFGEN_ENUMERATORS_COUNT runs more.
/// </summary>
public class EnumeratorWalkPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void EnumeratorWalks_MatchCentralDifferences_OrADG0003AtTheExpression()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_ENUMERATORS_COUNT", 60);
        var random = new Random(20261213);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4, forward: false)).ToList();
        ProgramBatch.JudgeAtAndCheck(Header, "Walks", all, () => Point(random), output.WriteLine, "ADG0003");
    }

    [Fact]
    public void EnumeratorWalks_Forward_MatchCentralDifferencesAndBackward()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_ENUMERATORS_COUNT", 60);
        var random = new Random(20261214);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "F" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4, forward: true))
            .Select(p => (p.Name, p.Text, p.Bad)).ToList();
        // An IEnumerable gets a lazy sequence, which the generated Forward enumerates once into its buffer.
        ListTangentChecks.Run(Header, "Walks", all, () => Point(random), random, "ADG0003", output.WriteLine,
            (method, xs) => method.GetParameters()[0].ParameterType == typeof(IEnumerable<double>) ? xs.Select(v => v) : xs);
    }

    /// <summary>1–5 distinct reals in [−1, 1] to four places, none within 1e-3 of 0 (away from `v &gt; 0`), x likewise, k below 3.</summary>
    private static object[] Point(Random random) => SequenceParameterPropertyTests.Point(random, fewest: 1, countsBelow: 3);

    private static (string Name, string Text, string? Bad, int BadAt) Next(Random random, string name, bool outside, bool forward)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string type = Pick("IEnumerable<double>", "IList<double>", "IReadOnlyList<double>", "List<double>");
        int made = 0;
        string Fresh() => (++made).ToString(CultureInfo.InvariantCulture);
        // What is walked: the parameter, or a local list made from it (which carries its gradient too).
        // Or a second name of the parameter (linq24: Math.NET's 'var y = observedValues;'), an interface-typed local.
        (string Setup, string Sequence) Sequence(string n) => random.Next(4) switch
        {
            0 => ("var l" + n + " = new List<double>(); foreach (var v in xs) l" + n + ".Add(v * " + Pick("x", "v", "0.5") + "); ", "l" + n),
            1 => ("IEnumerable<double> y" + n + " = xs; ", "y" + n),
            _ => ("", "xs"),
        };
        string Walk(int depth)
        {
            string n = Fresh();
            string e = "e" + n;
            var (setup, sequence) = Sequence(n);
            string open = Pick("using (var " + e + " = " + sequence + ".GetEnumerator()) ", "var " + e + " = " + sequence + ".GetEnumerator(); ");
            string current = e + ".Current";
            string body = random.Next(depth > 0 ? 9 : 7) switch
            {
                0 => "{ while (" + e + ".MoveNext()) t += " + current + " * " + Pick("x", current, "t * 0.1", "Math.Sin(" + current + ")") + "; }",
                1 => "{ double p" + n + " = 1; while (" + e + ".MoveNext()) p" + n + " *= 0.5 + " + current + " * x; t += p" + n + "; }",
                2 => "{ double m" + n + " = 0, s" + n + " = 0; int c" + n + " = 0; while (" + e + ".MoveNext()) { c" + n + "++; double d" + n + " = " + current + " - m" + n
                    + "; m" + n + " += d" + n + " / c" + n + "; s" + n + " += d" + n + " * (" + current + " - m" + n + "); } t += s" + n + " * x + m" + n + "; }",
                3 => "{ if (" + e + ".MoveNext()) { t += " + current + " * x; } while (" + e + ".MoveNext()) { double xi" + n + " = " + current + "; t += xi" + n + " * xi" + n + " * " + Pick("x", "0.5", "t") + "; } }",
                4 => "{ if (!" + e + ".MoveNext()) return t * x; t += " + current + " * " + current + " + x; }",
                5 => "{ if (!" + e + ".MoveNext()) { t += x; } else { t += Math.Tanh(" + current + " * x); } }",
                6 => Lockstep(e, sequence, n),
                7 => "{ while (" + e + ".MoveNext() && Always) { if (" + current + " > 0) t += " + current + " * x; else { " + Statement(depth - 1) + " } } }",
                _ => "{ while (" + e + ".MoveNext()) { " + Statement(depth - 1) + " t += " + current + " * 0.5; } }",
            };
            return "{ " + setup + open + body + " }";
        }
        string Lockstep(string e, string sequence, string n)
        {
            string other = "o" + n;
            string setup = random.Next(2) == 0 ? "" : "var w" + n + " = new List<double>(); foreach (var v in xs) if (v > " + Pick("0", "-0.5") + ") w" + n + ".Add(v * x); ";
            string second = setup.Length == 0 ? "xs" : "w" + n;
            return "{ " + setup + "using (var " + other + " = " + second + ".GetEnumerator()) { while (" + e + ".MoveNext()) { if (!" + other + ".MoveNext()) break; t += "
                + e + ".Current * " + other + ".Current * " + Pick("x", "0.5", other + ".Current") + "; } } }";
        }
        string Statement(int depth) => random.Next(depth > 0 ? 8 : 6) switch
        {
            0 => "t = t * 0.5 + x;",
            1 => "t += Math.Sin(t) * x;",
            2 or 3 or 4 or 5 => Walk(depth),
            6 => "for (int j = 0; j < k; j++) { " + Statement(depth - 1) + " }",
            _ => "if (" + Pick("x > 0", "t < 0.5", "k > 1") + ") { " + Statement(depth - 1) + " } else { " + Statement(depth - 1) + " }",
        };
        (string Bad, string Statement, int At) Outside()
        {
            string n = Fresh();
            string e = "e" + n;
            string open = "using (var " + e + " = xs.GetEnumerator()) { ";
            string bad, statement;
            // List<T>.Enumerator has no public Reset().
            switch (random.Next(6))
            {
                case 5:
                    // A second name assigned again: refused at the parameter it was declared with.
                    statement = "{ IEnumerable<double> y" + n + " = xs; y" + n + " = xs; t += y" + n + ".Sum() * x; }";
                    return ("xs", statement, statement.IndexOf("= xs;", StringComparison.Ordinal) + 2);
                case 0 when type != "List<double>":
                    bad = e + ".Reset()";
                    statement = open + "if (" + e + ".MoveNext()) t += " + e + ".Current; " + bad + "; }";
                    break;
                case 1:
                    bad = e;
                    statement = open + "var f" + n + " = " + bad + "; t += x; }";
                    return (bad, statement, statement.IndexOf("= " + e + ";", StringComparison.Ordinal) + 2);
                case 2:
                    bad = e;
                    statement = open + "t += Peek(" + e + ") * x; }";
                    return (bad, statement, statement.IndexOf("Peek(", StringComparison.Ordinal) + 5);
                case 0 or 3:
                    bad = e + ".Current";
                    statement = open + "t += " + bad + " * x; }";
                    break;
                default:
                    bad = e + ".Current";
                    statement = open + "while (" + e + ".MoveNext()) t += x; t += " + bad + "; }";
                    break;
            }
            return (bad, statement, statement.LastIndexOf(bad, StringComparison.Ordinal));
        }

        var text = new StringBuilder();
        text.Append(forward ? "    [Differentiable(Forward = true)]\n" : "    [Differentiable]\n")
            .Append("    public static double ").Append(name).Append('(').Append(type).Append(" xs, double x, int k)\n    {\n");
        text.Append("        double t = x;\n");
        (string Bad, string Statement, int At)? chosen = null;
        string? bad = ProgramBatch.AppendStatements(text, random, outside, () => Statement(1), () =>
        {
            chosen = Outside();
            return (chosen.Value.Bad, chosen.Value.Statement);
        });
        text.Append("        return t + x * x;\n    }\n");
        if (forward && bad is null)
        {
            text.Append("    public static double ").Append(name).Append("Tangent(").Append(type).Append(" xs, double x, int k, double[] tXs, double tX) { ")
                .Append(name).Append("Forward(xs, x, k, tXs, tX, out var r); return r; }\n");
        }
        string written = text.ToString();
        int badAt = chosen is { } c ? written.IndexOf(c.Statement, StringComparison.Ordinal) + c.At : -1;
        return (name, written, bad, badAt);
    }

    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static partial class Walks
        {
            const bool Always = true;

            static double Peek(IEnumerator<double> e) => e.Current;

        """;
}
