using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Issue 14 item 4: random two-level loops (a Monte Carlo path loop around a step loop) over a <c>[NoDiff] double[] z</c>
/// and a <c>[NoDiff] double[,] g</c>, reading their elements at computed indices (<c>z[p * m + j]</c>), through values
/// without gradient computed from counters and elements (<c>double t = (double)j * k;</c>, <c>Math.Cos(z[…]) * (j + 1)</c>),
/// nonlinearly in the gradient (so a wrong re-read value is a wrong gradient). The reverse sweep must read them again
/// instead of taping them (Differentiation/Differentiator.Rereads) where nothing can write that storage in between, and
/// must keep taping them where something can: z written after the loop or inside it, or an active <c>double[] w</c>
/// parameter whose adjoint array a caller could pass as z. Each program's gradient is checked against central
/// differences on fresh copies of the arrays; one in six stores a differentiated value into z, which must be ADG0003
/// at that value with no code. AUTODIFFGEN_RECOMPUTE_COUNT sets how many programs (default 60).
/// </summary>
public class RecomputedLoopValuePropertyTests
{
    private static int Count => int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_RECOMPUTE_COUNT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 60;

    private const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class Loops\n{\n";

    /// <summary>0: nothing writes z; 1: z written after the loops; 2: an active double[] w (its adjoint may be z); 3: z written in the step loop; 4: outside (ADG0003).</summary>
    private sealed record Program(string Name, string Text, string? Bad, int Variant, bool ReadsG);

    private static string K(Random r) => (0.1 + 0.4 * r.NextDouble()).ToString("0.0##", CultureInfo.InvariantCulture);

    private static string Step(Random r, int i, bool first, bool w, ref bool readsG)
    {
        int pick = first ? r.Next(4) : r.Next(w ? 7 : 6);
        if (pick == 4) readsG = true;
        return pick switch
        {
            0 => "s = s * Math.Exp(" + K(r) + " * y * z[p * m + j]);",
            1 => "double t" + i + " = (double)j * " + K(r) + "; s += t" + i + " * t" + i + " * x + z[p * m + j] * y;",
            2 => "double v" + i + " = Math.Cos(z[p * m + j]) * (j + 1); s = s + v" + i + " * x * y;",
            3 => "s += y * z[(p + j) % (n * m)] * Math.Sin(s);",
            4 => "s += Math.Sin(x * g[p, j]) * " + K(r) + ";",
            5 => "double u" + i + " = (double)(p * m + j) * " + K(r) + " + 1; s = s * (1 + " + K(r) + " * Math.Sin(y / u" + i + "));",
            _ => "s += w[j] * z[p * m + j] * x;",
        };
    }

    private static Program Next(Random r, string name, int variant)
    {
        bool w = variant == 2, readsG = false;
        var s = new StringBuilder();
        s.Append("    [Differentiable]\n    public static double ").Append(name)
            .Append("(double x, double y, [NoDiff] double[] z, [NoDiff] double[,] g, int n, int m").Append(w ? ", double[] w" : "").Append(")\n    {\n");
        s.Append("        double s = x;\n        for (int p = 0; p < n; p++)\n        {\n            for (int j = 0; j < m; j++)\n            {\n");
        for (int i = 0, count = 1 + r.Next(3); i < count; i++) s.Append("                ").Append(Step(r, i, i == 0, w, ref readsG)).Append('\n');
        if (variant == 3) s.Append("                z[p * m + j] = z[p * m + j] * 0.5 + 1.0;\n");
        s.Append("            }\n");
        if (r.Next(2) == 0) s.Append("            s += x * z[p * m] * ").Append(K(r)).Append(";\n");
        else { s.Append("            s = s * (1 + ").Append(K(r)).Append(" * g[p, 0] * y);\n"); readsG = true; }
        s.Append("        }\n");
        if (variant == 1) s.Append("        z[0] = z[1] * 2.0;\n");
        string? bad = null;
        if (variant == 4) { s.Append("        z[1] = x * y;\n"); bad = "x * y"; }
        s.Append("        return s;\n    }\n");
        return new Program(name, s.ToString(), bad, variant, readsG);
    }

    private static string Source(IEnumerable<Program> programs) => ProgramBatch.Source(Header, programs.Select(p => p.Text));

    [Fact]
    public void Backward_MatchesCentralDifferences_WithNoDiffElementsReadAgainOrTaped()
    {
        var random = new Random(20261202);
        var all = Enumerable.Range(0, Count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), i % 6 == 5 ? 4 : random.Next(4))).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(Source(all)), Header, all, p => (p.Name, p.Text, p.Bad));
        var run = GeneratorHarness.RunForLoad(Source(clean));
        Assert.True(run.GeneratorDiagnostics.IsEmpty && run.CompileDiagnostics.IsEmpty && run.Exceptions.IsEmpty, run.Dump());
        var type = GeneratorHarness.Load(run).GetType("Loops")!;
        var failures = new List<string>();
        int rereadZ = 0, tapedZ = 0, rereadG = 0;
        foreach (var p in clean)
        {
            string generated = run.Generated.First(kv => kv.Key.Contains("Loops." + p.Name + "_", StringComparison.Ordinal)).Value;
            bool zAgain = ReadAgain(generated, "z"), gAgain = ReadAgain(generated, "g");
            // Where nothing can write z between the forward and the reverse read, it must be read again; else taped.
            if (zAgain != (p.Variant == 0)) failures.Add((zAgain ? "z read again" : "z not read again") + " in variant " + p.Variant + ":\n" + p.Text + "\n" + generated);
            // g (a double[,]) shares storage with no double[] or span and is never written.
            if (p.ReadsG && !gAgain) failures.Add("g not read again:\n" + p.Text + "\n" + generated);
            if (zAgain) rereadZ++; else tapedZ++;
            if (gAgain) rereadG++;
            var method = type.GetMethod(p.Name, BindingFlags.Public | BindingFlags.Static)!;
            var backward = type.GetMethod(p.Name + "Backward", BindingFlags.Public | BindingFlags.Static)!;
            foreach (var (n, m) in new[] { (2, 3), (3, 2) })
            {
                var z = Enumerable.Range(0, n * m).Select(i => 0.2 + 0.6 * Math.Sin(1.3 * i + p.Name.Length)).ToArray();
                var g = new double[n, m];
                for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) g[i, j] = 0.3 * Math.Cos(0.7 * i + 1.9 * j);
                var wv = Enumerable.Range(0, m).Select(i => 0.5 - 0.2 * i).ToArray();
                bool hasW = p.Variant == 2;
                int dims = 2 + (hasW ? m : 0);
                object[] Args(double[] point)
                {
                    var args = new List<object> { point[0], point[1], (double[])z.Clone(), (double[,])g.Clone(), n, m };
                    if (hasW) args.Add(point[2..]);
                    return args.ToArray();
                }
                double Value(double[] point) => (double)method.Invoke(null, Args(point))!;
                var at = new[] { 0.6, -0.4 }.Concat(hasW ? wv : Array.Empty<double>()).ToArray();
                double primal = Value(at);
                var call = Args(at).Concat(new object[] { 0.0, 0.0 }).Concat(hasW ? new object[] { new double[m] } : Array.Empty<object>()).Append(1.0).ToArray();
                double value = (double)backward.Invoke(null, call)!;
                var gradient = new[] { (double)call[dims == 2 ? 6 : 7], (double)call[dims == 2 ? 7 : 8] }.Concat(hasW ? (double[])call[9] : Array.Empty<double>()).ToArray();
                try
                {
                    Tolerance.AssertFormula(primal, value, "value");
                    for (int i = 0; i < dims; i++)
                    {
                        const double h = 1e-6;
                        var up = (double[])at.Clone(); up[i] += h;
                        var down = (double[])at.Clone(); down[i] -= h;
                        Tolerance.AssertCentral((Value(up) - Value(down)) / (2 * h), gradient[i], Math.Abs(primal) + 1, p.Name + " n=" + n + " m=" + m + " d/dp" + i);
                    }
                }
                catch (Exception e)
                {
                    failures.Add(e.Message + "\n" + p.Text + "\n" + generated);
                }
            }
        }
        Assert.True(failures.Count == 0, failures.Count + " failures, first:\n" + failures.FirstOrDefault());
        Assert.True(clean.Count >= Count * 3 / 4, "clean " + clean.Count);
        Assert.True(rereadZ >= Count / 8 && tapedZ >= Count / 4 && rereadG >= Count / 4, "z read again " + rereadZ + ", taped " + tapedZ + ", g read again " + rereadG);
    }

    /// <summary>An element of <paramref name="array"/> is read into a local declared twice: in the forward sweep and again in the reverse one.</summary>
    private static bool ReadAgain(string generated, string array) =>
        Regex.Matches(generated, @"(?:double|int) (\w+) = [^;\n]*\b" + array + @"\[").Select(m => m.Groups[1].Value).GroupBy(name => name).Any(group => group.Count() > 1);
}
