using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms15a;

/// <summary>
/// Property test of idioms15a item 2: random programs over <c>(double x, double y, int k)</c> call generic void ref helpers
/// at double (<c>Swap&lt;T&gt;</c>, <c>AddBoth&lt;T&gt;</c> whose two refs may be one slot, <c>ScaleBy&lt;T&gt;</c> with a loop) on
/// locals, parameters and elements of a local array (<c>Swap(ref c[i], ref c[j])</c>, i and j at random, equal sometimes),
/// under ifs and in loops. Inside support every gradient matches central differences, MForward the gradient along a
/// random tangent and MHessian central differences of the gradient (ModeChecks). One in five calls a generic helper that
/// calls another (ADG0002 at the call) or passes a static field by ref (ADG0003 at the call): an error there and no code.
/// CI runs 40 programs; AUTODIFFGEN_GENERIC_REF_HELPERS_COUNT runs more.
/// </summary>
public class GenericRefHelperPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        public static class Global
        {
            public static double Field;
            public static void Swap<T>(ref T a, ref T b) { T t = a; a = b; b = t; }
            public static void SwapVia<T>(ref T a, ref T b) { Swap(ref a, ref b); }
            public static void AddBoth<T>(ref T a, ref T b) where T : INumber<T> { a += b; b += a; }
            public static void ScaleBy<T>(ref T a, T k, int times) where T : INumber<T> { for (int i = 0; i < times; i++) a *= k; }
        }

        public static partial class GenericRefs
        {

        """;

    [Fact]
    public void GenericRefHelpers_MatchCentralDifferencesInEveryMode_OrAnErrorAtTheCall()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_GENERIC_REF_HELPERS_COUNT", 40);
        var random = new Random(2026_12_05);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad), "ADG0002,ADG0003");
        var withWrappers = clean.Select(p => (p.Name, Text: p.Text + "    public static double[] " + p.Name + "H(double x, double y, int k) { var h = new double[4]; " + p.Name + "Hessian(x, y, k, h); return h; }\n")).ToList();
        var type = ProgramBatch.LoadClean(Header, withWrappers.Select(p => p.Text), "GenericRefs");
        int points = ModeChecks.AtThreePoints(type, withWrappers, () => ProgramBatch.PointXYK(random), random);
        ProgramBatch.AssertCounts(count, all.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x", "y", "x * y", "Math.Sin(x)", "s", "t * 0.5", "0.3");
        string Slot() => "c[" + random.Next(3).ToString(CultureInfo.InvariantCulture) + "]";
        string Ref() => Pick("s", "t", "x", "y", Slot(), Slot());
        string Call() => random.Next(4) switch
        {
            0 or 1 => "Global.Swap(ref " + Ref() + ", ref " + Ref() + ");",
            2 => "Global.AddBoth(ref " + Ref() + ", ref " + Ref() + ");",
            _ => "Global.ScaleBy(ref " + Ref() + ", " + Pick("0.5", "x", "y * 0.5", "1.1") + ", " + Pick("1", "2", "k") + ");",
        };
        string Statement() => random.Next(5) switch
        {
            0 or 1 => Call(),
            2 => "if (" + Pick("x > y", "s > t", "c[0] > c[1]", "k > 1") + ") " + Call(),
            3 => "for (int i = 0; i < k; i++) { " + Call() + " s += 0.25 * " + Real() + "; }",
            _ => "s += " + Real() + " * " + Slot() + ";",
        };
        (string Bad, string Statement) Outside()
        {
            string bad = random.Next(2) == 0 ? "Global.SwapVia(ref s, ref t)" : "Global.Swap(ref " + Ref() + ", ref Global.Field)";
            return (bad, bad + ";");
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable(Forward = true, Hessian = true)]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = x * 0.5 + y, t = y - x;\n        var c = new double[3];\n        c[0] = x * x;\n        c[1] = y;\n        c[2] = x - y;\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s * t + s + c[0] * c[1] + c[2] + x * y;\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
