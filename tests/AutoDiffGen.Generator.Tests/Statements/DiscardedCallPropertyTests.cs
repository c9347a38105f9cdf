using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// Property test of calls whose result is discarded: random programs call [Differentiable] helpers (inlined, recursive
/// and so called, two-parameter) as statements whose arguments assign (<c>G(s += x * y);</c>, <c>H(t = s * x, s *= 1.1);</c>),
/// in loops and branches. Each inside program generates cleanly and matches central differences at three points; each
/// just outside (the dropped result of a library call or of a plain helper) gets ADG0002 at that call and no code.
/// CI runs 90 programs; AUTODIFFGEN_DISCARDED_COUNT runs more.
/// </summary>
public class DiscardedCallPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void DiscardedResults_MatchCentralDifferences_OrADG0002AtTheCall()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_DISCARDED_COUNT", 90);
        var random = new Random(20261203);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "Dropped", all,
            () => ProgramBatch.PointXYK(random),
            output.WriteLine, "ADG0002");
    }

    private static (string Name, string Text, string? Bad) Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x * y", "Math.Sin(s) + y", "s * x", "t - 0.3 * x", "Math.Exp(0.2 * t) * x", "s / (1 + t * t)");
        string Assign() => Pick("s += " + Real(), "t = " + Real(), "t *= " + Real(), "s -= t * x", "s = 0.5 * s + t");
        string Call() => random.Next(4) switch
        {
            0 => "G(" + Assign() + ")",
            1 => "Rec(" + Assign() + ", k)",
            2 => "H(" + Assign() + ", " + Pick("x", "s", Assign()) + ")",
            _ => "G(G(" + Assign() + "))",
        };
        string Statement(int depth) => random.Next(depth > 0 ? 6 : 4) switch
        {
            0 or 1 => Call() + ";",
            2 => Assign() + ";",
            3 => "if (" + Pick("x > 0", "s < t", "k > 1") + ") " + Call() + "; else " + Assign() + ";",
            4 => "for (int i = 0; i < k; i++) { " + Statement(depth - 1) + " " + Statement(depth - 1) + " }",
            _ => "{ int m = k; while (m-- > 0) " + Call() + "; }",
        };
        (string Bad, string Statement) Outside()
        {
            string bad = Pick("Math.Tanh(" + Assign() + ")", "Plain(" + Assign() + ")", "Plain(s)");
            return (bad, bad + ";");
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = x + 0.5 * y, t = y;\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, () => Statement(1), Outside);
        text.Append("        return s * t + x;\n    }\n");
        return (name, text.ToString(), bad);
    }

    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Dropped
        {
            [Differentiable] static double G(double v) => v * v + 1;
            [Differentiable] static double H(double v, double w) { if (double.IsNaN(v)) throw new ArgumentException(); return Math.Sin(v) * w; }
            [Differentiable] static double Rec(double v, int n) => n <= 0 ? v : Rec(v * 0.5, n - 1) + v;
            static double Plain(double v) { Console.WriteLine(v); return v; }

        """;
}
