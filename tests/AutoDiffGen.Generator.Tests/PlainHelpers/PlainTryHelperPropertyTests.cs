using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.PlainHelpers;

/// <summary>
/// Random Try-shaped plain helpers (try12): each program has a class of its own with a static helper, not
/// [Differentiable], that sets an out real (and sometimes a ref accumulator) on every path, may fail early under a
/// guard, loops over an int argument, and returns a bool or a real; the program calls it as a ?: condition, an if
/// condition, an initializer, an operand or in a loop. Inside support every gradient matches central differences,
/// MForward the gradient along a random tangent and MHessian central differences of the gradient (ModeChecks). Just
/// outside, the helper writes a static field or calls itself: then the program has ADG0004 at its call and no code (a real
/// returned by the refused helper and added to a read of its out local also has ADG0003 at that read, which was never set).
/// </summary>
public class PlainTryHelperPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class Tries\n{\n";

    [Fact]
    public void RandomTryHelpers_MatchCentralDifferencesInEveryMode_AndOutsideOnesAreADG0004AtTheCall()
    {
        var random = new Random(20261212);
        int count = ProgramBatch.Count("AUTODIFFGEN_TRY_HELPERS_COUNT", 40);
        var all = Enumerable.Range(0, count).Select(i => Next(random, i, i % 4 == 3)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad), "ADG0004,ADG0003");
        Assert.True(clean.Count >= count / 2, clean.Count + " of " + count + " programs inside support");
        var withWrappers = clean.Select(p => (p.Name, Text: p.Text + "    public static double[] " + p.Name + "H(double x, double y, int k) { var h = new double[4]; " + p.Name + "Hessian(x, y, k, h); return h; }\n")).ToList();
        var type = ProgramBatch.LoadClean(Header, withWrappers.Select(p => p.Text), "Tries");
        int points = ModeChecks.AtThreePoints(type, withWrappers, () => ProgramBatch.PointXYK(random), random);
        output.WriteLine(clean.Count + " programs inside, " + (count - clean.Count) + " outside; " + points + " points in three modes");
    }

    private static Program Next(Random random, int index, bool outside)
    {
        string name = "P" + index, lib = "Lib" + index;
        bool returnsReal = random.Next(4) == 0, withRef = random.Next(3) == 0;
        string extra = withRef ? ", ref double acc" : "";
        var text = new StringBuilder();
        text.Append("    public static class ").Append(lib).Append("\n    {\n");
        if (outside) text.Append("        internal static int Count;\n");
        text.Append("        internal static ").Append(returnsReal ? "double" : "bool").Append(" TryH(double v, double u, int k, out double r").Append(extra).Append(")\n        {\n");
        string fail = returnsReal ? "v" : "false";
        text.Append(random.Next(3) switch
        {
            0 => "            if (v < -0.5) { r = 0; return " + fail + "; }\n",
            1 => "            if (k == 3) { r = u; return " + fail + "; }\n",
            _ => "",
        });
        text.Append("            r = ").Append(Leaf(random)).Append(";\n");
        if (random.Next(2) == 0) text.Append("            for (int i = 0; i < k; i++) r = 0.5 * r + Math.Sin(u + r);\n");
        if (withRef) text.Append("            acc = acc * u + r;\n");
        if (outside)
        {
            text.Append(random.Next(2) == 0
                ? "            Count++;\n"
                : "            if (k > 100) return TryH(r, u, k - 1, out r" + (withRef ? ", ref acc" : "") + ");\n");
        }
        text.Append("            return ").Append(returnsReal ? "r * v" : "r > -10").Append(";\n        }\n    }\n\n");

        string Call(string v, string u, string o) => lib + ".TryH(" + v + ", " + u + ", k, " + o + (withRef ? ", ref acc" : "") + ")";
        string call;
        var body = new StringBuilder();
        if (withRef) body.Append("        double acc = y;\n");
        if (returnsReal)
        {
            call = Call("x", "y", "out var a");
            body.Append("        double r0 = ").Append(call).Append(" + a * y;\n");
        }
        else
        {
            switch (random.Next(4))
            {
                case 0:
                    call = Call("x * y", "y", "out var a");
                    body.Append("        double r0 = ").Append(call).Append(" ? a * x : y;\n");
                    break;
                case 1:
                    call = Call("x", "y", "out var a");
                    body.Append("        double r0;\n        if (").Append(call).Append(") r0 = a * a;\n        else r0 = x;\n");
                    break;
                case 2:
                    call = Call("y", "x", "out var a");
                    body.Append("        bool ok = ").Append(call).Append(";\n        double r0 = ok ? a + x : a - x;\n");
                    break;
                default:
                    call = Call("r0", "y", "out var a");
                    body.Append("        double r0 = x;\n        for (int j = 0; j < 2; j++) { if (").Append(call).Append(") r0 = 0.5 * a + r0; }\n");
                    break;
            }
        }
        text.Append("    [Differentiable(Forward = true, Hessian = true)]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append(body).Append("        return r0").Append(withRef ? " + acc" : "").Append(";\n    }\n");
        return new Program(name, text.ToString(), outside ? call : null);
    }

    private static string Leaf(Random random) => random.Next(4) switch
    {
        0 => "v * u + Math.Exp(0.3 * v)",
        1 => "Math.Log(1 + v * v) * u",
        2 => "1.0 / (1.0 + Math.Exp(-v * u))",
        _ => "Math.Sin(v) * Math.Cos(u) + v",
    };
}
