using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ArrayWrites;

/// <summary>
/// Random programs of helpers that write into arrays and their callers: a void helper that updates a two-slot state
/// array in place (straight-line updates, a branch, an inner loop), called in a loop from a [Differentiable] method on
/// a local array, directly or through a second helper that calls it twice, on a branch or not (the helper may
/// <c>return;</c> early), with reads of the
/// state (by element, or by a read-only callee) between the calls. Each caller's Backward must return its value and
/// match central differences. One program in eight holds a construct that must be refused instead (a written array
/// that is a field, one array passed twice to a helper that writes it, Hessian mode) and must get an error and no code
/// for the caller. AUTODIFFGEN_ARRAYWRITES_COUNT sets how many programs (default 40).
/// </summary>
public class ArrayWritePropertyTests
{
    private static int Count => int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_ARRAYWRITES_COUNT"), out int n) ? n : 40;

    private static string K(Random r) => (0.1 + 0.6 * r.NextDouble()).ToString("0.0##", CultureInfo.InvariantCulture);

    private static string Update(Random r, bool mayReturn)
    {
        string t = "s[" + r.Next(2) + "]", u = "s[" + r.Next(2) + "]", k = K(r);
        return r.Next(mayReturn ? 7 : 6) switch
        {
            6 => "if (" + u + " > " + (1 + r.NextDouble()).ToString("0.0#", CultureInfo.InvariantCulture) + ") return;",
            0 => t + " = " + t + " + " + k + " * " + u + ";",
            1 => t + " *= 1 + " + k + " * Math.Sin(" + u + ");",
            2 => t + " = " + u + " * c * " + k + " - " + t + ";",
            3 => t + " -= " + k + " * Math.Tanh(" + u + " + c);",
            4 => "if (" + u + " > 0) " + t + " += " + k + " * c; else " + t + " *= " + k + ";",
            _ => "for (int j = 0; j < 2; j++) " + t + " += " + k + " * Math.Cos(" + t + " * c);",
        };
    }

    /// <summary>Helpers and a caller; <paramref name="outside"/> picks a refused construct (0 for none).</summary>
    private static string Program(Random r, int id, int outside)
    {
        var s = new StringBuilder();
        s.AppendLine("using System; using AutoDiffGen; namespace Gen { public static partial class W" + id + " {");
        s.AppendLine("static double[] buffer = new double[2];");
        s.AppendLine("[Differentiable] public static void Helper(double[] s, double c) {");
        for (int i = 0, n = 1 + r.Next(3); i < n; i++) s.AppendLine(Update(r, mayReturn: true));
        // At least one update after the returns: a helper that writes nothing is warned about (ADG0011), not generated.
        s.AppendLine(Update(r, mayReturn: false));
        s.AppendLine("}");
        s.AppendLine("[Differentiable] public static void Twice(double[] s, double c) { Helper(s, c); Helper(s, c * " + K(r) + "); }");
        s.AppendLine("[Differentiable] public static void Mix(double[] s, double[] t, double c) { s[0] += c * t[1]; s[1] -= " + K(r) + " * t[0]; }");
        s.AppendLine("[Differentiable] public static double Read(double[] s) => s[0] * s[1] + " + K(r) + " * s[0];");
        // Forward mode (outside until 2026-12-03, hess6: a plain helper now gets its MForward from its body) gave way to Hessian
        // mode, which differentiates no call to a helper that writes its array.
        s.AppendLine((outside == 3 ? "[Differentiable(Hessian = true)]" : "[Differentiable]") + " public static double F(double x, double y, double z) {");
        s.AppendLine("double[] s = { x, y }; double[] t = { z, x }; double acc = 0;");
        s.AppendLine("for (int k = 0; k < " + (1 + r.Next(4)) + "; k++) {");
        string call = (r.Next(3)) switch
        {
            0 => "Helper(s, z);",
            1 => "Twice(s, z);",
            _ => "if (k % 2 == 0) Helper(s, z); else Mix(s, t, " + K(r) + ");",
        };
        s.AppendLine(outside switch
        {
            1 => "Helper(buffer, z);",
            2 => "Mix(s, s, z);",
            _ => call,
        });
        s.AppendLine(r.Next(2) == 0 ? "acc += Read(s) * " + K(r) + ";" : "acc += s[" + r.Next(2) + "] * " + K(r) + ";");
        if (r.Next(3) == 0) s.AppendLine("Mix(t, s, " + K(r) + ");");
        s.AppendLine("}");
        s.AppendLine("return acc + s[0] * s[1] + t[0]; } } }");
        return s.ToString();
    }

    [Fact]
    public void Backward_MatchesCentralDifferences_OnRandomArrayWritingPrograms()
    {
        var random = new Random(20261202);
        int checkedPrograms = 0, refused = 0;
        var failures = new List<string>();
        for (int p = 0; p < Count; p++)
        {
            int outside = p % 8 == 7 ? 1 + (p / 8) % 3 : 0;
            string source = Program(random, p, outside);
            var result = GeneratorHarness.RunForLoad(source);
            if (!result.Exceptions.IsEmpty) { failures.Add("exception: " + result.Dump()); continue; }
            if (outside != 0)
            {
                refused++;
                bool error = result.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.Id is "ADG0003" or "ADG0019");
                bool noCaller = !result.Generated.Keys.Any(k => k.Contains(".W" + p + ".F_", StringComparison.Ordinal));
                if (!error || !noCaller || !result.CompileDiagnostics.IsEmpty) failures.Add("outside " + outside + " not refused: " + result.Dump() + "\n" + source);
                continue;
            }
            if (!result.GeneratorDiagnostics.IsEmpty || !result.CompileDiagnostics.IsEmpty) { failures.Add("not clean: " + result.Dump() + "\n" + source); continue; }
            var assembly = GeneratorHarness.Load(result);
            var f = new Differentiated(assembly, "Gen.W" + p, "F");
            foreach (var point in new[] { new[] { 0.3, -0.7, 0.5 }, new[] { -0.4, 0.9, -1.1 } })
            {
                double primal = f.Value(point);
                if (!double.IsFinite(primal) || Math.Abs(primal) > 1e6) continue;
                var (value, gradient) = f.Backward(point);
                // Six chained helpers can reach derivatives of 1e7 through sin of large values, where h = 1e-6 differences are off by ~1 %.
                if (gradient.Any(g => Math.Abs(g) > 1e6)) continue;
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
                    failures.Add(e.Message + "\n" + source);
                }
            }
            checkedPrograms++;
        }
        Assert.True(failures.Count == 0, failures.Count + " failures, first:\n" + failures.FirstOrDefault());
        Assert.True(checkedPrograms >= Count * 8 / 10, "checked " + checkedPrograms);
        Assert.True(refused >= Count / 10, "refused " + refused);
    }
}
