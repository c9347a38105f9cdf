using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms13a;

/// <summary>
/// Property test of issue 13 (idioms13a): random programs over <c>(double x, double y, double[] v)</c> mix ref ternaries
/// (a ref local bound to one, a store or compound store through one, of scalars and of a local array's elements, nested,
/// in loops), <c>v is double[] arr</c> on the array parameter, and plain helpers; each must match central differences at
/// three points. One in five holds a statement just outside: a ref ternary to a static field (ADG0003 at the field), a
/// generic plain helper (ADG0003 at the call), a recursive plain helper (ADG0004 at the call), a recursive local function
/// (ADG0003 at the recursive call): an error at that text and no code for the method. CI runs 60 programs;
/// AUTODIFFGEN_IDIOMS13A_COUNT runs more.
/// </summary>
public class Idioms13aPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Idioms13a
        {
            private static double Field;
            private static double Sq(double q) => q * q + 0.5 * q;
            // Generic helpers at double are inlined since idioms14a, when they stand alone: this one calls another (ADG0003).
            private static T Id<T>(T q) => Same(q);
            private static T Same<T>(T q) => q;
            private static double Pow(double q, int n) => n == 0 ? 1 : q * Pow(q, n - 1);


        """;

    [Fact]
    public void RefTernariesArrayPatternsAndHelpers_MatchCentralDifferences_OrAnErrorAtTheConstruct()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_IDIOMS13A_COUNT", 60);
        var random = new Random(20261204);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "Idioms13a", all.Select(p => (p.Name, p.Text, p.Bad)).ToList(), () => Point(random), output.WriteLine, "ADG0003,ADG0004");
    }

    private static double R(Random random) => Math.Round((random.NextDouble() * 2) - 1, 4);

    private static object[] Point(Random random) => new object[] { R(random), R(random), new[] { R(random), R(random), R(random) } };

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x", "y", "x * y", "Math.Sin(x)", "0.5", "s", "t * 0.5");
        string Test() => Pick("x > y", "s > t", "x > 0", "y < 0.3");
        string Op() => Pick("+=", "*=", "-=", "=");
        string Referent() => Pick("s", "t", "w[0]", "w[1]", "e");

        string Statement() => random.Next(8) switch
        {
            0 => "{ ref double r = ref (" + Test() + " ? ref " + Referent() + " : ref " + Referent() + "); r " + Op() + " " + Real() + "; s += r * 0.25; }",
            1 => "(" + Test() + " ? ref " + Referent() + " : ref " + Referent() + ") " + Op() + " " + Real() + ";",
            2 => "(" + Test() + " ? ref s : ref (" + Test() + " ? ref w[1] : ref t)) " + Op() + " " + Real() + ";",
            3 => "for (int i = 0; i < v.Length; i++) (v[i] > " + Pick("0", "0.2", "x") + " ? ref " + Referent() + " : ref " + Referent() + ") += v[i] * " + Real() + ";",
            4 => "for (int i = 0; i < v.Length; i++) { ref double r = ref (v[i] > 0 ? ref s : ref w[0]); r *= 1 + v[i] * " + Pick("0.5", "x", "0.1") + "; }",
            5 => "{ if (v is double[] arr) s += arr[" + random.Next(3).ToString(CultureInfo.InvariantCulture) + "] * " + Real() + "; }",
            6 => "{ s += v is double[] a2 && a2.Length > 1 ? a2[1] * " + Real() + " : t; }",
            _ => "t += Sq(" + Real() + ");",
        };

        (string Bad, string Statement) Outside() => random.Next(4) switch
        {
            0 => ("Field", "(" + Test() + " ? ref Field : ref s) = " + Real() + ";"),
            1 => ("Id(x * y)", "s += Id(x * y);"),
            // A depth known only at run time (a constant one is unrolled since idioms15a).
            2 => ("Pow(x, v.Length)", "t += Pow(x, v.Length);"),
            _ => ("Rec(q * 0.5, n - 1)", "{ double Rec(double q, int n) => n == 0 ? q : Rec(q * 0.5, n - 1); s += Rec(x, 2); }"),
        };

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, double[] v)\n    {\n");
        text.Append("        double s = x * 0.5 + y, t = y - x;\n        var w = new double[2];\n        w[0] = x;\n        w[1] = y * y;\n        ref double e = ref w[1];\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s * t + s + w[0] * w[1];\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
