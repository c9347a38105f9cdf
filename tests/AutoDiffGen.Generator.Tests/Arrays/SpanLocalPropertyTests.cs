using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Property test of span locals that view arrays carrying a gradient: random programs read through views of array
/// parameters and of a local array (<c>p[k % 3]</c>, <c>p[^1]</c>, <c>Length</c>), re-slice them (<c>p = p.Slice(1)</c>,
/// <c>p = p[1..]</c>, in loops too), point them at another array on a branch or a conditional (a ReadOnlySpan that
/// may view two arrays), declare them in loop bodies, store through a <c>Span&lt;double&gt;</c> view, and pass views to a
/// [Differentiable] callee, also stored into after the call. Each program inside generates cleanly and its Backward
/// matches central differences at three random points; each just outside (a view that may be either of two arrays
/// passed to a callee, a Span that may view either of two arrays, a span over a range of an array, which is a copy)
/// gets an ADG0003 at that expression and no code. CI runs 96 programs; AUTODIFFGEN_SPANLOCAL_COUNT runs more.
/// </summary>
public class SpanLocalPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void SpanViews_MatchCentralDifferences_OrAnErrorAtTheExpression()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_SPANLOCAL_COUNT", 96);
        var random = new Random(20261203);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();

        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad));
        int diagnosed = all.Count - clean.Count;

        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "Views");
        double[] Vector() => Enumerable.Range(0, 6).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 4)).ToArray();
        int points = ProgramBatch.CheckAtThreePoints(type, clean.Select(p => (p.Name, p.Text)),
            () => new object[] { Vector(), Vector(), Math.Round((random.NextDouble() * 2) - 1, 4), random.Next(4) });
        output.WriteLine($"{count} programs: {clean.Count} generated, {points} points checked, {diagnosed} diagnosed");
        Assert.True(diagnosed == all.Count(p => p.Bad is not null) && clean.Count >= 60 && points == 3 * clean.Count);
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Statement(int depth)
        {
            switch (random.Next(depth > 0 ? 15 : 13))
            {
                case 0: return "s += p[k % 3] * q[0];";
                case 1: return "if (p.Length > 3) p = p." + Pick("Slice(1)", "Slice(1, p.Length - 1)") + ";";
                case 2: return "for (int i = 0; i < k; i++) { s += p[i] * c; if (p.Length > 3) p = p[1..]; }";
                case 3: return "q = c > " + Pick("0", "0.3") + " ? x.AsSpan(2) : w;";
                case 4: return "v[k % 3] += s * q[1];";
                case 5: return "v[" + Pick("0", "2") + "] = v[1] * p[0] + " + Pick("s", "c") + ";";
                case 6: return "s += SumSq(v[..2]) * c;";
                case 7: return "s += SumSq(v); v[1] = s * " + Pick("c", "p[1]") + ";";
                case 8: return "{ var t = x.AsSpan(k % 2, 3); s += t[2] * t[0]; }";
                case 9: return "if (s > 0) p = w; else if (p.Length > 3) p = p.Slice(1);";
                case 10: return "s += v.Length * p[^1] + q[^2];";
                case 11: return "if (q[0] > " + Pick("0", "p[1]") + ") s *= q[1]; else s += p[0];";
                // Elements of the view deconstructed in a loop: the loop carries a (CarriedDeconstructionTests).
                case 12: return "for (int j = 0; j + 1 < k; j++) (v[j], v[j + 1]) = (v[j + 1] * " + Pick("c", "s") + ", v[j] + p[0]);";
                case 13: return "for (int o = 0; o < k; o++) { var u = w.AsSpan(o, 3); " + Statement(depth - 1) + " s += u[1]; }";
                default: return "if (c > 0.2) { " + Statement(depth - 1) + " } else { " + Statement(depth - 1) + " }";
            }
        }
        // Just outside: the text the ADG0003 must point at, and the statement that holds it.
        (string Bad, string Statement) Outside() => random.Next(3) switch
        {
            0 => ("r", "{ ReadOnlySpan<double> r = x; if (c > 0) r = w; s += SumSq(r); }"),
            1 => ("c > 0 ? a : w", "{ Span<double> u = c > 0 ? a : w; s += u[0]; }"),
            _ => ("x[1..]", "{ ReadOnlySpan<double> r = x[1..]; s += r[0] * c; }"),
        };

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double[] x, double[] w, double c, int k)\n    {\n");
        text.Append("        double s = c * x[0];\n        var a = new double[5];\n        a[0] = x[1]; a[1] = w[0] * c; a[2] = x[2]; a[3] = w[1]; a[4] = c;\n");
        text.Append("        ReadOnlySpan<double> p = x;\n        ReadOnlySpan<double> q = w.AsSpan(1);\n        Span<double> v = a.AsSpan(1);\n");
        string? badText = ProgramBatch.AppendStatements(text, random, outside, () => Statement(1), Outside);
        text.Append("        return s + p[0] * q[1] + a[0] * a[2] + a[4] * v[3];\n    }\n");
        return new Program(name, text.ToString(), badText);
    }

    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Views
        {
            [Differentiable]
            public static double SumSq(ReadOnlySpan<double> s)
            {
                double r = 0;
                for (int i = 0; i < s.Length; i++) r += s[i] * s[i];
                return r;
            }

        """;
}
