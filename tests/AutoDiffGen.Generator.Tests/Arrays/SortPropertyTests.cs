using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Property test of sorts: random programs copy a parameter into a local array (ToArray, Clone, a filling loop, LINQ's
/// Select(…).ToArray() or OrderBy(v => v).ToArray()), then mix Array.Sort (whole and ranged), span sorts, element
/// stores and reads, LINQ's ordered arrays and ElementAt, in loops and branches. Each inside program generates cleanly and
/// matches central differences at three points whose values are distinct and far apart (x is a shuffle of four values
/// 0.6 or more apart, y in [0.5, 1.5]); each just outside (a comparer, keys with items, a [NoDiff] array filled with a
/// differentiated value and sorted, OrderBy by another key, Skip) gets its ADG error at that expression and
/// no code. CI runs 80 programs; AUTODIFFGEN_SORT_COUNT runs more.
/// </summary>
public class SortPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void Sorts_MatchCentralDifferences_OrAnErrorJustOutside()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_SORT_COUNT", 80);
        var random = new Random(20261204);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "S" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        double[] levels = [-1.3, -0.5, 0.4, 1.2];
        ProgramBatch.JudgeAndCheck(Header, "Sorts", all, () =>
        {
            var x = levels.OrderBy(_ => random.Next()).Select(v => Math.Round(v + (random.NextDouble() - 0.5) * 0.2, 4)).ToArray();
            return new object[] { x, Math.Round(0.5 + random.NextDouble(), 4), random.Next(4), new[] { 2.0, -1.0 } };
        }, output.WriteLine, "ADG0002,ADG0003");
    }

    private static (string Name, string Text, string? Bad) Next(Random random, string name, bool outside)
    {
        int locals = 0;
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Slot() => random.Next(4).ToString(CultureInfo.InvariantCulture);
        string Real() => Pick("x[" + Slot() + "] * y", "Math.Sin(t) + y", "a[" + Slot() + "] * y", "t * 0.5 + x[" + Slot() + "]", "a[" + Slot() + "] - 0.3 * a[" + Slot() + "]");
        string Range()
        {
            int start = random.Next(4), length = random.Next(5 - start);
            return start.ToString(CultureInfo.InvariantCulture) + ", " + length.ToString(CultureInfo.InvariantCulture);
        }
        string Statement(int depth)
        {
            switch (random.Next(depth > 0 ? 12 : 10))
            {
                case 0: return "Array.Sort(a);";
                case 1: return "Array.Sort(a, " + Range() + ");";
                case 2: return "a.AsSpan(" + Range() + ").Sort();";
                case 3: return "MemoryExtensions.Sort(a.AsSpan());";
                case 4: return "a[" + Slot() + "] = " + Real() + ";";
                case 5: return "a[" + Slot() + "] *= " + Real() + ";";
                case 6: return "t += a[" + Slot() + "] * " + Real() + ";";
                case 7:
                    string c = "c" + (locals++).ToString(CultureInfo.InvariantCulture);
                    return "var " + c + " = a.Select(v => v * y + t).Order" + Pick("By", "ByDescending") + "(v => v).ToArray(); t += " + c + "[" + Slot() + "] * " + c + "[" + Slot() + "];";
                case 8: return "t += a.Select((v, j) => v * (j + 1)).OrderBy(v => v).ElementAt(" + Slot() + ") * y;";
                case 9: return "t += a.OrderBy(v => v)." + Pick("First()", "Last()") + " * " + Real() + ";";
                case 10: return "for (int i = 0; i < k; i++) { " + Statement(depth - 1) + " " + Statement(depth - 1) + " }";
                default: return "if (" + Pick("y > 1", "t < a[1]", "k > 1") + ") { " + Statement(depth - 1) + " } else { " + Statement(depth - 1) + " }";
            }
        }
        (string Bad, string Statement) Outside()
        {
            switch (random.Next(5))
            {
                case 0:
                    string bad = Pick("Array.Sort(a, (p, q) => q.CompareTo(p))", "a.AsSpan().Sort((p, q) => p.CompareTo(q))");
                    return (bad, bad + ";");
                case 1: return ("Array.Sort(a, a.ToArray())", "Array.Sort(a, a.ToArray());");
                case 2: return ("Array.Fill(w, t)", "Array.Fill(w, t); Array.Sort(w);");
                case 3: return ("a.OrderBy(v => v * y)", "t += a.OrderBy(v => v * y).First();");
                default: return ("a.Skip(1)", "var kept = a.Skip(1).ToArray(); t += kept.Length;");
            }
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double[] x, double y, int k, [NoDiff] double[] w)\n    {\n");
        text.Append("        ").Append(Pick("var a = x.ToArray();", "var a = (double[])x.Clone();", "var a = new double[4]; for (int i = 0; i < 4; i++) a[i] = x[i] * y;",
            "var a = x.Select(v => v + y).ToArray();", "var a = x.OrderBy(v => v).ToArray();")).Append('\n');
        text.Append("        double t = y;\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, () => Statement(1), Outside);
        text.Append("        return t + a[0] * a[1] + a[2] * 0.5 - a[3] * y + w[0];\n    }\n");
        return (name, text.ToString(), bad);
    }

    private const string Header = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public static partial class Sorts
        {

        """;
}
