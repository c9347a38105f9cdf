using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.PlainHelpers;

/// <summary>
/// Random programs mixing issue 13's forms of idioms13b (each program a class of helpers of its own): a plain void helper
/// adding into (or overwriting) a local array it is passed, called once or in a loop over k; a Try-shaped helper called on
/// only some paths (<c>&amp;&amp;</c>, <c>||</c>, under ?: or an if); a [NoDiff] helper moving a <c>ref int</c> counter; LINQ over
/// <c>Enumerable.Range</c> and <c>Zip</c> of local arrays. Inside support every gradient matches central differences,
/// MForward the gradient along a random tangent and MHessian central differences of the gradient (ModeChecks). Just outside
/// (one form per program): an array argument that is no local (<c>rows[0]</c>: ADG0003 at the call), a Try helper writing a
/// static field on its conditional path (ADG0004 at the call), a <c>ref</c> argument with a gradient to the [NoDiff] helper
/// (ADG0016 at it), a three-way Zip (ADG0003 at it): that error at that span and no code for the method.
/// </summary>
public class Idioms13bPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = "using System;\nusing System.Linq;\nusing AutoDiffGen;\n\npublic static partial class Mix13\n{\n";

    [Fact]
    public void RandomMixes_MatchCentralDifferencesInEveryMode_AndOutsideOnesAreOneErrorAtTheSpan()
    {
        var random = new Random(20261213);
        int count = ProgramBatch.Count("AUTODIFFGEN_IDIOMS13B_COUNT", 40);
        var all = Enumerable.Range(0, count).Select(i => Next(random, i, i % 4 == 3)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad), "ADG0003,ADG0004,ADG0016");
        Assert.True(clean.Count >= count / 2, clean.Count + " of " + count + " programs inside support");
        var withWrappers = clean.Select(p => (p.Name, Text: p.Text + "    public static double[] " + p.Name + "H(double x, double y, int k) { var h = new double[4]; " + p.Name + "Hessian(x, y, k, h); return h; }\n")).ToList();
        var type = ProgramBatch.LoadClean(Header, withWrappers.Select(p => p.Text), "Mix13");
        int points = ModeChecks.AtThreePoints(type, withWrappers, () => ProgramBatch.PointXYK(random), random);
        output.WriteLine(clean.Count + " programs inside, " + (count - clean.Count) + " outside; " + points + " points in three modes");
    }

    private static Program Next(Random random, int index, bool outside)
    {
        string name = "P" + index, lib = "Lib" + index;
        int badForm = outside ? random.Next(4) : -1;
        string? bad = null;
        var helpers = new StringBuilder();
        var body = new StringBuilder();
        helpers.Append("    public static class ").Append(lib).Append("\n    {\n");
        if (badForm == 1) helpers.Append("        internal static int Calls;\n");
        body.Append("        double s = 0;\n");

        // An array-writing void helper on a local array, once or in a loop over k.
        bool overwrite = random.Next(2) == 0;
        helpers.Append("        internal static void Add(double[] a, double u, double v) { for (int i = 0; i < a.Length; i++) a[i] ")
            .Append(overwrite ? "= a[i] * u + v * (i + 1);" : "+= u * v * (i + 1);").Append(" }\n");
        body.Append("        var acc = new double[").Append(2 + random.Next(2)).Append("];\n        acc[0] = y;\n");
        body.Append(random.Next(2) == 0 ? "        " + lib + ".Add(acc, x, y);\n" : "        for (int j = 0; j < k; j++) " + lib + ".Add(acc, 0.5 * x, y + j);\n");
        body.Append("        s += acc[0] * acc[1] + acc[acc.Length - 1];\n");
        if (badForm == 0)
        {
            body.Append("        var rows = new double[1][];\n        rows[0] = new double[2];\n        ").Append(lib).Append(".Add(rows[0], x, y);\n        s += rows[0][1];\n");
            bad = lib + ".Add(rows[0], x, y)";
        }

        // A Try-shaped helper on only some paths.
        helpers.Append("        internal static bool TryH(double v, double u, out double r) { ").Append(badForm == 1 ? "Calls++; " : "")
            .Append("r = ").Append(random.Next(2) == 0 ? "Math.Sin(v) * u + v" : "v * u / (1 + u * u)").Append("; return v < 0.6; }\n");
        string tryCall = lib + ".TryH(x, y, out var r)";
        switch (random.Next(3))
        {
            case 0:
                body.Append("        s += x > -0.3 && ").Append(tryCall).Append(" ? r * y : x * x;\n");
                break;
            case 1:
                body.Append("        double t = y;\n        if (y > -0.4 && ").Append(lib).Append(".TryH(x, y, out t)) s += t * x;\n        else s += t;\n");
                tryCall = lib + ".TryH(x, y, out t)";
                break;
            default:
                body.Append("        if (x < -0.5 || !").Append(tryCall).Append(") s += 2 * x;\n        else s += r * r;\n");
                break;
        }
        if (badForm == 1) bad = tryCall;

        // A [NoDiff] helper moving a counter.
        helpers.Append("        [NoDiff] internal static double Count(ref int c, double v) { c += 2; return v * c; }\n");
        helpers.Append("        [NoDiff] internal static double Bump(ref double g) { g += 1; return g; }\n");
        body.Append("        int c = k;\n        double m = ").Append(lib).Append(".Count(ref c, ").Append(random.Next(2) == 0 ? "1.5" : "k * 0.5").Append(");\n");
        body.Append("        s += m * y * 0.1 + c * x;\n");
        if (badForm == 2)
        {
            body.Append("        double g = x * y;\n        s += ").Append(lib).Append(".Bump(ref g);\n");
            bad = "g";
        }

        // LINQ over Range and Zip of local arrays.
        body.Append("        var v = new double[] { x, y, x * y };\n        var w = new double[] { y, 0.5, x };\n");
        body.Append(random.Next(3) switch
        {
            0 => "        s += Enumerable.Range(0, v.Length).Sum(i => v[i] * w[i]);\n",
            1 => "        s += Enumerable.Range(0, 2).Select(i => v[i] * v[i + 1]).Sum();\n",
            _ => "        s += v.Zip(w, (p, q) => p * q).Sum();\n",
        });
        if (badForm == 3)
        {
            body.Append("        s += v.Zip(w, v).Sum(e => e.First * e.Second * e.Third);\n");
            bad = "v.Zip(w, v)";
        }
        helpers.Append("    }\n\n");

        var text = new StringBuilder();
        text.Append(helpers);
        text.Append("    [Differentiable(Forward = true, Hessian = true)]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append(body).Append("        return s;\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
