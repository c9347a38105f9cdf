using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.RefAliases;

/// <summary>
/// Property test of ref locals as aliases: random programs bind ref locals to locals, array elements and ref returns
/// (<c>ref var r = ref Identity(ref t)</c>, <c>ref Second(a, x)</c>), write through them, pass them as ref arguments,
/// read ref returns as values, in branches and loops. Each program inside what is supported generates cleanly and its
/// Backward matches central differences at three random points; each just outside (an element ref local passed by ref
/// with its own array, or assigned inside an expression) gets an ADG0003 there and no code. CI runs 90 programs;
/// AUTODIFFGEN_REFALIAS_COUNT runs more.
/// </summary>
public class RefAliasPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void RefLocalsAndRefReturns_MatchCentralDifferences_OrAnErrorAtTheExpression()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_REFALIAS_COUNT", 90);
        var random = new Random(20261202);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();

        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad));
        int diagnosed = all.Count - clean.Count;

        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "Refs");
        int points = ProgramBatch.CheckAtThreePoints(type, clean.Select(p => (p.Name, p.Text)),
            () => ProgramBatch.PointXYK(random));
        output.WriteLine($"{count} programs: {clean.Count} generated, {points} points checked, {diagnosed} diagnosed");
        Assert.True(diagnosed == all.Count(p => p.Bad is not null) && clean.Count > count / 2 && points == 3 * clean.Count);
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Statement(int depth)
        {
            switch (random.Next(depth > 0 ? 12 : 10))
            {
                case 0: return "{ ref double r = ref s; r = r * y + 0.1; }";
                case 1: return "{ ref double r = ref a[k % 3]; r += x * t; }";
                case 2: return "{ ref double r = ref Identity(ref t); r *= 0.9; s += r; }";
                case 3: return "{ ref double r = ref Scale(ref s, " + Pick("y", "0.8", "t") + "); r += t; }";
                case 4: return "s += Identity(ref t) * x;";
                case 5: return "{ ref double r = ref Second(a, " + Pick("x", "0.7") + "); r = r * 0.5 + s; }";
                case 6: return "{ ref double r = ref " + Pick("t", "s") + "; Step(ref r, x); }";
                case 7: return "{ ref double r = ref a[" + Pick("0", "2") + "]; Step(ref r, y); }";
                case 8: return "{ ref readonly double r = ref a[1]; s += r * r; }";
                case 9: return "t += Scale(ref a[0], y) * 0.5;";
                case 10: return "for (int i = 0; i < k; i++) { " + Statement(depth - 1) + " }";
                default: return "if (x > 0.2) { " + Statement(depth - 1) + " } else { " + Statement(depth - 1) + " }";
            }
        }
        // Just outside: the text the ADG0003 must point at, and the statement that holds it.
        (string Bad, string Statement) Outside() => random.Next(2) switch
        {
            0 => ("r", "{ ref double r = ref a[0]; s += Both(ref r, a); }"),
            _ => ("r += x", "{ ref double r = ref a[1]; s += (r += x) * 2; }"),
        };

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = x + 0.5 * y, t = y;\n        var a = new double[3];\n        a[0] = x; a[1] = y; a[2] = x * y;\n");
        string? badText = ProgramBatch.AppendStatements(text, random, outside, () => Statement(1), Outside);
        text.Append("        return s + t + a[0] * a[1] + a[2];\n    }\n");
        return new Program(name, text.ToString(), badText);
    }

    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Refs
        {
            [Differentiable] public static ref double Identity(ref double x) => ref x;
            [Differentiable] public static ref double Scale(ref double x, double k) { x *= k; return ref x; }
            [Differentiable] public static ref double Second(double[] a, double y) { a[1] *= y; return ref a[1]; }
            [Differentiable] public static void Step(ref double e, double h) { e = e * h + 1; }
            [Differentiable] public static double Both(ref double e, double[] b) { e = e * b[1]; return e; }

        """;
}
