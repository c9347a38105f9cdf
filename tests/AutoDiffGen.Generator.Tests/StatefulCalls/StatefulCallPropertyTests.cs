using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.StatefulCalls;

/// <summary>
/// Property test of calls to [Differentiable] callees that do or do not make calls whose value changes from call to call:
/// random programs call callees that only read (a list's <c>Contains</c>, a pure static helper, a [NoDiff] table) and an
/// inlined callee that counts its calls in a static field (lowered in place, so made once), in loops and branches; each
/// generates and matches central differences at three points. Each just outside calls a callee drawing from a
/// <c>Random</c> or a generator class (not inlined) and gets ADG0032 at that call, no code. CI runs 60;
/// AUTODIFFGEN_STATEFUL_COUNT runs more.
/// </summary>
public class StatefulCallPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void ReadingCallees_MatchCentralDifferences_DrawingCalleesGetADG0032()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_STATEFUL_COUNT", 60);
        var random = new Random(20261203);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 4 == 3)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "Draws", all,
            () => ProgramBatch.PointXYK(random),
            output.WriteLine, "ADG0032");
    }

    private static (string Name, string Text, string? Bad) Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x * y", "Math.Sin(s) + y", "s * x", "t - 0.3 * x", "s / (1 + t * t)");
        // Static readonly fields passed inside loops too: the reverse sweep reads the field again (ADG0003 before 2026-12-03).
        string Call(bool inLoop) => random.Next(4) switch
        {
            0 => "Poly(" + Real() + ", k)",
            1 => "Counted(" + Real() + ")",
            2 => "Lookup(" + Real() + ", Table)",
            _ => "Weighted(" + Real() + ", W)",
        };
        string Statement(int depth) => random.Next(depth > 0 ? 5 : 3) switch
        {
            0 => "s += " + Call(depth == 0) + ";",
            1 => "t = " + Call(depth == 0) + " * " + Pick("x", "s", "0.5") + ";",
            2 => "s = 0.5 * s + " + Real() + ";",
            3 => "if (" + Pick("x > 0", "s < t", "k > 1") + ") s += " + Call(depth == 0) + "; else t -= " + Real() + ";",
            _ => "for (int i = 0; i < k; i++) { " + Statement(depth - 1) + " " + Statement(depth - 1) + " }",
        };
        (string Bad, string Statement) Outside()
        {
            string bad = Pick("Leg(" + Real() + ", Rng)", "Gen(" + Real() + ", G, k)", "Leg(x, Rng)");
            return (bad, Pick("s += " + bad + ";", "if (k > 0) t = " + bad + " * s;", "for (int j = 0; j < k; j++) s += " + bad + ";"));
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
        using System.Collections.Generic;
        using AutoDiffGen;

        public sealed class Lcg
        {
            private ulong _s = 1;
            public double Next() { _s = _s * 6364136223846793005UL + 1442695040888963407UL; return (_s >> 11) * (1.0 / 9007199254740992.0); }
        }

        public static partial class Draws
        {
            private static readonly Random Rng = new Random(1);
            private static readonly Lcg G = new Lcg();
            private static readonly List<double> Table = new List<double> { 1.0, 2.0 };
            private static readonly double[] W = { 0.5, -1.5, 2.0 };
            private static int _calls;
            private static int Tick() => ++_calls;
            private static double Coefficient(int n) => 1.0 / (n + 1);

            // Not inlined (an object parameter): called through their Backwards.
            [Differentiable] static double Lookup(double v, [NoDiff] List<double> l) => l.Contains(2.0) ? Math.Sin(v) + 0.5 * v : v;
            [Differentiable] static double Weighted(double v, [NoDiff] double[] w) { double r = 0; for (int i = 0; i < w.Length; i++) r += w[i] * Math.Sin(v * i); return r; }
            [Differentiable] static double Leg(double v, [NoDiff] Random r) => v * r.NextDouble();
            [Differentiable] static double Gen(double v, [NoDiff] Lcg g, int n) { double r = v; for (int i = 0; i < n; i++) r += v * g.Next(); return r; }
            // Recursive, so called: a pure helper's value is the same each time.
            [Differentiable] static double Poly(double v, int n) => n <= 0 ? Math.Sin(v) : Coefficient(n) * Math.Cos(v) + Poly(v, n - 1);
            // Inlined where it is called: its count is made once, in the caller's own forward sweep.
            [Differentiable] static double Counted(double v) { int c = Tick(); return c >= 0 ? Math.Sin(v) * v : v; }

        """;
}
