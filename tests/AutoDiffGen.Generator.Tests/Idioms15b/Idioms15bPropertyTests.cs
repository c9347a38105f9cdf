using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms15b;

/// <summary>
/// Property test of issue 13 (idioms15b): random programs over <c>(double x, double y, double[] v)</c> mix 1-D and 2-D
/// local arrays made in each loop iteration, some rebound to the array outside (<c>r = m;</c>, also on one branch), some
/// not outliving their iteration; each must match central differences at three points. One in five holds a rebinding
/// just outside: the new array named after it in its iteration, lengths that differ or are not constants, the rebinding
/// outside a loop, the target used as a whole: ADG0003 at the assignment and no code for the method. CI runs 50
/// programs; AUTODIFFGEN_IDIOMS15B_COUNT runs more.
/// </summary>
public class Idioms15bPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad, int BadAt);

    private const string Header = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public static partial class Idioms15b
        {

        """;

    [Fact]
    public void ArraysMadeAndReboundInLoops_MatchCentralDifferences_OrAnErrorAtTheRebinding()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_IDIOMS15B_COUNT", 50);
        var random = new Random(20261215);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAtAndCheck(Header, "Idioms15b", all.Select(p => (p.Name, p.Text, p.Bad, p.BadAt)).ToList(), () => Point(random), output.WriteLine, "ADG0003");
    }

    private static double R(Random random) => Math.Round((random.NextDouble() * 2) - 1, 4);

    private static object[] Point(Random random) => new object[] { R(random), R(random), new[] { R(random), R(random), R(random) } };

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x", "y", "x * y", "Math.Sin(x)", "0.5", "s", "t * 0.5", "v[1]");
        string Test() => Pick("x > y", "s > t", "x > 0", "y < 0.3", "v[0] > 0");

        string Statement()
        {
            switch (random.Next(5))
            {
                case 0:
                    return "{ var r = new double[2, 2] { { x, 0 }, { 0, y } }; for (int j = 0; j < " + Pick("1", "2", "3") + "; j++) { var m = new double[2, 2]; "
                        + "for (int a = 0; a < 2; a++) for (int b = 0; b < 2; b++) m[a, b] = r[a, b] * " + Real() + " + r[b, a] * 0.5 + " + Real() + "; r = m; } s += r[0, 0] * r[1, 1] + r[0, 1]; }";
                case 1:
                    return "{ var u = new double[] { x, y, " + Real() + " }; for (int k = 0; k < 3; k++) { var nx = new double[3]; "
                        + "for (int i = 0; i < 3; i++) nx[i] = u[(i + 1) % 3] * v[i] + " + Real() + "; " + Pick("if (" + Test() + ") u = nx;", "u = nx;") + " } t += u[0] - u[2] * u[1]; }";
                case 2:
                    return "for (int j = 0; j < 3; j++) { var g = new double[2, 2] { { v[j], x }, { " + Real() + ", y } }; s += g[0, 0] * g[1, 1] - g[0, 1] * g[1, 0] * 0.25; }";
                case 3:
                    return "{ var p = new double[2, 2]; for (int j = 0; j < 2; j++) { var e = new double[2, 2]; e[0, 0] = p[1, 1] + v[j]; e[1, 1] = p[0, 0] * " + Real() + "; e[0, 1] = " + Real() + "; p = e; } t += p[0, 0] * p[1, 1] + p[0, 1]; }";
                default:
                    return "s += " + Real() + " * t;";
            }
        }

        (string Bad, string Statement) Outside()
        {
            switch (random.Next(5))
            {
                case 0:
                    return ("q1 = m1", "{ var q1 = new double[2]; for (int j = 0; j < 2; j++) { var m1 = new double[2]; m1[0] = x + q1[1]; m1[1] = y; q1 = m1; s += m1[0]; } t += q1[0]; }");
                case 1:
                    return ("q2 = m2", "{ var q2 = new double[2]; for (int j = 0; j < 2; j++) { var m2 = new double[3]; m2[0] = x; m2[1] = y; q2 = m2; } s += q2[0]; }");
                case 2:
                    return ("q3 = m3", "{ var q3 = new double[2]; var m3 = new double[2]; m3[0] = x; q3 = m3; s += q3[0]; }");
                case 3:
                    return ("q4 = m4", "{ var q4 = new double[3]; for (int j = 0; j < 2; j++) { var m4 = new double[v.Length]; m4[0] = x * q4[0] + y; q4 = m4; } s += q4[0]; }");
                default:
                    return ("q5 = m5", "{ var q5 = new double[3, 3]; for (int j = 0; j < 2; j++) { var m5 = new double[3, 3]; m5[j, j] = x * y; q5 = m5; } s += q5.Cast<double>().Sum(); }");
            }
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, double[] v)\n    {\n");
        text.Append("        double s = x * 0.5 + y, t = y - x;\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s * t + s;\n    }\n");
        string written = text.ToString();
        return new Program(name, written, bad, bad is null ? -1 : written.IndexOf(bad, StringComparison.Ordinal));
    }
}
