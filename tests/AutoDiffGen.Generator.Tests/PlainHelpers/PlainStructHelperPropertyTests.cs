using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.PlainHelpers;

/// <summary>
/// Random programs calling plain helpers that take structs of reals (a readonly struct with a computed property, a record
/// struct) by value or by <c>in</c>, and reals by <c>in</c> (hunt13): helpers calling helpers, struct locals inside them,
/// branches on struct members, called with struct locals, structs built at the call from differentiated values, in loops
/// and branches and nested in their own arguments. Inside support every gradient matches central differences, MForward
/// the gradient along a random tangent and MHessian central differences of the gradient (ModeChecks). Just outside, the
/// innermost helper writes a static field: exactly ADG0004 at the program's first call of the outermost helper, no code.
/// </summary>
public class PlainStructHelperPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = """
        using System;
        using AutoDiffGen;

        public readonly struct Pt
        {
            public Pt(double a, double b) { A = a; B = b; }
            public double A { get; }
            public double B { get; }
            public double Norm2 => A * A + B * B;
        }

        public record struct Pair(double U, double V);

        public static partial class Calls
        {

        """;

    [Fact]
    public void RandomStructHelpers_MatchCentralDifferencesInEveryMode_AndOutsideOnesAreADG0004AtTheCall()
    {
        var random = new Random(13_2026_1204);
        int count = ProgramBatch.Count("AUTODIFFGEN_PLAIN_STRUCT_HELPERS_COUNT", 40);
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
        bool nested = random.Next(2) == 0;
        var text = new StringBuilder();
        text.Append("    public static class ").Append(lib).Append("\n    {\n");
        if (outside) text.Append("        internal static int Count;\n");
        // The innermost helper: a struct by in, a record struct by value, a real by in.
        text.Append("        internal static double Leaf(in Pt p, Pair q, in double w)\n        {\n");
        text.Append("            double s = ").Append(random.Next(3) switch
        {
            0 => "p.A * q.V + p.B * w",
            1 => "Math.Sqrt(1 + p.Norm2) * q.U + w",
            _ => "Math.Sin(p.A) * q.U - q.V * p.B * w",
        }).Append(";\n");
        text.Append(random.Next(3) switch
        {
            0 => "            if (p.A > q.U) s *= Math.Cos(w);\n            else s += Math.Tanh(p.B);\n",
            1 => "            var t = new Pt(s, w);\n            s = 0.1 * t.Norm2 + q.V;\n",
            _ => "            var r = new Pair(s, q.V);\n            s = r.U * r.V + 0.5 * s;\n",
        });
        if (outside) text.Append("            Count++;\n");
        text.Append("            return s;\n        }\n");
        if (nested)
        {
            text.Append("        internal static double Outer(Pt p, in Pair q, double w) => Leaf(new Pt(p.B, w), q, p.A) + Leaf(in p, new Pair(q.V, w), in w);\n");
        }
        text.Append("    }\n\n");
        string Call(string p, string q, string w) => lib + "." + (nested ? "Outer" : "Leaf") + "(" + p + ", " + q + ", " + w + ")";
        string first = Call(!nested && random.Next(2) == 0 ? "in p" : "new Pt(x, x * y)", "q", "x");
        text.Append("    [Differentiable(Forward = true, Hessian = true)]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        var p = new Pt(x * y, y);\n        var q = new Pair(x, Math.Sin(y));\n");
        text.Append("        double r = ").Append(first).Append(";\n");
        text.Append(random.Next(4) switch
        {
            0 => "        for (int j = 0; j < k; j++) r += 0.25 * " + Call("new Pt(r, x)", "q", "y") + ";\n",
            1 => "        if (x > 0) r = r * " + Call("p", "new Pair(r, y)", "x") + ";\n",
            2 => "        r = " + Call("p", "q", Call("p", "q", "r")) + " - r;\n",
            _ => "        r = r + " + Call("new Pt(y, r)", "q", "x * r") + ";\n",
        });
        text.Append("        return r;\n    }\n");
        return new Program(name, text.ToString(), outside ? first : null);
    }
}
