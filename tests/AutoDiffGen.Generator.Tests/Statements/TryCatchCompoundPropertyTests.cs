using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// Property test for <see cref="TryCatchCompoundTests"/>: random programs whose try divides in place (<c>n /= k - c</c>,
/// <c>n %= …</c> of an int or a long, a local read from an int array), among real statements, in a loop or not, caught by a
/// clause that catches the DivideByZeroException (k is drawn from 0..3, so some points take the catch). Each must match
/// central differences at three points (before the fix the Backward threw there). Just outside, an operation the
/// generator cannot place a test for (a checked increment, a short multiplied or divided in place) must be
/// ADG0002 at exactly it, with no code. CI runs 60 programs; AUTODIFFGEN_TRYCOMPOUND_COUNT runs more.
/// </summary>
public class TryCatchCompoundPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad, int BadAt);

    private const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class Compound\n{\n";

    [Fact]
    public void DivisionsInPlace_MatchCentralDifferences_WhatCannotBeTestedIsAnErrorAtIt()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_TRYCOMPOUND_COUNT", 60);
        var random = new Random(20261206);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i, outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAtAndCheck(Header, "Compound", all.Select(p => (p.Name, p.Text, p.Bad, p.BadAt)).ToList(), () => ProgramBatch.PointXYK(random), output.WriteLine, "ADG0002");
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        var text = new StringBuilder();
        string? bad = null;
        int badAt = -1;
        bool loop = random.Next(3) == 0;
        string pad = loop ? "            " : "        ";
        string inner = pad + "    ";
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = ").Append(Pick("x * y", "Math.Sin(x) + y", "x - 0.5 * y")).Append(";\n");
        text.Append("        int[] c = { 6, -4, 9 };\n");
        text.Append("        int n = ").Append(Pick("7", "12", "-9")).Append(";\n");
        text.Append("        long m = ").Append(Pick("5", "-11")).Append(";\n");
        if (loop) text.Append("        for (int i = 0; i < 2; i++)\n        {\n");
        text.Append(pad).Append("try\n").Append(pad).Append("{\n");
        int statements = 1 + random.Next(3);
        int badStatement = outside ? random.Next(statements) : -1;
        for (int i = 0; i < statements; i++)
        {
            if (i == badStatement)
            {
                // The error starts at the operation; its span is the variable it writes (as for m++ in TryCatchPropertyTests).
                var (written, mark, variable) = random.Next(3) switch
                {
                    0 => ("checked { n++; }", "n++", "n"),
                    1 => ("short g" + i + " = 3; checked { g" + i + " *= 3; }", "g" + i + " *= 3", "g" + i),
                    _ => ("short h" + i + " = 9; h" + i + " /= (short)k;", "h" + i + " /= (short)k", "h" + i),
                };
                text.Append(inner);
                badAt = text.Length + written.IndexOf(mark, StringComparison.Ordinal);
                bad = variable;
                text.Append(written).Append('\n');
            }
            string divisor = Pick("k", "k - 1", "k - 2", "(k - 3)");
            switch (random.Next(5))
            {
                case 0:
                    text.Append(inner).Append("s = s * ").Append(Pick("x", "y", "0.9")).Append(" + 0.25;\n");
                    break;
                case 1:
                    text.Append(inner).Append("n /= ").Append(divisor).Append(";\n");
                    text.Append(inner).Append("s += n * ").Append(Pick("x", "y * s")).Append(";\n");
                    break;
                case 2:
                    text.Append(inner).Append("n %= ").Append(divisor).Append(";\n");
                    text.Append(inner).Append("s = s * n + ").Append(Pick("x", "y")).Append(";\n");
                    break;
                case 3:
                    text.Append(inner).Append("m /= (long)(").Append(divisor).Append(");\n");
                    text.Append(inner).Append("s += m * ").Append(Pick("x", "s")).Append(";\n");
                    break;
                default:
                    text.Append(inner).Append("int q").Append(i).Append(" = c[").Append(Pick("0", "1", "2")).Append("];\n");
                    text.Append(inner).Append("q").Append(i).Append(" /= ").Append(divisor).Append(";\n");
                    text.Append(inner).Append("s += q").Append(i).Append(" * ").Append(Pick("x", "y")).Append(";\n");
                    break;
            }
        }
        text.Append(pad).Append("}\n");
        text.Append(pad).Append(Pick("catch", "catch (Exception)", "catch (ArithmeticException)", "catch (DivideByZeroException)")).Append('\n');
        text.Append(pad).Append("{\n").Append(pad).Append("    s = ").Append(Pick("s * 0.5 + x", "-y", "Math.Cos(s) * x")).Append(";\n").Append(pad).Append("}\n");
        if (loop) text.Append("        }\n");
        text.Append("        return s + ").Append(Pick("x", "y * y")).Append(" + (n + m) * 0.001;\n    }\n");
        return new Program(name, text.ToString(), bad, badAt);
    }
}
