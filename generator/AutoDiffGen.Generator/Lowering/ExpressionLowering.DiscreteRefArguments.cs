using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// ExpressionLowering: <c>Bump(x, ref k)</c> where the [Differentiable] callee (generic math or not) takes a counter by
/// <c>ref int</c> (issue 13, idioms12: Natural GenericRefs.UsesBump). The callee is refused at its parameter (ADG0006:
/// by reference only reals and structs of reals); the call says so and what to write instead, rather than the general
/// "ref argument" text. Not supported: the caller's reverse sweep would call the callee's Backward with the counter as it
/// is then, after later calls moved it, so the callee would recompute with another count.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>The refusal's text and hint for a ref/out discrete argument to a [Differentiable] callee; null for any other.</summary>
    private static (string What, string Hint)? DiscreteRefArgument(IMethodSymbol method, IArgumentOperation argument)
    {
        if (argument.Parameter is not { RefKind: RefKind.Ref or RefKind.Out } parameter || !PiecewiseConstant.IsDiscrete(parameter.Type)) return null;
        if (!DerivativeResolver.IsDifferentiable(method)) return null;
        string callee = method.ContainingType.Name + "." + method.Name;
        string kind = parameter.RefKind == RefKind.Ref ? "ref" : "out";
        return ("A " + kind + " argument to the [Differentiable] method '" + callee + "', whose parameter '" + parameter.Name + "' is a '"
                + parameter.Type.ToDisplayString() + "' passed by " + kind + (method.IsGenericMethod ? " (whatever its type argument)" : "")
                + " (ADG0006 at the parameter: the reverse sweep would call its Backward with the value as it is then, after later calls changed it)",
            "pass '" + parameter.Name + "' by value and move the variable where it is called (" + Describe.Snippet(argument.Value.Syntax) + "++; … " + method.Name + "(…, " + Describe.Snippet(argument.Value.Syntax)
                + ")), or move it in a void helper that is not [Differentiable] (static void Next(ref int k) => k++;), which is followed where it is inlined");
    }
}
