using System.Globalization;
using System.Reflection;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Tests.CompileCost;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.FusedLoops;

/// <summary>
/// Property test of fused read-backs (<c>Differentiator.FusedReadBacks</c>): random fused point loops over
/// <c>double P(double[] a, double[] m, [NoDiff] double[] x)</c> whose per-component inner loop writes a local array t all
/// over (an arithmetic value, recomputed only when it loads at most one element with no division: the cost rule; or one
/// through Math.Sin/Exp that cannot be recomputed), sometimes stores into it between
/// that loop and the reads or after them, reads it in a later loop at the counter, at a reversed or rotated index, and in a
/// triangle whose row value is read once per row (rows past the end read nothing), then reduces per point. Every program,
/// inside the rule or outside it: value and gradient against central differences at three points, and against the same
/// model's MBackward with fusion off (no read-back: compiled apart) to 1e-12 relative. CI runs 40 programs;
/// AUTODIFFGEN_READBACK_COUNT runs more.
/// </summary>
public class FusedReadBackPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Rbz
        {
        """;

    private sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void RandomFusedPrograms_MatchCentralDifferencesAndTheUnfusedSweep()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_READBACK_COUNT", 40);
        var random = new Random(20261204);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture))).ToList();
        string source = ProgramBatch.Source(Header, all.Select(p => p.Text));
        var run = GeneratorHarness.Run(source);
        var clean = ProgramBatch.Judge(run, Header, all, p => (p.Name, p.Text, p.Bad));
        Assert.Equal(all.Count, clean.Count);
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "Rbz");
        var (fused, unfused, names) = TwoWays.Emit(source, m => BackwardEmitter.Emit(m), m => BackwardEmitter.Emit(m, fuseLoops: false));
        var twin = TwoWays.Load(source, unfused).GetType("Rbz")!;

        int points = 0, fusedCount = 0, withReadBacks = 0;
        foreach (var p in clean)
        {
            int at = names.IndexOf(p.Name);
            if (fused[at] != unfused[at]) fusedCount++;
            if (FusedReadBackTests.ReadBacks(source, p.Name).Count > 0) withReadBacks++;
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
        output.WriteLine(clean.Count + " programs, " + fusedCount + " fused, " + withReadBacks + " with read-backs, " + points + " points checked");
        // Every program fuses (the shapes are the fused rule's); the rule applies to many and not to all (a value of at
        // most one load and no division or Math call with no store between: a third of the writes, three quarters of those).
        Assert.Equal(clean.Count, fusedCount);
        Assert.True(withReadBacks > clean.Count / 8 && withReadBacks < clean.Count, withReadBacks + " of " + clean.Count + " with read-backs");
    }

    /// <summary>k = 1–2 components of d = 1–3 dimensions: a of length k, m of k·d, x of 1–3 points of d, in [−1.2, 1.2].</summary>
    private static object[] Point(Random random)
    {
        double Real() => Math.Round((random.NextDouble() * 2.4) - 1.2, 4);
        int k = 1 + random.Next(2), d = 1 + random.Next(3), n = 1 + random.Next(3);
        return [Enumerable.Range(0, k).Select(_ => Real()).ToArray(), Enumerable.Range(0, k * d).Select(_ => Real()).ToArray(), Enumerable.Range(0, n * d).Select(_ => Real()).ToArray()];
    }

    private static Program Next(Random random, string name)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string write = Pick("x[i * d + j] - m[c * d + j]", "a[c] * (x[i * d + j] - m[c * d + j])", "m[c * d + j] * x[i * d + j] + a[c] / 2", "-m[c * d + j] + 0.5",
            "Math.Sin(m[c * d + j]) * x[i * d + j]", "Math.Exp(0.3 * m[c * d + j]) - x[i * d + j]",
            "0.5 * m[c * d + j] - i", "(i + 1) * m[c * d + j]", "m[c * d + j] / 3");
        string index = Pick("j", "d - 1 - j", "(j + 1) % d");
        string between = Pick("", "", "", "t[0] = 2 * t[0];");
        string after = Pick("", "", "t[d - 1] = q;");
        string triangle = random.Next(2) == 0 ? "" : """
                            for (int r = 0; r < d + 1; r++)
                            {
                                for (int j = r + 1; j < d; j++) q += t[r] * t[j] * 0.5;
                            }
            """;
        string text = $$"""
                [Differentiable]
                public static double {{name}}(double[] a, double[] m, [NoDiff] double[] x)
                {
                    int k = a.Length;
                    int d = m.Length / k;
                    var t = new double[d];
                    var u = new double[k];
                    double total = 0;
                    for (int i = 0; i < x.Length / d; i++)
                    {
                        for (int c = 0; c < k; c++)
                        {
                            for (int j = 0; j < d; j++) t[j] = {{write}};
                            {{between}}
                            double q = 0;
                            for (int j = 0; j < d; j++) q += t[{{index}}] * t[j];
            {{triangle}}
                            {{after}}
                            u[c] = a[c] * q;
                        }
                        double s = 0;
                        for (int c = 0; c < k; c++) s += u[c];
                        total += s;
                    }
                    return total;
                }
            """;
        return new Program(name, text, null);
    }
}
