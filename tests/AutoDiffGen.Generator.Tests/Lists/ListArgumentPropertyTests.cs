using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Lists;

/// <summary>
/// Property test of lists and sequences passed between methods (lists8): random programs <c>P(double x, double y, int k)</c>
/// make a local list, grow and write it, and pass it (or an array copy, a LINQ chain over it, or a list made in a loop body)
/// to <c>[Differentiable]</c> callees taking <c>List</c>, <c>IList</c>, <c>IReadOnlyList</c>, <c>ICollection</c>,
/// <c>IReadOnlyCollection</c> or <c>IEnumerable</c> of double (callees that themselves pass it on), in loops and branches, the list
/// changed after the call. Each inside program generates cleanly and matches central differences at three points; with
/// <c>Forward = true</c> its tangent matches central differences along a direction and Backward. Each just outside (a callee
/// that writes the list: ADG0017 at the call, ADG0018 in forward mode; a <c>static readonly</c> list, a plain helper, an ordered chain: ADG0003 at the
/// argument) gets its id at that expression and no code. CI runs 60 + 60 programs; AUTODIFFGEN_LISTARGS_COUNT runs more.
/// </summary>
public class ListArgumentPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void ListArguments_MatchCentralDifferences_OrAnErrorAtTheExpression()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_LISTARGS_COUNT", 60);
        var random = new Random(20261208);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4, forward: false)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "ListArgs", all, () => ProgramBatch.PointXYK(random), output.WriteLine, Outsides);
    }

    [Fact]
    public void ListArguments_Forward_MatchCentralDifferencesAndBackward()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_LISTARGS_COUNT", 60);
        var random = new Random(20261209);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "F" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4, forward: true)).ToList();
        // In forward mode the callee that writes its list has no MForward either: ADG0018 at the call.
        ForwardPrograms.JudgeAndCheck(Header, "ListArgs", all, random, output.WriteLine, Outsides + ",ADG0018");
    }

    private static (string Name, string Text, string? Bad) Next(Random random, string name, bool outside, bool forward)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Slot() => Pick("0", "1", "^1", "l.Count - 1", "k % l.Count");
        string Real() => Pick("x * y", "Math.Sin(x) + Math.Tanh(t)", "l[" + Slot() + "] * x", "t * y", "Math.Tanh(0.3 * l[" + Slot() + "])", "0.25");
        // Every callee reads at least two elements, which the list always has.
        string Call(string list) => Pick(
            "Dot(" + list + ", " + Pick("x", "y") + ")", "Ends(" + list + ")", "Scale(" + list + ", " + Pick("x", "0.5") + ")",
            "Spread(" + list + ")", "Mean(" + list + ")", "Energy(" + list + ")", "Pair(" + list + ")");
        int fresh = 0;
        string Statement(int depth) => random.Next(depth > 0 ? 12 : 10) switch
        {
            0 or 1 => "t += " + Call("l") + " * " + Pick("0.5", "y", "x") + ";",
            2 => "t += Mean(" + Pick("l.Select(v => v * x)", "l.Where(v => v > -10)", "l.Zip(l, (a, b) => a * b)") + ") * 0.5;",
            3 => "t += Dot(l.ToArray(), y);",
            4 => "l.Add(" + Real() + ");",
            5 => "l[" + Slot() + "] " + Pick("=", "+=", "*=") + " " + Real() + ";",
            6 => "{ var q" + (++fresh).ToString(CultureInfo.InvariantCulture) + " = new List<double> { " + Real() + ", x * y }; t += " + Call("q" + fresh.ToString(CultureInfo.InvariantCulture)) + "; }",
            7 => "l.Insert(" + Pick("0", "1") + ", " + Real() + ");",
            8 => "t = t * 0.5 + Math.Tanh(" + Call("l") + ");",
            9 => "t += ArrayMean(l.ToArray()) * x;",
            10 => "for (int j = 0; j < k; j++) { " + Statement(depth - 1) + " " + Statement(depth - 1) + " }",
            _ => "if (" + Pick("x > 0", "t < l[1]", "k > 1", "l.Count > 3") + ") { " + Statement(depth - 1) + " } else { " + Statement(depth - 1) + " }",
        };
        (string Bad, string Statement) Outside() => random.Next(4) switch
        {
            0 => ("Push" + name + "(l, x)", "t += Push" + name + "(l, x);"),
            1 => ("Table", "t += Dot(Table, x);"),
            2 => ("l", "t += Helper(l) * x;"),
            _ => ("l.OrderBy(v => v)", "t += Mean(l.OrderBy(v => v));"),
        };

        var text = new StringBuilder();
        text.Append(forward ? "    [Differentiable(Forward = true)]\n" : "    [Differentiable]\n")
            .Append("    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        var l = new List<double> { x, y * x" + Pick("", ", Math.Cos(y)") + " };\n        double t = 0.5;\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, () => Statement(1), Outside);
        text.Append("        return t + " + Call("l") + " * x;\n    }\n");
        // The callee that writes its list (its own ADG0003 at the Add) lives with the one program that calls it.
        if (bad is not null && bad.StartsWith("Push", StringComparison.Ordinal))
            text.Append("    [Differentiable] static double Push").Append(name).Append("(List<double> v, double a) { v.Add(a); return v.Sum(); }\n");
        return (name, text.ToString(), bad);
    }

    /// <summary>ADG0003 at the argument; a callee that writes the list has no Backward: ADG0017 at the call.</summary>
    private const string Outsides = "ADG0003,ADG0017";

    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static partial class ListArgs
        {
            static readonly List<double> Table = new List<double> { 1, 2, 3 };

            static double Helper(List<double> v) => v[0];

            [Differentiable(Forward = true)] static double Dot(IList<double> v, double w)
            {
                double s = 0;
                for (int i = 0; i < v.Count; i++) s += v[i] * Math.Pow(w, i % 3);
                return s;
            }

            [Differentiable(Forward = true)] static double Ends(IReadOnlyList<double> v) => v[^1] * v[0] + v[1];

            [Differentiable(Forward = true)] static double Scale(List<double> v, double a) => v.Sum() * a + v.Max();

            [Differentiable(Forward = true)] static double Spread(ICollection<double> v) => v.Max() - v.Min() + v.Count * 0.1;

            [Differentiable(Forward = true)] static double Mean(IEnumerable<double> v) => v.Average();

            [Differentiable(Forward = true)] static double Energy(IReadOnlyCollection<double> v)
            {
                double s = 0;
                foreach (var e in v) s += e * e;
                return s / v.Count;
            }

            // Passes its list on: the callee of a callee.
            [Differentiable(Forward = true)] static double Pair(IEnumerable<double> v) => Mean(v) * Mean(v.Select(e => e * e));

            [Differentiable(Forward = true)] static double ArrayMean(double[] a) => a.Average();

        """;
}
