using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.PlainHelpers;

/// <summary>
/// Random programs calling random chains of plain helpers (issue 13): each program has a class of its own helpers, not
/// [Differentiable], that call one another (one to four levels), with branches, loops over an int argument, early
/// returns, locals and Math functions, called from the program in loops, branches, twice and nested in their own
/// arguments. Inside support every gradient matches central differences, MForward matches the gradient along a random
/// tangent and MHessian central differences of the gradient (ModeChecks). Just outside, the innermost helper does
/// something that cannot be differentiated in place (a goto, a write to a static field, a conversion to decimal,
/// recursion, its array parameter assigned): then the program has exactly ADG0004, at its own call of the outermost
/// helper, and no code.
/// </summary>
public class PlainHelperPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class Calls\n{\n";

    [Fact]
    public void RandomHelperChains_MatchCentralDifferencesInEveryMode_AndOutsideOnesAreADG0004AtTheCall()
    {
        var random = new Random(20261204);
        int count = ProgramBatch.Count("AUTODIFFGEN_PLAIN_HELPERS_COUNT", 48);
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
        string name = "P" + index;
        string lib = "Lib" + index;
        int depth = 1 + random.Next(4);
        var text = new StringBuilder();
        text.Append("    public static class ").Append(lib).Append("\n    {\n");
        for (int level = 0; level < depth; level++)
        {
            bool innermost = level == depth - 1;
            string inner = innermost ? Leaf(random) : "H" + (level + 1) + "(" + Arg(random) + ", " + Arg(random) + ", k" + (outside && level + 1 == depth - 1 ? ", new double[1]" : "") + ")";
            text.Append("        internal static double H").Append(level).Append("(double v, double u, int k").Append(innermost && outside ? ", double[] a" : "").Append(")\n        {\n");
            text.Append("            double s = ").Append(inner).Append(";\n");
            switch (random.Next(4))
            {
                case 0:
                    text.Append("            for (int i = 0; i < k; i++) s = 0.5 * s + Math.Sin(u + s);\n");
                    break;
                case 1:
                    text.Append("            if (v > u) s = s * Math.Cos(v);\n            else s = s + Math.Tanh(u);\n");
                    break;
                case 2:
                    text.Append("            if (k == 2) return s * v;\n");
                    break;
                default:
                    text.Append("            double t = Math.Sqrt(1 + s * s);\n            s = t * u;\n");
                    break;
            }
            if (innermost && outside)
            {
                text.Append(random.Next(5) switch
                {
                    0 => "            if (s > 100) goto end;\n            s = s + 1;\n            end:\n",
                    1 => "            Calls_" + index + "_Count++;\n",
                    2 => "            s = (double)(decimal)s;\n",
                    3 => "            if (k > 100) s = H" + level + "(s, u, k - 1, a);\n",
                    // (a[0] = s, a write into its array argument, is inlined since idioms14b: Idioms14b/Idioms14bTests.)
                    _ => "            a = new double[1];\n",
                });
            }
            text.Append("            return s;\n        }\n");
        }
        if (outside) text.Append("        internal static int Calls_").Append(index).Append("_Count;\n");
        text.Append("    }\n\n");
        string Call(string v, string u) => lib + ".H0(" + v + ", " + u + ", k" + (depth == 1 && outside ? ", a" : "") + ")";
        // The first call of the outermost helper is where the error must be.
        string first = Call("x * y", "y");
        string? bad = outside ? first : null;
        text.Append("    [Differentiable(Forward = true, Hessian = true)]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        if (outside && depth == 1) text.Append("        double[] a = new double[1];\n");
        text.Append("        double r = ").Append(first).Append(";\n");
        switch (random.Next(4))
        {
            case 0:
                text.Append("        for (int j = 0; j < 2; j++) r += 0.25 * ").Append(Call("r", "x")).Append(";\n");
                break;
            case 1:
                text.Append("        if (x > 0) r = r * ").Append(Call("x", "y")).Append(";\n");
                break;
            case 2:
                text.Append("        r = ").Append(Call(Call("x", "r"), "y")).Append(" - r;\n");
                break;
            default:
                text.Append("        r = r + ").Append(Call("y", "x")).Append(";\n");
                break;
        }
        text.Append("        return r;\n    }\n");
        return new Program(name, text.ToString(), bad);

        string Arg(Random r) => r.Next(3) switch { 0 => "v", 1 => "u * v", _ => "Math.Sin(u) + v" };
    }

    private static string Leaf(Random random) => random.Next(4) switch
    {
        0 => "v * u + Math.Exp(0.3 * v)",
        1 => "Math.Log(1 + v * v) * u",
        2 => "1.0 / (1.0 + Math.Exp(-v * u))",
        _ => "Math.Sin(v) * Math.Cos(u) + v",
    };
}
