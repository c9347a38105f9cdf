using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Property test of in-place writes of a local array's range: random programs mix element stores and reads with
/// Array.Fill/Clear/Reverse (whole and ranged) and the span forms (AsSpan(i, n).Fill, AsSpan(i).Clear(),
/// MemoryExtensions.Reverse), in loops and branches, the filled values reading the array itself. Each inside program
/// generates cleanly and matches central differences at three points; each just outside (a sort by a comparer, whose
/// order is the user's code) gets ADG0002 at that call and no code. CI runs 90 programs; AUTODIFFGEN_INPLACE_COUNT runs more.
/// </summary>
public class InPlaceArrayPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void FillClearReverse_MatchCentralDifferences_OrADG0002AtASort()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_INPLACE_COUNT", 90);
        var random = new Random(20261203);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "InPlace", all,
            () => ProgramBatch.PointXYK(random),
            output.WriteLine, "ADG0002");
    }

    private static (string Name, string Text, string? Bad) Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Slot() => random.Next(4).ToString(CultureInfo.InvariantCulture);
        string Real() => Pick("x * y", "Math.Sin(x) + t", "a[" + Slot() + "] * x", "t * y", "a[" + Slot() + "] + a[" + Slot() + "] * y", "Math.Exp(0.3 * a[" + Slot() + "])");
        string Range()
        {
            int start = random.Next(4), length = random.Next(5 - start);
            return start.ToString(CultureInfo.InvariantCulture) + ", " + length.ToString(CultureInfo.InvariantCulture);
        }
        string Statement(int depth) => random.Next(depth > 0 ? 14 : 12) switch
        {
            0 => "a[" + Slot() + "] = " + Real() + ";",
            1 => "t += a[" + Slot() + "] * " + Real() + ";",
            2 => "Array.Fill(a, " + Real() + ");",
            3 => "Array.Fill(a, " + Real() + ", " + Range() + ");",
            4 => "Array.Clear(a, " + Range() + ");",
            5 => "Array.Reverse(a);",
            6 => "Array.Reverse(a, " + Range() + ");",
            7 => "a.AsSpan(" + Range() + ").Fill(" + Real() + ");",
            8 => "a.AsSpan(" + random.Next(5).ToString(CultureInfo.InvariantCulture) + ").Clear();",
            9 => "MemoryExtensions.Reverse(a.AsSpan(" + Range() + "));",
            10 => "Array.Clear(a);",
            11 => "a[" + Slot() + "] *= " + Real() + ";",
            12 => "for (int i = 0; i < k; i++) { " + Statement(depth - 1) + " " + Statement(depth - 1) + " }",
            _ => "if (" + Pick("x > 0", "t < a[1]", "k > 1") + ") { " + Statement(depth - 1) + " } else { " + Statement(depth - 1) + " }",
        };
        (string Bad, string Statement) Outside()
        {
            // A sort by a comparer (Array.Sort(a) itself is followed: Arrays/SortPropertyTests).
            string bad = Pick("Array.Sort(a, (p, q) => q.CompareTo(p))", "MemoryExtensions.Sort(a.AsSpan(), (p, q) => p.CompareTo(q))");
            return (bad, bad + ";");
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        var a = new double[4];\n        a[0] = x; a[1] = y; a[2] = x * y; a[3] = 0.5;\n        double t = x - y;\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, () => Statement(1), Outside);
        text.Append("        return t + a[0] * a[1] + a[2] - a[3] * x;\n    }\n");
        return (name, text.ToString(), bad);
    }

    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class InPlace
        {

        """;
}
