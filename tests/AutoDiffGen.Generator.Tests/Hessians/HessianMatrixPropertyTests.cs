using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Property test of <c>MHessian</c> over a <c>double[,]</c> parameter (issue 14, modes4): random programs over a matrix of
/// 2 × 2, 2 × 3 or 3 × 2 and a scalar b (element reads at fixed and loop indices, loops over GetLength, smooth gates,
/// branches) with <c>Hessian = true</c>. Each inside program generates cleanly; at three points its MHessian (n = rows ·
/// columns + 1, the matrix row-major, then b) is exactly symmetric, matches central differences of MBackward's gradient,
/// and MHessianVector is MHessian·v. Each just outside (the same program with a float[] parameter, which keeps the
/// second-order path that has no matrix) gets ADG0019 at the matrix parameter and no code. CI runs 60;
/// AUTODIFFGEN_HESSIAN_MATRIX_COUNT runs more.
/// </summary>
public class HessianMatrixPropertyTests(ITestOutputHelper output)
{
    // Mat and Flat convert between a matrix and its elements row-major, for the wrappers each inside program has.
    private const string Header = "using System;\nusing AutoDiffGen;\n\nnamespace HessMatrixRandom;\n\npublic static partial class C\n{\n"
        + "    private static double[,] Mat(double[] p, int rows, int columns) { var m = new double[rows, columns]; for (int k = 0; k < rows * columns; k++) m[k / columns, k % columns] = p[k]; return m; }\n"
        + "    private static void Flat(double[,] d, double[] g) { for (int k = 0; k < d.Length; k++) g[k] = d[k / d.GetLength(1), k % d.GetLength(1)]; }\n";

    private sealed record Program(string Name, string Text, string? Bad, int Rows, int Columns);

    [Fact]
    public void MatrixPrograms_MatchCentralDifferences_OrADG0019AtTheParameter()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_HESSIAN_MATRIX_COUNT", 60);
        var random = new Random(20261214);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        var run = GeneratorHarness.RunForLoad(ProgramBatch.Source(Header, all.Select(p => p.Text)));
        var clean = ProgramBatch.Judge(run, Header, all, p => (p.Name, p.Text, p.Bad), "ADG0019");
        var type = GeneratorHarness.Load(run).GetType("HessMatrixRandom.C", throwOnError: true)!;
        int points = 0, skipped = 0;
        foreach (var p in clean)
        {
            var g = Method<Action<double[], double[]>>(type, p.Name + "G");
            var h = Method<Action<double[], double[]>>(type, p.Name + "H");
            var v = Method<Action<double[], double[], double[]>>(type, p.Name + "V");
            int n = p.Rows * p.Columns + 1;
            for (int k = 0; k < 3; k++)
            {
                var x = Enumerable.Range(0, n).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 4)).ToArray();
                string? failure = Check(g, h, v, x, random, out bool skip);
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

