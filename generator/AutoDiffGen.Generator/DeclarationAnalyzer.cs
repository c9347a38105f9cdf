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
            start.RegisterSyntaxNodeAction(node => AnalyzeMethod(node, attribute), SyntaxKind.MethodDeclaration);
            start.RegisterSyntaxNodeAction(node => AnalyzeType(node, attribute),
                SyntaxKind.ClassDeclaration, SyntaxKind.StructDeclaration, SyntaxKind.RecordDeclaration, SyntaxKind.RecordStructDeclaration, SyntaxKind.InterfaceDeclaration);
        });
    }

    private static void AnalyzeMethod(SyntaxNodeAnalysisContext context, INamedTypeSymbol attribute)
    {
        var syntax = (MethodDeclarationSyntax)context.Node;
        if (Differentiable(syntax, context.SemanticModel, attribute, context.CancellationToken) is not { } method) return;
        foreach (var diagnostic in DeclarationRules.ForMethod(method, syntax)) context.ReportDiagnostic(diagnostic);
        if (method.IsGenericMethod) AnalyzeGenericReading(context, method, syntax);
    }

    /// <summary>
    /// A generic-math method's declaration rules are checked on the method read over double (Lowering/GenericSource),
    /// where T is a real type, and reported at the same spans of the user's method.
    /// </summary>
    private static void AnalyzeGenericReading(SyntaxNodeAnalysisContext context, IMethodSymbol method, MethodDeclarationSyntax syntax)
    {
        if (DeclarationRules.AnyApplies(method, syntax)) return;
        var reading = GenericSource.Read(syntax, method, context.SemanticModel, context.CancellationToken, out _);
        if (reading is null) return;
        foreach (var d in DeclarationRules.ForMethod(reading.Method, reading.Syntax))
        {
            var at = d.Location.SourceTree == reading.Syntax.SyntaxTree ? Location.Create(syntax.SyntaxTree, d.Location.SourceSpan) : d.Location;
            context.ReportDiagnostic(Diagnostic.Create(d.Descriptor, at, d.Properties, DeclarationRules.Arguments(d)));
        }
    }

    /// <summary>ADG0001, at a type that is not partial or is file-local, for each [Differentiable] method it contains.</summary>
    private static void AnalyzeType(SyntaxNodeAnalysisContext context, INamedTypeSymbol attribute)
    {
        var declaration = (TypeDeclarationSyntax)context.Node;
        if (declaration.Modifiers.Any(SyntaxKind.PartialKeyword) && !declaration.Modifiers.Any(SyntaxKind.FileKeyword)) return;
        if (context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } type) return;
        var methods = declaration.DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Select(m => (Method: Differentiable(m, context.SemanticModel, attribute, context.CancellationToken), Syntax: m))
            .Where(m => m.Method is not null)
            .Select(m => (m.Method!, m.Syntax))
            .ToList();
        if (methods.Count == 0) return;
        foreach (var diagnostic in DeclarationRules.ForType(type, declaration, methods)) context.ReportDiagnostic(diagnostic);
    }

    /// <summary>
    /// The method, when its own attribute lists carry [Differentiable], as the generator's
    /// ForAttributeWithMetadataName sees it: a partial method's two parts are two declarations.
    /// </summary>
    private static IMethodSymbol? Differentiable(MethodDeclarationSyntax syntax, SemanticModel model, INamedTypeSymbol attribute, System.Threading.CancellationToken token)
    {
        if (syntax.AttributeLists.Count == 0) return null;
        if (model.GetDeclaredSymbol(syntax, token) is not { } method) return null;
        bool marked = method.GetAttributes().Any(a =>
            SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute) &&
            a.ApplicationSyntaxReference is { } at && at.SyntaxTree == syntax.SyntaxTree && syntax.Span.Contains(at.Span));
        return marked ? method : null;
    }
}
