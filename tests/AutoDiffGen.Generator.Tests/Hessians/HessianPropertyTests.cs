using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Hessian mode on the random-program generator the reverse and forward property tests use (widened: branches, loops,
/// switches, returns from loops, calls of helpers), every program with <c>Hessian = true</c>. A program whose call
/// carries a gradient must get ADG0019 (or the helpers' ADG0017) at a call and no code; every other program must
/// generate, and at random points MHessian must return the method's value, be exactly symmetric, and match central
/// differences of MBackward's gradient. Points near a kink, jump or pole (where differences at two steps disagree)
/// are skipped. CI: 500 programs (the issue asks every mode for ≥ 500); AUTODIFFGEN_HESSIAN_COUNT and AUTODIFFGEN_HESSIAN_SEED pick others.
/// </summary>
public class HessianPropertyTests
{
    private const int BatchSize = 100;

    private readonly ITestOutputHelper _output;

    public HessianPropertyTests(ITestOutputHelper output) => _output = output;

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : fallback;

    [Fact]
    public void Hessian_MatchesCentralDifferencesOfBackward_OnRandomPrograms()
    {
        int count = EnvInt("AUTODIFFGEN_HESSIAN_COUNT", 500);
        int seed = EnvInt("AUTODIFFGEN_HESSIAN_SEED", 20261201 + 19);
        var generator = new RandomProgramGenerator(seed, widened: true);
        var points = new Random(seed + 1);
        int checkedPoints = 0, programsChecked = 0, diagnosed = 0, skipped = 0, generatedCount = 0;
        var failures = new List<string>();
        for (int start = 0; start < count; start += BatchSize)
        {
            var programs = Enumerable.Range(start, Math.Min(BatchSize, count - start)).Select(i => generator.Next("P" + i)).ToList();
            string className = "Batch" + start;
            var run = GeneratorHarness.Run(Source(className, programs));
            if (!run.Exceptions.IsEmpty) throw new Xunit.Sdk.XunitException("generator threw:\n" + run.Dump());
            var errors = run.GeneratorDiagnostics.Concat(run.CompileDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            var clean = new List<RandomProgram>();
            foreach (var p in programs)
            {
                var mine = errors.Where(d => InMethod(d) is { } m && (m == p.Name || m.StartsWith(p.Name + "Hessian", StringComparison.Ordinal) || m == p.Name + "Backward")).ToList();
                bool generated = run.Generated.Keys.Any(k => k.Contains("." + p.Name + "_", StringComparison.Ordinal));
                bool hasCall = RandomProgram.HelperNames.Any(h => p.Render().Contains(h + "(", StringComparison.Ordinal));
                if (mine.Count == 0 && generated)
                {
                    clean.Add(p);
                    continue;
                }
                // Outside what Hessian mode supports: a call that carries a gradient, diagnosed at the call, with no code.
                bool atCalls = mine.Count > 0 && mine.All(d => d.Id is "ADG0019" or "ADG0017" && RandomProgram.HelperNames.Any(h => At(d).StartsWith(h + "(", StringComparison.Ordinal)));
                if (hasCall && atCalls && mine.Any(d => d.Id == "ADG0019" || p.CallsFailing) && !generated)
                {
                    diagnosed++;
                    continue;
                }
                failures.Add(p.Name + ": generated=" + generated + ", " + string.Join("; ", mine) + "\n" + p.Render());
            }
            if (clean.Count == 0) continue;
            generatedCount += clean.Count;
            var assembly = Load(GeneratorHarness.Run(Source(className, clean), Wrappers(className, clean)).Compilation);
            var type = assembly.GetType("Random." + className, throwOnError: true)!;
            foreach (var p in clean)
            {
                var method = new Differentiated(assembly, "Random." + className, p.Name);
                var hessian = type.GetMethod(p.Name + "_H", BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<Func<double[], double[], double>>();
                var product = type.GetMethod(p.Name + "_V", BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<Func<double[], double[], double[], double>>();
                bool any = false;
                for (int k = 0; k < 3; k++)
                {
                    var x = Enumerable.Range(0, 3).Select(_ => Math.Round((points.NextDouble() * 4) - 2, 6)).ToArray();
                    string? failure = CheckPoint(method, hessian, x, out bool skip) ?? CheckProduct(hessian, product, x, points);
                    if (skip) { skipped++; continue; }
                    if (failure is not null)
                    {
                        failures.Add(p.Name + " at (" + string.Join(", ", x.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "): " + failure + "\n" + p.Render());
                        break;
                    }
                    checkedPoints++;
                    any = true;
                }
                if (any) programsChecked++;
            }
        }
        _output.WriteLine($"seed {seed}: {count} programs, {generatedCount} generated, {programsChecked} with a checked point, {checkedPoints} points checked, {skipped} skipped (kink/pole/non-finite), {diagnosed} diagnosed (ADG0019 at a call), {failures.Count} failures");
        if (failures.Count > 0) Assert.Fail(failures.Count + " failures; the first:\n" + string.Join("\n----\n", failures.Take(3)));
        Assert.True(programsChecked >= generatedCount * 0.8, $"only {programsChecked} of {generatedCount} programs had a checkable point");
        if (count >= 200) Assert.InRange(diagnosed, 1, count / 2);
    }

    /// <summary>null when the point agrees; skip when it is near a kink, a pole, or not finite.</summary>
    private static string? CheckPoint(Differentiated method, Func<double[], double[], double> hessian, double[] x, out bool skip)
    {
        skip = false;
        double f = method.Value(x);
        var (_, g) = method.Backward(x);
        if (!double.IsFinite(f) || Math.Abs(f) > 1e6 || g.Any(v => !double.IsFinite(v) || Math.Abs(v) > 1e5)) { skip = true; return null; }
        var h = new double[9];
        Array.Fill(h, double.NaN);
        double value = hessian(x, h);
        if (!(Math.Abs(value - f) <= 1e-12 * Math.Max(1, Math.Abs(f)))) return $"MHessian returned {value:R}, the method {f:R}";
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                if (!h[i * 3 + j].Equals(h[j * 3 + i])) return $"not symmetric: H[{i},{j}] = {h[i * 3 + j]:R}, H[{j},{i}] = {h[j * 3 + i]:R}";
        Action<double[], double[]> gradient = (p, into) => Array.Copy(method.Backward(p).Gradient, into, 3);
        var c5 = HessianModeTests.CentralHessian(gradient, x, 1e-5);
        var c4 = HessianModeTests.CentralHessian(gradient, x, 1e-4);
        var c6 = HessianModeTests.CentralHessian(gradient, x, 1e-6);
        double scale = 1 + c5.Max(Math.Abs);
        for (int k = 0; k < 9; k++)
        {
            if (!double.IsFinite(c4[k]) || !double.IsFinite(c5[k]) || !double.IsFinite(c6[k]) || Math.Abs(c4[k] - c5[k]) > 1e-3 * scale || Math.Abs(c6[k] - c5[k]) > 1e-3 * scale)
            {
                skip = true;
                return null;
            }
        }
        if (h.Any(v => !double.IsFinite(v))) return "non-finite Hessian entry where differences are finite: " + string.Join(", ", h);
        for (int k = 0; k < 9; k++)
        {
            if (Math.Abs(h[k] - c5[k]) > 1e-5 * Math.Max(Math.Abs(c5[k]), 1) + 1e-9 * Math.Max(1, Math.Abs(f)) * 1e3)
            {
                return $"entry {k}: MHessian {h[k]:R}, central differences of MBackward {c5[k]:R}\nH:  {string.Join(", ", h)}\nFD: {string.Join(", ", c5)}";
            }
        }
        return null;
    }

    /// <summary>MHessianVector along a random direction is MHessian times it (to rounding); null when it is.</summary>
    private static string? CheckProduct(Func<double[], double[], double> hessian, Func<double[], double[], double[], double> product, double[] x, Random random)
    {
        var h = new double[9];
        double value = hessian(x, h);
        var v = Enumerable.Range(0, 3).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 6)).ToArray();
        var hv = new double[3];
        if (!product(x, v, hv).Equals(value)) return "MHessianVector's value differs from MHessian's";
        for (int i = 0; i < 3; i++)
        {
            double expected = (h[i * 3] * v[0]) + (h[i * 3 + 1] * v[1]) + (h[i * 3 + 2] * v[2]);
            double scale = Math.Abs(h[i * 3] * v[0]) + Math.Abs(h[i * 3 + 1] * v[1]) + Math.Abs(h[i * 3 + 2] * v[2]);
            if (!(Math.Abs(hv[i] - expected) <= 1e-12 * Math.Max(1, scale))) return $"H·v entry {i}: MHessianVector {hv[i]:R}, MHessian·v {expected:R}";
        }
        return null;
    }

    /// <summary>The batch's source: programs with Hessian = true, helpers as they are.</summary>
    private static string Source(string className, IReadOnlyList<RandomProgram> programs) =>
        Regex.Replace(RandomProgram.Source(className, programs, helpers: true), @"\[Differentiable\](\r?\n\s*public static double P\d)", "[Differentiable(Hessian = true)]$1");

    /// <summary>A second file: for each program, P_H(x, h) calling PHessian with arrays (a Span cannot go through reflection).</summary>
    private static string Wrappers(string className, IReadOnlyList<RandomProgram> programs)
    {
        var text = new StringBuilder();
        text.AppendLine("namespace Random { public static partial class " + className + " {");
        foreach (var p in programs)
        {
            text.AppendLine("public static double " + p.Name + "_H(double[] x, double[] h) => " + p.Name + "Hessian(x[0], x[1], x[2], h);");
            text.AppendLine("public static double " + p.Name + "_V(double[] x, double[] v, double[] hv) => " + p.Name + "HessianVector(x[0], x[1], x[2], v, hv);");
        }
        text.AppendLine("} }");
        return text.ToString();
    }

    private static string At(Diagnostic d) => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan);

    private static string? InMethod(Diagnostic d)
    {
        var tree = d.Location.SourceTree;
        if (tree is null) return null;
        var node = tree.GetRoot().FindNode(d.Location.SourceSpan);
        return node.AncestorsAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText;
    }

    private static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        if (!emit.Success) throw new Xunit.Sdk.XunitException("emit failed:\n" + string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10)));
        stream.Position = 0;
        return new AssemblyLoadContext("adg-hessian-" + Guid.NewGuid().ToString("N"), isCollectible: true).LoadFromStream(stream);
    }
}
