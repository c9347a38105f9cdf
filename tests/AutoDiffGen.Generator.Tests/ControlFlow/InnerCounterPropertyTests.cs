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
    private sealed record Program(string Name, string Text, string? Bad, bool Recomputable);

    private static string K(Random r) => (0.1 + 0.4 * r.NextDouble()).ToString("0.0##", CultureInfo.InvariantCulture);

    private const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class Counters\n{\n";

    [Fact]
    public void InnerCounters_RecomputedOrTaped_MatchCentralDifferences()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_INNERCOUNTER_COUNT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 60;
        var random = new Random(20261204);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad));
        int diagnosed = all.Count - clean.Count;

        var run = GeneratorHarness.Run(ProgramBatch.Source(Header, clean.Select(p => p.Text)));
        Assert.True(run.Diagnostics.IsEmpty && run.Exceptions.IsEmpty && !run.CompileDiagnostics.Any(d => d.Location.SourceTree?.FilePath != "User0.cs"), run.Dump());
        var type = GeneratorHarness.Load(run).GetType("Counters")!;
        int points = 0, recomputed = 0, taped = 0;
        foreach (var p in clean)
        {
            string generated = run.Generated.First(kv => kv.Key.Contains("Counters." + p.Name + "_", StringComparison.Ordinal)).Value;
            // The inner counter is j_1 (its loop's carried j), which a[j] needs: recomputed, it is set from the countdown or
            // walks the loop; else it is popped.
            bool popped = generated.Contains("j_1 = tapeInt[", StringComparison.Ordinal);
            if (generated.Contains("j_1 = unchecked(", StringComparison.Ordinal)) recomputed++;
            if (popped) taped++;
            Assert.True(!p.Recomputable || !popped, p.Name + ": its inner counter should be recomputed\n" + p.Text + "\n" + generated);
            var method = type.GetMethod(p.Name, BindingFlags.Public | BindingFlags.Static)!;
            foreach (int m in new[] { 2, 4 })
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
        output.WriteLine($"{count} programs: {clean.Count} generated ({recomputed} inner counters recomputed, {taped} taped), {points} points, {diagnosed} diagnosed");
        Assert.True(diagnosed >= count / 8 && clean.Count >= count * 3 / 4 && points == 2 * clean.Count);
        Assert.True(recomputed >= count / 4 && taped >= count / 8, $"recomputed {recomputed}, taped {taped}");
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
            text.Append("            { if (s is double d) s += d * c; }\n");
        }
        text.Append("        }\n        return s;\n    }\n");
        return new Program(name, text.ToString(), bad, recomputable && !outside);
    }
}
