using System.Collections.Immutable;
using System.Linq;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Lowering;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AutoDiffGen.Generator;

/// <summary>
/// Reports the rules about a [Differentiable] method's declaration (<see cref="DeclarationRules"/>): a
/// diagnostic analyzer, as the Roslyn cookbook, the MVVM Toolkit and ComputeSharp do it, so the IDE shows
/// them as you type and AutoDiffGen.CodeFixes can fix them. The generator checks the same rules silently and
/// generates nothing for such a method.
/// <para>
/// It lives in the generator's assembly so that every consumer who gets the generator gets it too, also one
/// that references the generator project as an analyzer (code fixes need Workspaces, so they live apart).
/// </para>
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeclarationAnalyzer : DiagnosticAnalyzer
{
    private const string DifferentiableAttribute = "AutoDiffGen.DifferentiableAttribute";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        DeclarationRules.Ids.Select(DiagnosticDescriptors.Get).ToImmutableArray();

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(DifferentiableAttribute) is not { } attribute) return;
            start.RegisterSyntaxNodeAction(node => Analyze(node, attribute), SyntaxKind.MethodDeclaration);
        });
    }

    /// <summary>
    /// The method whose own attribute lists carry [Differentiable], as the generator's
    /// ForAttributeWithMetadataName sees it: a partial method's two parts are two declarations.
    /// </summary>
    private static void Analyze(SyntaxNodeAnalysisContext context, INamedTypeSymbol attribute)
    {
        var syntax = (MethodDeclarationSyntax)context.Node;
        if (syntax.AttributeLists.Count == 0) return;
        if (context.SemanticModel.GetDeclaredSymbol(syntax, context.CancellationToken) is not { } method) return;
        bool marked = method.GetAttributes().Any(a =>
            SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute) &&
            a.ApplicationSyntaxReference is { } at && at.SyntaxTree == syntax.SyntaxTree && syntax.Span.Contains(at.Span));
        if (!marked) return;
        foreach (var diagnostic in DeclarationRules.Find(method, syntax)) context.ReportDiagnostic(diagnostic);
    }
}
