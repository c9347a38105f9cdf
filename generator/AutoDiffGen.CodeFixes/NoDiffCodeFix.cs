using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace AutoDiffGen.CodeFixes;

/// <summary>
/// Marks a parameter [NoDiff] (a constant, with no adjoint), where the diagnostic offers that:
/// ADG0006 at a parameter whose type holds reals the generator cannot differentiate; ADG0016 at a value that
/// would lose its gradient, for each parameter of the [Differentiable] method it is computed from, and for the
/// parameter of a callee in source that receives it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NoDiffCodeFix)), Shared]
public sealed class NoDiffCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("ADG0006", "ADG0016");

    /// <inheritdoc/>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            foreach (var parameter in Candidates(diagnostic.Id, node, model, context.CancellationToken))
            {
                if (ValueKinds.IsNoDiff(parameter) || parameter.RefKind != RefKind.None || parameter.IsParams) continue;
                var syntax = parameter.DeclaringSyntaxReferences.Select(r => r.GetSyntax(context.CancellationToken)).OfType<ParameterSyntax>().FirstOrDefault();
                var document = syntax is null ? null : context.Document.Project.Solution.GetDocument(syntax.SyntaxTree);
                if (syntax is null || document is null) continue;
                string owner = parameter.ContainingSymbol.Name;
                context.RegisterCodeFix(
                    CodeAction.Create("Mark parameter '" + parameter.Name + "' of '" + owner + "' [NoDiff]",
                        ct => MarkNoDiff(document, syntax, ct), equivalenceKey: "NoDiff:" + owner + "." + parameter.Name),
                    diagnostic);
            }
        }
    }

    private static IEnumerable<IParameterSymbol> Candidates(string id, SyntaxNode node, SemanticModel model, CancellationToken token)
    {
        if (id == "ADG0006")
        {
            if (node.AncestorsAndSelf().OfType<ParameterSyntax>().FirstOrDefault() is { } declared && model.GetDeclaredSymbol(declared, token) is { } parameter)
            {
                yield return parameter;
            }
            yield break;
        }

        // ADG0016: the caller's own parameters that the value is computed from...
        var seen = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);
        foreach (var name in node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            if (model.GetSymbolInfo(name, token).Symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Ordinary } } parameter && seen.Add(parameter))
            {
                yield return parameter;
            }
        }
        // ...and the callee's parameter that receives it, when the value is an argument.
        if (node.AncestorsAndSelf().OfType<ArgumentSyntax>().FirstOrDefault() is { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } } argument &&
            model.GetOperation(invocation, token) is Microsoft.CodeAnalysis.Operations.IInvocationOperation call)
        {
            var receiving = call.Arguments.FirstOrDefault(a => a.Syntax == argument)?.Parameter;
            if (receiving is not null && seen.Add(receiving)) yield return receiving;
        }
    }

    private static async Task<Solution> MarkNoDiff(Document document, ParameterSyntax parameter, CancellationToken token)
    {
        var editor = await DocumentEditor.CreateAsync(document, token).ConfigureAwait(false);
        editor.AddAttribute(parameter, AttributeSyntaxes.List("NoDiff"));
        return editor.GetChangedDocument().Project.Solution;
    }
}
