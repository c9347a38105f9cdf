using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Forward;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Lists;

/// <summary>
/// Property test of sequence parameters that carry a gradient (lists7): random programs <c>P(S xs, double x, int k)</c>, S one
/// of <c>IEnumerable&lt;double&gt;</c>, <c>ICollection&lt;double&gt;</c>, <c>IReadOnlyCollection&lt;double&gt;</c>, read it by
/// <c>foreach</c>, LINQ (Sum, Average, Max, Min, Select, Aggregate, Count()), <c>ToList()</c> and <c>ToArray()</c> copies (the copy
/// then changed), enumerated any number of times, in loops and branches. Each inside program generates cleanly and matches
/// central differences at three points (a list of 2–5 elements); with <c>Forward = true</c> its tangent matches central
/// differences along a random direction and Backward · t. Each just outside (Skip/First over it, Add/Clear/Remove on an
/// ICollection, a second name, the sequence passed to a plain helper) gets ADG0003 at that expression and no code. Since
/// lists8 the sequence (or a LINQ chain over it) passed to a [Differentiable] callee's IEnumerable parameter is inside. CI runs 60 + 60 programs; AUTODIFFGEN_SEQUENCES_COUNT runs more.
/// </summary>
public class SequenceParameterPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void SequenceParameters_MatchCentralDifferences_OrADG0003AtTheExpression()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_SEQUENCES_COUNT", 60);
        var random = new Random(20261210);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4, forward: false)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "Sequences", all, () => Point(random), output.WriteLine, Outsides);
    }

    [Fact]
    public void SequenceParameters_Forward_MatchCentralDifferencesAndBackward()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_SEQUENCES_COUNT", 60);
        var random = new Random(20261211);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "F" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4, forward: true)).ToList();
        // An IEnumerable gets a lazy sequence, which the generated Forward enumerates once into its buffer.
        ListTangentChecks.Run(Header, "Sequences", all, () => Point(random), random, Outsides, output.WriteLine,
            (method, xs) => method.GetParameters()[0].ParameterType == typeof(IEnumerable<double>) ? xs.Select(v => v) : xs);
    }

    /// <summary>
    /// A list of `fewest`–5 (2–5 unless told) distinct reals in [−1, 1] to four places, none within 1e-3 of 0, x likewise, k below `countsBelow` (4): away from the
    /// kinks of Min/Max (a tie: any one element's adjoint is a right subgradient, central differences see another) and of
    /// `v > 0`.
    /// </summary>
    internal static object[] Point(Random random, int fewest = 2, int countsBelow = 4)
    {
        var xs = new List<double>();
        int n = fewest + random.Next(6 - fewest);
        while (xs.Count < n)
        {
            double v = Math.Round((random.NextDouble() * 2) - 1, 4);
            if (Math.Abs(v) >= 1e-3 && !xs.Contains(v)) xs.Add(v);
        }
        return [xs, Math.Round((random.NextDouble() * 2) - 1, 4), random.Next(countsBelow)];
    }

    private static (string Name, string Text, string? Bad) Next(Random random, string name, bool outside, bool forward)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string type = Pick("IEnumerable<double>", "ICollection<double>", "IReadOnlyCollection<double>");
        string Linq() => Pick("xs.Sum()", "xs.Average()", "xs.Max()", "xs.Min()", "xs.Select(v => v * v).Sum()", "xs.Aggregate(0.0, (s, v) => s + v * x)",
            "xs.Count() * x", "xs.Sum(v => v * x)", "xs.Where(v => v > 0).Select(v => v * x).Sum()");
        int copies = 0;
        string Copy()
        {
            string c = "c" + (++copies).ToString(CultureInfo.InvariantCulture);
            return Pick(
                "{ var " + c + " = xs.ToArray(); " + c + "[0] *= x; t += " + c + "[0] + " + c + "[^1] * " + Pick("x", "t", "0.5") + "; }",
                "{ var " + c + " = xs.ToList(); " + c + ".Add(t * x); " + c + "[1] += x; t += " + c + ".Sum() * 0.5 + " + c + "[^1]; }",
                "{ var " + c + " = xs.Select(v => v * x).ToList(); t += " + c + ".Max() + " + c + ".Count * 0.1; }",
                // Passed to a [Differentiable] callee's sequence parameter (lists8): a copy made at the call.
                "t += " + Pick("Total(xs)", "Total(xs.Select(v => v * x))", "Total(xs.Where(v => v > 0))") + " * " + Pick("x", "0.5") + ";");
        }
        string Statement(int depth) => random.Next(depth > 0 ? 10 : 8) switch
        {
            0 or 1 => "foreach (var v in xs) t += v * " + Pick("x", "v", "t * 0.1", "Math.Sin(v)") + ";",
            2 or 3 => "t += " + Linq() + " * " + Pick("0.5", "x", "t") + ";",
            4 or 5 => Copy(),
            6 => "{ double m = xs.Average(); foreach (var v in xs) t += (v - m) * (v - m) * x; }",
            7 => "t = t * 0.5 + Math.Tanh(" + Linq() + ") * x;",
            8 => "for (int j = 0; j < k; j++) { " + Statement(depth - 1) + " }",
            _ => "if (" + Pick("x > 0", "t < 0.5", "k > 1", "xs.Count() > 3") + ") { " + Statement(depth - 1) + " } else { " + Statement(depth - 1) + " }",
        };
        (string Bad, string Statement) Outside()
        {
            if (type == "ICollection<double>" && random.Next(2) == 0)
            {
                return random.Next(3) switch
                {
                    0 => ("xs.Add(x)", "xs.Add(x);"),
                    1 => ("xs.Clear()", "xs.Clear();"),
                    _ => ("xs.Remove(x)", "xs.Remove(x);"),
                };
            }
            return random.Next(4) switch
            {
                0 => ("xs.Skip(1)", "t += xs.Skip(1).Sum() * x;"),
                1 => ("xs.First()", "t += xs.First() * x;"),
                2 => ("xs", "var alias = xs; alias = xs; t += alias.Sum();"),
                _ => ("Helper(xs)", "t += Helper(xs) * x;"), // a helper naming it again: ADG0004 at the call since linq22
            };
        }

        var text = new StringBuilder();
        text.Append(forward ? "    [Differentiable(Forward = true)]\n" : "    [Differentiable]\n")
            .Append("    public static double ").Append(name).Append('(').Append(type).Append(" xs, double x, int k)\n    {\n");
        text.Append("        double t = x - xs.Min();\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, () => Statement(1), Outside);
        text.Append("        return t + xs.Sum() * x;\n    }\n");
        if (forward && bad is null)
        {
            text.Append("    public static double ").Append(name).Append("Tangent(").Append(type).Append(" xs, double x, int k, double[] tXs, double tX) { ")
                .Append(name).Append("Forward(xs, x, k, tXs, tX, out var r); return r; }\n");
        }
        return (name, text.ToString(), bad);
    }

    /// <summary>ADG0003 at the expression; a call made for its effect (Add, Clear, Remove) may also be ADG0002.</summary>
    private const string Outsides = "ADG0003,ADG0002,ADG0004";

    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static partial class Sequences
        {
            static double Helper(IEnumerable<double> v) { var w = v; return w.Sum(); }

            [Differentiable(Forward = true)] static double Total(IEnumerable<double> v) => v.Sum() + v.Count() * 0.5;

        """;
}
