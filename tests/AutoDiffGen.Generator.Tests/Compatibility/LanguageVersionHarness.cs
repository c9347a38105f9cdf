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

        private readonly byte[]? _emittedImage;

        private readonly Compilation? _emittedCompilation;

        /// <summary>
        /// <see cref="Compilation"/> as <see cref="RunForLoad"/> emitted it (null when it did not emit, or when this is a copy
        /// given another compilation): <see cref="Load"/> loads it instead of emitting again.
        /// </summary>
        internal byte[]? EmittedImage
        {
            get => ReferenceEquals(_emittedCompilation, Compilation) ? _emittedImage : null;
            init
            {
                _emittedImage = value;
                _emittedCompilation = Compilation;
            }
        }

        /// <summary>Loads the compiled user and generated code, to run its gradients (from <see cref="RunForLoad"/>'s emit when there is one).</summary>
        public System.Reflection.Assembly Load() => GeneratorHarness.Load(AsOutput());

        /// <summary>This result as the harness's output record, its emitted image kept.</summary>
        public GeneratorOutput AsOutput() =>
            new(Generated, GeneratorDiagnostics, CompileDiagnostics, (CSharpCompilation)Compilation, ImmutableArray<Exception>.Empty) { EmittedImage = EmittedImage };
    }

    /// <summary>
    /// Generates and compiles with <paramref name="version"/>; nullable annotations on only where asked (C# 7.3
    /// cannot have them: CS8630). Returns every warning and error, the user's and the generated code's.
    /// </summary>
    public static Result Run(LanguageVersion version, bool nullable, AnalyzerConfigOptionsProvider? options, params string[] sources)
    {
        var (generated, generatorDiagnostics, output) = Generate(version, nullable, options, sources);
        var diagnostics = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
        return new Result(generated, generatorDiagnostics, diagnostics, output);
    }

    /// <summary>
    /// As <see cref="Run"/>, for a caller that loads the result: the output is emitted once, its warnings and errors are the
    /// emit's (as a set: the emit lists them in its own order; <c>AUTODIFFGEN_HARNESS_VERIFY=1</c> compares them with
    /// <c>GetDiagnostics()</c>'), and <see cref="Result.Load"/> loads that image instead of binding and emitting again.
    /// </summary>
    public static Result RunForLoad(LanguageVersion version, bool nullable, AnalyzerConfigOptionsProvider? options, params string[] sources)
    {
        var (generated, generatorDiagnostics, output) = Generate(version, nullable, options, sources);
        var (image, diagnostics) = GeneratorHarness.EmitWithDiagnostics(output);
        if (GeneratorHarness.VerifyOnePass) GeneratorHarness.AssertEmitAsGetDiagnostics(output, diagnostics);
        return new Result(generated, generatorDiagnostics, diagnostics, output) { EmittedImage = image };
    }

    private static (Dictionary<string, string> Generated, ImmutableArray<Diagnostic> GeneratorDiagnostics, Compilation Output) Generate(
        LanguageVersion version, bool nullable, AnalyzerConfigOptionsProvider? options, string[] sources)
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
        return (generated, generatorDiagnostics, output);
    }
}
