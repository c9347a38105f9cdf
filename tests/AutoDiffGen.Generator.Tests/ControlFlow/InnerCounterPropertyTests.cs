using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>
/// Random nested loops whose inner counters index the arrays they read and enter the arithmetic (so a wrong counter in
/// the reverse sweep is a wrong gradient): counters stepped by a constant from an entry the reverse walk of the inner
/// loop can read (a literal, the outer counter plus a constant, a value of the outer body, a variable the outer loop
/// carries, as a triangle loop's running index <c>l++</c> is), which the reverse sweep recomputes from the countdown
/// (Differentiation/AffineCounters), and counters it must keep taping: stepped in a branch, stepped by a value, entered
/// from a value of the inner loop's header or of a loop beside it. Every Backward must match central differences, and
/// both sides are drawn. One program in six also tests its sum with a declaration pattern (<c>s is double d</c>), which
/// must be an ADG0003 there with no code. AUTODIFFGEN_INNERCOUNTER_COUNT sets how many programs (default 60).
/// </summary>
public class InnerCounterPropertyTests(ITestOutputHelper output)
{
    internal sealed record Program(string Name, string Text, string? Bad, bool Recomputable);

    internal static string K(Random r) => (0.1 + 0.4 * r.NextDouble()).ToString("0.0##", CultureInfo.InvariantCulture);

    internal const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class Counters\n{\n";

    [Fact]
    public void InnerCounters_RecomputedOrTaped_MatchCentralDifferences()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_INNERCOUNTER_COUNT", 60);
        var random = new Random(20261204);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();
        // The inner counter is j_1 (its loop's carried j), which a[j] needs: recomputed, it is set from the countdown or
        // walks the loop; else it is popped.
        var (clean, points, recomputed, taped) = CheckAll(all, random, new[] { 2, 4 },
            generated => generated.Contains("j_1 = unchecked(", StringComparison.Ordinal),
            (p, generated) => !p.Recomputable || !generated.Contains("j_1 = tapeInt[", StringComparison.Ordinal),
            "its inner counter should be recomputed");
        output.WriteLine($"{count} programs: {clean} generated ({recomputed} inner counters recomputed, {taped} taped), {points} points, {count - clean} diagnosed");
        Assert.True(count - clean >= count / 8 && clean >= count * 3 / 4 && points == 2 * clean);
        Assert.True(recomputed >= count / 4 && taped >= count / 8, $"recomputed {recomputed}, taped {taped}");
    }

    /// <summary>
    /// Judges the programs (those just outside must be ADG0003 at their text), generates the clean ones together, checks
    /// each against central differences at each m in <paramref name="ms"/> (a random array of 6 and a random c), and
    /// asserts <paramref name="agrees"/> on its generated text. Returns the clean programs, the points checked, and how
    /// many generated texts <paramref name="shows"/> holds for and not.
    /// </summary>
    internal static (int Clean, int Points, int Shown, int NotShown) CheckAll(IReadOnlyList<Program> all, Random random, int[] ms,
        Func<string, bool> shows, Func<Program, string, bool> agrees, string expectation)
    {
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad));
        var run = GeneratorHarness.RunForLoad(ProgramBatch.Source(Header, clean.Select(p => p.Text)));
        Assert.True(run.Diagnostics.IsEmpty && run.Exceptions.IsEmpty && !run.CompileDiagnostics.Any(d => d.Location.SourceTree?.FilePath != "User0.cs"), run.Dump());
        var type = GeneratorHarness.Load(run).GetType("Counters")!;
        int points = 0, shown = 0;
        foreach (var p in clean)
        {
            string generated = run.Generated.First(kv => kv.Key.Contains("Counters." + p.Name + "_", StringComparison.Ordinal)).Value;
            if (shows(generated)) shown++;
            Assert.True(agrees(p, generated), p.Name + (p.Recomputable ? ": " + expectation + "\n" : ": should stay taped\n") + p.Text + "\n" + generated);
            var method = type.GetMethod(p.Name, BindingFlags.Public | BindingFlags.Static)!;
            foreach (int m in ms)
            {
                var a = Enumerable.Range(0, 6).Select(_ => Math.Round(random.NextDouble() * 1.6 - 0.8, 3)).ToArray();
                try
                {
                    CentralDifferenceRunner.Check(method, null, new object[] { a, 0.2 + 0.5 * random.NextDouble(), m });
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(p.Name + " at m = " + m + ": " + e.Message + "\n" + p.Text + "\n" + generated);
                }
                points++;
            }
        }
        return (clean.Count, points, shown, clean.Count - shown);
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string k = K(random);
        // The inner loop: its entry and step, and whether the reverse sweep can recompute its counter j.
        bool recomputable = true;
        string before = "", entry, step = "j++", inner;
        switch (random.Next(8))
        {
            case 0: entry = "0"; break;
            case 1: entry = "i + 1"; break;
            case 2: entry = "i"; step = "j += 2"; break;
            case 3: before = "int e = (i * 3) % 4; "; entry = "e"; break;
            // The outer loop carries l: a triangle loop's running index.
            case 4: entry = "l"; break;
            case 5:
                // Stepped in a branch: not a constant step at the top level of the body.
                entry = "0"; step = "j += (i % 2 == 0 ? 1 : 2)"; recomputable = false; break;
            case 6:
                // Entered from a loop beside it: that loop's last value.
                before = "int q = 0; for (int r = 0; r < i % 3; r++) q++; "; entry = "q"; recomputable = false; break;
            default:
                entry = "i % 2"; step = "j -= -1"; recomputable = false; break;
        }
        inner = random.Next(3) switch
        {
            0 => "s += a[j] * a[(i + j) % a.Length] * " + K(random) + ";",
            1 => "s = s * (1 + " + K(random) + " * a[j]) + (j + 1) * c * " + K(random) + ";",
            _ => "s += Math.Sin(a[j] * s) * (l + 1) * " + K(random) + "; l++;",
        };
        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double[] a, double c, int m)\n    {\n");
        text.Append("        double s = c; int l = 0;\n");
        text.Append("        for (int i = 0; i < m; i++)\n        {\n");
        text.Append("            ").Append(before).Append("for (int j = ").Append(entry).Append("; j < m + 1; ").Append(step).Append(") { ").Append(inner).Append(" }\n");
        text.Append("            s += a[i % a.Length] * ").Append(k).Append(";\n");
        string? bad = null;
        if (outside)
        {
            bad = "double d";
            text.Append("            { if (s * c is double d) s += d * c; }\n");
        }
        text.Append("        }\n        return s;\n    }\n");
        return new Program(name, text.ToString(), bad, recomputable && !outside);
    }
}
