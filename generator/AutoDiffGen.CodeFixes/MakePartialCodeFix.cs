using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.CodeFixes;

/// <summary>
/// ADG0001: adds <c>partial</c> to every type that contains the [Differentiable] method and lacks it, the
/// nested ones and their containers alike, since the generator must reopen each of them.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix)), Shared]
public sealed class MakePartialCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("ADG0001");

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            // The analyzer names the method as an additional location; the type's own name is the location.
            var at = diagnostic.AdditionalLocations.FirstOrDefault(l => l.SourceTree == root.SyntaxTree)?.SourceSpan ?? diagnostic.Location.SourceSpan;
            var start = root.FindToken(at.Start).Parent;
            var types = start is null ? null : NotPartialAround(start);
            if (types is null || types.Count == 0) continue;
            string title = types.Count == 1 ? "Make '" + types[0].Identifier.ValueText + "' partial" : "Make the containing types partial";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => MakePartial(context.Document, root, types, ct), equivalenceKey: nameof(MakePartialCodeFix)),
                diagnostic);
        }
    }

    private static Task<Document> MakePartial(Document document, SyntaxNode root, IReadOnlyList<TypeDeclarationSyntax> types, CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        return Task.FromResult(document.WithSyntaxRoot(MakePartial(root, types)));
    }

    /// <summary><paramref name="root"/> with each of <paramref name="types"/> (nodes of it) made partial.</summary>
    internal static SyntaxNode MakePartial(SyntaxNode root, IEnumerable<TypeDeclarationSyntax> types) =>
        root.ReplaceNodes(types, (original, rewritten) => WithPartial(rewritten));

    /// <summary>The types around <paramref name="node"/> that are not partial, innermost first.</summary>
    internal static List<TypeDeclarationSyntax> NotPartialAround(SyntaxNode node) =>
        node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().Where(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword)).ToList();

    /// <summary>
    /// 'partial' goes last among the modifiers, right before the keyword (CS0267). With no modifiers, the
    /// keyword's leading trivia (indentation, comments, attributes' line break) moves to 'partial'.
    /// </summary>
    internal static TypeDeclarationSyntax WithPartial(TypeDeclarationSyntax type)
    {
        var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (type.Modifiers.Count > 0) return type.AddModifiers(partial);
        var keyword = type.Keyword;
        return type
            .WithKeyword(keyword.WithLeadingTrivia(SyntaxFactory.TriviaList()))
            .WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
    }
}
