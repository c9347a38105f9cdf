using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Soundness;

/// <summary>
/// Property test for <see cref="DeadThrowTests"/>: random methods over (x, y, k) whose live statements (a loop carrying s,
/// a branch) are interleaved with statements nothing reads that may throw for some k (integer / and % by k − c, checked
/// products and conversions, an element of a local array with a gradient, a plain call, a struct of reals built from a constant and such a part, an update in place, a test of a branch). At three
/// points each, k in 0..5: where the method throws, MBackward, MForward, MJacobian and MHessian throw the same exception;
/// elsewhere every mode is checked against central differences (<see cref="ModeChecks"/>); both must happen. Just outside:
/// a call whose value is discarded (<c>Plain(k - 1);</c>), ADG0002 at the call and no code.
/// AUTODIFFGEN_DEAD_THROW_COUNT runs more (60 in CI; 400 locally).
/// </summary>
public class DeadThrowPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Dead
        {
            static int Plain(int n) => 10 / n;

            public struct Pair { public double X, Y; public Pair(double x, double y) { X = x; Y = y; } }

        """;

    private sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void DeadStatementsThatMayThrow_ThrowInEveryMode_AndTheGradientIsRightWhereTheyDoNot()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_DEAD_THROW_COUNT", 60);
        var random = new Random(20261203);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i, outside: i % 6 == 5)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad), "ADG0002");
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text + Wrappers(p.Name)), "Dead");
        int thrown = 0, checkedPoints = 0;
        foreach (var p in clean)
        {
            for (int n = 0; n < 3; n++)
            {
                object[] at = [Coordinate(random), Coordinate(random), random.Next(6)];
                try
                {
                    var primal = Invocations.Thrown(() => type.GetMethod(p.Name)!.Invoke(null, at));
                    if (primal is null)
                    {
                        ModeChecks.AtPoint(type, p.Name, at, random);
                        checkedPoints++;
                        continue;
                    }
                    thrown++;
                    foreach (var (suffix, args) in new (string, object?[])[] { ("Backward", [.. at, 0.0, 0.0, 1.0]), ("Forward", [.. at, 1.0, -0.5, null]), ("J", at), ("H", at) })
                    {
                        var other = Invocations.Thrown(() => type.GetMethod(p.Name + suffix)!.Invoke(null, args));
                        Assert.True(other?.GetType() == primal.GetType(), p.Name + suffix + " threw " + (other?.GetType().Name ?? "nothing") + " where the method threw " + primal.GetType().Name);
                    }
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(p.Name + " at " + string.Join(", ", at) + ": " + e.Message + "\n" + p.Text);
                }
            }
        }
        output.WriteLine($"{thrown} points threw in every mode, {checkedPoints} were checked");
        Assert.True(thrown > 0 && checkedPoints > 0);
        ProgramBatch.AssertCounts(all.Count, all.Count(p => p.Bad is not null), clean.Count, thrown + checkedPoints, output.WriteLine);
    }

    private static double Coordinate(Random random) => Math.Round((random.NextDouble() * 2) - 1, 4);

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        int dead = 0;
        string Dead(bool inLoop)
        {
            string d = "d" + dead++;
            string c = random.Next(4).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Pick(
                "int " + d + " = 12 / (k - " + c + ");",
                "int " + d + " = 7 % (k - " + c + ");",
                "long " + d + " = 40L / (k - " + c + ");",
                "int " + d + " = checked(k * 700000000);",
                "int " + d + " = checked((int)(x * 1e9 * k));",
                "double " + d + " = a[k];",
                "int " + d + " = Plain(k - " + c + ");",
                // A struct of reals built from a constant and a throwing part: only the part is kept (a constant component unread is CS0219).
                "var " + d + " = new Pair(1.5, 12 / (k - " + c + "));",
                "var " + d + " = new Pair(x, a[k]);",
                "int " + d + " = 12; " + d + " /= k - " + c + ";",
                "int " + d + " = k; if (12 / (k - " + c + ") > 2) " + d + " = 2 * k;",
                inLoop ? "int " + d + " = 6 / (k - i);" : "double " + d + " = a[k + 1] * x;");
        }
        string Value() => Pick("x", "y", "x * y", "Math.Sin(x)", "0.5 * y + x", "a[1]", "a[2] * y");
        var text = new StringBuilder();
        text.Append("    [Differentiable(Forward = true, Hessian = true, Jacobian = true)]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        var a = new[] { x, y, x * y, 1.5 };\n");
        if (random.Next(2) == 0) text.Append("        ").Append(Dead(false)).Append('\n');
        text.Append("        double s = ").Append(Value()).Append(";\n");
        text.Append("        for (int i = 0; i < ").Append(random.Next(1, 4)).Append("; i++)\n        {\n");
        if (random.Next(3) > 0) text.Append("            ").Append(Dead(true)).Append('\n');
        text.Append("            s = s * ").Append(Pick("0.5", "y", "x")).Append(" + ").Append(Value()).Append(";\n");
        text.Append("        }\n");
        text.Append("        if (").Append(Pick("x > 0", "y < 0.3", "s > 0")).Append(")\n        {\n");
        if (random.Next(2) == 0) text.Append("            ").Append(Dead(false)).Append('\n');
        text.Append("            s += ").Append(Value()).Append(";\n        }\n");
        if (random.Next(2) == 0 || dead == 0) text.Append("        ").Append(Dead(false)).Append('\n');
        string? bad = null;
        if (outside)
        {
            bad = "Plain(k - 1)";
            text.Append("        ").Append(bad).Append(";\n");
        }
        text.Append("        return s;\n    }\n");
        return new Program(name, text.ToString(), bad);
    }

    private static string Wrappers(string name) =>
        "    public static double[] " + name + "J(double x, double y, int k) { var j = new double[2]; " + name + "Jacobian(x, y, k, j); return j; }\n"
        + "    public static double[] " + name + "H(double x, double y, int k) { var h = new double[4]; " + name + "Hessian(x, y, k, h); return h; }\n";
}
