using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Tests.CompileCost;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.FusedLoops;

/// <summary>
/// Property test of fused loops (<c>Differentiation/FusedLoops</c>): random programs <c>double P(double[] a, double[] m,
/// [NoDiff] double[] x)</c>, a loop over the points x that writes a local array t all over per point, reduces it in a second
/// inner loop, and updates one or two sums (with branches, a break at the end of the body), then returns the sums through
/// +, −, × and ÷ by values known before the loop. Inside programs must fuse. Programs that look alike but must not (a sum
/// decayed by a factor, a sum read in the loop, a sum through Log or a square after the loop, t written only in part) must
/// keep the sweep after the whole forward one. Every clean program: value and gradient against central differences at
/// three points, and against the same model's MBackward with fusion off (compiled apart) to 1e-12 relative. Programs just
/// outside (a pattern-matching declaration in the loop) get ADG0003 at it and no code. CI runs 60 programs;
/// AUTODIFFGEN_FUSED_COUNT runs more.
/// </summary>
public class FusedLoopPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Fz
        {
        """;

    private sealed record Program(string Name, string Text, string? Bad, bool Fuses);

    [Fact]
    public void PointLoops_FuseWhereTheyQualify_AndMatchCentralDifferencesAndTheUnfusedSweep()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_FUSED_COUNT", 60);
        var random = new Random(20261205);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), i % 10 == 9 ? 2 : i % 3 == 2 ? 1 : 0)).ToList();
        string source = ProgramBatch.Source(Header, all.Select(p => p.Text));
        var run = GeneratorHarness.Run(source);
        var clean = ProgramBatch.Judge(run, Header, all, p => (p.Name, p.Text, p.Bad));
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "Fz");
        string cleanSource = ProgramBatch.Source(Header, clean.Select(p => p.Text));
        var (fused, unfused, names) = TwoWays.Emit(cleanSource, m => BackwardEmitter.Emit(m), m => BackwardEmitter.Emit(m, fuseLoops: false));
        var twin = TwoWays.Load(cleanSource, unfused).GetType("Fz")!;

        int points = 0, fusedCount = 0;
        foreach (var p in clean)
        {
            int at = names.IndexOf(p.Name);
            bool isFused = fused[at] != unfused[at];
            Assert.True(isFused == p.Fuses, p.Name + (p.Fuses ? " should fuse but did not:\n" : " must not fuse but did:\n") + p.Text + "\n" + fused[at]);
            if (isFused) fusedCount++;
            var method = type.GetMethod(p.Name, BindingFlags.Public | BindingFlags.Static)!;
            var mine = type.GetMethod(p.Name + "Backward", BindingFlags.Public | BindingFlags.Static)!;
            var theirs = twin.GetMethod(p.Name + "Backward", BindingFlags.Public | BindingFlags.Static)!;
            for (int k = 0; k < 3; k++)
            {
                var point = Point(random);
                try
                {
                    CentralDifferenceRunner.Check(method, null, point);
                    var (value, gradient) = Call(mine, point);
                    var (unfusedValue, unfusedGradient) = Call(theirs, point);
                    Assert.Equal(unfusedValue, value);
                    // The same contributions, added into the arrays' adjoints in another order (per point, not per sweep).
                    for (int j = 0; j < gradient.Length; j++)
                    {
                        Tolerance.AssertClose(unfusedGradient[j], gradient[j], 1e-12 * Math.Max(1, Math.Abs(unfusedGradient[j])), "gradient " + j + " against the unfused sweep");
                    }
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(p.Name + " at " + string.Join(", ", point.Select(o => "[" + string.Join(", ", (double[])o) + "]")) + ": " + e.Message + "\n" + p.Text + "\n" + fused[at]);
                }
                points++;
            }
        }
        ProgramBatch.AssertCounts(all.Count, all.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
        output.WriteLine(fusedCount + " fused, " + (clean.Count - fusedCount) + " not");
        Assert.True(fusedCount > clean.Count / 3 && fusedCount < clean.Count, fusedCount + " of " + clean.Count + " fused");
    }

    /// <summary>MBackward with seed 2 and the adjoints preloaded with 0.25: the value, and (dA, dM) changes halved, flattened.</summary>
    internal static (double Value, double[] Gradient) Call(MethodInfo backward, object[] at)
    {
        var dA = Enumerable.Repeat(0.25, ((double[])at[0]).Length).ToArray();
        var dM = Enumerable.Repeat(0.25, ((double[])at[1]).Length).ToArray();
        double value = (double)backward.Invoke(null, [at[0], at[1], at[2], dA, dM, 2.0])!;
        return (value, dA.Concat(dM).Select(d => (d - 0.25) / 2).ToArray());
    }

    /// <summary>a and m of the same length 1–3, x of length 1–4 (a mean divides by it), in [−1.2, 1.2] to four places.</summary>
    private static object[] Point(Random random)
    {
        double Real() => Math.Round((random.NextDouble() * 2.4) - 1.2, 4);
        int k = 1 + random.Next(3);
        return [Enumerable.Range(0, k).Select(_ => Real()).ToArray(), Enumerable.Range(0, k).Select(_ => Real()).ToArray(), Enumerable.Range(0, 1 + random.Next(4)).Select(_ => Real()).ToArray()];
    }

    /// <param name="kind">0: must fuse; 1: looks alike, must not fuse; 2: just outside (ADG0003).</param>
    private static Program Next(Random random, string name, int kind)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        bool two = random.Next(3) == 0;
        string write = Pick("a[j] * (x[i] - m[j])", "a[j] - 0.5 * (x[i] - m[j]) * (x[i] - m[j])", "Math.Sin(a[j] + x[i]) * m[j]", "a[j] * m[j] + x[i]");
        string reduce = Pick("s += t[j] * t[j];", "s += Math.Exp(t[j] * 0.5);", "s = Math.Max(s, t[j]);", "s += t[j] * a[j];");
        string update = Pick("total += s;", "total -= 0.5 * s;", "total += Math.Log(1 + s * s);", "if (x[i] > 0) total += s; else total -= s * 0.25;", "total += s * x[i];");
        string post = Pick("total", "3 * total", "total / x.Length", "total - 0.1 * a[0] * a[0]", "-total + 2", "0.5 * (total - a[0])");
        string tail = Pick("", "", "if (s > 2) break;", "if (x[i] < -1) break;");
        string write2 = "for (int j = 0; j < a.Length; j++) t[j] = " + write + ";";
        string? bad = null;
        string extra = "";
        bool fuses = kind == 0;
        if (kind == 1)
        {
            switch (random.Next(5))
            {
                case 0: update = "total = total * 0.9 + s;"; break;
                case 1: update = "total += s * (1 + 0.1 * total);"; break;
                case 2: post = "Math.Log(1 + total * total)"; break;
                case 3: post = "total * total"; break;
                default: write2 = "for (int j = 0; j < a.Length - 1; j++) t[j] = " + write + ";"; break;
            }
        }
        if (kind == 2)
        {
            bad = "double d";
            extra = "            { if (s * 0.5 is double d) total += d * 0.5; }\n";
        }
        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double[] a, double[] m, [NoDiff] double[] x)\n    {\n");
        text.Append("        var t = new double[a.Length];\n        double total = 0").Append(two ? ", other = 0" : "").Append(";\n");
        text.Append("        for (int i = 0; i < x.Length; i++)\n        {\n");
        text.Append("            ").Append(write2).Append('\n');
        text.Append("            double s = 0;\n");
        text.Append("            for (int j = 0; j < a.Length; j++) ").Append(reduce).Append('\n');
        text.Append(extra);
        text.Append("            ").Append(update).Append('\n');
        if (two) text.Append("            other += t[0] * ").Append(Pick("x[i]", "0.5", "s")).Append(";\n");
        if (tail.Length > 0) text.Append("            ").Append(tail).Append('\n');
        text.Append("        }\n        return ").Append(post).Append(two ? " + " + Pick("other", "2 * other", "other / 3") : "").Append(";\n    }\n");
        return new Program(name, text.ToString(), bad, fuses);
    }
}
