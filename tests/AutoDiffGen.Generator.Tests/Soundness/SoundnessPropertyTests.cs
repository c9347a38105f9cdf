using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Soundness;

/// <summary>
/// The soundness property: random programs push differentiated values through opaque helpers, LINQ,
/// span and IEnumerable conversions, boxing, decimal, bit casts and string round trips, and through
/// proven zero-derivative cuts. Every program either gets an ADG error, or a Backward whose gradient
/// equals central differences. Two-sided: a program with a leak of an active value must be diagnosed,
/// and a program with none (and no construct that may be unsupported) must generate.
/// CI runs 1,000 programs; AUTODIFFGEN_SOUNDNESS_COUNT=10000 runs more, AUTODIFFGEN_SOUNDNESS_SEED another seed.
/// </summary>
public class SoundnessPropertyTests(ITestOutputHelper output)
{
    private const int BatchSize = 125;

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : fallback;

    [Fact]
    public void EveryProgram_IsDiagnosed_OrMatchesCentralDifferences()
    {
        int count = EnvInt("AUTODIFFGEN_SOUNDNESS_COUNT", 1000);
        int seed = EnvInt("AUTODIFFGEN_SOUNDNESS_SEED", 20261201);
        var watch = Stopwatch.StartNew();
        var generator = new LeakProgramGenerator(seed);
        var points = new Random(seed + 1);
        var failures = new List<string>();
        int diagnosed = 0, generated = 0, checkedPoints = 0, leaking = 0;
        var ids = new SortedDictionary<string, int>(StringComparer.Ordinal);

        for (int start = 0; start < count; start += BatchSize)
        {
            var programs = Enumerable.Range(start, Math.Min(BatchSize, count - start)).Select(i => generator.Next("P" + i)).ToList();
            string className = "Batch" + start;
            // Binds for the judgement instead of emitting: it is loaded only when every program is clean (docs/testing.md, ci25).
            var run = GeneratorHarness.Run(LeakProgram.Source(className, programs));
            if (!run.Exceptions.IsEmpty) throw new Xunit.Sdk.XunitException("generator threw:\n" + run.Dump());
            // Generated code never breaks the build: no error or warning in a generated file.
            var broken = run.CompileDiagnostics.Where(d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true).ToList();
            Assert.True(broken.Count == 0, "generated code does not compile:\n" + string.Join("\n", broken.Take(10)) + "\n"
                + string.Join("\n", programs.Where(p => broken.Any(d => d.Location.SourceTree!.FilePath.Contains("." + p.Name + "_", StringComparison.Ordinal))).Take(3).Select(p => p.Render())));
            Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "ADG9999");

            var errors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            var clean = new List<LeakProgram>();
            foreach (var p in programs)
            {
                leaking += p.Leaks ? 1 : 0;
                var mine = errors.Where(d => Method(d) == p.Name).ToList();
                bool hasBackward = run.Generated.Keys.Any(k => k.Contains("." + p.Name + "_", StringComparison.Ordinal));
                if (mine.Count > 0)
                {
                    diagnosed++;
                    foreach (var id in mine.Select(d => d.Id).Distinct()) ids[id] = ids.GetValueOrDefault(id) + 1;
                    if (hasBackward) failures.Add(p.Name + ": diagnosed with errors but a Backward was still generated\n" + p.Render());
                    if (!p.Leaks && !p.MayFail) failures.Add(p.Name + ": no leak, yet " + string.Join("; ", mine.Select(d => d.GetMessage(CultureInfo.InvariantCulture))) + "\n" + p.Render());
                    continue;
                }
                if (p.Leaks) failures.Add(p.Name + ": a gradient-carrying value flows into something without a derivative, and nothing was reported\n" + p.Render());
                if (!hasBackward) failures.Add(p.Name + ": no error, and no Backward\n" + p.Render());
                else clean.Add(p);
            }
            if (clean.Count == 0) continue;
            generated += clean.Count;

            var assembly = GeneratorHarness.Load(clean.Count == programs.Count ? run : GeneratorHarness.RunForLoad(LeakProgram.Source(className, clean)));
            var type = assembly.GetType("Soundness." + className, throwOnError: true)!;
            foreach (var p in clean)
            {
                var primal = type.GetMethod(p.Name)!;
                var backward = type.GetMethod(p.Name + "Backward")!;
                for (int k = 0; k < 3; k++)
                {
                    var x = Enumerable.Range(0, 4).Select(_ => Math.Round(points.NextDouble() * 3 - 1.5, 4)).ToArray();
                    switch (Check(primal, backward, x, out string reason))
                    {
                        case true: checkedPoints++; break;
                        case false: failures.Add(p.Name + ": " + reason + "\n" + p.Render()); break;
                    }
                }
            }
        }

