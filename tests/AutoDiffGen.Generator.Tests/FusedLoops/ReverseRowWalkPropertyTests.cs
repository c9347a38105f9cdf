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
/// Property test of reverse row walks (<c>ReverseRowWalks</c>, perf15, the GMM's `Gen10`): random per-point pipelines over
/// <c>double P(double[] a, double[] m, [NoDiff] double[] x)</c> of a centring loop, a product loop, a triangle over rows
/// (elements above the row, below it, or the row itself; rows over d or d − 1; a row index carried or not), and a
/// reduction. Some must not be walked as one: the triangle reads qx above the row (its reverse writes there), walks below
/// the row, or qx is read after the point loop (its adjoint array is named elsewhere, so its zeroing stays). Outside what
/// is supported: a local jagged array created in the loop (ADG0003 at it). Every program that generates: value and
/// gradient against central differences at three points, and against the same model's MBackward without row walks to
/// 1e-12 relative. CI runs 40 programs; AUTODIFFGEN_ROWWALK_COUNT runs more.
/// </summary>
public class ReverseRowWalkPropertyTests(ITestOutputHelper output)
{
    internal const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Rrw
        {
        """;

    internal sealed record Program(string Name, string Text, string? Bad);

    /// <summary>The merged walk's trip count, which only ReverseRowWalks declares.</summary>
    internal static bool Walked(string code) => Regex.IsMatch(code, @"\bint rows\d+ = ");

    [Fact]
    public void RandomRowWalks_MatchCentralDifferencesAndTheSeparateWalks()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_ROWWALK_COUNT", 40);
        var random = new Random(20261215);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture))).ToList();
        RuleOffCheck.Run(Header, "Rrw", all.Select(p => (p.Name, p.Text, p.Bad)).ToList(), m => BackwardEmitter.Emit(m, rowWalks: false), Walked,
            () => Point(random), "walked as one", appliedShare: 4, output.WriteLine);
    }

    /// <summary>a and m of length d = 1–4, x of 1–3 points of d, in [−1.2, 1.2].</summary>
    internal static object[] Point(Random random)
    {
        double Real() => Math.Round((random.NextDouble() * 2.4) - 1.2, 4);
        int d = 1 + random.Next(4);
        return [Enumerable.Range(0, d).Select(_ => Real()).ToArray(), Enumerable.Range(0, d).Select(_ => Real()).ToArray(), Enumerable.Range(0, d * (1 + random.Next(3))).Select(_ => Real()).ToArray()];
    }

    /// <param name="outsideOneIn">One program in this many is outside what is supported (ZeroAdjointArrayPropertyTests: 5).</param>
    internal static Program Next(Random random, string name, int outsideOneIn = 8)
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
        string reduce = Pick("total += qx[j] * qx[j];", "total += a[j] * qx[j];", "total += Math.Sin(qx[j]);", "sq += qx[j] * qx[j];");
        // qx read after the point loop: its adjoint array is named outside the walks.
        string tail = Pick("", "", "", "", "total += 0.5 * qx[0];");
        bool outside = random.Next(outsideOneIn) == 0;
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
                        for (int j = 0; j < d; j++) xc[j] = {{centre}};
                        for (int j = 0; j < d; j++) qx[j] = {{product}};
                        int li = p;
                        for (int i = 0; i < {{rows}}; i++)
                        {
                            for (int {{inner}}; j++)
                            {
                                qx[j] += {{add}};
                                li++;
                            }
                        }
                        double sq = 0;
                        for (int j = 0; j < d; j++) {{reduce}}
                        total += 0.25 * sq;
                        {{badStatement}}
                    }
                    {{tail}}
                    return total;
                }
            """;
        return new Program(name, text, outside ? bad : null);
    }
}
