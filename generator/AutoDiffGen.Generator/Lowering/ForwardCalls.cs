using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Calls in a method with <c>Forward = true</c>: a call that carries a gradient is computed in <c>MForward</c> by its
/// callee's own <c>MForward</c>, which exists when the callee is [Differentiable(Forward = true)] (and, like its
/// Backward, only when it has no errors: <see cref="CalleeGate"/> drops the caller otherwise), or by a hand-written
/// [DerivativeOf] of the same shape. Anything else is ADG0018 at the call, never a silently wrong tangent.
/// </summary>
internal static class ForwardCalls
{
    /// <summary>The forward derivative's C# text, or null after reporting ADG0018 at <paramref name="at"/>.</summary>
    public static string? Resolve(LoweringContext context, IMethodSymbol method, CallInfo call, IOperation at, Compilation compilation)
    {
        string name = method.ContainingType.Name + "." + method.Name;
        if (call.DerivativeKey.Length == 0 && IsForward(method))
        {
            return call.Derivative.Substring(0, call.Derivative.Length - "Backward".Length) + "Forward";
        }
        if (call.DerivativeKey.Length == 0)
        {
            // Without Forward = true on the callee, its MForward is written from its body for this call (DerivedForms).
            if (DerivedForms.Require(context, method, compilation, Model.DerivedForm.Forward) is not { } why)
                return call.Derivative.Substring(0, call.Derivative.Length - "Backward".Length) + "Forward";
            return Report(context, at, "The call to '" + name + "'", why,
                "add Forward = true to its [Differentiable] attribute where it is compiled, so that it has a '" + method.Name + "Forward' of its own, or keep this method reverse-mode only (remove Forward = true)");
        }
        if (call.HandForward.Length > 0) return call.HandForward;
        bool collections = call.Passing.Any(p => p == AdjointPassing.Collection);
        if (!DerivativeShapes.HasForwardForm(method, collections))
        {
            return Report(context, at, "The call to '" + name + "'", "its result is not a double, float or tensor, or it takes a grid, an array of structs or a ref, out or in parameter, and a hand-written forward derivative has tangents for a double, float or tensor result and double, float, tensor, array and span parameters only so far",
                "make '" + name + "' a [Differentiable(Forward = true)] method, or keep this method reverse-mode only (remove Forward = true)");
        }
        return Report(context, at, "The call to '" + name + "'", "its hand-written [DerivativeOf] is a reverse one, and no [DerivativeOf] of the forward shape is found beside it"
                + (collections ? " (its reverse one takes adjoints for its arrays or spans, so the forward one takes their tangents)" : ""),
            "add [DerivativeOf(nameof(" + method.Name + "))] " + DerivativeShapes.Text(method, DerivativeForm.Forward, collections: collections) + " beside it, make '" + name + "' a [Differentiable(Forward = true)] method, or remove Forward = true");
    }

    /// <summary>The method is [Differentiable(Forward = true)].</summary>
    public static bool IsForward(IMethodSymbol method) =>
        (method.ReducedFrom ?? method).OriginalDefinition.GetAttributes().Any(a =>
            a.AttributeClass?.ToDisplayString() == DerivativeResolver.DifferentiableAttribute && a.NamedArguments.Any(n => n.Key == "Forward" && n.Value.Value is true));

    private static string? Report(LoweringContext context, IOperation at, string what, string why, string fix)
    {
        context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.ForwardUnsupported, at.Syntax, what, why, fix));
        return null;
    }
}
