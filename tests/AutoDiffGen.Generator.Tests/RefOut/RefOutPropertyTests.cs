using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.RefOut;

/// <summary>
/// Random programs of ref/out helpers and their callers: a void helper that updates two ref values from a third
/// (straight-line updates, a branch, an optional inner loop, an out result), called in a loop by a [Differentiable]
/// method, and in an if by another (its ref values read after the if or not). Each generated caller's Backward must return its value and match central differences; one program in ten
/// holds a construct that must be refused instead (a ref argument to an array element, one variable passed twice) and
/// must get an error and no code for the caller, or an early return in the helper (<c>if (c > 100) { o = 0; return; }</c>),
/// which is supported and checked like the rest.
/// AUTODIFFGEN_REFOUT_COUNT sets how many programs (default 40).
/// </summary>
public class RefOutPropertyTests
{
    private static int Count => int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_REFOUT_COUNT"), out int n) ? n : 40;

    private static string Update(Random r, string target, string[] reads)
    {
        string Read() => reads[r.Next(reads.Length)];
        string k = (0.1 + r.NextDouble()).ToString("0.0##", CultureInfo.InvariantCulture);
        return r.Next(6) switch
        {
            0 => target + " = " + target + " + " + k + " * " + Read() + ";",
            1 => target + " *= 1 + " + k + " * Math.Sin(" + Read() + ");",
            2 => target + " = " + Read() + " * " + Read() + " * " + k + " - " + target + ";",
            3 => target + " -= " + k + " * Math.Tanh(" + Read() + " + " + target + ");",
            4 => "if (" + Read() + " > 0) " + target + " += " + k + " * " + Read() + "; else " + target + " *= " + k + ";",
            _ => "for (int j = 0; j < 2; j++) " + target + " += " + k + " * Math.Cos(" + target + " * " + Read() + ");",
        };
    }

    /// <summary>A helper and a caller; <paramref name="outside"/> picks a refused construct (0 for none).</summary>
    private static string Program(Random r, int id, int outside)
    {
        var s = new StringBuilder();
        s.AppendLine("using System; using AutoDiffGen; namespace Gen { public static partial class P" + id + " {");
        s.AppendLine("[Differentiable] public static void Helper(ref double a, ref double b, double c, out double o) {");
        for (int i = 0, n = 2 + r.Next(4); i < n; i++)
        {
            bool first = r.Next(2) == 0;
            s.AppendLine(Update(r, first ? "a" : "b", new[] { "a", "b", "c" }));
        }
        if (outside == 2) s.AppendLine("if (c > 100) { o = 0; return; }");
        s.AppendLine("o = a * " + (0.5 + r.NextDouble()).ToString("0.0##", CultureInfo.InvariantCulture) + " + b; }");
        s.AppendLine("[Differentiable] public static double F(double x, double y, double z) {");
        s.AppendLine("double a = x, b = y, s = 0; double[] keep = new double[1]; keep[0] = x;");
        s.AppendLine("for (int k = 0; k < " + (1 + r.Next(3)) + "; k++) {");
        s.AppendLine(outside switch
        {
            1 => "Helper(ref keep[0], ref b, z, out var o);",
            3 => "Helper(ref a, ref a, z, out var o);",
            _ => "Helper(ref a, ref b, z, out var o);",
        });
        s.AppendLine("s += o * " + (0.2 + r.NextDouble()).ToString("0.0##", CultureInfo.InvariantCulture) + "; }");
        s.AppendLine("return s + a * b + keep[0]; }");
        // The call in a branch outside loops, its ref values read after the if or not (a hoisted call sets locals that
        // nothing reads afterwards: they must still be declared).
        s.AppendLine("[Differentiable] public static double G(double x, double y, double z) {");
        s.AppendLine("double a = x, b = y, s = x * y;");
        s.AppendLine("if (z > 0) { Helper(ref a, ref b, z, out var o); s += o; }" + (r.Next(2) == 0 ? " else s -= z;" : ""));
        s.AppendLine("return s" + (r.Next(2) == 0 ? " + a * b" : "") + "; } } }");
        return s.ToString();
    }

    [Fact]
    public void Backward_MatchesCentralDifferences_OnRandomRefOutPrograms()
    {
        var random = new Random(20261201);
        int checkedPrograms = 0, refused = 0;
        var failures = new List<string>();
        for (int p = 0; p < Count; p++)
        {
            int outside = p % 10 == 9 ? 1 + (p / 10) % 3 : 0;
            string source = Program(random, p, outside);
            var result = GeneratorHarness.RunForLoad(source);
            if (!result.Exceptions.IsEmpty) { failures.Add("exception: " + result.Dump()); continue; }
            // An early return in the helper (outside 2) and an array element by ref (outside 1, copied in and stored back)
            // were refused; they are supported now and checked like the rest.
            if (outside is 3)
            {
                refused++;
                bool error = result.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.Id is "ADG0002" or "ADG0003" or "ADG0017");
                bool noCaller = !result.Generated.Keys.Any(k => k.Contains(".P" + p + ".F_", StringComparison.Ordinal));
                if (!error || !noCaller || !result.CompileDiagnostics.IsEmpty) failures.Add("outside " + outside + " not refused: " + result.Dump() + "\n" + source);
                continue;
            }
            if (!result.GeneratorDiagnostics.IsEmpty || !result.CompileDiagnostics.IsEmpty) { failures.Add("not clean: " + result.Dump() + "\n" + source); continue; }
            var assembly = GeneratorHarness.Load(result);
            foreach (var (f, point) in new[] { "F", "G" }.SelectMany(name => new[] { new[] { 0.3, -0.7, 0.5 }, new[] { -0.4, 0.9, -1.1 } }.Select(q => (new Differentiated(assembly, "Gen.P" + p, name), q))))
            {
                var (value, gradient) = f.Backward(point);
                double primal = f.Value(point);
                if (!double.IsFinite(primal) || Math.Abs(primal) > 1e6) continue;
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
        // Only outside 3 (one variable passed twice by ref) is refused now: one program in thirty.
        Assert.True(refused >= Count / 40, "refused " + refused);
    }
}
