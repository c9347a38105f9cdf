using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Tests.CompileCost;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.FusedLoops;

/// <summary>
/// Property test of one element taped once for two loops of a merged row walk (<c>ReverseRowWalkSharedPops</c>, perf16, the
/// GMM's `Gen12`): ReverseRowWalkPropertyTests' random pipelines (a centring loop, a product loop, a triangle over rows, a
/// reduction), where the triangle's row element <c>xc[i]</c> may equal the product loop's <c>xc[j]</c> at the same index.
/// Some must not share it: the row overwrites <c>xc[i]</c> before (or after) its inner loop, the product loop reads
/// another element, the triangle is not walked as one with the product loop. Outside what is supported: a local jagged
/// array created in the loop (ADG0003 at it). Every program that generates: value and gradient against central
/// differences at three points, and against the same model's MBackward with the rule off to 1e-12 relative. CI runs 40
/// programs; AUTODIFFGEN_SHAREDPOP_COUNT runs more.
/// </summary>
public class SharedPopPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Spp
        {
        """;

    private sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void RandomRowElements_MatchCentralDifferencesAndTheirOwnTapes()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_SHAREDPOP_COUNT", 40);
        var random = new Random(20261217);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture))).ToList();
        // An eighth applied at least: sharing needs two components, a product and a row that both need xc, and the rows
        // walked as one with the product loop.
        RuleOffCheck.Run(Header, "Spp", all.Select(p => (p.Name, p.Text, p.Bad)).ToList(), m => BackwardEmitter.Emit(m, sharePops: false), SharedPopTests.Shared,
            () => Point(random), "shared", appliedShare: 8, output.WriteLine);
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
        string product = Pick("a[j] * xc[j]", "a[j] * xc[j]", "Math.Exp(0.2 * a[j]) * xc[j]", "xc[j] * xc[j] * a[j]");
        // The triangle's inner range: above the row (the rule's case), from a farther start, below it, or the row itself.
        string inner = Pick("j = i + 1; j < d", "j = i + 1; j < d", "j = i + 1; j < d", "j = i + 2; j < d", "j = 0; j < i", "j = i; j < d");
        string rows = Pick("d", "d", "d", "d - 1");
        // The element added: from the row's xc (an adjoint at the row), or reading qx above (its reverse writes there).
        // (The coefficients come from a local array: a parameter's adjoint added into by two walks keeps them apart.)
        string add = Pick("l[li % d] * xc[i]", "l[li % d] * xc[i]", "l[i] * xc[i]", "0.3 * xc[i] * xc[j]", "0.1 * qx[i]");
        // The row overwrites its xc[i] (before the inner loop reads it: the values differ; after: a new version all the same).
        string overwrite = Pick("", "", "", "xc[i] = 2.0 * xc[i]; ", "XC");
        string reduce = Pick("total += qx[j] * qx[j];", "total += a[j] * qx[j];", "total += Math.Sin(qx[j]);", "sq += qx[j] * qx[j];");
        // qx read after the point loop: its adjoint array is named outside the walks.
        string tail = Pick("", "", "", "", "total += 0.5 * qx[0];");
        // Components per point: with two, xc is written again before the reverse, so its elements are taped (read back with one).
        int components = random.Next(4) == 0 ? 1 : 2;
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
                            int li = p + k;
                            for (int i = 0; i < {{rows}}; i++)
                            {
                                {{(overwrite == "XC" ? "" : overwrite)}}for (int {{inner}}; j++)
                                {
                                    qx[j] += {{add}};
                                    li++;
                                }
                                {{(overwrite == "XC" ? "xc[i] = 0.5 * xc[i];" : "")}}
                            }
                            double sq = 0;
                            for (int j = 0; j < d; j++) {{reduce}}
                            total += 0.25 * sq;
                        }
                        {{badStatement}}
                    }
                    {{tail}}
                    return total;
                }
            """;
        return new Program(name, text, outside ? bad : null);
    }
}
