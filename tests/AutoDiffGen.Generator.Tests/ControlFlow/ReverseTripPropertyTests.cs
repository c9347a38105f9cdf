using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>
/// Random nested loops whose inner loop's trip count the reverse walk computes (<c>for (j = e; j &lt; b; j++)</c> or
/// <c>j &gt; b; j--</c>, with an entry the walk can read: a literal, the outer counter plus a constant, a value of the outer
/// body, a variable the outer loop carries; and a bound that is a parameter, the outer counter, a value of the outer body
/// or a literal, with entries past the bound so that some runs have no trips) and inner loops that must keep their trip
/// count on the tape (a <c>break</c>, an inclusive test, a step of 2, a bound that is an expression, a negative literal).
/// The counter indexes the arrays and enters the arithmetic, so a wrong trip count is a wrong gradient. Every Backward
/// must match central differences; the generated text must compute the trip count exactly where the form allows it.
/// One program in six also tests its sum with a declaration pattern (<c>s is double d</c>), which must be an ADG0003
/// there with no code. AUTODIFFGEN_REVERSETRIP_COUNT sets how many programs (default 60).
/// </summary>
public class ReverseTripPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void InnerTripCounts_ComputedOrTaped_MatchCentralDifferences()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_REVERSETRIP_COUNT", 60);
        var random = new Random(20261203);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "T" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();
        // The computed count is `(e < b ? unchecked(b - e) : 0)` in the reverse loop's header; a taped one is popped.
        static bool Computed(string generated) => generated.Contains(" ? unchecked(", StringComparison.Ordinal);
        var (clean, points, computed, taped) = InnerCounterPropertyTests.CheckAll(all, random, new[] { 0, 2, 4 }, Computed,
            (p, generated) => p.Recomputable == Computed(generated), "its trip count should be computed");
        output.WriteLine($"{count} programs: {clean} generated ({computed} trip counts computed, {taped} taped), {points} points, {count - clean} diagnosed");
        Assert.True(count - clean >= count / 8 && clean >= count * 3 / 4 && points == 3 * clean);
        Assert.True(computed >= count / 4 && taped >= count / 8, $"computed {computed}, taped {taped}");
    }

    private static InnerCounterPropertyTests.Program Next(Random random, string name, bool outside)
    {
        string k = InnerCounterPropertyTests.K(random);
        bool down = random.Next(3) == 0;
        string before = "", entry, test, step = down ? "j--" : "j++", guard = "";
        bool computed = true;
        if (!down)
        {
            entry = random.Next(5) switch { 0 => "0", 1 => "i + 1", 2 => "i", 3 => "e", _ => "l" };
            string bound = random.Next(4) switch { 0 => "m", 1 => "i", 2 => "w", _ => "4" };
            test = "j < " + bound;
        }
        else
        {
            entry = random.Next(3) switch { 0 => "m", 1 => "i + 2", _ => "e" };
            string bound = random.Next(3) switch { 0 => "i", 1 => "0", _ => "w" };
            test = "j > " + bound;
        }
        if (entry == "e" || test.EndsWith("w", StringComparison.Ordinal)) before = "int e = (i * 3) % 4; int w = (i * 5) % 7; ";
        switch (random.Next(9))
        {
            case 0:
                // A break joins the loop's test.
                guard = "if (a[j % a.Length] > 0.5) break; "; computed = false; break;
            case 1:
                // Inclusive: taped.
                test = test.Replace("<", "<=").Replace(">", ">="); computed = false; break;
            case 2:
                step = down ? "j -= 2" : "j += 2"; computed = false; break;
            case 3:
                // A bound that is an expression, or a negative literal: taped.
                test = down ? "j > -1" : "j < m + 1"; computed = false; break;
        }
        string inner = random.Next(3) switch
        {
            0 => "s += a[j % a.Length] * a[(i + j) % a.Length] * " + InnerCounterPropertyTests.K(random) + ";",
            1 => "s = s * (1 + " + InnerCounterPropertyTests.K(random) + " * a[j % a.Length]) + (j + 1) * c * " + InnerCounterPropertyTests.K(random) + ";",
            _ => "s += Math.Sin(a[j % a.Length] * s) * (l + 1) * " + InnerCounterPropertyTests.K(random) + "; l++;",
        };
        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double[] a, double c, int m)\n    {\n");
        text.Append("        double s = c; int l = 0;\n");
        text.Append("        for (int i = 0; i < m; i++)\n        {\n");
        text.Append("            ").Append(before).Append("for (int j = ").Append(entry).Append("; ").Append(test).Append("; ").Append(step).Append(") { ")
            .Append(guard).Append(inner).Append(" }\n");
        text.Append("            s += a[i % a.Length] * ").Append(k).Append(";\n");
        string? bad = null;
        if (outside)
        {
            bad = "double d";
            text.Append("            { if (s * c is double d) s += d * c; }\n");
        }
        text.Append("        }\n        return s;\n    }\n");
        return new InnerCounterPropertyTests.Program(name, text.ToString(), bad, computed && !outside);
    }
}
