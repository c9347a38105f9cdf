using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>
/// Random loops over carried values updated by max, min and clamp gates (whose outputs no rule reads) and by products
/// whose other factor is a literal, a value computed from ints (no gradient: the factor's value is not read), a parameter
/// or another carried value (a gradient: it is read), mixed with sums, sines and squares. Every Backward must match central
/// differences, and every value the reverse sweep pops must be read after the pop (no entry taped for nothing). One
/// program in six also holds a declaration pattern, which must be an ADG0003 there with no code.
/// AUTODIFFGEN_UNREADPOP_COUNT sets how many programs (default 60).
/// </summary>
public class UnreadTapeEntryPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void UnreadOutputsAndFactors_NotTaped_MatchCentralDifferences()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_UNREADPOP_COUNT", 60);
        var random = new Random(20261205);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "U" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();
        var (clean, points, popping, notPopping) = InnerCounterPropertyTests.CheckAll(all, random, new[] { 0, 3, 5 },
            generated => generated.Contains("= tapeDouble[--tapeDoubleTop];", StringComparison.Ordinal),
            (_, generated) => UnreadPops(generated).Count == 0, "every pop should be read");
        output.WriteLine($"{count} programs: {clean} generated ({popping} pop doubles, {notPopping} none), {points} points, {count - clean} diagnosed");
        Assert.True(count - clean >= count / 8 && clean >= count * 3 / 4 && points == 3 * clean);
        Assert.True(popping >= count / 4 && notPopping >= count / 20, $"popping {popping}, not popping {notPopping}");
    }

    /// <summary>The locals popped from a tape that no later line of the method reads.</summary>
    internal static List<string> UnreadPops(string generated)
    {
        var lines = generated.Split('\n');
        var unread = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            var pop = Regex.Match(lines[i], @"^\s*(?:\w+ )?(\w+) = tape\w+\[--tape\w+Top\];");
            if (!pop.Success) continue;
            var name = new Regex(@"\b" + pop.Groups[1].Value + @"\b");
            if (!lines.Skip(i + 1).Any(l => name.IsMatch(l))) unread.Add(pop.Groups[1].Value);
        }
        return unread;
    }

    private static InnerCounterPropertyTests.Program Next(Random random, string name, bool outside)
    {
        string K() => InnerCounterPropertyTests.K(random);
        string A() => "a[(i + " + random.Next(4).ToString(CultureInfo.InvariantCulture) + ") % a.Length]";
        string V() => random.Next(3) == 0 ? "t" : "s";
        string Statement() => random.Next(11) switch
        {
            0 => V() + " = Math.Max(" + V() + ", " + A() + " * " + K() + ");",
            1 => V() + " = Math.Min(" + V() + ", " + A() + " + " + K() + ");",
            2 => V() + " = Math.Clamp(" + V() + " + " + A() + ", -" + K() + ", 1.5);",
            3 => V() + " = " + K() + " * " + V() + " + " + A() + ";",
            4 => V() + " = w * " + V() + " + " + A() + " * " + K() + ";",
            5 => V() + " = c * " + V() + " + " + K() + ";",
            6 => V() + " = " + V() + " * " + A() + " + " + K() + ";",
            7 => V() + " += Math.Sin(" + V() + ") * " + K() + ";",
            8 => V() + " = " + V() + " * " + V() + " * " + K() + ";",
            9 => V() + " += " + A() + " * w;",
            _ => V() + " = Math.Max(" + V() + ", " + V() + " * " + K() + ");",
        };
        string before = "        double s = c, t = " + K() + ";\n";
        var text = LoopPrograms.Method(name, before, "double w = (i % 3 + 1) * 0.25;", 2 + random.Next(3), outside, random, Statement);
        text.Append("        return s * ").Append(K()).Append(" + t * c;\n    }\n");
        return new InnerCounterPropertyTests.Program(name, text.ToString(), outside ? LoopPrograms.OutsideAt : null, !outside);
    }
}
