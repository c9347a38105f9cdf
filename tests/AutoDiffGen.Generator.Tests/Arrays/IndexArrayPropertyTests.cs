using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Property test of local int[]/bool[] arrays created with their elements listed: random programs read them by index
/// (into a local double[]), loop over them with for and foreach, test their flags, and create them inside loops and
/// blocks from counts; since tables25 they also write them (a swap of a permutation's slots, counts in a new int[3],
/// flags flipped), every third program in Forward and Hessian mode too. Each program inside what is supported generates cleanly and its Backward matches central
/// differences at three random points; each just outside (a second name of a written table, a call made to change
/// one, a ref to an element, a foreach converting its elements to double) gets its ADG error there (ADG0002 or ADG0003) and no code. CI runs 72 programs;
/// AUTODIFFGEN_INDEXARRAY_COUNT runs more.
/// </summary>
public class IndexArrayPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void IndexAndFlagArrays_MatchCentralDifferences_OrAnErrorAtTheStatement()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_INDEXARRAY_COUNT", 72);
        var random = new Random(20261203);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "IdxP", all.Select(p => (p.Name, p.Text, p.Bad)).ToList(),
            () => ProgramBatch.PointXYK(random), output.WriteLine, "ADG0002,ADG0003,ADG0007");
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Statement(int depth)
        {
            string d = depth.ToString(CultureInfo.InvariantCulture);
            switch (random.Next(depth > 0 ? 12 : 10))
            {
                // Stores into the tables (tables25): w stays a permutation of 0..2, cnt counts, on flips.
                case 6: return "(w[" + Pick("0", "k % 3") + "], w[2]) = (w[2], w[" + Pick("0", "k % 3") + "]);";
                case 7: return "cnt[w[" + Pick("0", "1", "k % 3") + "]]++;";
                case 8: return "on[k % 3] = " + Pick("!on[k % 3]", "s > t", "true") + ";";
                case 9: return "s += v[w[1]] * " + Pick("x", "t") + " / (1 + cnt[w[0]]); cnt[2] += 2;";
                case 0: return "for (int i" + d + " = 0; i" + d + " != w.Length; i" + d + "++) s += v[w[i" + d + "]] * " + Pick("t", "x", "0.5") + ";";
                case 1: return "foreach (var q" + d + " in w) s += q" + d + " * " + Pick("x", "t * y") + " * 0.3;";
                case 2: return "foreach (var f" + d + " in on) if (f" + d + ") t = t * 0.5 + " + Pick("y", "x * s") + ";";
                case 3: return "if (on[k % 3]) s += v[w[k % 3]] * " + Pick("y", "t") + ";";
                case 4: return "{ int[] u" + d + " = " + Pick("{ k, 1 }", "[k + 1, 2]", "new[] { 2, k }") + "; s += u" + d + "[0] * x + u" + d + "[1] * t * 0.5; }";
                case 5: return "t = Math.Sin(t) + " + Pick("w[2]", "w.Length", "(on[1] ? 2 : 1)") + " * x;";
                case 10: return "for (int j" + d + " = 0; j" + d + " < k; j" + d + "++) { " + Statement(depth - 1) + " }";
                default: return "if (x > 0.1) { " + Statement(depth - 1) + " } else { " + Statement(depth - 1) + " }";
            }
        }
        // Just outside: the text the ADG error must point at, and the statement that holds it.
        (string Bad, string Statement) Outside() => random.Next(4) switch
        {
            0 => ("cnt", "var c2 = cnt; c2[0] = 1;"),
            1 => ("Array.Reverse(w)", "Array.Reverse(w);"),
            2 => ("cnt[1]", "ref int r = ref cnt[1]; r = 2;"),
            // Over a listed table never written (a constant): a written one is read as any local array, converted too.
            _ => ("foreach", "int[] z = { 1, 2 }; foreach (double e in z) s += e * x;"),
        };

        var text = new StringBuilder();
        // Every third program also in Forward and Hessian mode: their code must compile as well.
        text.Append(name.EndsWith('0') || name.EndsWith('3') || name.EndsWith('6') ? "    [Differentiable(Forward = true, Hessian = true)]\n" : "    [Differentiable]\n").Append("    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = x + 0.5 * y, t = y;\n        int[] w = { 2, 0, 1 };\n        bool[] on = { true, false, k > 1 };\n        var cnt = new int[3];\n        double[] v = { x, y, x * y };\n");
        string? badText = ProgramBatch.AppendStatements(text, random, outside, () => Statement(1), Outside);
        text.Append("        return s + t + v[w[0]];\n    }\n");
        return new Program(name, text.ToString(), badText);
    }

    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class IdxP
        {

        """;
}
