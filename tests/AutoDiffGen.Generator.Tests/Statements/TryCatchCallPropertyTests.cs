using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// Property test for <see cref="TryCatchCallTests"/>: random programs whose try (in a loop or not) calls a
/// <c>[Differentiable]</c> callee and a plain helper that never throw, reads a struct's properties and computed property, a
/// tuple's members, a class object's method, a local List's element at k, and computes checked int products and sums of
/// k, among int divisions by k - c (k is drawn from 0..3, so some points take the catch, which catches them all). Each must
/// match central differences at three points. Just outside, a call the generator cannot tell the throws of (a helper
/// dividing by an int, writing a static field, taking a ref) or a checked short multiply in place must be ADG0002 at
/// exactly it, with no code. CI runs 60 programs; AUTODIFFGEN_TRYCALL_COUNT runs more.
/// </summary>
public class TryCatchCallPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad, int BadAt);

    private const string Header = """
        using System;
        using System.Collections.Generic;
        using AutoDiffGen;

        """ + TryCatchCallTests.Types + """
        public static partial class Calls
        {
            [Differentiable]
            public static double Sq(double v) => v * v;
            public static double Scale(double v) => 2.0 * v;
            public static double Div(double v, int k) => v * (12 / k);
            public static double Last;
            public static double Keep(double v) { Last = v; return v; }
            public static double Twice(ref double v) { v *= 2; return v; }


        """;

    [Fact]
    public void CallsAndMemberReadsInATry_MatchCentralDifferences_WhatMayThrowUnseenIsAnErrorAtIt()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_TRYCALL_COUNT", 60);
        var random = new Random(20261307);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i, outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAtAndCheck(Header, "Calls", all.Select(p => (p.Name, p.Text, p.Bad, p.BadAt)).ToList(), () => ProgramBatch.PointXYK(random), output.WriteLine, "ADG0002");
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
        text.Append("        var p = new P2(").Append(Pick("x, y", "x * y, y + 1.0", "y, x")).Append(");\n");
        text.Append("        var t = (A: ").Append(Pick("x * y", "x + 1.0")).Append(", B: ").Append(Pick("y * y", "x - y")).Append(");\n");
        text.Append("        var ln = new Line(").Append(Pick("x, 0.5", "y, x", "1.5, y")).Append(");\n");
        text.Append("        var xs = new List<double> { x, ").Append(Pick("y", "x * y")).Append(", 0.25 };\n");
        if (loop) text.Append("        for (int i = 0; i < 2; i++)\n        {\n");
        text.Append(pad).Append("try\n").Append(pad).Append("{\n");
        int statements = 1 + random.Next(3);
        int badStatement = outside ? random.Next(statements) : -1;
        for (int i = 0; i < statements; i++)
        {
            if (i == badStatement)
            {
                // The error starts at the operation; its span is the method called, or the variable written.
                var (written, mark, span) = random.Next(4) switch
                {
                    0 => ("s += Div(x, k) * y;", "Div(x, k)", "Div"),
                    1 => ("s += Keep(x) * y;", "Keep(x)", "Keep"),
                    2 => ("double u" + i + " = x; s += Twice(ref u" + i + ") * y;", "Twice(ref u" + i + ")", "Twice"),
                    _ => ("short g" + i + " = 3; checked { g" + i + " *= 3; }", "g" + i + " *= 3", "g" + i),
                };
                text.Append(inner);
                badAt = text.Length + written.IndexOf(mark, StringComparison.Ordinal);
                bad = span;
                text.Append(written).Append('\n');
            }
            string divisor = Pick("k", "(k - 1)", "(k - 2)", "(k - 3)");
            switch (random.Next(7))
            {
                case 0:
                    text.Append(inner).Append("s += Sq(").Append(Pick("x", "s", "x * y")).Append(") * (12 / ").Append(divisor).Append(");\n");
                    break;
                case 1:
                    text.Append(inner).Append("s = s * p.X + p.").Append(Pick("Norm2", "Y")).Append(" * (6 / ").Append(divisor).Append(");\n");
                    break;
                case 2:
                    text.Append(inner).Append("s += t.A * (12 / ").Append(divisor).Append(") + t.B;\n");
                    break;
                case 3:
                    text.Append(inner).Append("s += (ln.Slope * ").Append(Pick("y", "s")).Append(" + ln.Intercept) * (4 / ").Append(divisor).Append(") + ln.Slope;\n");
                    break;
                case 4:
                    text.Append(inner).Append("int m").Append(i).Append(" = checked(").Append(Pick("(k + 1) * 800_000_000", "k * 900_000_000 + 1_000_000_000", "(2 - k) * -1_100_000_000")).Append(");\n");
                    text.Append(inner).Append("s += m").Append(i).Append(" * 1e-9 * ").Append(Pick("x", "y")).Append(";\n");
                    break;
                case 5:
                    text.Append(inner).Append("s += xs[").Append(Pick("k", "k - 1", "2 - k")).Append("] * ").Append(Pick("y", "s")).Append(";\n");
                    break;
                default:
                    text.Append(inner).Append("s = s * ").Append(Pick("x", "0.9")).Append(" + Scale(k) * ").Append(Pick("y", "x")).Append(";\n");
                    break;
            }
        }
        text.Append(pad).Append("}\n");
        text.Append(pad).Append(Pick("catch", "catch (Exception)", "catch (SystemException)")).Append('\n');
        text.Append(pad).Append("{\n").Append(pad).Append("    s = ").Append(Pick("s * 0.5 + Sq(x)", "-y * p.Norm2", "Math.Cos(s) * t.B")).Append(";\n").Append(pad).Append("}\n");
        if (loop) text.Append("        }\n");
        text.Append("        return s + ").Append(Pick("x", "y * y", "xs[0]")).Append(";\n    }\n");
        return new Program(name, text.ToString(), bad, badAt);
    }
}