    /// <summary>
    /// MHessian at <paramref name="x"/>: exactly symmetric, central differences of the gradient <paramref name="g"/> (a point where
    /// two steps disagree is skipped), and MHessianVector is MHessian·v; null when it passes. Shared with HessianWrittenArrayPropertyTests.
    /// </summary>
    internal static string? Check(Action<double[], double[]> g, Action<double[], double[]> h, Action<double[], double[], double[]> v, double[] x, Random random, out bool skip)
    {
        skip = false;
        int n = x.Length;
        var hessian = Enumerable.Repeat(double.NaN, n * n).ToArray();
        h(x, hessian);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (!hessian[i * n + j].Equals(hessian[j * n + i])) return "not symmetric at " + i + "," + j;
        // A point near a branch's switch is skipped: the differences at two steps disagree there.
        var c4 = HessianModeTests.CentralHessian(g, x, 1e-4);
        var c5 = HessianModeTests.CentralHessian(g, x, 1e-5);
        double scale = 1 + c5.Max(Math.Abs);
        if (Enumerable.Range(0, n * n).Any(k => !double.IsFinite(c4[k]) || Math.Abs(c4[k] - c5[k]) > 1e-3 * scale)) { skip = true; return null; }
        for (int k = 0; k < n * n; k++)
        {
            if (!(Math.Abs(hessian[k] - c5[k]) <= 1e-5 * Math.Max(1, Math.Abs(c5[k])) + 1e-6 * scale))
                return $"entry {k} (row {k / n}, column {k % n}): MHessian {hessian[k]:R}, central differences {c5[k]:R}";
        }
        var d = Enumerable.Range(0, n).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 4)).ToArray();
        return ProductRounding.Compare(x, d, at => { var ha = new double[n * n]; h(at, ha); return ha; }, at => { var ha = new double[n]; v(at, d, ha); return ha; });
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        int rows = random.Next(2, 4), columns = rows == 3 ? 2 : random.Next(2, 4);
        string Element() => "a[" + random.Next(rows).ToString(CultureInfo.InvariantCulture) + ", " + random.Next(columns).ToString(CultureInfo.InvariantCulture) + "]";
        string Real() => Pick(Element(), Element() + " * " + Element(), "b * " + Element(), "Math.Sin(" + Element() + ")", "Math.Exp(0.3 * " + Element() + ")",
            "Math.Tanh(" + Element() + " + b)", "s * " + Element(), "0.5 * s * s", Element() + " / (2 + " + Element() + " * " + Element() + ")");
        string Statement() => random.Next(5) switch
        {
            0 => "for (int i = 0; i < a.GetLength(0); i++) for (int j = 0; j < a.GetLength(1); j++) s += " + Pick("a[i, j] * a[i, j] * b", "Math.Sin(a[i, j]) * a[i, 0]", "a[i, j] * s * 0.1", "a[i, j] * a[0, j]") + ";",
            1 => "if (" + Element() + " > " + Pick("0", "b") + ") s += " + Real() + "; else s -= " + Real() + ";",
            2 => "for (int i = 0; i < a.GetLength(0); i++) s = s * 0.5 + a[i, " + random.Next(columns).ToString(CultureInfo.InvariantCulture) + "] * " + Pick("b", "s", "a[i, 0]") + ";",
            _ => "s += " + Real() + ";",
        };
        var text = new StringBuilder();
        text.Append("    [Differentiable(Hessian = true)]\n");
        string parameters = outside ? "double[,] a, double b, float[] w" : "double[,] a, double b";
        text.Append("    public static double " + name + "(" + parameters + ")\n    {\n");
        text.Append("        double s = " + Pick(Element() + " * b", "Math.Cos(" + Element() + ")", Element() + " * " + Element(), "0.5") + ";\n");
        int statements = 2 + random.Next(3);
        for (int k = 0; k < statements; k++) text.Append("        ").Append(Statement()).Append('\n');
        text.Append("        return s" + (outside ? " * w[0]" : "") + " + " + Real() + ";\n    }\n");
        if (!outside)
        {
            // Wrappers over flat vectors: the matrix's elements row-major, then b.
            string r = rows.ToString(CultureInfo.InvariantCulture), c = columns.ToString(CultureInfo.InvariantCulture), last = (rows * columns).ToString(CultureInfo.InvariantCulture);
            string matrix = "Mat(p, " + r + ", " + c + ")";
            text.Append("    public static void " + name + "H(double[] p, double[] h) => " + name + "Hessian(" + matrix + ", p[" + last + "], h);\n");
            text.Append("    public static void " + name + "V(double[] p, double[] v, double[] hv) => " + name + "HessianVector(" + matrix + ", p[" + last + "], v, hv);\n");
            text.Append("    public static void " + name + "G(double[] p, double[] g) { var d = new double[" + r + ", " + c + "]; double db = 0; "
                + name + "Backward(" + matrix + ", p[" + last + "], d, ref db); Flat(d, g); g[" + last + "] = db; }\n");
        }
        return new Program(name, text.ToString(), outside ? "double[,] a" : null, rows, columns);
    }
}
