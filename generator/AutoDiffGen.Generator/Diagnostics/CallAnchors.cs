using System.Linq;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Diagnostics;

/// <summary>
/// Finds the syntax a <see cref="CallAnchor"/> points at: a diagnostic about a call to another method's
/// Backward is known only after every method was analysed, so it carries the call's position instead of a Location.
/// </summary>
internal static class CallAnchors
{
    /// <summary>The location of an anchored call in <paramref name="compilation"/>, or null when it is not found.</summary>
    public static Location? Resolve(CallAnchor anchor, Compilation compilation)
    {
        if (anchor.Node < 0) return null;
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.TryGetText(out var text) && text.ToString().IndexOf(anchor.MethodName, System.StringComparison.Ordinal) < 0) continue;
            foreach (var method in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>())
            {
                if (method.Identifier.ValueText != anchor.MethodName) continue;
                if (compilation.GetSemanticModel(tree).GetDeclaredSymbol(method) is not IMethodSymbol symbol || SymbolNames.MethodKey(symbol) != anchor.MethodKey) continue;
                return method.DescendantNodes().ElementAtOrDefault(anchor.Node)?.GetLocation();
            }
        }
        return null;
    }
}
