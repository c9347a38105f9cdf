using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Tests.FusedLoops;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.ReusedArrays;

/// <summary>
/// Property test of local arrays lent by the workspace (<c>Differentiation/ReusedArrays</c>, perf18): random programs over
/// <c>double P(double[] a, double[] m, [NoDiff] double[] x)</c> with one to three local arrays of lengths n, n + 1, n + 2 or
/// 2n (n = a.Length), filled from a, m and x, some elements read before they are written (so they must read 0), some never
/// written (the slots past n, read as 0), read by index, by <c>foreach</c> and through <c>Length</c>, one made in a branch.
/// Some arrays must not be lent: passed to a [Differentiable] callee, or made in a loop. Outside what is supported (1 in 5):
/// a local jagged array made in a loop (ADG0003 at it). Every program that generates: value and gradient against central
/// differences at three points of different lengths (each call gets the arrays the last one left, of other lengths, from
/// every program of the batch), and against the same model's MBackward with the rule off to 1e-12 relative. CI runs 40
/// programs; AUTODIFFGEN_REUSED_ARRAY_COUNT runs more.
/// </summary>
public class ReusedArrayPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Rap
        {
            [Differentiable]
            public static double Total(double[] v)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
                return s;
            }

        """;

    private sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void RandomLocalArrays_MatchCentralDifferencesAndFreshArrays()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_REUSED_ARRAY_COUNT", 40);
        var random = new Random(20261218);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture))).ToList();
        RuleOffCheck.Run(Header, "Rap", all.Select(p => (p.Name, p.Text, p.Bad)).ToList(), m => BackwardEmitter.Emit(m, reuseArrays: false), ReusedArrayTests.Lent,
            () => Point(random), "lent by the workspace", appliedShare: 4, output.WriteLine);
    }

    /// <summary>
    /// The same random programs with <c>Forward = true, Hessian = true</c> (perf19: the arrays lent in every mode): each clean
    /// one's MForward against the central difference of f along a random tangent, and its MHessianVector against the central
    /// difference of MBackward's gradient along a random direction, at two points; the arrays that MBackward lends are lent in
    /// both (<c>.Local&lt;</c>), and those it does not are not. Outside (1 in 5): the jagged local made in a loop, ADG0003 at it
    /// in every mode. CI runs 16 programs; AUTODIFFGEN_REUSED_ARRAY_MODES_COUNT runs more.
    /// </summary>
    [Fact]
    public void RandomLocalArrays_InForwardAndHessianVectorModes_AreLentAndMatchCentralDifferences()
    {
        const string modes = "[Differentiable(Forward = true, Hessian = true)]";
        int count = ProgramBatch.Count("AUTODIFFGEN_REUSED_ARRAY_MODES_COUNT", 16);
        var random = new Random(20261219);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture)))
            .Select(p => p with { Text = p.Text.Replace("[Differentiable]", modes) }).ToList();
        string header = Header.Replace("[Differentiable]", modes);
        var run = GeneratorHarness.Run(ProgramBatch.Source(header, all.Select(p => p.Text)));
        var clean = ProgramBatch.Judge(run, header, all, p => (p.Name, p.Text, p.Bad));
        Assert.True(clean.Count < all.Count && clean.Count > all.Count / 2, clean.Count + " of " + all.Count + " clean");
        string generated = string.Concat(run.Generated.Values);
        // Callable wrappers (a span cannot go through reflection): the tangent, and H·v into hv.
        var type = ProgramBatch.LoadClean(header, clean.Select(p => p.Text
            + "    public static double " + p.Name + "T(double[] a, double[] m, double[] x, double[] tA, double[] tM) { " + p.Name + "Forward(a, m, x, tA, tM, out double t); return t; }\n"
            + "    public static void " + p.Name + "Hv(double[] a, double[] m, double[] x, double[] v, double[] hv) => " + p.Name + "HessianVector(a, m, x, v, hv);\n"), "Rap");
        int lent = 0, points = 0;
        foreach (var p in clean)
        {
            bool backward = ReusedArrayTests.Lent(RuleTexts.Backward(generated, p.Name));
            string forward = Generated(generated, p.Name + "Forward"), product = Generated(generated, p.Name + "HessianVector");
            Assert.True(backward == ReusedArrayTests.Lent(forward) && backward == ReusedArrayTests.Lent(product), p.Name + ": lent in MBackward " + backward + ", not so in the other modes:\n" + forward + product);
            if (backward) lent++;
            var f = type.GetMethod(p.Name)!.CreateDelegate<Func<double[], double[], double[], double>>();
            var t = type.GetMethod(p.Name + "T")!.CreateDelegate<Func<double[], double[], double[], double[], double[], double>>();
            var hv = type.GetMethod(p.Name + "Hv")!.CreateDelegate<Action<double[], double[], double[], double[], double[]>>();
            var backwardMethod = type.GetMethod(p.Name + "Backward")!;
            for (int k = 0; k < 2; k++)
            {
                var at = Point(random);
                double[] a = (double[])at[0], m = (double[])at[1], x = (double[])at[2];
                double[] v = Enumerable.Range(0, 2 * a.Length).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 3)).ToArray();
                double[] Along(double[] q, int from, double s) => q.Select((value, i) => value + s * v[from + i]).ToArray();
                const double h = 1e-5;
                string where = p.Name + " at a = " + Shown(a) + ", m = " + Shown(m) + ", x = " + Shown(x) + ", v = " + Shown(v) + "\n" + p.Text;
                double tangent = t(a, m, x, v[..a.Length], v[a.Length..]);
                double numeric = (f(Along(a, 0, h), Along(m, a.Length, h), x) - f(Along(a, 0, -h), Along(m, a.Length, -h), x)) / (2 * h);
                Tolerance.AssertCentral(numeric, tangent, Math.Abs(f(a, m, x)) + 1, "MForward: " + where);
                var hvValues = new double[v.Length];
                hv(a, m, x, v, hvValues);
                var (_, plus) = FusedLoopPropertyTests.Call(backwardMethod, [Along(a, 0, h), Along(m, a.Length, h), x]);
                var (_, minus) = FusedLoopPropertyTests.Call(backwardMethod, [Along(a, 0, -h), Along(m, a.Length, -h), x]);
                for (int j = 0; j < v.Length; j++) Tolerance.AssertCentral((plus[j] - minus[j]) / (2 * h), hvValues[j], Math.Abs(plus[j]) + 1, "MHessianVector[" + j + "]: " + where);
                points++;
            }
        }
        output.WriteLine(clean.Count + " programs generated in three modes, " + lent + " lend their arrays, " + (clean.Count - lent) + " not, " + (all.Count - clean.Count) + " diagnosed, " + points + " points checked");
        Assert.True(lent >= clean.Count / 4 && clean.Count - lent >= 1, lent + " of " + clean.Count + " lent");
    }

    private static string Shown(double[] values) => "[" + string.Join(", ", values.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>The generated method's text, from its declaration to the next member's summary.</summary>
    private static string Generated(string all, string name)
    {
        int at = all.IndexOf(" double " + name + "(", StringComparison.Ordinal);
        Assert.True(at >= 0, name + " not generated");
        int next = all.IndexOf("/// <summary>", at, StringComparison.Ordinal);
        return next < 0 ? all[at..] : all[at..next];
    }

    /// <summary>a and m of length 1–4, x of 1–3 values, in [−1.2, 1.2] to four places.</summary>
    private static object[] Point(Random random)
    {
        double Real() => Math.Round((random.NextDouble() * 2.4) - 1.2, 4);
        int k = 1 + random.Next(4);
        return [Enumerable.Range(0, k).Select(_ => Real()).ToArray(), Enumerable.Range(0, k).Select(_ => Real()).ToArray(), Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Real()).ToArray()];
    }

    private static Program Next(Random random, string name)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        var body = new StringBuilder();
        void Line(string text) => body.Append("        ").Append(text).Append('\n');
        // A quarter of the programs lend nothing: every array is passed to Total or made in the loop over x.
        bool none = random.Next(4) == 0;
        int arrays = 1 + random.Next(3);
        // t0 is read by the later arrays only where it is in scope (not made in a branch or a loop).
        bool firstInScope = false;
        for (int k = 0; k < arrays; k++)
        {
            string t = "t" + k.ToString(CultureInfo.InvariantCulture);
            string size = Pick("n", "n", "n + 1", "n + 2", "2 * n");
            string value = Pick("a[i] * m[i]", "Math.Sin(a[i]) + m[i] * x[0]", "a[i] - 0.5 * m[i]", firstInScope ? "t0[i] * a[i] + m[i]" : "a[i] * x[0]");
            string use = none ? Pick("passed", "loop") : Pick("plain", "plain", "readFirst", "foreach", "length", "tail", "branch", k > 0 ? "plain" : "passed");
            switch (use)
            {
                case "loop":
                    Line("for (int p = 0; p < x.Length; p++)");
                    Line("{");
                    Line("    var " + t + " = new double[" + size + "];");
                    Line("    for (int i = 0; i < n; i++) " + t + "[i] = " + value.Replace("x[0]", "x[p]") + ";");
                    Line("    for (int i = 0; i < n; i++) s += " + t + "[i] * " + Pick("m[i]", "a[i]", t + "[i]") + ";");
                    Line("}");
                    continue;
                case "branch":
                    Line("if (x[0] > " + Pick("0", "-0.5", "0.5") + ")");
                    Line("{");
                    Line("    var " + t + " = new double[" + size + "];");
                    Line("    for (int i = 0; i < n; i++) " + t + "[i] = " + value + ";");
                    Line("    for (int i = 0; i < " + t + ".Length; i++) s += " + t + "[i] * " + t + "[i];");
                    Line("}");
                    continue;
            }
            Line("var " + t + " = new double[" + size + "];");
            if (k == 0) firstInScope = true;
            if (use == "readFirst")
            {
                // Read before written: 0 in every call, as new gives.
                Line("for (int i = 0; i < n; i++) { s += (" + t + "[i] + 0.5) * " + Pick("a[i]", "m[i]") + "; " + t + "[i] = " + value + "; }");
            }
            else
            {
                Line("for (int i = 0; i < n; i++) " + t + "[i] = " + value + ";");
            }
            Line(use switch
            {
                "foreach" => "foreach (double v in " + t + ") s += v * " + Pick("v", "0.5", "x[0]") + ";",
                "length" => "for (int i = 0; i < " + t + ".Length; i++) s += Math.Cos(" + t + "[i]) * " + Pick("0.5", "x[0]") + ";",
                // The last slot: never written when the array is longer than n (then 0), else t[n − 1].
                "tail" => "s += " + t + "[" + t + ".Length - 1] * " + Pick("a[0]", "m[n - 1]") + " + " + t + "[0];",
                "passed" => "s += Total(" + t + ");",
                _ => "for (int i = 0; i < n; i++) s += " + t + "[i] * " + Pick("m[i]", t + "[i]", "x[0]") + ";",
            });
        }
        bool outside = random.Next(5) == 0;
        string bad = "new double[2][]";
        if (outside)
        {
            Line("for (int p = 0; p < x.Length; p++) { var spare = " + bad + "; spare[0] = new double[1]; spare[0][0] = a[0] * x[p]; s += spare[0][0]; }");
        }
        string text = "    [Differentiable]\n    public static double " + name + "(double[] a, double[] m, [NoDiff] double[] x)\n    {\n        int n = a.Length;\n        double s = 0;\n"
            + body + "        return s;\n    }\n";
        return new Program(name, text, outside ? bad : null);
    }
}
