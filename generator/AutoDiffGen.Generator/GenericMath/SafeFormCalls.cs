using System.Threading;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.GenericMath;

/// <summary>
/// Writes a double reading's calls to the runtime's double-only safe derivatives (<see cref="SafeForms.Helper"/>) out as
/// their inline double forms before <see cref="GenericText"/> turns the text over T, which then rewrites them like the
/// rest of the arithmetic (<c>Math.Abs</c> → <c>T.Abs</c>, literals → <c>T.CreateTruncating</c>).
/// </summary>
internal sealed class SafeFormCalls : CSharpSyntaxRewriter
{
    public static string Expand(string doubleText, CSharpParseOptions options, CancellationToken token)
    {
        if (doubleText.IndexOf(SafeForms.Helper, System.StringComparison.Ordinal) < 0) return doubleText;
        var root = CSharpSyntaxTree.ParseText(doubleText, options, cancellationToken: token).GetRoot(token);
        return new SafeFormCalls().Visit(root)!.ToFullString();
    }

    public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
        string callee = visited.Expression.ToString();
        if (!callee.StartsWith(SafeForms.Helper, System.StringComparison.Ordinal) || visited.ArgumentList.Arguments.Count != 2) return visited;
        var args = visited.ArgumentList.Arguments;
        string? inline = SafeForms.Expand(callee.Substring(SafeForms.Helper.Length), args[0].ToString(), args[1].ToString());
        return inline is null ? visited : SyntaxFactory.ParseExpression(inline).WithTriviaFrom(visited);
    }
}
