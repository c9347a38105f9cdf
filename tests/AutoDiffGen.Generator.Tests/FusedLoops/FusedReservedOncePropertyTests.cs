using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Tests.CompileCost;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Internals;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.FusedLoops;

/// <summary>
/// Property test of a fused loop's reservation made once before it (<c>Differentiator.ReservedOnce</c>): random point loops
/// <c>double P(double[] a, double[] m, [NoDiff] double[] x)</c> writing t all over per point, then one or two inner loops
/// that push (a max, exps, a product of the running value), over a.Length or a.Length − 1. Programs that must not be
/// reserved once: an inner loop whose bound reads the point's counter, or one with a break (its pushes are not all counted).
/// Outside what is supported: a pattern-matching declaration in the loop (ADG0003 at it). Every clean program: value and
/// gradient against central differences at three points, and against the same model's MBackward with the reservation made
/// per iteration, to 1e-12 relative, from a trimmed workspace (so the one reservation has to grow the tape) with up to
/// 24 points. CI runs 40 programs; AUTODIFFGEN_RESERVE_ONCE_COUNT runs more.
/// </summary>
public class FusedReservedOncePropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Rz
        {
        """;

    private sealed record Program(string Name, string Text, string? Bad, bool MustNot);

    [Fact]
    public void RandomPointLoops_MatchCentralDifferencesAndThePerIterationReservation()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_RESERVE_ONCE_COUNT", 40);
        var random = new Random(20261214);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), i % 8 == 7 ? 2 : i % 3 == 2 ? 1 : 0)).ToList();
        string source = ProgramBatch.Source(Header, all.Select(p => p.Text));
        var run = GeneratorHarness.Run(source);
        var clean = ProgramBatch.Judge(run, Header, all, p => (p.Name, p.Text, p.Bad));
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "Rz");
        string cleanSource = ProgramBatch.Source(Header, clean.Select(p => p.Text));
        var (once, perIteration, names) = TwoWays.Emit(cleanSource, m => BackwardEmitter.Emit(m), m => BackwardEmitter.Emit(m, reserveOnce: false));
        var twin = TwoWays.Load(cleanSource, perIteration).GetType("Rz")!;

        int points = 0, applied = 0, refused = 0;
        foreach (var p in clean)
        {
            int at = names.IndexOf(p.Name);
            bool moved = once[at] != perIteration[at];
            if (p.MustNot)
            {
                Assert.False(moved, p.Name + " must keep its reservation per iteration:\n" + p.Text + "\n" + once[at]);
                refused++;
            }
            else if (moved)
            {
                Assert.True(FusedReservedOnceTests.ReservedBeforeLoop(once[at], perIteration[at]), p.Name + " moved something else:\n" + once[at] + "\n" + perIteration[at]);
                applied++;
            }
            var method = type.GetMethod(p.Name, BindingFlags.Public | BindingFlags.Static)!;
            var mine = type.GetMethod(p.Name + "Backward", BindingFlags.Public | BindingFlags.Static)!;
            var theirs = twin.GetMethod(p.Name + "Backward", BindingFlags.Public | BindingFlags.Static)!;
            for (int k = 0; k < 3; k++)
            {
                var point = Point(random);
                try
                {
                    CentralDifferenceRunner.Check(method, null, point);
                    TapeWorkspace.TrimCurrentThread();
                    var (value, gradient) = FusedLoopPropertyTests.Call(mine, point);
                    TapeWorkspace.TrimCurrentThread();
                    var (theirValue, theirGradient) = FusedLoopPropertyTests.Call(theirs, point);
                    Assert.Equal(theirValue, value);
                    for (int j = 0; j < gradient.Length; j++)
                    {
                        Tolerance.AssertClose(theirGradient[j], gradient[j], 1e-12 * Math.Max(1, Math.Abs(theirGradient[j])), "gradient " + j + " against the per-iteration reservation");
                    }
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(p.Name + " at " + string.Join(", ", point.Select(o => "[" + string.Join(", ", (double[])o) + "]")) + ": " + e.Message + "\n" + p.Text + "\n" + once[at]);
                }
                points++;
            }
        }
        ProgramBatch.AssertCounts(all.Count, all.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
        output.WriteLine(applied + " reserved once, " + refused + " alike kept per iteration");
        Assert.True(applied > clean.Count / 4, applied + " of " + clean.Count + " reserved once");
        Assert.True(refused > clean.Count / 8, refused + " of " + clean.Count + " refused");
    }

    /// <summary>a and m of the same length 1–4, x of 1–24 points, in [−1.2, 1.2] to four places.</summary>
    private static object[] Point(Random random)
    {
        double Real() => Math.Round((random.NextDouble() * 2.4) - 1.2, 4);
        int k = 1 + random.Next(4);
        return [Enumerable.Range(0, k).Select(_ => Real()).ToArray(), Enumerable.Range(0, k).Select(_ => Real()).ToArray(), Enumerable.Range(0, 1 + random.Next(24)).Select(_ => Real()).ToArray()];
    }

    /// <param name="kind">0: may be reserved once; 1: looks alike, must not (a ragged bound or a break); 2: just outside (ADG0003).</param>
    private static Program Next(Random random, string name, int kind)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string write = Pick("a[j] * (x[i] - m[j])", "a[j] - 0.5 * (x[i] - m[j]) * (x[i] - m[j])", "Math.Sin(a[j] + x[i]) * m[j]", "a[j] * m[j] + x[i]");
        string reduce = Pick("s = Math.Max(s, t[j]);", "s += Math.Exp(t[j] * 0.5);", "s = s * Math.Cos(t[j]) + t[j];", "s += Math.Exp(t[j]) * m[j];");
        string bound = Pick("a.Length", "a.Length", "a.Length - 1");
        string second = Pick("", "", "for (int j = 0; j < a.Length; j++) u += Math.Exp(t[j] - s);");
        string tail = "";
        if (kind == 1)
        {
            if (random.Next(2) == 0) bound = "i % a.Length + 1";
            else tail = " if (s > 1.5) break;";
        }
        string? bad = null;
        string extra = "";
        if (kind == 2)
        {
            bad = "double d";
            extra = "            { if (s * 0.5 is double d) total += d * 0.5; }\n";
        }
        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double[] a, double[] m, [NoDiff] double[] x)\n    {\n");
        text.Append("        var t = new double[a.Length];\n        double total = 0;\n");
        text.Append("        for (int i = 0; i < x.Length; i++)\n        {\n");
        text.Append("            for (int j = 0; j < a.Length; j++) t[j] = ").Append(write).Append(";\n");
        text.Append("            double s = 0, u = 1;\n");
        text.Append("            for (int j = 0; j < ").Append(bound).Append("; j++) { ").Append(reduce).Append(tail).Append(" }\n");
        if (second.Length > 0) text.Append("            ").Append(second).Append('\n');
        text.Append(extra);
        text.Append("            total += ").Append(Pick("s", "s * x[i]", "Math.Log(1 + s * s)", "s - 0.5 * u")).Append(" + u;\n");
        text.Append("        }\n        return ").Append(Pick("total", "3 * total", "total / x.Length", "total - 0.1 * a[0] * a[0]")).Append(";\n    }\n");
        return new Program(name, text.ToString(), bad, kind == 1);
    }
}
