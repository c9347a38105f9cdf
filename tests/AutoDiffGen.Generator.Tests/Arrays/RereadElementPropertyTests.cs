using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Random loop methods over two array parameters that read their elements nonlinearly (so a wrong element value in the
/// reverse sweep is a wrong gradient), at the top level of a loop body, in a branch, in an inner loop, at a computed
/// index, and that write into one of the arrays in the loop, after it, or not at all: the reverse sweep reads again the
/// elements of an array the method never writes (Differentiation/Differentiator.Rereads) and must keep taping those of an
/// array it writes after the read. Each Backward is checked against central differences of the method on fresh copies
/// of the arrays. One program in eight sorts an array in place by a comparer first, which must be an ADG error with no code for it.
/// AUTODIFFGEN_REREAD_COUNT sets how many programs (default 48).
/// </summary>
public class RereadElementPropertyTests
{
    private static int Count => int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_REREAD_COUNT"), out int n) ? n : 48;

    private static string K(Random r) => (0.1 + 0.5 * r.NextDouble()).ToString("0.0##", CultureInfo.InvariantCulture);

    private static string Statement(Random r) => r.Next(8) switch
    {
        0 => "s += a[i] * a[i] * " + K(r) + ";",
        1 => "s += Math.Sin(a[i]) * b[i];",
        2 => "s = s * (1 + " + K(r) + " * a[i] * b[i]);",
        3 => "if (a[i] > 0) s += b[i] * b[i] * " + K(r) + "; else s -= a[i] * c;",
        4 => "for (int j = 0; j < i; j++) s += a[j] * b[i] * " + K(r) + ";",
        5 => "s += a[n - 1 - i] * a[i] * c;",
        6 => "b[i] = b[i] * (1 + " + K(r) + " * c);",
        _ => "s += Math.Exp(-a[n - 1 - i] * a[n - 1 - i]) * b[i];",
    };

    private static string Program(Random r, int id, bool outside)
    {
        var s = new StringBuilder();
        s.AppendLine("using System; using AutoDiffGen; namespace Gen { public static partial class R" + id + " {");
        s.AppendLine("[Differentiable] public static double F(double[] a, double[] b, double c) {");
        if (outside) s.AppendLine("Array.Sort(a, (p, q) => q.CompareTo(p));");
        s.AppendLine("double s = c; int n = a.Length;");
        s.AppendLine("for (int i = 0; i < n; i++) {");
        for (int i = 0, count = 1 + r.Next(3); i < count; i++) s.AppendLine(Statement(r));
        s.AppendLine("}");
        s.AppendLine(r.Next(5) switch
        {
            0 => "a[0] = s * " + K(r) + "; s += a[0] * a[1];",
            1 => "b[1] = s * c; s += b[1] * a[0];",
            // Written in a later loop: the store's version goes back to the parameter through that loop's phi.
            2 => "for (int i = 0; i < n; i++) a[i] = a[i] * " + K(r) + " + s; s += a[n - 1] * a[0];",
            3 => "for (int i = 0; i < n; i++) b[i] = Math.Sin(b[i]) * c; s += b[0] * b[1];",
            _ => "",
        });
        s.AppendLine("return s; } } }");
        return s.ToString();
    }

    [Fact]
    public void Backward_MatchesCentralDifferences_WithElementsReadAgainOrTaped()
    {
        var random = new Random(20261213);
        int checkedPrograms = 0, refused = 0, reread = 0;
        var failures = new List<string>();
        for (int p = 0; p < Count; p++)
        {
            bool outside = p % 8 == 7;
            string source = Program(random, p, outside);
            var result = GeneratorHarness.RunForLoad(source);
            if (!result.Exceptions.IsEmpty) { failures.Add("exception: " + result.Dump()); continue; }
            if (outside)
            {
                refused++;
                bool error = result.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("ADG", StringComparison.Ordinal));
                bool noCode = !result.Generated.Keys.Any(k => k.Contains(".R" + p + ".F_", StringComparison.Ordinal));
                if (!error || !noCode || !result.CompileDiagnostics.IsEmpty) failures.Add("not refused: " + result.Dump() + "\n" + source);
                continue;
            }
            if (!result.GeneratorDiagnostics.IsEmpty || !result.CompileDiagnostics.IsEmpty) { failures.Add("not clean: " + result.Dump() + "\n" + source); continue; }
            string generated = result.Generated.First(kv => kv.Key.Contains(".R" + p + ".F_", StringComparison.Ordinal)).Value;
            var type = GeneratorHarness.Load(result).GetType("Gen.R" + p)!;
            var f = type.GetMethod("F")!;
            var backward = type.GetMethod("FBackward")!;
            if (RereadsInReverse(generated)) reread++;
            foreach (int n in new[] { 2, 4 })
            {
                var a = Enumerable.Range(0, n).Select(i => 0.3 + 0.25 * Math.Sin(1.7 * i + p)).ToArray();
                var b = Enumerable.Range(0, n).Select(i => -0.4 + 0.3 * Math.Cos(2.3 * i + p)).ToArray();
                double c = 0.45;
                double Value(double[] x) => (double)f.Invoke(null, new object[] { x[..n], x[n..(2 * n)], x[2 * n] })!;
                var point = a.Concat(b).Append(c).ToArray();
                double primal = Value(point);
                if (!double.IsFinite(primal) || Math.Abs(primal) > 1e6) continue;
                var args = new object[] { a.ToArray(), b.ToArray(), c, new double[n], new double[n], 0.0, 1.0 };
                double value = (double)backward.Invoke(null, args)!;
                var gradient = ((double[])args[3]).Concat((double[])args[4]).Append((double)args[5]).ToArray();
                try
                {
                    Tolerance.AssertFormula(primal, value, "value");
                    for (int i = 0; i < point.Length; i++)
                    {
                        const double h = 1e-6;
                        var up = (double[])point.Clone(); up[i] += h;
                        var down = (double[])point.Clone(); down[i] -= h;
                        Tolerance.AssertCentral((Value(up) - Value(down)) / (2 * h), gradient[i], Math.Abs(primal) + 1, "n=" + n + " d/dp" + i);
                    }
                }
                catch (Exception e)
                {
                    failures.Add(e.Message + "\n" + source + "\n" + generated);
                }
            }
            checkedPrograms++;
        }
        Assert.True(failures.Count == 0, failures.Count + " failures, first:\n" + failures.FirstOrDefault());
        Assert.True(checkedPrograms >= Count * 8 / 10, "checked " + checkedPrograms);
        Assert.True(reread >= Count / 4, "programs with an element read again: " + reread);
        Assert.True(refused >= Count / 10, "refused " + refused);
    }

    /// <summary>An element read is declared twice: in the forward sweep and again in the reverse one.</summary>
    private static bool RereadsInReverse(string generated) =>
        System.Text.RegularExpressions.Regex.Matches(generated, @"double (\w+) = [ab]\[").Select(m => m.Groups[1].Value)
            .GroupBy(name => name).Any(g => g.Count() > 1);
}
