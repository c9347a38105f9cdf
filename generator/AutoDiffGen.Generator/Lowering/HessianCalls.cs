using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Calls in a method with <c>Hessian = true</c>. The forward-over-reverse product differentiates a call twice through
/// its callee's own derivatives: the callee's Backward gives the first partials, its <c>MHessianVector</c> the second
/// ones along the arguments' tangents (<see cref="CurvatureInfo"/>). So the callee must be
/// [Differentiable(Hessian = true)] and take its differentiable arguments as double scalars, and the caller must take
/// the forward-over-reverse path (doubles, structs of doubles; checkpointed or not). Anything else is ADG0019 at the call.
/// </summary>
internal static class HessianCalls
{
    /// <summary>The call's curvature locals, or null after reporting ADG0019 at <paramref name="at"/>.</summary>
    public static CurvatureInfo? Resolve(LoweringContext context, IMethodSymbol method, CallInfo call, IReadOnlyList<int> inputs, IOperation at)
    {
        string name = method.ContainingType.Name + "." + method.Name;
        string? why = null, fix = null;
        if (call.DerivativeKey.Length > 0)
        {
            why = "its derivative is a hand-written [DerivativeOf] method, which gives no second derivatives";
            fix = "make '" + name + "' a [Differentiable(Hessian = true)] method, or remove Hessian = true";
        }
        else if (!HessianMode.IsHessian(method))
        {
            why = "'" + name + "' has no Hessian–vector product to differentiate the call twice with";
            fix = "add Hessian = true to its [Differentiable] attribute";
        }
        else if (call.Form != DerivativeForm.Backward || call.StructReceiver || call.ThisAdjoint.Length > 0 || call.HasOutputs
                 || method.ReturnType.SpecialType != SpecialType.System_Double
                 || Enumerable.Range(0, call.Passing.Length).Any(i => !Supported(context, method.Parameters[i], call.Passing[i], inputs[i])))
        {
            why = "Hessian mode differentiates calls whose differentiable arguments are doubles, or double arrays or spans that are the method's parameters or constant, and whose result is a double only so far";
            fix = "pass the elements as doubles, write the callee's body inline, or remove Hessian = true";
        }
        else if (context.HessianProductBlocked.Length > 0)
        {
            why = "calls are differentiated twice by the forward-over-reverse product, which this method does not take: " + context.HessianProductBlocked;
            fix = "make the method's parameters and result double, write the callee's body inline, or remove Hessian = true";
        }
        if (why is not null)
        {
            context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, at.Syntax, "The call to '" + name + "'", why, fix!));
            return null;
        }
        var forward = new string[call.Passing.Length];
        var reverse = new string[call.Passing.Length];
        for (int i = 0; i < call.Passing.Length; i++)
        {
            forward[i] = call.Passing[i] == AdjointPassing.None ? "" : context.Names.Fresh("slope");
            reverse[i] = call.Passing[i] == AdjointPassing.None ? "" : context.Names.Fresh("slope");
        }
        string product = call.Derivative.Substring(0, call.Derivative.Length - "Backward".Length) + "HessianVector";
        return new CurvatureInfo(product, context.Names.Fresh("curvature"), forward.ToEquatableArray(), reverse.ToEquatableArray());
    }

    /// <summary>
    /// A double by value, or a double[]/span of doubles the callee only reads whose argument is one of the method's
    /// parameters (its tangent and its adjoint's tangent are slices of the direction and of the output) or is constant.
    /// </summary>
    private static bool Supported(LoweringContext context, IParameterSymbol parameter, AdjointPassing passing, int input) => passing switch
    {
        AdjointPassing.None => true,
        AdjointPassing.Ref => parameter.Type.SpecialType == SpecialType.System_Double,
        AdjointPassing.Collection => parameter.Type.ToDisplayString() is "double[]" or "System.ReadOnlySpan<double>" or "System.Span<double>"
            && (context.Nodes[input].Gate == GateKind.Parameter || !context.Nodes[input].Varied),
        _ => false,
    };

    /// <summary>
    /// Why the method's MHessian is not the forward-over-reverse product (the emitter's own rule,
    /// <c>Differentiator.SupportsHessianVector</c>: every scalar of the result's type), as a reason for ADG0019 at a call; ""
    /// when it is. A call's curvature is a double callee's H·v, so a float result is refused here too.
    /// </summary>
    public static string ProductBlocked(IMethodSymbol method, IReadOnlyList<ParameterModel> parameters, ScalarType returnType)
    {
        if (returnType != ScalarType.Double) return "it returns a float, and calls are differentiated twice in double methods only so far";
        for (int i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            if (!p.IsDifferentiable) continue;
            if (p.Scalar == ScalarType.Double || p.TypeName is "double[]" or "global::System.ReadOnlySpan<double>" or "global::System.Span<double>") continue;
            // A struct of doubles is scalars like any other (its fields get tangent locals of their own).
            if (i < method.Parameters.Length && Derivatives.RealStructs.Components(method.Parameters[i].Type) is { } fields
                && fields.All(f => f.Type == ScalarType.Double)) continue;
            return "its parameter '" + p.Name + "' is a float or holds floats, and a method that mixes float and double values has its Hessian computed by second-order forward mode";
        }
        return "";
    }
}
