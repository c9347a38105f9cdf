using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Property test of <c>MHessian</c> over a jagged <c>double[][]</c> parameter (issue 14, hess16): random programs over rows
/// of random lengths (1 to 3 each, 2 or 3 rows) and a scalar b — element reads at fixed and loop indices, for and foreach
/// over the rows, LINQ over them (<c>a.Sum(r => r.Sum(…))</c>), smooth gates, branches — with <c>Hessian = true</c>. Each
/// inside program generates cleanly; at three points its MHessian (the rows' elements row after row, then b) is exactly
/// symmetric, matches central differences of MBackward's gradient, and MHessianVector is MHessian·v
/// (<see cref="HessianMatrixPropertyTests.Check"/>). One in five is just outside — the same program with a <c>float[]</c>
/// parameter (the second-order path, which has no arrays of rows: ADG0019 at the jagged parameter) or with a <c>float[][]</c>
/// beside it (another type than the result: ADG0019 there) — and gets no code. CI runs 60; AUTODIFFGEN_HESSIAN_JAGGED_COUNT runs more.
/// </summary>
public class HessianJaggedPropertyTests(ITestOutputHelper output)
{
    // Rows and Flat convert between rows of given lengths and their elements row after row, for each inside program's wrappers.
    private const string Header = "using System;\nusing System.Linq;\nusing AutoDiffGen;\n\nnamespace HessJaggedRandom;\n\npublic static partial class C\n{\n"
        + "    private static double[][] Rows(double[] p, params int[] lengths) { var m = new double[lengths.Length][]; int at = 0; for (int i = 0; i < m.Length; i++) { m[i] = new double[lengths[i]]; for (int j = 0; j < lengths[i]; j++) m[i][j] = p[at++]; } return m; }\n"
        + "    private static void Flat(double[][] d, double[] g) { int at = 0; foreach (var r in d) foreach (var v in r) g[at++] = v; }\n";

    private sealed record Program(string Name, string Text, string? Bad, int[] Lengths);

    [Fact]
    public void JaggedPrograms_MatchCentralDifferences_OrADG0019AtTheParameter()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_HESSIAN_JAGGED_COUNT", 60);
        var random = new Random(20261216);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        var run = GeneratorHarness.RunForLoad(ProgramBatch.Source(Header, all.Select(p => p.Text)));
        var clean = ProgramBatch.Judge(run, Header, all, p => (p.Name, p.Text, p.Bad), "ADG0019");
        var type = GeneratorHarness.Load(run).GetType("HessJaggedRandom.C", throwOnError: true)!;
        int points = 0, skipped = 0;
        foreach (var p in clean)
        {
            var g = Method<Action<double[], double[]>>(type, p.Name + "G");
            var h = Method<Action<double[], double[]>>(type, p.Name + "H");
            var v = Method<Action<double[], double[], double[]>>(type, p.Name + "V");
            int n = p.Lengths.Sum() + 1;
            for (int k = 0; k < 3; k++)
            {
                var x = Enumerable.Range(0, n).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 4)).ToArray();
                string? failure = HessianMatrixPropertyTests.Check(g, h, v, x, random, out bool skip);
                if (skip) { skipped++; continue; }
                if (failure is not null) Assert.Fail(p.Name + " at (" + string.Join(", ", x) + "): " + failure + "\n" + p.Text);
                points++;
            }
        }
        output.WriteLine($"{all.Count} programs: {clean.Count} generated, {points} points checked, {skipped} skipped (kinks), {all.Count - clean.Count} diagnosed");
        Assert.Equal(all.Count(p => p.Bad is not null), all.Count - clean.Count);
        Assert.True(points >= 2 * clean.Count, $"only {points} points checked for {clean.Count} programs");
    }

    private static T Method<T>(Type type, string name) where T : Delegate =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        var lengths = Enumerable.Range(0, random.Next(2, 4)).Select(_ => random.Next(1, 4)).ToArray();
        string Int(int k) => k.ToString(CultureInfo.InvariantCulture);
        string Element()
        {
            int i = random.Next(lengths.Length);
            return "a[" + Int(i) + "][" + Int(random.Next(lengths[i])) + "]";
        }
        string Real() => Pick(Element(), Element() + " * " + Element(), "b * " + Element(), "Math.Sin(" + Element() + ")", "Math.Exp(0.3 * " + Element() + ")",
            "Math.Tanh(" + Element() + " + b)", "s * " + Element(), "0.5 * s * s", Element() + " / (2 + " + Element() + " * " + Element() + ")");
        string Statement() => random.Next(7) switch
        {
            0 => "for (int i = 0; i < a.Length; i++) for (int j = 0; j < a[i].Length; j++) s += " + Pick("a[i][j] * a[i][j] * b", "Math.Sin(a[i][j]) * a[i][0]", "a[i][j] * s * 0.1", "a[i][j] * a[0][0]") + ";",
            1 => "if (" + Element() + " > " + Pick("0", "b") + ") s += " + Real() + "; else s -= " + Real() + ";",
            2 => "foreach (var row in a) s = s * 0.5 + row[0] * " + Pick("b", "s", "row[row.Length - 1]") + ";",
            3 => "s += " + Pick("a.Sum(r => r.Sum(v => v * v))", "a.Sum(r => r.Sum()) * b", "a.Sum(r => r.Sum(v => Math.Sin(v)))") + " * " + Real() + ";",
            _ => "s += " + Real() + ";",
        };
        // Outside: a float[] beside it (second-order forward mode, which has no arrays of rows), or a float[][] beside it.
        bool floatRows = outside && random.Next(2) == 0;
        var text = new StringBuilder();
        text.Append("    [Differentiable(Hessian = true)]\n");
        string parameters = !outside ? "double[][] a, double b" : floatRows ? "double[][] a, double b, float[][] c" : "double[][] a, double b, float[] w";
        text.Append("    public static double " + name + "(" + parameters + ")\n    {\n");
        text.Append("        double s = " + Pick(Element() + " * b", "Math.Cos(" + Element() + ")", Element() + " * " + Element(), "0.5") + ";\n");
        int statements = 2 + random.Next(3);
        for (int k = 0; k < statements; k++) text.Append("        ").Append(Statement()).Append('\n');
        text.Append("        return s" + (!outside ? "" : floatRows ? " * c[0][0]" : " * w[0]") + " + " + Real() + ";\n    }\n");
        if (!outside)
        {
            // Wrappers over flat vectors: the rows' elements row after row, then b.
            string shape = string.Join(", ", lengths.Select(Int)), last = Int(lengths.Sum());
            string rows = "Rows(p, " + shape + ")";
            text.Append("    public static void " + name + "H(double[] p, double[] h) => " + name + "Hessian(" + rows + ", p[" + last + "], h);\n");
            text.Append("    public static void " + name + "V(double[] p, double[] v, double[] hv) => " + name + "HessianVector(" + rows + ", p[" + last + "], v, hv);\n");
            text.Append("    public static void " + name + "G(double[] p, double[] g) { var d = Rows(new double[" + last + "], " + shape + "); double db = 0; "
                + name + "Backward(" + rows + ", p[" + last + "], d, ref db); Flat(d, g); g[" + last + "] = db; }\n");
        }
        return new Program(name, text.ToString(), !outside ? null : floatRows ? "float[][] c" : "double[][] a", lengths);
    }
}
