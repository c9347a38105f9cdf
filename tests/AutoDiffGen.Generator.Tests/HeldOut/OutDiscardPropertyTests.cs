using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// Random programs calling a plain void helper with three <c>out double</c> results (a branch and a loop in some bodies),
/// each result received as <c>out double r</c>, <c>out _</c> or <c>out double _</c> at random (at least one kept), the call
/// as a statement, in a loop or under an if. Inside support every gradient matches central differences, MForward the
/// gradient along a random tangent and MHessian central differences of the gradient (ModeChecks). Just outside, one result
/// goes into an element of a local 2-D array (<c>out v[0, 0]</c>; a double[] element is the slot itself since idioms15a): exactly ADG0003 at that call, and no code for the program.
/// </summary>
public class OutDiscardPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Calls
        {

        """;

    [Fact]
    public void RandomDiscards_MatchCentralDifferencesInEveryMode_AndAnElementOutArgumentIsADG0003AtTheCall()
    {
        var random = new Random(14_2026_1204);
        int count = ProgramBatch.Count("AUTODIFFGEN_OUT_DISCARD_COUNT", 32);
        var all = Enumerable.Range(0, count).Select(i => Next(random, i, i % 4 == 3)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad));
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
        text.Append("        internal static void Three(double a, double b, out double p, out double q, out double r)\n        {\n");
        text.Append(random.Next(3) switch
        {
            0 => "            p = a * b;\n            q = Math.Sin(a) + b;\n            r = Math.Exp(-a * a) * b;\n",
            1 => "            if (a > b) { p = a - b; q = a * a; }\n            else { p = Math.Cos(b); q = a * b * b; }\n            r = p * q;\n",
            _ => "            double s = 0;\n            for (int j = 1; j <= 3; j++) s += Math.Tanh(a * j) * b;\n            p = s;\n            q = s * a;\n            r = Math.Sqrt(1 + b * b) + s;\n",
        });
        text.Append("        }\n    }\n\n");
        // Which results the caller keeps: at least one, read after the call.
        int kept = 1 + random.Next(7);
        string[] names = { "u", "w", "z" };
        string Arg(int i, string suffix) => (kept >> i & 1) == 1 ? "out double " + names[i] + suffix : random.Next(2) == 0 ? "out _" : "out double _";
        string Used(string suffix) => string.Join(" + ", Enumerable.Range(0, 3).Where(i => (kept >> i & 1) == 1).Select(i => names[i] + suffix));
        string CallText(string a, string b, string suffix) => lib + ".Three(" + a + ", " + b + ", " + Arg(0, suffix) + ", " + Arg(1, suffix) + ", " + Arg(2, suffix) + ")";

        text.Append("    [Differentiable(Forward = true, Hessian = true)]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        string? bad = null;
        if (outside)
        {
            text.Append("        var v = new double[1, 1];\n");
            bad = lib + ".Three(x, y, out v[0, 0], out _, out double c)";
            text.Append("        ").Append(bad).Append(";\n        double r = v[0, 0] + c;\n");
        }
        else
        {
            string first = CallText("x", "y", "0");
            text.Append("        ").Append(first).Append(";\n        double r = ").Append(Used("0")).Append(";\n");
        }
        text.Append(random.Next(3) switch
        {
            0 => "        for (int j = 0; j < k; j++)\n        {\n            " + CallText("r * 0.5", "x", "1") + ";\n            r += 0.25 * (" + Used("1") + ");\n        }\n",
            1 => "        if (x > y)\n        {\n            " + CallText("y", "r", "1") + ";\n            r = r * (" + Used("1") + ");\n        }\n",
            _ => "        " + CallText("r", "x * y", "1") + ";\n        r = r - (" + Used("1") + ");\n",
        });
        text.Append("        return r;\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
