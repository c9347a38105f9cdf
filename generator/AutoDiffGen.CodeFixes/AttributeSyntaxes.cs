using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AutoDiffGen.CodeFixes;

/// <summary>
/// AutoDiffGen's attributes as syntax: written fully qualified and marked for the code action's clean-up,
/// which shortens them to <c>[Differentiable]</c> where <c>using AutoDiffGen;</c> is in scope.
/// </summary>
internal static class AttributeSyntaxes
{
    public static AttributeListSyntax List(string name, AttributeArgumentListSyntax? arguments = null) =>
        SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(Attribute(name, arguments)))
            .WithAdditionalAnnotations(Formatter.Annotation);

    public static AttributeSyntax Attribute(string name, AttributeArgumentListSyntax? arguments = null) =>
        SyntaxFactory.Attribute(SyntaxFactory.ParseName("global::AutoDiffGen." + name), arguments)
            .WithAdditionalAnnotations(Simplifier.Annotation);
}
