using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.GenericMath;

/// <summary>
/// <c>T dResult = 1</c> cannot be written for a type parameter (a default must be a constant), and a default of
/// <c>default</c> (zero) would silently give a zero gradient. So a generic <c>MBackward</c> takes <c>dResult</c> without
/// a default, and an overload without it seeds <c>T.One</c>: <c>MBackward(x, ref dX)</c> means what it means for double.
/// </summary>
internal static class SeedOverloads
{
    public const string Seed = "dResult";

    /// <summary>Every generated method with a seed default, split in two (see <see cref="Split"/>).</summary>
    public static SyntaxNode Add(SyntaxNode root, string t) =>
        root.ReplaceNodes(root.DescendantNodes().OfType<TypeDeclarationSyntax>().Where(type => type.Members.OfType<MethodDeclarationSyntax>().Any(m => SeedOf(m) is not null)),
            (_, rewritten) => Split(rewritten, t));

    private static ParameterSyntax? SeedOf(MethodDeclarationSyntax method) =>
        method.ParameterList.Parameters.FirstOrDefault(p => p.Identifier.ValueText == Seed && p.Default is not null);

    /// <summary>The method without its seed's default, followed by the overload that seeds one.</summary>
    public static TypeDeclarationSyntax Split(TypeDeclarationSyntax type, string t)
    {
        var members = type.Members;
        for (int i = 0; i < members.Count; i++)
        {
            if (members[i] is not MethodDeclarationSyntax method) continue;
            if (SeedOf(method) is not { } seed) continue;
            var withoutDefault = method.ReplaceNode(seed, seed.WithDefault(null).WithIdentifier(seed.Identifier.WithTrailingTrivia()));
            var kept = method.ParameterList.Parameters.Where(p => p != seed).ToList();
            string arguments = string.Join(", ", kept.Select(p => (p.Modifiers.Count > 0 ? string.Join(" ", p.Modifiers.Select(m => m.ValueText)) + " " : "") + p.Identifier.ValueText)
                .Concat(new[] { t + ".One" }));
            string header = string.Join(" ", method.Modifiers.Select(m => m.ValueText)) + " " + method.ReturnType.WithoutTrivia().ToFullString() + " " + method.Identifier.ValueText
                + "<" + t + ">(" + string.Join(", ", kept.Select(p => p.WithoutTrivia().ToFullString())) + ") "
                + string.Join(" ", method.ConstraintClauses.Select(c => c.WithoutTrivia().ToFullString()))
                + " => " + method.Identifier.ValueText + "<" + t + ">(" + arguments + ");";
            var indentation = method.GetLeadingTrivia().LastOrDefault(tr => tr.IsKind(SyntaxKind.WhitespaceTrivia));
            string pad = indentation.ToFullString();
            var overload = (MethodDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration(
                "\n" + pad + "/// <summary>The same as <c>" + method.Identifier.ValueText + "</c> with <c>" + Seed + "</c> = <c>" + t + ".One</c>: the gradient of the result itself.</summary>\n"
                + pad + "[global::System.CodeDom.Compiler.GeneratedCode(\"AutoDiffGen\", \"" + Emit.BackwardEmitter.Version + "\")]\n"
                + pad + header + "\n")!;
            members = members.Replace(method, withoutDefault).Insert(i + 1, overload);
            i++;
        }
        return type.WithMembers(members);
    }
}
