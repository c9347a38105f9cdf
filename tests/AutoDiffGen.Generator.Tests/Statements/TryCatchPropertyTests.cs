using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// Property test for <see cref="TryCatchTests"/>: random programs with a try/catch (in a loop or not, with or without a
/// finally, a return at the end of the try or not) whose statements throw on some inputs through a checked conversion, an
/// index past a local array's end, an int division by zero or an explicit throw, caught by a clause that catches them all.
/// Each must match central differences at the drawn points. Just outside, one operation the generator cannot tell the
/// throws of (a call of a plain helper whose body divides by an int, an increment inside the statement that may throw, a goto out of the try, a
/// filter reading the exception) must be ADG0002 at exactly that operation, with no code. CI runs 60 programs;
/// AUTODIFFGEN_TRYCATCH_COUNT runs more.
/// </summary>
public class TryCatchPropertyTests(ITestOutputHelper output)
{
    internal sealed record Program(string Name, string Text, string? Bad, int BadAt);

    internal const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class Caught\n{\n    public static double Helper(double v) => v * (1 / (int)(v * 0.0 + 1.0));\n\n";

    [Fact]
    public void TryCatch_MatchesCentralDifferences_WhatItCannotTellIsAnErrorAtIt()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_TRYCATCH_COUNT", 60);
        var random = new Random(20261313);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i, outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAtAndCheck(Header, "Caught", all.Select(p => (p.Name, p.Text, p.Bad, p.BadAt)).ToList(), () => ProgramBatch.PointXYK(random), output.WriteLine, "ADG0002");
    }

    internal static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        var text = new StringBuilder();
        var kinds = new HashSet<string>();
        string? bad = null;
        int badAt = -1;
        int kind = outside ? random.Next(4) : -1;
        bool loop = random.Next(3) == 0;
        string pad = loop ? "            " : "        ";
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = ").Append(Pick("x * y", "Math.Sin(x) + y", "x - 0.5 * y")).Append(";\n");
        text.Append("        double[] w = { 0.5, -1.5, 2.0 };\n        int m = 0;\n");
        if (loop) text.Append("        for (int i = 0; i < 2; i++)\n        {\n");
        text.Append(pad).Append("try\n").Append(pad).Append("{\n");
        int statements = 1 + random.Next(3);
        int badStatement = random.Next(statements);
        for (int i = 0; i < statements; i++)
        {
            string inner = pad + "    ";
            if (i == badStatement && kind >= 0 && kind != 3)
            {
                string written = kind switch
                {
                    0 => "s += Helper(x) * y;",
                    1 => "s += checked((int)(s * 1e9)) * 0.0 + m++ * x;",
                    _ => "if (x > 5) goto Out" + name + ";",
                };
                string mark = kind switch { 0 => "Helper", 1 => "m++", _ => "goto" };
                text.Append(inner);
                badAt = text.Length + written.IndexOf(mark, StringComparison.Ordinal);
                bad = kind == 1 ? "m" : mark;
                text.Append(written).Append('\n');
            }
            switch (random.Next(5))
            {
                case 0:
                    text.Append(inner).Append("s = s * ").Append(Pick("x", "y", "0.9")).Append(" + 0.25;\n");
                    break;
                case 1:
                    kinds.Add("Overflow");
                    text.Append(inner).Append("int n").Append(i).Append(" = checked((int)(s * 1e9));\n");
                    text.Append(inner).Append("s += n").Append(i).Append(" * 0.0 + ").Append(Pick("x", "y * s")).Append(";\n");
                    break;
                case 2:
                    kinds.Add("Index");
                    text.Append(inner).Append("s += w[k + ").Append(Pick("0", "1", "2")).Append("] * ").Append(Pick("x", "s")).Append(";\n");
                    break;
                case 3:
                    kinds.Add("Argument");
                    text.Append(inner).Append("if (").Append(Pick("x", "y", "s")).Append(' ').Append(Pick("<", ">")).Append(' ').Append(Pick("-0.5", "0", "0.5")).Append(") throw new ArgumentException(\"no\");\n");
                    break;
                default:
                    kinds.Add("Divide");
                    text.Append(inner).Append("int q").Append(i).Append(" = 6 / (k - ").Append(Pick("1", "2")).Append(");\n");
                    text.Append(inner).Append("s += q").Append(i).Append(" * ").Append(Pick("x", "y")).Append(";\n");
                    break;
            }
        }
        bool returns = !loop && random.Next(3) == 0;
        if (returns) text.Append(pad).Append("    return s * ").Append(Pick("x", "y")).Append(";\n");
        text.Append(pad).Append("}\n");
        var clauses = new List<string> { "catch", "catch (Exception)" };
        if (kinds.IsSubsetOf(new[] { "Overflow", "Divide" })) clauses.Add("catch (ArithmeticException)");
        if (kinds.IsSubsetOf(new[] { "Overflow" })) clauses.Add("catch (OverflowException)");
        if (kinds.IsSubsetOf(new[] { "Index" })) clauses.Add("catch (IndexOutOfRangeException)");
        if (kinds.IsSubsetOf(new[] { "Argument" })) clauses.Add("catch (ArgumentException)");
        if (kind == 3)
        {
            text.Append(pad).Append("catch (Exception e) when (");
            badAt = text.Length;
            bad = "e";
            text.Append("e is ArithmeticException)\n");
        }
        else
        {
            text.Append(pad).Append(clauses[random.Next(clauses.Count)]).Append('\n');
        }
        text.Append(pad).Append("{\n").Append(pad).Append("    s = ").Append(Pick("s * 0.5 + x", "-y", "Math.Cos(s) * x")).Append(";\n").Append(pad).Append("}\n");
        if (random.Next(3) == 0) text.Append(pad).Append("finally\n").Append(pad).Append("{\n").Append(pad).Append("    s += 0.125;\n").Append(pad).Append("}\n");
        if (loop) text.Append("        }\n");
        if (kind == 2) text.Append("    Out").Append(name).Append(":\n");
        text.Append("        return s + ").Append(Pick("x", "y * y")).Append(";\n    }\n");
        return new Program(name, text.ToString(), bad, badAt);
    }
}
