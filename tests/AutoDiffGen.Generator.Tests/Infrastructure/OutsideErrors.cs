using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>A construct just outside support: an ADG error at it, and nothing else broken.</summary>
public static class OutsideErrors
{
    /// <summary>
    /// Runs the generator and the analyzer over <paramref name="source"/> and asserts: no exception; every error is an
    /// ADG one (no broken generated code); one error <paramref name="id"/> spans exactly <paramref name="at"/>; no method
    /// whose generated file name holds one of <paramref name="notGenerated"/> (".F_") was generated. Returns the run.
    /// </summary>
    public static GeneratorOutput AssertAt(string source, string id, string at, params string[] notGenerated)
    {
        var run = GeneratorHarness.Run(source);
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        var analyzer = GeneratorHarness.AnalyzerDiagnostics(run.Compilation);
        var errors = run.GeneratorDiagnostics.Concat(analyzer).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.All(errors, d => Assert.StartsWith("ADG", d.Id, StringComparison.Ordinal));
        Assert.Contains(errors, d => d.Id == id && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == at);
        Assert.DoesNotContain(run.Generated.Keys, k => notGenerated.Any(n => k.Contains(n, StringComparison.Ordinal)));
        return run;
    }
}
