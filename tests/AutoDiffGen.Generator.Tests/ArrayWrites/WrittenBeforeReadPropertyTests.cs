using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ArrayWrites;

/// <summary>
/// Random helpers <c>H(int n, double[] x, double[] o, double c)</c> that write into <c>o</c>, built from statements on
/// both sides of the "writes each element before reading it" analysis (Lowering/WrittenBeforeRead): full loops that
/// store o[i], single stores, reads of o that follow them or not, and traps (a loop one short of n, a break, a
/// continue, a store under an if). The caller refills its array with values that depend on its inputs before each
/// call, so a Backward that saw those values wrongly (a spare array where a copy was needed) gets a wrong gradient: the
/// reads are nonlinear in o. Each caller's Backward must match central differences; the generated caller passes a
/// spare array exactly when this test's own reading of the statements says the analysis proves it, and whenever it
/// does, the helper's result (run directly) must not depend on what o held. One program in eight passes o twice or a
/// field array, which must get an ADG error and no code for the caller. AUTODIFFGEN_WRITTENFIRST_COUNT sets how many (default 48).
/// </summary>
public class WrittenBeforeReadPropertyTests
{
    private static int Count => int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_WRITTENFIRST_COUNT"), out int n) ? n : 48;

    private static string K(Random r) => (0.1 + 0.4 * r.NextDouble()).ToString("0.0##", CultureInfo.InvariantCulture);

    /// <summary>The state this test tracks: o[0] stored by its own statement, every o[i] (i &lt; n) stored by a loop.</summary>
    private sealed class Known
    {
        public bool Zero;
        public bool Full;
        public bool Proved = true;
    }

    /// <summary>One statement of the helper, and whether the analysis must prove its reads (given what is known before it).</summary>
    private static string Statement(Random r, int index, Known known)
    {
        string k = K(r);
        switch (r.Next(11))
        {
            case 0:
                known.Full = true;
                return "for (int i = 0; i < n; i++) o[i] = x[i] * c + " + k + ";";
            case 1:
                known.Proved &= known.Full;
                return "for (int i = 1; i < n; i++) o[i] = Math.Sin(o[i - 1]) * x[i] + " + k + ";";
            case 2:
                known.Zero = true;
                return "o[0] = c * x[0] - " + k + ";";
            case 3:
                // Covered by an earlier o[0] = …, not by a loop over [0, n) (n may be 0 there).
                known.Proved &= known.Zero;
                known.Zero = true;
                return "o[0] = o[0] * x[1] + " + k + ";";
            case 4:
                known.Proved &= known.Full;
                return "for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) o[j] = o[j] * (1 + " + k + " * x[i]);";
            case 5:
                return "if (x[0] > 0) o[1] = x[1] * c;";
            case 6:
                // o[1] is never a store of its own here: not proved, even after a full loop (the analysis does not compare constants with n).
                known.Proved = false;
                return "o[2] = o[1] * x[2] + " + k + ";";
            case 7:
                return "for (int i = 0; i < n; i++) { if (x[i] > 0.5) continue; o[i] = x[i] * c; }";
            case 8:
                known.Proved &= known.Full;
                known.Zero = true;
                return "double t" + index + " = 0; for (int i = 0; i < n; i++) t" + index + " += o[i] * x[i]; o[0] = t" + index + ";";
            case 9:
                // One short of n: covers no read of o[i] with i < n.
                return "for (int i = 0; i < n - 1; i++) o[i] = x[i] * " + k + ";";
            default:
                // A loop that may leave early covers nothing.
                return "for (int i = 0; i < n; i++) { o[i] = x[i] * " + k + "; if (x[0] > 5) break; }";
        }
    }

    /// <summary>A helper and a caller; <paramref name="outside"/> picks a refused call (0 for none).</summary>
    private static string Program(Random r, int id, int outside, out bool proved)
    {
        var known = new Known();
        var s = new StringBuilder();
        s.AppendLine("using System; using AutoDiffGen; namespace Gen { public static partial class P" + id + " {");
        s.AppendLine("static double[] buffer = new double[3];");
        s.AppendLine("[Differentiable] public static void H(int n, double[] x, double[] o, double c) {");
        // Half the helpers start by storing every element, so that both sides of the boundary are drawn often.
        if (r.Next(2) == 0)
        {
            known.Full = true;
            s.AppendLine("for (int i = 0; i < n; i++) o[i] = x[i] - c;");
        }
        for (int i = 0, count = 1 + r.Next(4); i < count; i++) s.AppendLine(Statement(r, i, known));
        // Every helper stores into o at least once (a helper that writes nothing is another case).
        bool lastReads = r.Next(2) == 0;
        s.AppendLine(lastReads ? "o[0] = o[0] * (1 + c * " + K(r) + ");" : "o[2] = c * x[2];");
        if (lastReads) known.Proved &= known.Zero;
        s.AppendLine("}");
        s.AppendLine("[Differentiable] public static double F(double a, double b, double c) {");
        s.AppendLine("double[] x = { a, b * " + K(r) + ", a - b }; double[] o = new double[3]; double acc = 0;");
        s.AppendLine("for (int k = 0; k < " + (1 + r.Next(3)) + "; k++) {");
        s.AppendLine("o[0] = a * b + 0.1 * k; o[1] = Math.Cos(b) - " + K(r) + " * k; o[2] = c * a + " + K(r) + ";");
        s.AppendLine(outside switch
        {
            1 => "H(3, x, buffer, c);",
            2 => "H(3, o, o, c);",
            _ => "H(3, x, o, c);",
        });
        s.AppendLine("acc += o[0] * " + K(r) + " + o[1] * o[2] * " + K(r) + " + Math.Sin(o[2]);");
        s.AppendLine("}");
        s.AppendLine("return acc; } } }");
        proved = known.Proved;
        return s.ToString();
    }

