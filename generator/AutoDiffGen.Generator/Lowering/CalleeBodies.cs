using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Where lowering finds the source body of a method it inlines (a plain ref helper, a [Differentiable] callee, a struct's
/// method, an object's own helper): the one place that decides which declarations count.
/// <list type="bullet">
/// <item>Only a body in the compilation being generated. A project reference is a compilation in the IDE but a DLL in
/// the build: inlining its source would make the two differ (and binding a tree of another compilation throws).</item>
/// <item>Only a method with one declaration, an ordinary method declaration. A partial method's call binds to its
/// defining part, whose one declaration has no body: the callee is then not inlined (each caller says what instead).</item>
/// </list>
/// </summary>
internal static class CalleeBodies
{
    /// <summary>The declaration and bound body of <paramref name="method"/> when it is declared once in <paramref name="compilation"/>, else null.</summary>
    public static Found? Find(IMethodSymbol method, Compilation compilation)
    {
        if (method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax syntax) return null;
        if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree)) return null;
        var model = SemanticModels.WithoutNullableAnalysis(compilation, syntax.SyntaxTree);
        return model.GetOperation(syntax) is IMethodBodyBaseOperation body ? new Found(syntax, body) : null;
    }

    /// <summary>A method's declaration and its bound body (block, expression, or neither for a partial definition).</summary>
    public sealed class Found(MethodDeclarationSyntax syntax, IMethodBodyBaseOperation body)
    {
        public MethodDeclarationSyntax Syntax { get; } = syntax;

        public IMethodBodyBaseOperation Body { get; } = body;
    }
}
