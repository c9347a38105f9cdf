using System.Globalization;
using System.Reflection;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Tests.CompileCost;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.FusedLoops;

/// <summary>
/// Property test of row counters walked back (<c>Differentiator.WalkedBack</c>, perf16, the GMM's `Gen11`): random per-point
/// pipelines over <c>double P(double[] a, double[] m, [NoDiff] double[] x)</c> whose triangle carries a coefficient index
/// <c>li</c> over the rows, stepped only by the inner loop (by 1, 2 or −1), from 0, from the point's counter or from the
/// component's block. Some must not be walked back: the inner loop under a branch, the inner loop with a <c>break</c>, li
/// read by the row itself, li stepped in a branch. Outside what is supported: a local jagged array created in the loop
/// (ADG0003 at it). Every program that generates: value and gradient against central differences at three points, and
/// against the same model's MBackward with the rule off to 1e-12 relative. CI runs 40 programs; AUTODIFFGEN_WALKBACK_COUNT
/// runs more.
/// </summary>
public class WalkedBackCounterPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Wbp
        {
        """;

    private sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void RandomRowCounters_MatchCentralDifferencesAndTheTapedCounters()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_WALKBACK_COUNT", 40);
        var random = new Random(20261216);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture))).ToList();
        RuleOffCheck.Run(Header, "Wbp", all.Select(p => (p.Name, p.Text, p.Bad)).ToList(), m => BackwardEmitter.Emit(m, walkBack: false), WalkedBackCounterTests.WalkedBack,
            () => Point(random), "walked back", appliedShare: 4, output.WriteLine);
    }

    /// <summary>a and m of length d = 1–4, x of 1–3 points of d, in [−1.2, 1.2].</summary>
    private static object[] Point(Random random)
    {
        double Real() => Math.Round((random.NextDouble() * 2.4) - 1.2, 4);
        int d = 1 + random.Next(4);
        return [Enumerable.Range(0, d).Select(_ => Real()).ToArray(), Enumerable.Range(0, d).Select(_ => Real()).ToArray(), Enumerable.Range(0, d * (1 + random.Next(3))).Select(_ => Real()).ToArray()];
    }

    private static Program Next(Random random, string name)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string centre = Pick("x[p * d + j] - m[j]", "x[p * d + j] - m[j]", "Math.Sin(m[j] * x[p * d + j])", "m[j] * x[p * d + j] + 1.0");
        string product = Pick("a[j] * xc[j]", "a[j] * xc[j]", "Math.Exp(0.2 * a[j]) * xc[j]");
        // The triangle's inner range; its trip count is computed in the reverse for each of these.
        string inner = Pick("j = i + 1; j < d", "j = i + 1; j < d", "j = i + 2; j < d", "j = 0; j < i", "j = i; j < d", "j = 0; j < d");
        string rows = Pick("d", "d", "d - 1");
        string start = Pick("0", "p", "k * 3 + 1");
        string step = Pick("li++;", "li++;", "li++;", "li += 2;", "li--;");
        // Must not be walked back: the inner loop under a branch or with a break, li read by the row, li stepped in a branch.
        string shape = Pick("plain", "plain", "plain", "plain", "branch", "break", "rowRead", "stepIf");
        string loop = "for (int " + inner + "; j++)";
        string body = shape switch
        {
            "break" => "if (xc[j] > 0.9) break; qx[j] += l[((li % d) + d) % d] * xc[i]; " + step,
            "stepIf" => "qx[j] += l[((li % d) + d) % d] * xc[i]; if (xc[j] > 0.2) " + step,
            _ => "qx[j] += l[((li % d) + d) % d] * xc[i]; " + step,
        };
        string row = shape switch
        {
            "branch" => "if (i % 2 == 0) { " + loop + " { " + body + " } }",
            "rowRead" => "qx[i] += 0.01 * (li % 3) * xc[i]; " + loop + " { " + body + " }",
            _ => loop + " { " + body + " }",
        };
        int components = random.Next(2) + 1;
        string reduce = Pick("total += qx[j] * qx[j];", "total += a[j] * qx[j];", "total += Math.Sin(qx[j]);");
        bool outside = random.Next(8) == 0;
        string bad = outside ? "new double[2][]" : "";
        string badStatement = outside ? "var spare = new double[2][]; spare[0] = new double[1]; spare[0][0] = qx[0]; total += spare[0][0];" : "";
        string text = $$"""
                [Differentiable]
                public static double {{name}}(double[] a, double[] m, [NoDiff] double[] x)
                {
                    int d = a.Length;
                    var xc = new double[d];
                    var qx = new double[d];
                    var l = new double[d];
                    for (int j = 0; j < d; j++) l[j] = 0.5 * a[j] * m[j];
                    double total = 0;
                    for (int p = 0; p < x.Length / d; p++)
                    {
                        for (int k = 0; k < {{components}}; k++)
                        {
                            for (int j = 0; j < d; j++) xc[j] = {{centre}};
                            for (int j = 0; j < d; j++) qx[j] = {{product}};
                            int li = {{start}};
                            for (int i = 0; i < {{rows}}; i++)
                            {
                                {{row}}
                            }
                            for (int j = 0; j < d; j++) {{reduce}}
                        }
                        {{badStatement}}
                    }
                    return total;
                }
            """;
        return new Program(name, text, outside ? bad : null);
    }
}
