using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.NullableLocals;

/// <summary>
/// Property test of double? locals that carry a gradient: random programs set one from a condition, a real or null,
/// combine it by lifted arithmetic and compound assignment, and read it through HasValue/.Value, ??,
/// GetValueOrDefault(), (double)z and null tests, in statements and loops. Each program inside generates cleanly and
/// its MBackward matches central differences and its MForward the gradient along a random tangent, at three points;
/// each program just outside (++ on it, boxing it, a call on it) gets the exact ADG id at that expression and no code.
/// CI runs 60 programs; AUTODIFFGEN_NULLABLE_COUNT runs more.
/// </summary>
public class NullableLocalPropertyTests(ITestOutputHelper output)
{
    private const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class Nullables\n{\n";

    [Fact]
    public void NullableLocals_GiveTheGradientInBackwardAndForward_OrTheExactErrorAtTheExpression()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_NULLABLE_COUNT", 60);
        var random = new Random(20261204);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        var clean = ProgramBatch.JudgeAt(Header, all, "ADG0003,ADG0016");
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "Nullables");
        int points = ModeChecks.AtThreePoints(type, clean.Select(p => (p.Name, p.Text)), () => ProgramBatch.PointXYK(random), random);
        ProgramBatch.AssertCounts(all.Count, all.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
    }

    private static (string Name, string Text, string? Bad, int BadAt) Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x * y", "Math.Sin(x) + y", "Math.Exp(0.3 * x) * y", "x / (2 + y * y)", "s * x", "s + y");
        string Test() => Pick("x > 0.3", "y < 0", "s > 0.5", "k > 1", "z.HasValue", "z == null");

        string Statement(int depth)
        {
            switch (random.Next(depth > 0 ? 11 : 10))
            {
                case 0: return "z = " + Test() + " ? " + Real() + " : (double?)null;";
                case 1: return "if (z.HasValue) s += z.Value * " + Real() + ";";
                case 2: return "s += (z ?? " + Real() + ") * y;";
                case 3: return "s += z.GetValueOrDefault() * x + z.GetValueOrDefault(y);";
                case 4: return "z = z * " + Real() + " + s;";
                case 5: return "z " + Pick("+=", "-=", "*=") + " " + Real() + ";";
                case 6: return "if (z != null) s += (double)z * x; else s -= y;";
                case 7: return "if (z is null) s += x * y; else z = -z / (1 + " + Real() + " * " + Real() + ");";
                case 8: return "z = " + Pick("x", "null", "s * y", "z ?? x") + ";";
                case 9: return "s = s * 0.5 + (z ?? 0) * (z ?? 1);";
                default: return "for (int i = 0; i < k + 1; i++) { " + Statement(depth - 1) + " }";
            }
        }

        (string Bad, string Statement) Outside() => random.Next(3) switch
        {
            0 => ("z++", "{ z = x; z++; }"),
            1 => ("z", "{ z = x * y; object o = z; s += o.GetHashCode() * x; }"),
            _ => ("z.ToString().Length", "{ z = s; s += z.ToString().Length * x; }"),
        };

        var text = new StringBuilder();
        text.Append("    [Differentiable(Forward = true)]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = x + 0.5 * y;\n");
        text.Append("        double? z = ").Append(Pick("null", "x", "y > 0 ? x * y : (double?)null")).Append(";\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, () => Statement(1), Outside);
        text.Append("        return s + (z ?? 0.25) * x;\n    }\n");
        string t = text.ToString();
        int at = -1;
        if (bad is not null)
        {
            // The error is at the just-outside statement's expression (z set from a differentiated value just before it).
            at = bad == "z" ? t.IndexOf("object o = z", StringComparison.Ordinal) + "object o = ".Length : t.IndexOf(bad, t.IndexOf("double? z = ", StringComparison.Ordinal) + 12, StringComparison.Ordinal);
        }
        return (name, t, bad, at);
    }
}
