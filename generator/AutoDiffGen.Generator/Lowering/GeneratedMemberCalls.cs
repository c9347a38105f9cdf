using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A call of a member this generator writes (<c>ObjectiveBackward(…)</c>, <c>AccelForward(…)</c>, <c>CostHessianVector(…)</c>)
/// inside a [Differentiable] body. While the generator runs, that member does not exist yet, so Roslyn binds the call as
/// invalid code; in the user's build it binds and runs. Lowering it as broken code would drop it (its effects, its ref/out
/// results) from the generated sweeps, which then compute another function than the method: GradBench's nested evals
/// (saddle, particle) got a Backward whose inner descent never moved. Such a call is refused at the call (ADG0037).
/// </summary>
internal static class GeneratedMemberCalls
{
    /// <summary>The suffixes of the members the generator writes for a [Differentiable] method M (docs/generated-methods.md).</summary>
    private static readonly string[] Suffixes = { "BackwardTangent", "HessianVector", "Backward", "Forward", "Hessian", "Jacobian" };

    /// <summary>
    /// For invalid code (or code of an error type: <c>InnerHessianVector(…) + h[0]</c> is a binary operation over the
    /// invalid call) holding a call whose name is a generated member of a [Differentiable] method in scope: that call,
    /// the member's name and the method's ("ObjectiveBackward", "Saddle.Objective"); otherwise null (code that does not compile).
    /// </summary>
    public static (SyntaxNode At, string Member, string Method)? Of(IOperation op)
    {
        if ((op is not IInvalidOperation && op.Type is not IErrorTypeSymbol) || op.SemanticModel is not { } model) return null;
        foreach (var invocation in op.Syntax.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>())
        {
            if (model.GetSymbolInfo(invocation).Symbol is not null) continue;
            if (Named(model, invocation) is { } found) return (invocation, found.Member, found.Method);
        }
        return null;
    }

    private static (string Member, string Method)? Named(SemanticModel model, InvocationExpressionSyntax invocation)
    {
        SimpleNameSyntax? name = invocation.Expression switch
        {
            SimpleNameSyntax simple => simple,
            MemberAccessExpressionSyntax access => access.Name,
            _ => null,
        };
        if (name is null) return null;
        string text = name.Identifier.ValueText;
        foreach (var suffix in Suffixes)
        {
            if (text.Length <= suffix.Length || !text.EndsWith(suffix, StringComparison.Ordinal)) continue;
            string stem = text.Substring(0, text.Length - suffix.Length);
            foreach (var candidate in Candidates(model, invocation, stem))
            {
                if (candidate is IMethodSymbol method && DerivativeResolver.IsDifferentiable(method))
                    return (text, method.ContainingType.Name + "." + method.Name);
            }
        }
        return null;
    }

    private static IEnumerable<ISymbol> Candidates(SemanticModel model, InvocationExpressionSyntax invocation, string stem)
    {
        if (invocation.Expression is MemberAccessExpressionSyntax access)
        {
            var receiver = model.GetSymbolInfo(access.Expression).Symbol;
            ITypeSymbol? type = receiver switch
            {
                ITypeSymbol t => t,
                ILocalSymbol l => l.Type,
                IParameterSymbol p => p.Type,
                IFieldSymbol f => f.Type,
                IPropertySymbol p => p.Type,
                _ => model.GetTypeInfo(access.Expression).Type,
            };
            return type?.GetMembers(stem) ?? Enumerable.Empty<ISymbol>();
        }
        return model.LookupSymbols(invocation.SpanStart, name: stem);
    }
}