        output.WriteLine($"seed {seed}: {count} programs ({leaking} with a leak of an active value): {diagnosed} diagnosed " +
                         $"({string.Join(", ", ids.Select(kv => kv.Key + " " + kv.Value))}), {generated} generated, {checkedPoints} points checked, " +
                         $"{failures.Count} failures, {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(failures.Count == 0, failures.Count + " unsound or wrong programs; the first:\n" + string.Join("\n\n", failures.Take(3)));
        // Not vacuous: both outcomes occur in quantity, and gradients were really compared.
        Assert.True(diagnosed >= count / 5 && generated >= count / 5, $"diagnosed {diagnosed}, generated {generated} of {count}");
        Assert.True(checkedPoints >= generated, $"only {checkedPoints} points checked for {generated} programs");
    }

    /// <summary>The [Differentiable] method a diagnostic lies in, by its position in the source.</summary>
    private static string? Method(Diagnostic d)
    {
        var tree = d.Location.SourceTree;
        if (tree is null) return null;
        var node = tree.GetRoot().FindNode(d.Location.SourceSpan);
        return node.AncestorsAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText;
    }


    /// <summary>
    /// x = (xs[0], xs[1], xs[2], y). True when the gradient matches central differences, false (with the
    /// reason) when it does not, null when the point is near a jump or kink (the two step sizes disagree).
    /// </summary>
    private static bool? Check(MethodInfo primal, MethodInfo backward, double[] x, out string reason)
    {
        reason = "";
        double F(double[] v) => (double)primal.Invoke(null, new object[] { v[..3], v[3] })!;
        double value = F(x);
        if (!double.IsFinite(value)) return null;
        var dXs = new double[3];
        var args = new object[] { x[..3], x[3], dXs, 0.0, 1.0 };
        double returned = (double)backward.Invoke(null, args)!;
        var gradient = new[] { dXs[0], dXs[1], dXs[2], (double)args[3] };
        if (Math.Abs(returned - value) > 1e-12 * (1 + Math.Abs(value)))
        {
            reason = $"Backward returned {returned}, the method {value}";
            return false;
        }
        for (int i = 0; i < 4; i++)
        {
            double fd1 = Central(F, x, i, 1e-4), fd2 = Central(F, x, i, 1e-5);
            double scale = 1 + Math.Abs(fd1);
            if (!double.IsFinite(fd1) || Math.Abs(fd1 - fd2) > 1e-4 * scale) return null;
            if (Math.Abs(gradient[i] - fd1) > 1e-3 * scale)
            {
                reason = $"at ({string.Join(", ", x.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}) component {i}: Backward {gradient[i]:R}, central differences {fd1:R}";
                return false;
            }
        }
        return true;
    }

    private static double Central(Func<double[], double> f, double[] x, int i, double h)
    {
        var plus = (double[])x.Clone();
        var minus = (double[])x.Clone();
        plus[i] += h;
        minus[i] -= h;
        return (f(plus) - f(minus)) / (2 * h);
    }
}
