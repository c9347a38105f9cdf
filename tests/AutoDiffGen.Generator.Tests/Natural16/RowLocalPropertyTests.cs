using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Natural16;

/// <summary>
/// Property test of natural16's gaps: random programs over <c>(double[][] a, double[] w, double x)</c> name rows of
/// <c>a</c> by locals (in loops, at constant indexes, walked by foreach, read by index and Length) and rebind a local
/// array to one of the same runtime length made in each iteration (<c>h = hn</c>, both <c>new double[w.Length]</c>),
/// mixed with other statements. Inside support every gradient matches central differences. One in five also writes a
/// row local, or rebinds arrays of different lengths: ADG0003 at the row (ADG0007 at the write too) or at the rebinding, and no code. CI runs 40;
/// AUTODIFFGEN_ROW_LOCALS_COUNT runs more.
/// </summary>
public class RowLocalPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class Rows\n{\n";

    [Fact]
    public void RowLocalsAndRuntimeRebindings_MatchCentralDifferences_OrADG0003AtTheConstruct()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_ROW_LOCALS_COUNT", 40);
        var random = new Random(2026_12_16);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "Rows", all.Select(p => (p.Name, p.Text, p.Bad)).ToList(), () => Point(random), output.WriteLine, "ADG0003,ADG0007");
    }

    private static object[] Point(Random random)
    {
        double R() => Math.Round((random.NextDouble() * 2) - 1, 4);
        var a = new double[3][];
        for (int i = 0; i < 3; i++) a[i] = new[] { R(), R(), R() };
        return new object[] { a, new[] { R(), R(), R() }, R() };
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Of(string v) => Pick(v + " * w[j]", "Math.Sin(" + v + ") * x", v + " * " + v + " * t", "w[j] * " + v + " + x");
        string Statement() => random.Next(6) switch
        {
            0 => "for (int i = 0; i < a.Length; i++) { double[] row = a[i]; for (int j = 0; j < row.Length; j++) s += " + Of("row[j]") + "; }",
            1 => "for (int i = 0; i < a.Length; i++) { var row = a[i]; double m = 0; foreach (var v in row) m += v * " + Pick("x", "t", "v") + "; s += m * " + Pick("0.5", "w[i]", "x") + "; }",
            2 => "{ var r0 = a[" + Pick("0", "1", "2") + "]; s += r0[0] * r0[" + Pick("1", "2") + "] * " + Pick("x", "t") + " + r0.Length; }",
            3 => "{ var h = new double[w.Length]; for (int q = 0; q < " + Pick("1", "2", "3") + "; q++) { var hn = new double[w.Length]; for (int i = 0; i < w.Length; i++) hn[i] = Math.Tanh(h[i] * w[i] + " + Pick("x", "a[q][i]", "t * a[i][q]") + "); h = hn; } for (int i = 0; i < h.Length; i++) s += h[i] * " + Pick("t", "x", "1.5") + "; }",
            4 => "if (x > " + Pick("0", "0.3", "-0.2") + ") { double[] row = a[1]; s += row[0] * row[2]; } else t += x * w[0];",
            _ => "t = t * 0.5 + s * " + Pick("0.1", "x", "w[1]") + ";",
        };
        (string Bad, string Statement) Outside() => random.Next(2) switch
        {
            0 => ("a[2]", "{ double[] rw = a[2]; rw[0] = x; s += rw[1] * rw[0]; }"),
            _ => ("h = hn", "{ var h = new double[w.Length]; for (int q = 0; q < 2; q++) { var hn = new double[w.Length + 1]; for (int i = 0; i < w.Length; i++) hn[i] = h[i] * w[i] + x; h = hn; } s += h[0]; }"),
        };

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double[][] a, double[] w, double x)\n    {\n");
        text.Append("        double s = x * 0.5, t = 1 - x;\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s * 0.5 + t;\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
