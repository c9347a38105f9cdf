using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AutoDiffGen.CodeFixes;

/// <summary>
/// ADG0004, a call without a known derivative (reported by the generator; its diagnostics reach code fixes):
/// a callee declared in the solution is marked [Differentiable]; any other static callee gets a
/// <c>[DerivativeOf(typeof(T), nameof(T.M))]</c> skeleton in the caller's type, with the signature the
/// message asks for (the same <c>DerivativeShapes.Text</c>) and a body that throws until the local
/// gradient is written.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MissingDerivativeCodeFix)), Shared]
public sealed class MissingDerivativeCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("ADG0004");

    /// <summary>Each fix touches another method, and two calls may share a callee: fixed one at a time.</summary>
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
            var invocation = node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault();
            if (invocation is null || model.GetSymbolInfo(invocation, context.CancellationToken).Symbol is not IMethodSymbol called) continue;
            var callee = called.ReducedFrom ?? called;
            if (callee.MethodKind != MethodKind.Ordinary) continue;

            var declaration = callee.DeclaringSyntaxReferences.Select(r => r.GetSyntax(context.CancellationToken)).OfType<MethodDeclarationSyntax>().FirstOrDefault();
            var calleeDocument = declaration is null ? null : context.Document.Project.Solution.GetDocument(declaration.SyntaxTree);
            if (declaration is not null && calleeDocument is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Mark '" + callee.Name + "' [Differentiable]",
                        ct => MarkDifferentiable(calleeDocument, declaration, ct), equivalenceKey: "MarkDifferentiable"),
                    diagnostic);
            }
            else if (callee.IsStatic && invocation.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault() is { } callerType)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Write a [DerivativeOf] skeleton for '" + callee.ContainingType.Name + "." + callee.Name + "'",
                        ct => AddSkeleton(context.Document, callerType, callee, ct), equivalenceKey: "DerivativeOfSkeleton"),
                    diagnostic);
            }
        }
    }

    /// <summary>Adds [Differentiable], and makes the types around the callee partial as the generator needs (ADG0001).</summary>
    private static async Task<Solution> MarkDifferentiable(Document document, MethodDeclarationSyntax method, CancellationToken token)
    {
        var root = await document.GetSyntaxRootAsync(token).ConfigureAwait(false);
        if (root is null) return document.Project.Solution;
        var editor = new SyntaxEditor(root, document.Project.Solution.Services);
        editor.AddAttribute(method, AttributeSyntaxes.List("Differentiable"));
        foreach (var type in MakePartialCodeFix.NotPartialAround(method))
        {
            editor.ReplaceNode(type, (current, _) => MakePartialCodeFix.WithPartial((TypeDeclarationSyntax)current));
        }
        return document.WithSyntaxRoot(editor.GetChangedRoot()).Project.Solution;
    }

    private static async Task<Document> AddSkeleton(Document document, TypeDeclarationSyntax callerType, IMethodSymbol callee, CancellationToken token)
    {
        var root = await document.GetSyntaxRootAsync(token).ConfigureAwait(false);
        if (root is null) return document;
        var form = callee.ReturnType.SpecialType is SpecialType.System_Double or SpecialType.System_Single ? DerivativeForm.Backward : DerivativeForm.Pullback;
        string signature = DerivativeShapes.Text(callee, form, SymbolDisplayFormat.FullyQualifiedFormat);
        string type = callee.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        string text =
            "[global::AutoDiffGen.DerivativeOf(typeof(" + type + "), nameof(" + type + "." + callee.Name + "))]\n" +
            "internal " + signature + "\n" +
            "{\n" +
            "    // TODO: write the local gradient: " + Todo(callee, form) + "\n" +
            "    throw new global::System.NotImplementedException(\"The derivative of " + callee.ContainingType.Name + "." + callee.Name + " is not written yet.\");\n" +
            "}\n";
        var member = SyntaxFactory.ParseMemberDeclaration(text);
        if (member is null) return document;
        // A blank line before it, in the file's own line ending.
        string newline = root.ToFullString().Contains("\r\n") ? "\r\n" : "\n";
        member = member.WithLeadingTrivia(SyntaxFactory.EndOfLine(newline)).WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
        var updated = callerType.AddMembers(member);
        return document.WithSyntaxRoot(root.ReplaceNode(callerType, updated));
    }

    /// <summary>What the body must do, in the contract's words, with this method's names.</summary>
    private static string Todo(IMethodSymbol callee, DerivativeForm form)
    {
        var adjoints = callee.Parameters.Where(p => ValueKinds.Passing(p) != AdjointPassing.None)
            .Select(p => "dResult * d" + callee.Name + "/d" + p.Name + " into d" + char.ToUpperInvariant(p.Name[0]) + p.Name.Substring(1))
            .ToList();
        string add = adjoints.Count == 0 ? "" : "add " + string.Join(", ", adjoints) + " (add, never overwrite)";
        if (form == DerivativeForm.Pullback) return add.Length == 0 ? "no parameter carries a gradient" : add;
        string ret = "return " + callee.Name + "(" + string.Join(", ", callee.Parameters.Select(p => p.Name)) + ")";
        return add.Length == 0 ? ret : add + ", and " + ret;
    }
}
