using System.Globalization;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Checkpoint;

/// <summary>
/// Property test on the random-program generator (the same programs as RandomProgramTests, whose taped Backward is
/// checked there against central differences): each program is compiled twice, taped and with <c>Checkpoint = true</c>,
/// and at random points both return the same value and the same gradient, bit for bit. Only programs with a loop and
/// without helper calls are kept (the others get ADG0030 and are taped, and would agree trivially); the test asserts
/// that every program whose taped Backward walks a loop was checkpointed or got ADG0030. CI: 120 programs; AUTODIFFGEN_CHECKPOINT_COUNT runs more.
/// </summary>
public class CheckpointPropertyTests
{
    private const int BatchSize = 60;
    private readonly ITestOutputHelper _output;

    public CheckpointPropertyTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Checkpointed_EqualsTaped_BitForBit_OnRandomPrograms()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_CHECKPOINT_COUNT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int c) && c > 0 ? c : 120;
        var generator = new RandomProgramGenerator(20261214, widened: true, written: true);
        var random = new Random(7);
        int compared = 0, checkpointed = 0, points = 0;
        var failures = new List<string>();
        var reasons = new Dictionary<string, int>();
        int taped = 0;
        var unaccounted = new List<string>();
        var warned = new HashSet<string>();
        for (int start = 0; start < count; start += BatchSize)
        {
            var programs = new List<RandomProgram>();
            for (int i = start; programs.Count < Math.Min(BatchSize, count - start); i++)
            {
                var candidate = generator.Next("P" + i);
                string text = candidate.Render();
                if (text.Contains("for (", StringComparison.Ordinal) && !RandomProgram.HelperNames.Any(h => text.Contains(h + "(", StringComparison.Ordinal))) programs.Add(candidate);
            }
            var first = GeneratorHarness.Run(Sources(programs));
            if (!first.Exceptions.IsEmpty) throw new Xunit.Sdk.XunitException("generator threw:\n" + first.Dump());
            var errors = first.GeneratorDiagnostics.Concat(first.CompileDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            // Programs that are diagnosed (by design: calls of Bad/Mid, forms that must be diagnosed) are left out.
            var clean = programs.Where(p => !errors.Any(d => InMethod(d) is { } m && (m == p.Name || m == p.Name + "Backward"))).ToList();
            var run = GeneratorHarness.RunForLoad(Sources(clean));
            var unexpected = run.GeneratorDiagnostics.Concat(run.CompileDiagnostics)
                .Where(d => d.Severity == DiagnosticSeverity.Error && !RandomProgram.HelperNames.Contains(InMethod(d))).ToList();
            if (unexpected.Count > 0) throw new Xunit.Sdk.XunitException("errors outside the helpers:\n" + string.Join("\n", unexpected.Take(5)));
            Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "ADG0030" && d.Severity != DiagnosticSeverity.Warning);
            foreach (var d in run.GeneratorDiagnostics.Where(d => d.Id == "ADG0030" && InMethod(d) is { } m && !RandomProgram.HelperNames.Contains(m)))
            {
                string why = d.GetMessage();
                why = why.Substring(why.IndexOf(':', StringComparison.Ordinal) + 2);
                why = why.Length > 60 ? why.Substring(0, 60) : why;
                reasons[why] = reasons.GetValueOrDefault(why) + 1;
                warned.Add(InMethod(d)!);
            }
            var assembly = GeneratorHarness.Load(run);
            foreach (var p in clean)
            {
                string generated = run.Generated.FirstOrDefault(g => g.Key.StartsWith("Random.Ckpt." + p.Name + "_", StringComparison.Ordinal)).Value ?? "";
                bool isCheckpointed = generated.Contains("segmentStart", StringComparison.Ordinal);
                if (isCheckpointed) checkpointed++;
                string plainText = run.Generated.FirstOrDefault(g => g.Key.StartsWith("Random.Plain." + p.Name + "_", StringComparison.Ordinal)).Value ?? "";
                if (plainText.Contains("for (int iteration", StringComparison.Ordinal))
                {
                    taped++;
                    if (!isCheckpointed && !warned.Contains(p.Name)) unaccounted.Add(p.Name);
                }
                var plain = new Differentiated(assembly, "Random.Plain", p.Name);
                var ckpt = new Differentiated(assembly, "Random.Ckpt", p.Name);
                compared++;
                for (int k = 0; k < 3; k++)
                {
                    var x = Enumerable.Range(0, 3).Select(_ => Math.Round(random.NextDouble() * 4 - 2, 6)).ToArray();
                    var (v1, g1) = plain.Backward(x);
                    var (v2, g2) = ckpt.Backward(x);
                    points++;
                    if (!v1.Equals(v2) || !g1.SequenceEqual(g2))
                    {
                        failures.Add(p.Name + " at " + string.Join(", ", x.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) +
                            $": taped {v1:R} [{string.Join(", ", g1.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}], checkpointed {v2:R} [{string.Join(", ", g2.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}]\n" +
                            p.Render() + "\n" + generated);
                        break;
                    }
                }
            }
        }
        _output.WriteLine($"{count} programs, {compared} compiled, {checkpointed} with a checkpointed loop, {points} points, {failures.Count} failures");
        foreach (var (why, n) in reasons.OrderByDescending(r => r.Value)) _output.WriteLine($"ADG0030 ({n}): {why}");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(3)));
        // Every program whose taped Backward walks a loop backwards is checkpointed, or told why not (a loop that carries
        // no gradient needs no tape either way); and there are many of them.
        _output.WriteLine($"{taped} programs with a taped loop");
        // (A warning may also name a loop that needs no tape: it is told it is "taped as usual", which costs nothing.)
        Assert.True(unaccounted.Count == 0, "taped without checkpoint or ADG0030: " + string.Join(", ", unaccounted));
        Assert.True(checkpointed >= compared / 3, $"only {checkpointed} of {compared} programs had a checkpointed loop");
    }

    private static string[] Sources(IReadOnlyList<RandomProgram> programs) => new[]
    {
        RandomProgram.Source("Plain", programs, helpers: true),
        RandomProgram.Source("Ckpt", programs, helpers: true)
            .Replace("public enum Op { Add, Mul, Neg }", "", StringComparison.Ordinal)
            .Replace("[Differentiable]", "[Differentiable(Checkpoint = true)]", StringComparison.Ordinal),
    };

    private static string? InMethod(Diagnostic d) =>
        d.Location.SourceTree?.GetRoot().FindNode(d.Location.SourceSpan).AncestorsAndSelf()
            .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText;

}
