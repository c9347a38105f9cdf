using System.Collections.Immutable;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AutoDiffGen.Generator.Tests.Compatibility;

/// <summary>Runs the generator as a project on a given C# version (and nullable setting) builds it.</summary>
public static class LanguageVersionHarness
{
    public sealed record Result(IReadOnlyDictionary<string, string> Generated, ImmutableArray<Diagnostic> GeneratorDiagnostics, ImmutableArray<Diagnostic> CompileDiagnostics, Compilation Compilation)
    {
        public string Dump() =>
            "generator diagnostics:\n" + string.Join("\n", GeneratorDiagnostics) +
            "\ncompile diagnostics:\n" + string.Join("\n", CompileDiagnostics) +
            "\n" + string.Join("\n", Generated.Select(g => "=== " + g.Key + "\n" + g.Value));

        /// <summary>Loads the compiled user and generated code, to run its gradients.</summary>
        public System.Reflection.Assembly Load() =>
            GeneratorHarness.Load(new GeneratorOutput(Generated, GeneratorDiagnostics, CompileDiagnostics, (CSharpCompilation)Compilation, ImmutableArray<Exception>.Empty));
    }

    /// <summary>
    /// Generates and compiles with <paramref name="version"/>; nullable annotations on only where asked (C# 7.3
    /// cannot have them: CS8630). Returns every warning and error, the user's and the generated code's.
    /// </summary>
    public static Result Run(LanguageVersion version, bool nullable, AnalyzerConfigOptionsProvider? options, params string[] sources)
    {
        var parse = new CSharpParseOptions(version);
        var template = GeneratorHarness.CreateCompilation();
        var compilation = CSharpCompilation.Create(
            "UserCode" + Guid.NewGuid().ToString("N"),
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, path: $"User{i}.cs")),
            template.References,
            template.Options.WithNullableContextOptions(nullable ? NullableContextOptions.Enable : NullableContextOptions.Disable));
        var driver = CSharpGeneratorDriver.Create(new[] { new DifferentiableGenerator().AsSourceGenerator() }, parseOptions: parse, optionsProvider: NullableChecked.Wrap(options))
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var generated = driver.GetRunResult().Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        var diagnostics = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
        return new Result(generated, generatorDiagnostics, diagnostics, output);
    }
}
