using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms14a;

/// <summary>
/// Property test of issue 13 (idioms14a): random programs over <c>(double x, double y, IEnumerable&lt;double&gt; v)</c> mix
/// Math.NET's dispatch (<c>v is double[] arr ? … : …</c>, the <c>if</c>/<c>else</c> form, <c>v is double[]</c>), plain
/// generic helpers at double (<c>Sq2&lt;T&gt;</c> over <c>INumber&lt;T&gt;</c>, <c>Id&lt;T&gt;</c>, <c>Pick&lt;T&gt;</c>) and a Try
/// helper in a switch expression's arm; each must match central differences at three points, called with an array (the
/// array path) or a list (the sequence path) at random. One in five holds a statement just outside: the dispatch's array
/// written (ADG0003 at the pattern), a generic helper calling another (ADG0003 at the call), a Try call in an arm writing
/// an outer variable (ADG0004 at the call), a recursive helper (ADG0004 at the call): an error at that text and no code for
/// the method. CI runs 60 programs; AUTODIFFGEN_IDIOMS14A_COUNT runs more.
/// </summary>
public class Idioms14aPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Numerics;
        using AutoDiffGen;

        public static partial class Idioms14a
        {
            private static T Sq2<T>(T q) where T : INumber<T> => q * q;
            private static T Id<T>(T q) => q;
            private static T Pick<T>(bool c, T a, T b) => c ? a : b;
            private static T Twice<T>(T q) where T : INumber<T> => Id(q) + Id(q);
            private static bool TryG(double q, out double r) { if (q > -0.5) { r = q * q + q; return true; } r = 0; return false; }
            private static double Pow(double q, int n) => n == 0 ? 1 : q * Pow(q, n - 1);


        """;

    [Fact]
    public void DispatchGenericHelpersAndTryArms_MatchCentralDifferences_OrAnErrorAtTheConstruct()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_IDIOMS14A_COUNT", 60);
        var random = new Random(20261214);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "Idioms14a", all.Select(p => (p.Name, p.Text, p.Bad)).ToList(), () => Point(random), output.WriteLine, "ADG0003,ADG0004");
    }

    private static double R(Random random) => Math.Round((random.NextDouble() * 2) - 1, 4);

    /// <summary>x, y and three elements, as an array or a list at random: each program runs both dispatch paths.</summary>
    private static object[] Point(Random random)
    {
        var v = new[] { R(random), R(random), R(random) };
        return new object[] { R(random), R(random), random.Next(2) == 0 ? v : v.ToList() };
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x", "y", "x * y", "Math.Sin(x)", "0.5", "s", "t * 0.5");
        string Test() => Pick("x > y", "s > t", "x > 0", "y < 0.3");
        string Index() => random.Next(3).ToString(CultureInfo.InvariantCulture);

        string Statement() => random.Next(7) switch
        {
            0 => "{ s += v is double[] arr ? arr[" + Index() + "] * " + Real() + " : v.Sum() * " + Real() + "; }",
            1 => "{ if (v is double[] arr) { for (int i = 0; i < arr.Length; i++) t += arr[i] * arr[i] * " + Real() + "; } else { foreach (var d in v) s += d * " + Real() + "; } }",
            2 => "t += v is double[] ? v.Sum(q => q * " + Real() + ") : " + Real() + ";",
            3 => "s += Sq2(" + Real() + ") * 0.5;",
            4 => "t += Id(" + Real() + ") * Pick(" + Test() + ", " + Real() + ", " + Real() + ");",
            5 => "s += (" + Test() + " ? 0 : 1) switch { 0 => TryG(" + Real() + ", out var r) ? r * " + Real() + " : 0, _ => " + Real() + " };",
            _ => "for (int i = 0; i < 2; i++) s += Sq2(" + Real() + " * 0.25) + (v is double[] a2 ? a2[i] : 0);",
        };

        (string Bad, string Statement) Outside() => random.Next(4) switch
        {
            0 => ("double[] arr", "{ if (v is double[] arr) { arr[0] = x; s += arr.Sum(); } }"),
            1 => ("Twice(x * y)", "s += Twice(x * y);"),
            2 => ("TryG(x, out t)", "s += (" + Test() + " ? 0 : 1) switch { 0 => TryG(x, out t) ? t : 0, _ => y };"),
            // A depth known only at run time (a constant one is unrolled since idioms15a).
            _ => ("Pow(x, v.Count())", "t += Pow(x, v.Count());"),
        };

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, IEnumerable<double> v)\n    {\n");
        text.Append("        double s = x * 0.5 + y, t = y - x;\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s * t + s + v.Sum();\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
