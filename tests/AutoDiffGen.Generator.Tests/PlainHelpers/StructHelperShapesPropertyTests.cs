using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.PlainHelpers;

/// <summary>
/// Random programs over the plain-helper struct shapes of structs14: helpers returning a record struct through
/// <c>with</c>, a struct with an int member (the int a constant, changed by the helper too) or a Complex, helpers taking a
/// Complex or such a struct, writing a member of their own by-value struct parameter, calling one another, called in loops
/// and branches and nested in their own arguments. Inside support every gradient matches central differences, MForward
/// the gradient along a random tangent and MHessian central differences of the gradient (ModeChecks). Just outside, the
/// innermost helper writes a static field: exactly ADG0004 at the program's first call of a helper that reaches it, no code.
/// </summary>
public class StructHelperShapesPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        public record struct P2(double X, double Y);
        public struct Sample { public int Id; public double W; }

        public static partial class Calls
        {

        """;

    [Fact]
    public void RandomStructShapeHelpers_MatchCentralDifferencesInEveryMode_AndOutsideOnesAreADG0004AtTheCall()
    {
        var random = new Random(14_2026_1204);
        int count = ProgramBatch.Count("AUTODIFFGEN_STRUCT_SHAPE_HELPERS_COUNT", 40);
        var all = Enumerable.Range(0, count).Select(i => Next(random, i, i % 4 == 3)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad), "ADG0004");
        Assert.True(clean.Count >= count / 2, clean.Count + " of " + count + " programs inside support");
        var withWrappers = clean.Select(p => (p.Name, Text: p.Text + "    public static double[] " + p.Name + "H(double x, double y, int k) { var h = new double[4]; " + p.Name + "Hessian(x, y, k, h); return h; }\n")).ToList();
        var type = ProgramBatch.LoadClean(Header, withWrappers.Select(p => p.Text), "Calls");
        int points = ModeChecks.AtThreePoints(type, withWrappers, () => ProgramBatch.PointXYK(random), random);
        output.WriteLine(clean.Count + " programs inside, " + (count - clean.Count) + " outside; " + points + " points in three modes");
    }

    private static Program Next(Random random, int index, bool outside)
    {
        string name = "P" + index, lib = "Lib" + index;
        var text = new StringBuilder();
        text.Append("    public static class ").Append(lib).Append("\n    {\n");
        if (outside) text.Append("        internal static int Count;\n");
        // The innermost helper returns a struct: a with, a struct with an int member, or a Complex.
        int shape = random.Next(3);
        text.Append(shape switch
        {
            0 => "        internal static P2 Leaf(P2 p, double d)\n        {\n            var r = p with { X = p.X * d + Math.Sin(p.Y) };\n",
            1 => "        internal static Sample Leaf(Sample s, double d)\n        {\n            var r = new Sample { Id = s.Id + 1, W = s.W * d - s.Id };\n            if (r.Id > 2) r.W = r.W * 0.5;\n",
            _ => "        internal static Complex Leaf(Complex z, double d)\n        {\n            var r = z * z * d + Complex.Exp(z * 0.25);\n",
        });
        if (outside) text.Append("            Count++;\n");
        text.Append("            return r;\n        }\n");
        // A helper taking that struct by value, writing a member of it first.
        text.Append(shape switch
        {
            0 => "        internal static double Use(P2 p) { p.Y = p.Y * p.X; return p.X + p.Y; }\n",
            1 => "        internal static double Use(Sample s) { s.W = s.W + s.Id; return s.W * s.Id; }\n",
            _ => "        internal static double Use(Complex z) => z.Real * z.Imaginary + z.Magnitude;\n",
        });
        string Make(string u, string v) => shape switch
        {
            0 => "new P2(" + u + ", " + v + ")",
            1 => "new Sample { Id = k, W = " + u + " * " + v + " }",
            _ => "new Complex(" + u + ", 0.5 * " + v + ")",
        };
        text.Append("    }\n\n");
        string first = lib + ".Leaf(" + Make("x", "y") + ", x)";
        text.Append("    [Differentiable(Forward = true, Hessian = true)]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        var s = ").Append(first).Append(";\n");
        text.Append("        double r = ").Append(lib).Append(".Use(s);\n");
        text.Append(random.Next(4) switch
        {
            0 => "        for (int j = 0; j < k; j++) r += 0.25 * " + lib + ".Use(" + lib + ".Leaf(" + Make("Math.Sin(r)", "x") + ", 0.5));\n",
            1 => "        if (x > 0) r = r * " + lib + ".Use(" + lib + ".Leaf(s, y));\n",
            2 => "        r = " + lib + ".Use(" + lib + ".Leaf(" + lib + ".Leaf(s, r), y)) - r;\n",
            _ => "        r = r + " + lib + ".Use(" + Make("y", "r") + ");\n",
        });
        text.Append("        return r;\n    }\n");
        return new Program(name, text.ToString(), outside ? first : null);
    }
}