    [Fact]
    public void Backward_MatchesCentralDifferences_AndSparesExactlyWhereProved()
    {
        var random = new Random(20261212);
        int checkedPrograms = 0, spared = 0, copied = 0, refused = 0;
        var failures = new List<string>();
        for (int p = 0; p < Count; p++)
        {
            int outside = p % 8 == 7 ? 1 + (p / 8) % 2 : 0;
            string source = Program(random, p, outside, out bool proved);
            var result = GeneratorHarness.RunForLoad(source);
            if (!result.Exceptions.IsEmpty) { failures.Add("exception: " + result.Dump()); continue; }
            if (outside != 0)
            {
                refused++;
                bool error = result.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.Id is "ADG0003" or "ADG0018");
                bool noCaller = !result.Generated.Keys.Any(k => k.Contains(".P" + p + ".F_", StringComparison.Ordinal));
                if (!error || !noCaller || !result.CompileDiagnostics.IsEmpty) failures.Add("outside " + outside + " not refused: " + result.Dump() + "\n" + source);
                continue;
            }
            if (!result.GeneratorDiagnostics.IsEmpty || !result.CompileDiagnostics.IsEmpty) { failures.Add("not clean: " + result.Dump() + "\n" + source); continue; }
            string caller = result.Generated.First(kv => kv.Key.Contains(".P" + p + ".F_", StringComparison.Ordinal)).Value;
            // In the caller's loop a spare is a length on its site's ArrayTape, a copy the contents pushed there.
            bool spare = caller.Contains("Kept", StringComparison.Ordinal) || caller.Contains(".PushLength(", StringComparison.Ordinal);
            bool copy = caller.Contains(".Clone()", StringComparison.Ordinal) || caller.Contains("SeenArrays.Push(", StringComparison.Ordinal);
            if (spare == copy || spare != proved) { failures.Add("spare " + spare + ", copy " + copy + ", expected spare " + proved + ":\n" + source + "\n" + caller); continue; }
            if (spare) spared++; else copied++;
            var assembly = GeneratorHarness.Load(result);
            if (spare && !IndependentOfOutput(assembly.GetType("Gen.P" + p)!.GetMethod("H")!)) failures.Add("spare, but H reads what o held:\n" + source);
            var f = new Differentiated(assembly, "Gen.P" + p, "F");
            foreach (var point in new[] { new[] { 0.3, -0.7, 0.5 }, new[] { -0.4, 0.9, -1.1 }, new[] { 0.8, 0.2, 0.6 } })
            {
                double primal = f.Value(point);
                if (!double.IsFinite(primal) || Math.Abs(primal) > 1e6) continue;
                var (value, gradient) = f.Backward(point);
                try
                {
                    Tolerance.AssertFormula(primal, value, "value");
                    for (int i = 0; i < 3; i++)
                    {
                        const double h = 1e-6;
                        var up = (double[])point.Clone(); up[i] += h;
                        var down = (double[])point.Clone(); down[i] -= h;
                        Tolerance.AssertCentral((f.Value(up) - f.Value(down)) / (2 * h), gradient[i], Math.Abs(primal) + 1, "d/dp" + i);
                    }
                }
                catch (Exception e)
                {
                    failures.Add(e.Message + "\n" + source + "\n" + caller);
                }
            }
            checkedPrograms++;
        }
        Assert.True(failures.Count == 0, failures.Count + " failures, first:\n" + failures.FirstOrDefault());
        Assert.True(checkedPrograms >= Count * 8 / 10, "checked " + checkedPrograms);
        // Both sides of the boundary are drawn.
        Assert.True(spared >= Count / 8 && copied >= Count / 8, "spared " + spared + ", copied " + copied);
        Assert.True(refused >= Count / 10, "refused " + refused);
    }

    /// <summary>
    /// H run on two different starting contents of o: each element either gets the same value in both runs (H wrote it
    /// from its inputs) or keeps its starting value in both (H never touched it).
    /// </summary>
    private static bool IndependentOfOutput(MethodInfo h)
    {
        var x = new[] { 0.4, -0.3, 0.9 };
        double[] start1 = { 1.5, -2.0, 0.25 }, start2 = { -0.7, 3.0, 11.0 };
        double[] first = start1.ToArray(), second = start2.ToArray();
        h.Invoke(null, new object[] { 3, x, first, 0.6 });
        h.Invoke(null, new object[] { 3, x, second, 0.6 });
        return Enumerable.Range(0, 3).All(i => first[i] == second[i] || first[i] == start1[i] && second[i] == start2[i]);
    }
}
