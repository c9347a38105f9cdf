using System.Globalization;
using System.Reflection;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Tests.CompileCost;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.FusedLoops;

/// <summary>
/// Property test of adjacent reverse loops walked as one (<c>ReverseLoopFusion</c>): random per-point pipelines over
/// <c>double P(double[] a, double[] m, [NoDiff] double[] x)</c> of a centring loop writing xc (arithmetic, or through Math.Exp,
/// whose reverse pops), a product loop writing qx from xc at the counter or at another index, sometimes adding m or reading
/// xc twice, over the same range or another name for it, then a reduction, per point or per component. Outside what is
/// supported: a local jagged array created in the loop (ADG0003 at it). Every program that generates: value and gradient
/// against central differences at three points, and against the same model's MBackward with loop fusion off (neither
/// fusion) to 1e-12 relative; the rule applies to some and not to all. CI runs 40 programs; AUTODIFFGEN_REVFUSE_COUNT runs more.
/// </summary>
public class ReverseLoopFusionPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Rlz
        {
        """;

    private sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void RandomPipelines_MatchCentralDifferencesAndTheUnfusedSweep()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_REVFUSE_COUNT", 40);
        var random = new Random(20261206);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture))).ToList();
        string source = ProgramBatch.Source(Header, all.Select(p => p.Text));
        var run = GeneratorHarness.Run(source);
        var clean = ProgramBatch.Judge(run, Header, all, p => (p.Name, p.Text, p.Bad));
        Assert.True(clean.Count < all.Count && clean.Count > all.Count / 2, clean.Count + " of " + all.Count + " clean");
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "Rlz");
        // The fused text is read with the all-zero adjoint arrays kept (ZeroAdjointArrays, perf19, folds the fused walk's
        // always-zero dXc read away in some programs, in several textual forms); the code checked below has them dropped.
        var (fused, unfused, names) = TwoWays.Emit(source, m => BackwardEmitter.Emit(m, zeroArrays: false), m => BackwardEmitter.Emit(m, fuseLoops: false));
        var twin = TwoWays.Load(source, unfused).GetType("Rlz")!;

        int points = 0, walkedAsOne = 0;
        foreach (var p in clean)
        {
            int at = names.IndexOf(p.Name);
            if (ReverseLoopFusionTests.Fused(fused[at])) walkedAsOne++;
            var method = type.GetMethod(p.Name, BindingFlags.Public | BindingFlags.Static)!;
            var mine = type.GetMethod(p.Name + "Backward", BindingFlags.Public | BindingFlags.Static)!;
            var theirs = twin.GetMethod(p.Name + "Backward", BindingFlags.Public | BindingFlags.Static)!;
            for (int k = 0; k < 3; k++)
            {
                var point = Point(random);
                try
                {
                    CentralDifferenceRunner.Check(method, null, point);
                    var (value, gradient) = FusedLoopPropertyTests.Call(mine, point);
                    var (unfusedValue, unfusedGradient) = FusedLoopPropertyTests.Call(theirs, point);
                    Assert.Equal(unfusedValue, value);
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
        output.WriteLine(clean.Count + " programs generated, " + walkedAsOne + " with reverse loops walked as one, " + points + " points checked");
        Assert.True(walkedAsOne > clean.Count / 8 && walkedAsOne < clean.Count, walkedAsOne + " of " + clean.Count + " walked as one");
    }

    /// <summary>a and m of length d = 1–3, x of 1–3 points of d, in [−1.2, 1.2].</summary>
    private static object[] Point(Random random)
    {
        double Real() => Math.Round((random.NextDouble() * 2.4) - 1.2, 4);
        int d = 1 + random.Next(3);
        return [Enumerable.Range(0, d).Select(_ => Real()).ToArray(), Enumerable.Range(0, d).Select(_ => Real()).ToArray(), Enumerable.Range(0, d * (1 + random.Next(3))).Select(_ => Real()).ToArray()];
    }

    private static Program Next(Random random, string name)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string centre = Pick("x[p * d + j] - m[j]", "x[p * d + j] - m[j]", "0.5 * m[j] - x[p * d + j]", "Math.Exp(0.3 * m[j] * x[p * d + j])", "m[j] * x[p * d + j] + 1.0");
        string at = Pick("j", "j", "j", "d - 1 - j");
        string product = Pick("a[j] * xc[" + at + "]", "a[j] * xc[" + at + "]", "a[j] * xc[" + at + "] + m[j]", "xc[" + at + "] * xc[" + at + "] * a[j]", "a[j] * xc[j] - 0.5 * xc[" + at + "]");
        string range = Pick("d", "d", "d", "e");
        string reduce = Pick("total += qx[j] * qx[j];", "total += a[j] * qx[j];", "total += Math.Sin(qx[j]);");
        bool outside = random.Next(8) == 0;
        string bad = outside ? "new double[2][]" : "";
        string badStatement = outside ? "var spare = new double[2][]; spare[0] = new double[1]; spare[0][0] = qx[0]; total += spare[0][0];" : "";
        string text = $$"""
                [Differentiable]
                public static double {{name}}(double[] a, double[] m, [NoDiff] double[] x)
                {
                    int d = a.Length;
                    int e = m.Length;
                    var xc = new double[d];
                    var qx = new double[d];
                    double total = 0;
                    for (int p = 0; p < x.Length / d; p++)
                    {
                        for (int j = 0; j < {{range}}; j++) xc[j] = {{centre}};
                        for (int j = 0; j < d; j++) qx[j] = {{product}};
                        for (int j = 0; j < d; j++) {{reduce}}
                        {{badStatement}}
                    }
                    return total;
                }
            """;
        return new Program(name, text, outside ? bad : null);
    }
}
