using System.Globalization;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.FusedLoops;

/// <summary>
/// Property test of invariant elements read before their inner loop (<c>Differentiator.ReadsBeforeLoop</c>): random loop
/// nests of the GMM triangle's shape over <c>double P(double[] a, double[] w, [NoDiff] double[] x)</c>, per point a local
/// array t rewritten from a and x, then rows r (some past t's end, where the row's loop runs no times) whose inner loop reads
/// t[r] (or t[r − 1], t[0]) once or twice among other reads, writes q[j], sometimes writes t itself (at j, or at r through a
/// ref alias), sometimes has an integer division or a Math call before the read, and starts at r + 1, r or 0 (a loop that
/// would read t past its end only where it does not run). Outside what is supported: a local jagged array created in the
/// inner loop (ADG0003 at it). Every program that generates: its MBackward returns the primal's value bit for bit, and its
/// gradient matches central differences at three points; the rule applies to some and not to all. CI runs 40 programs;
/// AUTODIFFGEN_READBEFORE_COUNT runs more.
/// </summary>
public class ReadsBeforeLoopPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Rbp
        {
        """;

    private sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void RandomTriangles_MatchCentralDifferencesAndThePrimal()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_READBEFORE_COUNT", 40);
        var random = new Random(20261205);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture))).ToList();
        string source = ProgramBatch.Source(Header, all.Select(p => p.Text));
        var run = GeneratorHarness.Run(source);
        var clean = ProgramBatch.Judge(run, Header, all, p => (p.Name, p.Text, p.Bad));
        Assert.True(clean.Count < all.Count && clean.Count > all.Count / 2, clean.Count + " of " + all.Count + " clean");
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "Rbp");

        int points = 0, withGuarded = 0;
        foreach (var p in clean)
        {
            if (ReadsBeforeLoopTests.Guarded(source, p.Name).Count > 0) withGuarded++;
            var method = type.GetMethod(p.Name, BindingFlags.Public | BindingFlags.Static)!;
            var backward = type.GetMethod(p.Name + "Backward", BindingFlags.Public | BindingFlags.Static)!;
            for (int k = 0; k < 3; k++)
            {
                var point = Point(random);
                try
                {
                    double primal = (double)method.Invoke(null, point)!;
                    var dA = new double[((double[])point[0]).Length];
                    var dW = new double[((double[])point[1]).Length];
                    Assert.Equal(primal, (double)backward.Invoke(null, [point[0], point[1], point[2], dA, dW, 1.0])!);
                    CentralDifferenceRunner.Check(method, null, point);
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(p.Name + " at " + string.Join(", ", point.Select(o => "[" + string.Join(", ", (double[])o) + "]")) + ": " + e.Message + "\n" + p.Text);
                }
                points++;
            }
        }
        output.WriteLine(clean.Count + " programs generated, " + withGuarded + " with reads before a loop, " + points + " points checked");
        Assert.True(withGuarded > clean.Count / 8 && withGuarded < clean.Count, withGuarded + " of " + clean.Count + " with reads before a loop");
    }

    /// <summary>d = 1–4: a of length d, w of d² (every row's elements fit), x of 1–3 points, in [−1.2, 1.2].</summary>
    private static object[] Point(Random random)
    {
        double Real() => Math.Round((random.NextDouble() * 2.4) - 1.2, 4);
        int d = 1 + random.Next(4);
        return [Enumerable.Range(0, d).Select(_ => Real()).ToArray(), Enumerable.Range(0, d * d).Select(_ => Real()).ToArray(), Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Real()).ToArray()];
    }

    private static Program Next(Random random, string name)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        // Rows past t's end (r ≥ d) only where the row's loop cannot run there (it starts at r + 1 or r).
        string start = Pick("r + 1", "r + 1", "r", "0");
        string rows = start == "0" ? "d" : Pick("d", "d + 1", "d + 2");
        string read = Pick("t[r]", "t[r]", "t[r] * t[r]", start == "0" ? "t[r]" : "t[r] + t[r]");
        string before = Pick("", "", "", "int h = (l * 3) / 3; l = h;", "double g = Math.Sin(w[l]) * 0.5; q[j] += g;", "double g = w[l] * 2; q[j] -= g;");
        string writeT = Pick("", "", "", "", "t[j] = t[j] * 0.5 + w[l];", "ref double e = ref t[r]; e = e * 0.75;");
        string value = Pick("w[l] * " + read, "q[j] * 0.25 + " + read + " * w[l]", "Math.Exp(0.1 * w[l]) * " + read);
        bool outside = random.Next(8) == 0;
        string bad = outside ? "new double[2][]" : "";
        string badStatement = outside ? "var spare = new double[2][]; spare[0] = new double[1]; spare[0][0] = q[j]; q[j] += spare[0][0];" : "";
        string text = $$"""
                [Differentiable]
                public static double {{name}}(double[] a, double[] w, [NoDiff] double[] x)
                {
                    int d = a.Length;
                    var t = new double[d];
                    var q = new double[d];
                    double total = 0;
                    for (int p = 0; p < x.Length; p++)
                    {
                        for (int i = 0; i < d; i++)
                        {
                            t[i] = x[p] * a[i] + 0.5;
                            q[i] = 0;
                        }
                        int l = 0;
                        for (int r = 0; r < {{rows}}; r++)
                        {
                            for (int j = {{start}}; j < d; j++)
                            {
                                {{before}}
                                q[j] += {{value}};
                                {{writeT}}
                                {{badStatement}}
                                l++;
                            }
                        }
                        for (int j = 0; j < d; j++) total += q[j] * q[j];
                    }
                    return total;
                }
            """;
        return new Program(name, text, outside ? bad : null);
    }
}
