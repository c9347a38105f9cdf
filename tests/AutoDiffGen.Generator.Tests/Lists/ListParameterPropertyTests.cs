using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Forward;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Lists;

/// <summary>
/// Property test of list parameters that carry a gradient: random programs <c>P(L xs, double x, int k)</c>, L one of
/// <c>List&lt;double&gt;</c>, <c>IList&lt;double&gt;</c>, <c>IReadOnlyList&lt;double&gt;</c>, read it by index, <c>^k</c>, <c>Count</c>,
/// <c>foreach</c>, LINQ, <c>ToArray()</c> and <c>ToList()</c> copies (the copy then changed), in loops and branches. Each inside
/// program generates cleanly and matches central differences at three points (a list of 2–5 elements); with
/// <c>Forward = true</c> its tangent matches central differences along a random direction and Backward · t. Each just
/// outside (a store, Add, Clear or Insert into the parameter, a comparer sort, a write through a second name, a lambda that
/// changes it or reads it, the list passed to a plain helper) gets ADG0003 at that expression and no code. Since lists8 the
/// list (or a LINQ chain over it) passed to a [Differentiable] callee's IList, IReadOnlyList or IEnumerable parameter is inside. CI runs 60 + 60 programs; AUTODIFFGEN_LISTPARAMS_COUNT runs more.
/// </summary>
public class ListParameterPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void ListParameters_MatchCentralDifferences_OrADG0003AtTheExpression()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_LISTPARAMS_COUNT", 60);
        var random = new Random(20261206);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4, forward: false)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "ListParams", all, () => Point(random), output.WriteLine, Outsides);
    }

    [Fact]
    public void ListParameters_Forward_MatchCentralDifferencesAndBackward()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_LISTPARAMS_COUNT", 60);
        var random = new Random(20261207);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "F" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4, forward: true)).ToList();
        ListTangentChecks.Run(Header, "ListParams", all, () => Point(random), random, Outsides, output.WriteLine, (_, xs) => xs);
    }

    /// <summary>A list of 2–5 reals in [−1, 1] to four places, x likewise, k below 4.</summary>
    private static object[] Point(Random random)
    {
        var xs = Enumerable.Range(0, 2 + random.Next(4)).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 4)).ToList();
        return [xs, Math.Round((random.NextDouble() * 2) - 1, 4), random.Next(4)];
    }

    private static (string Name, string Text, string? Bad) Next(Random random, string name, bool outside, bool forward)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string type = Pick("List<double>", "IList<double>", "IReadOnlyList<double>");
        // The list holds at least two elements.
        string Slot() => Pick("0", "1", "^1", "^2", "xs.Count - 1", "k % xs.Count");
        string Real() => Pick("x * xs[" + Slot() + "]", "Math.Sin(x) + t", "xs[" + Slot() + "] * x", "t * xs[" + Slot() + "]", "Math.Tanh(0.3 * xs[" + Slot() + "])", "0.25");
        int copies = 0;
        string Copy()
        {
            string c = "c" + (++copies).ToString(CultureInfo.InvariantCulture);
            return Pick(
                "{ var " + c + " = xs.ToArray(); " + c + "[0] *= x; t += " + c + "[0] + " + c + "[^1] * " + Real() + "; }",
                "{ var " + c + " = xs.ToList(); " + c + ".Add(" + Real() + "); " + c + "[1] += x; t += " + c + ".Sum() * 0.5 + " + c + "[^1]; }",
                "{ var " + c + " = xs.Select(v => v * x).ToList(); t += " + c + ".Max() + " + c + ".Count * 0.1; }",
                // Passed to a [Differentiable] callee's list or sequence parameter (lists8): a copy made at the call.
                "t += " + Callee() + " * " + Pick("x", "0.5", "t") + ";",
                // A second name never assigned again is the parameter (linq24), read by index, Count and ^k; an interface-typed
                // one (a List<double> second name stays ADG0003: it could change the list).
                "{ " + (type == "List<double>" ? "IReadOnlyList<double>" : "var") + " " + c + " = xs; for (int i = 0; i < " + c + ".Count; i++) t += " + c + "[i] * " + c + "[" + Pick("0", "^1", "i") + "] * " + Pick("x", "0.5", "t") + "; }");
        }
        string Callee() => type switch
        {
            "List<double>" => Pick("First(xs)", "FirstR(xs)", "Seq(xs)", "Seq(xs.Select(v => v * x))"),
            "IList<double>" => Pick("First(xs)", "Seq(xs)", "Seq(xs.Where(v => v > 0))"),
            _ => Pick("FirstR(xs)", "Seq(xs)"),
        };
        string Statement(int depth) => random.Next(depth > 0 ? 12 : 10) switch
        {
            0 or 1 => "t += xs[" + Slot() + "] * " + Real() + ";",
            2 => "foreach (var v in xs) t += v * " + Pick("x", "v", "t * 0.1") + ";",
            3 => "t += " + Pick("xs.Sum()", "xs.Average()", "xs.Max()", "xs.Min()", "xs.Select(v => v * v).Sum()", "xs.Aggregate(0.0, (s, v) => s + v * x)", "xs.Count * x", "xs.Sum(v => v * x)") + " * " + Pick("0.5", "x", "t") + ";",
            4 => "for (int i = 0; i < xs.Count; i++) t += xs[i] * " + Pick("x", "0.5", "xs[i]") + ";",
            5 => "if (xs[" + Slot() + "] > " + Pick("0", "t", "x") + ") t += " + Real() + "; else t *= " + Pick("0.5", "x") + ";",
            6 or 7 => Copy(),
            8 => "t = t * 0.5 + xs[^1] * x;",
            9 => "for (int i = 1; i < xs.Count; i++) t += (xs[i] - xs[i - 1]) * (xs[i] - xs[i - 1]);",
            10 => "for (int j = 0; j < k; j++) { " + Statement(depth - 1) + " }",
            _ => "if (" + Pick("x > 0", "t < xs[1]", "k > 1", "xs.Count > 3") + ") { " + Statement(depth - 1) + " } else { " + Statement(depth - 1) + " }",
        };
        (string Bad, string Statement) Outside()
        {
            if (type == "IReadOnlyList<double>")
            {
                // Nothing writes through an IReadOnlyList: what stays out is using it other than by reading it.
                return random.Next(3) switch
                {
                    0 => ("xs", "var m = xs; m = xs; t += m[0];"),
                    1 => ("HelperR(xs)", "t += HelperR(xs);"), // an indexing plain helper: ADG0004 at the call since linq22
                    _ => ("xs", "var m = xs; m = xs; t += m[^1];"),
                };
            }
            return random.Next(9) switch
            {
                0 => ("xs[0]", "xs[0] = x;"),
                1 => ("xs[^1]", "xs[^1] += x;"),
                2 => ("xs.Add(x)", "xs.Add(x);"),
                3 => ("xs.Clear()", "xs.Clear();"),
                4 => type == "List<double>" ? ("xs.Sort((a, b) => b.CompareTo(a))", "xs.Sort((a, b) => b.CompareTo(a));") : ("xs.Insert(0, x)", "xs.Insert(0, x);"),
                5 => ("xs", "var m = xs; m = xs; m[0] = x;"),
                // An Action local is inlined at its call since lists11: the write into the parameter is reported where it is.
                6 => ("xs.Add(v)", "Action<double> put = v => xs.Add(v); put(x);"),
                7 => ("xs", "var m = xs; m = xs; t += m[0];"),
                _ => ("Helper(xs)", "t += Helper(xs);"),
            };
        }

        var text = new StringBuilder();
        text.Append(forward ? "    [Differentiable(Forward = true)]\n" : "    [Differentiable]\n")
            .Append("    public static double ").Append(name).Append('(').Append(type).Append(" xs, double x, int k)\n    {\n");
        text.Append("        double t = x - xs[0];\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, () => Statement(1), Outside);
        text.Append("        return t + xs[0] * xs[^1] + xs.Count * x;\n    }\n");
        if (forward && bad is null)
        {
            text.Append("    public static double ").Append(name).Append("Tangent(").Append(type).Append(" xs, double x, int k, double[] tXs, double tX) { ")
                .Append(name).Append("Forward(xs, x, k, tXs, tX, out var r); return r; }\n");
        }
        return (name, text.ToString(), bad);
    }

    /// <summary>
    /// ADG0003 at the expression; a lambda's call is also ADG0002 (a call made for its effect), a store through an IList
    /// second name also ADG0007 (a write through a property).
    /// </summary>
    private const string Outsides = "ADG0003,ADG0002,ADG0007,ADG0004";

    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static partial class ListParams
        {
            static double Helper(IList<double> v) => v[0];

            static double HelperR(IReadOnlyList<double> v) => v[0];

            [Differentiable(Forward = true)] static double First(IList<double> v) => v[0] * v[1];

            [Differentiable(Forward = true)] static double FirstR(IReadOnlyList<double> v) => v[0] * v[1];

            [Differentiable(Forward = true)] static double Seq(IEnumerable<double> v) => v.Sum() + v.Count() * 0.5;

        """;
}
