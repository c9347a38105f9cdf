using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A generic-math method read as the same method over <c>double</c>, so that the whole analysis (lowering, derivative
/// rules, diagnostics) applies unchanged: the type parameter list and the constraints are blanked out, and a global
/// alias <c>using T = System.Double;</c> makes every <c>T</c> the real type (<c>T.Sin</c> is then <c>double.Sin</c>,
/// <c>T[]</c> is <c>double[]</c>). The members of T that double has only as interface implementations are spelled
/// out: <c>T.One</c> → <c>(1.0)</c>, <c>T.Zero</c> → <c>(0.0)</c>, <c>T.CreateChecked(e)</c> → <c>(double)(e)</c>.
/// <para>
/// Every edit keeps the text's length and the position of everything else (a replacement is padded with spaces), so a
/// diagnostic found in the rewritten tree is reported at the same span of the user's tree.
/// </para>
/// </summary>
internal static class GenericSource
{
    /// <summary>The rewritten compilation and the method in it, or why the body has no double reading.</summary>
    internal sealed class Reading
    {
        public Reading(Compilation compilation, SemanticModel model, MethodDeclarationSyntax syntax, IMethodSymbol method)
        {
            Compilation = compilation;
            Model = model;
            Syntax = syntax;
            Method = method;
        }

        public Compilation Compilation { get; }
        public SemanticModel Model { get; }
        public MethodDeclarationSyntax Syntax { get; }
        public IMethodSymbol Method { get; }
    }

    /// <summary>The members of T written as double constants: double implements them explicitly, so <c>double.One</c> does not exist.</summary>
    private static readonly Dictionary<string, string> Constants = new()
    {
        ["One"] = "(1.0)",
        ["MultiplicativeIdentity"] = "(1.0)",
        ["Zero"] = "(0.0)",
        ["AdditiveIdentity"] = "(0.0)",
        ["NegativeOne"] = "(-1.0)",
    };

    private static readonly HashSet<string> Creates = new() { "CreateChecked", "CreateSaturating", "CreateTruncating" };

    /// <summary>
    /// Rewrites <paramref name="syntax"/> (a method of <paramref name="model"/>'s tree) into a compilation where it is a
    /// method over double. <paramref name="error"/> is set, at a span of the user's tree, when the body then does not bind.
    /// </summary>
    public static Reading? Read(MethodDeclarationSyntax syntax, IMethodSymbol method, SemanticModel model, CancellationToken token, out (TextSpan Span, string Text)? error) =>
        Read(syntax, method, model, token, single: false, out error);

    /// <summary>
    /// As above, over <c>float</c> when <paramref name="single"/> (a plain generic helper called at float, idioms14a): the
    /// constants are then <c>(1f)</c>, <c>(0f)</c>, <c>(-1f)</c> and the conversions <c>(float)</c>, each no longer than the
    /// member it replaces, so the text keeps its length.
    /// </summary>
    public static Reading? Read(MethodDeclarationSyntax syntax, IMethodSymbol method, SemanticModel model, CancellationToken token, bool single, out (TextSpan Span, string Text)? error) =>
        Read(syntax, method, model, token, Enumerable.Repeat(single, method.TypeParameters.Length).ToArray(), out error);

    /// <summary>
    /// As above, each type parameter read over its own real type (a plain helper with two type parameters called at
    /// double and float, <c>Scale&lt;TIn, TOut&gt;</c>, idioms17c): <paramref name="singles"/>[k] says whether the k-th is
    /// float. Each gets its own global alias, and its members are spelled out for its type.
    /// </summary>
    public static Reading? Read(MethodDeclarationSyntax syntax, IMethodSymbol method, SemanticModel model, CancellationToken token, bool[] singles, out (TextSpan Span, string Text)? error)
    {
        error = null;
        var typeParameters = method.TypeParameters;
        var tree = syntax.SyntaxTree;
        var edits = new List<(TextSpan Span, string Text)>();
        if (syntax.TypeParameterList is { } list) edits.Add((list.Span, ""));
        foreach (var clause in syntax.ConstraintClauses) edits.Add((clause.Span, ""));
        foreach (var access in syntax.DescendantNodes().OfType<MemberAccessExpressionSyntax>())
        {
            if (access.Expression is not IdentifierNameSyntax { Identifier.ValueText: var name } || typeParameters.FirstOrDefault(p => p.Name == name) is not { } t) continue;
            if (!t.Equals(model.GetSymbolInfo(access.Expression, token).Symbol, SymbolEqualityComparer.Default)) continue;
            bool single = singles[t.Ordinal];
            string member = access.Name.Identifier.ValueText;
            if (Constants.TryGetValue(member, out var constant) && access.Name is IdentifierNameSyntax)
            {
                edits.Add((access.Span, single ? constant.Replace(".0)", "f)") : constant));
            }
            else if (Creates.Contains(member) && access.Name is IdentifierNameSyntax && access.Parent is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } call
                && call.Expression == access && call.Parent is not (MemberAccessExpressionSyntax or ElementAccessExpressionSyntax or ConditionalAccessExpressionSyntax or PostfixUnaryExpressionSyntax))
            {
                // T.CreateChecked(e) → (double)(e): a cast binds as tightly as the call, except for a member, element or ++ after it (left as it is: a generic call, diagnosed).
                edits.Add((access.Span, single ? "(float)" : "(double)"));
            }
        }
        var text = tree.GetText(token);
        var changes = edits.Select(e => new TextChange(e.Span, e.Text.PadRight(e.Span.Length))).ToList();
        var rewrittenTree = tree.WithChangedText(text.WithChanges(changes));
        var options = (CSharpParseOptions)tree.Options;
        var alias = CSharpSyntaxTree.ParseText(string.Concat(typeParameters.Select(t => "global using " + t.Name + " = global::System." + (singles[t.Ordinal] ? "Single" : "Double") + ";\n")), options, path: tree.FilePath + ".AutoDiffGen.generic.cs", cancellationToken: token);
        var compilation = model.Compilation.ReplaceSyntaxTree(tree, rewrittenTree).AddSyntaxTrees(alias);
        var rewrittenModel = compilation.GetSemanticModel(rewrittenTree);
        var rewrittenSyntax = rewrittenTree.GetRoot(token).FindNode(syntax.Span, getInnermostNodeForTie: false)
            .AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault(m => m.Span == syntax.Span);
        if (rewrittenSyntax is null || rewrittenModel.GetDeclaredSymbol(rewrittenSyntax, token) is not { } rewritten) return null;

        // The body must mean the same over double: a member of T that double lacks is an error here, said at its place.
        SyntaxNode? body = (SyntaxNode?)rewrittenSyntax.Body ?? rewrittenSyntax.ExpressionBody;
        if (body is not null)
        {
            var first = rewrittenModel.GetDiagnostics(body.Span, token).FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
            if (first is not null)
            {
                var span = first.Location.SourceSpan;
                // Said at the whole member (T.Radix), not at its name alone.
                if (rewrittenTree.GetRoot(token).FindNode(span, getInnermostNodeForTie: true) is { Parent: MemberAccessExpressionSyntax access } name && access.Name == name) span = access.Span;
                error = (span, "its body does not read as the same method over " + (singles.All(f => f) ? "float" : singles.All(f => !f) ? "double" : "its type arguments") + " at '" + text.ToString(span) + "' (" + first.Id + ": " + first.GetMessage(System.Globalization.CultureInfo.InvariantCulture)
                    + "); write it with the members every floating-point type has (T.One, T.Zero, T.CreateChecked(c), T.Sin(x), …) or for double");
                return null;
            }
        }
        return new Reading(compilation, rewrittenModel, rewrittenSyntax, rewritten);
    }
}
