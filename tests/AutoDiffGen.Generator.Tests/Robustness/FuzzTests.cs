using System.Diagnostics;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Robustness;

/// <summary>
/// Never crash: 2,000+ random and malformed [Differentiable] methods go through the driver. For each:
/// no exception, no CS8785 (generator crashed), no ADG9999 (internal error), and either the output
/// compiles (no error beyond those the user's input has alone), or the generator reported an ADG
/// error, or the user's input does not compile. Valid random programs must generate clean output.
/// </summary>
public class FuzzTests
{
    private const int CaseCount = 2000;
    private const int FilesPerCompilation = 40;

    private readonly ITestOutputHelper _output;

    public FuzzTests(ITestOutputHelper output) => _output = output;

    private static int CaseOf(string path)
    {
        var m = Regex.Match(path, @"Case(\d+)");
        return m.Success ? int.Parse(m.Groups[1].Value) : -1;
    }

    [Fact]
    public void RandomAndMalformedMethods_NeverCrashTheGenerator()
    {
        var watch = Stopwatch.StartNew();
        var generator = new FuzzCaseGenerator(seed: 4242);
        var cases = Enumerable.Range(0, CaseCount).Select(generator.Next).ToList();
        var problems = new List<string>();
        int withOutput = 0, outputCompiles = 0, adgErrors = 0, inputErrors = 0, validClean = 0;
        var byCategory = cases.GroupBy(c => c.Category).ToDictionary(g => g.Key, g => g.Count());

        foreach (var batch in cases.Chunk(FilesPerCompilation))
        {
            var input = GeneratorHarness.CreateCompilation(batch.Select(c => c.Source).ToArray());
            // CreateCompilation names files User{i}.cs; map them back to cases.
            var caseOfFile = input.SyntaxTrees.Select((t, i) => (t.FilePath, batch[i].Id)).ToDictionary(p => p.FilePath, p => p.Id);
            int Owner(Location location)
            {
                if (location.SourceTree is not { } tree) return -1;
                if (caseOfFile.TryGetValue(tree.FilePath, out int id)) return id;
                if (CaseOf(tree.FilePath) is var fromHint and >= 0) return fromHint;
                // A mutation may have renamed the namespace: find the case that declares the generated file's namespace.
                var ns = Regex.Match(tree.ToString(), @"namespace ([\w.]+)");
                var owner = ns.Success ? batch.FirstOrDefault(c => c.Source.Contains("namespace " + ns.Groups[1].Value + ";", StringComparison.Ordinal)) : null;
                return owner?.Id ?? -1;
            }
            bool Owns(FuzzCase c, SyntaxTree t) => Owner(Location.Create(t, default)) == c.Id;

            var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics);
            var run = driver.GetRunResult();
            foreach (var e in run.Results.Select(r => r.Exception).Where(e => e is not null))
            {
                problems.Add($"driver exception in batch starting at case {batch[0].Id}: {e}");
            }

            var allGenerator = generatorDiagnostics.Concat(run.Diagnostics).ToList();
            var inputErrorsByCase = input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => (Case: Owner(d.Location), Text: d.ToString())).ToList();
            var inputErrorTexts = inputErrorsByCase.Select(e => e.Text).ToHashSet();
            // New errors: everything in the generated files, and declaration-level errors anywhere (a generated
            // member can clash with a user's); user method bodies were already bound for the input's errors.
            var generatedTrees = run.GeneratedTrees.ToHashSet();
            var outputErrors = output.SyntaxTrees.Where(generatedTrees.Contains).SelectMany(t => output.GetSemanticModel(t).GetDiagnostics())
                .Concat(output.GetDeclarationDiagnostics())
                .Where(d => d.Severity == DiagnosticSeverity.Error && !inputErrorTexts.Contains(d.ToString()))
                .DistinctBy(d => d.ToString())
                .ToList();

            foreach (var d in allGenerator.Concat(outputErrors).Where(d => d.Id is "CS8785" or "ADG9999"))
            {
                problems.Add($"case {Owner(d.Location)}: {d}");
            }
            // A mutation can mangle a namespace line (then the hint name no longer names the case): such
            // errors belong to one of the cases with a [Differentiable] and a broken namespace line, one of which must have input errors.
            var mangled = batch.Where(c => c.Source.Contains("[Differentiable", StringComparison.Ordinal) && !c.Source.Contains($"namespace Fuzz.Case{c.Id};", StringComparison.Ordinal)).ToList();
            // Or the generated code repeats what the input could not bind either (a parameter of an unknown type 'zz75' in a
            // case whose class left its namespace): the same message stands among the input's errors.
            var inputMessages = input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
            foreach (var d in outputErrors.Where(d => Owner(d.Location) < 0))
            {
                if (!mangled.Any(c => inputErrorsByCase.Any(e => e.Case == c.Id)) && !inputMessages.Contains(d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))
                {
                    problems.Add("an output error no case owns: " + d);
                }
            }

            foreach (var c in batch)
            {
                bool hasOutput = run.GeneratedTrees.Any(t => Owns(c, t));
                bool hasAdgError = allGenerator.Any(d => d.Id.StartsWith("ADG", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error && Owner(d.Location) == c.Id);
                bool hasInputError = inputErrorsByCase.Any(e => e.Case == c.Id);
                var newErrors = outputErrors.Where(d => Owner(d.Location) == c.Id).ToList();
                if (hasOutput) withOutput++;
                if (hasOutput && newErrors.Count == 0) outputCompiles++;
                if (hasAdgError) adgErrors++;
                if (hasInputError) inputErrors++;

                if (c.ExpectClean)
                {
                    if (hasOutput && newErrors.Count == 0 && !hasAdgError && !hasInputError) validClean++;
                    else problems.Add($"case {c.Id} ({c.Category}) should generate clean output:\n{c.Source}\n{string.Join("\n", newErrors.Concat(allGenerator.Where(d => Owner(d.Location) == c.Id)))}");
                }
                else if (newErrors.Count > 0 && !hasAdgError && !hasInputError)
                {
                    string generated = string.Join("\n", run.GeneratedTrees.Where(t => Owns(c, t)).Select(t => t.ToString()));
                    problems.Add($"case {c.Id} ({c.Category}): output does not compile, with no ADG error and a clean input:\n{c.Source}\n{string.Join("\n", newErrors)}\n{generated}");
                }
            }
        }

        _output.WriteLine($"{cases.Count} cases in {watch.Elapsed.TotalSeconds:F1} s: {string.Join(", ", byCategory.Select(kv => kv.Key + " " + kv.Value))}");
        _output.WriteLine($"outputs generated {withOutput}, of which compile {outputCompiles}; cases with an ADG error {adgErrors}; cases whose input has errors {inputErrors}; " +
                          $"valid programs clean {validClean}/{byCategory.GetValueOrDefault("valid random program")}; crashes/exceptions/ADG9999 and other problems {problems.Count}");
        Assert.True(problems.Count == 0, problems.Count + " problems; the first ones:\n" + string.Join("\n\n", problems.Take(5)));
        Assert.True(withOutput > CaseCount / 10 && adgErrors > CaseCount / 10, "the fuzz mix must exercise both generation and rejection");
    }
}
