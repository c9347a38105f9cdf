using System.Collections.Immutable;
using AutoDiffGen.Generator;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Lowering;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AutoDiffGen.CodeFixes.Tests.Infrastructure;

/// <summary>
/// Test adapter: runs the real generator on the compilation and reports its diagnostics as an analyzer would,
/// so the code-fix test framework sees ADG0004 and ADG0016 where the IDE shows them (generator diagnostics
/// reach code fixes there). It reports every rule but the declaration analyzer's, which the generator never does.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class GeneratorDiagnosticsAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        DiagnosticDescriptors.All.Where(d => !DeclarationRules.Ids.Contains(d.Id)).ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationAction(c =>
        {
            var parse = c.Compilation.SyntaxTrees.FirstOrDefault()?.Options as CSharpParseOptions;
            CSharpGeneratorDriver.Create(new[] { new DifferentiableGenerator().AsSourceGenerator() }, parseOptions: parse)
                .RunGeneratorsAndUpdateCompilation(c.Compilation, out _, out var diagnostics, c.CancellationToken);
            foreach (var d in diagnostics) c.ReportDiagnostic(d);
        });
    }
}
