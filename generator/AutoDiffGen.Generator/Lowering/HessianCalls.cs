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
/// its callee's <c>MBackwardTangent</c> (the tangent of its Backward, seeded: <see cref="CurvatureInfo"/>). So the callee must be
/// [Differentiable(Hessian = true)], return a double or a float and take double or float scalars, or arrays or spans of its
/// result's type, and
/// the caller must take the forward-over-reverse path (double and float scalars, structs of them, arrays of the result's
/// type; checkpointed or not). Anything else is ADG0019 at the call.
/// </summary>
internal static class HessianCalls
{
    /// <summary>
    /// The call's curvature locals, or null after reporting ADG0019 at <paramref name="at"/>; <paramref name="written"/> holds,
    /// per argument, the array variable the call writes into, or null.
    /// </summary>
    public static CurvatureInfo? Resolve(LoweringContext context, IMethodSymbol method, CallInfo call, IReadOnlyList<int> inputs, IOperation at, Compilation compilation, ISymbol?[] written)
    {
        string name = method.ContainingType.Name + "." + method.Name;
        string? why = null, fix = null;
        if (System.Array.Exists(written, w => w is not null) && HessianWrittenArrays.CallBlocked(context, method, inputs, written) is { } blocked)
        {
            (why, fix) = blocked;
        }
        else if (call.DerivativeKey.Length > 0)
        {
            why = "its derivative is a hand-written [DerivativeOf] method, which gives no second derivatives";
            fix = "make '" + name + "' a [Differentiable(Hessian = true)] method, or remove Hessian = true";
        }
        // (A local array stored into after the call, or passed in a loop, is passed as a copy taken at the call, hess17: the
        // product keeps the copy's tangents with it, per iteration on array tapes, as for an array the call writes, hess12/13.)
        else if (context.LoopDepth > 0 && Enumerable.Range(0, call.Passing.Length).Any(i => call.Passing[i] == AdjointPassing.Collection && (i >= written.Length || written[i] is null)
                     && LocalArray(context.Nodes[inputs[i]], ElementType(method.Parameters[i].Type))))
        {
            // The lowering copies a local variable's array passed in a loop, and since hess19 an array made at the call (new[] { … },
            // [ … ], a params list) too (ExpressionLowering.CopiedInAHessianLoop): one reaching here uncopied would be read by the
            // reverse sweep's call with the last iteration's values. Never expected; refused rather than wrong.
            why = "it passes an array made in a loop that was not copied at the call, which Hessian mode does not follow through a call";
            fix = "make the array a local before the call (var v = new[] { … };), pass the elements as doubles, or remove Hessian = true";
        }
        else if (!method.ReturnsVoid && method.ReturnType.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single) && Derivatives.RealStructs.ResultComponents(method.ReturnType) is not null)
        {
            // The callee's MBackwardTangent would need a seed and a seed tangent per component, and a tangent out per component.
            why = "it returns a tuple or struct of reals (" + method.ReturnType.ToDisplayString() + "), and Hessian mode differentiates calls that return a double or a float only so far";
            fix = "write a [Differentiable] method for each component that returns it as a double and call those here, write the callee's body inline, or remove Hessian = true";
        }
        else if (Enumerable.Range(0, call.Passing.Length).Where(i => call.Passing[i] == AdjointPassing.Struct
                     || Derivatives.RealStructs.Components(method.Parameters[i].Type) is not null && context.Nodes[inputs[i]].Varied).DefaultIfEmpty(-1).First() is var packed && packed >= 0)
        {
            why = "it passes a " + method.Parameters[packed].Type.ToDisplayString() + " (its parameter '" + method.Parameters[packed].Name + "') that carries a gradient, and Hessian mode passes double and float scalars and arrays to a callee only so far";
            fix = "give '" + method.Name + "' the members as double parameters instead of '" + method.Parameters[packed].Name + "', write its body inline, or remove Hessian = true";
        }
        else if (method.IsGenericMethod)
        {
            // A generic method takes no Hessian = true (ADG0025), so it has no MBackwardTangent, and none is written from its body.
            why = "it is generic, and a generic method has no second-order form (Hessian = true is ADG0025 on it)";
            fix = "write a double overload of '" + method.Name + "' ([Differentiable], with or without Hessian = true) and call it here, or remove Hessian = true";
        }
        else if (call.Form != DerivativeForm.Backward || call.StructReceiver || call.ThisAdjoint.Length > 0 || call.HasOutputs
                 || method.ReturnType.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single)
                 // The shapes that have a BackwardTangent (HessianVectorEmitter.CallableTypes): no ref-like parameters, no object state.
                 || method.Parameters.Any(p => p.RefKind != RefKind.None) || WithRespectToThis(method)
                 || Enumerable.Range(0, call.Passing.Length).Any(i => !Supported(context, method.Parameters[i], call.Passing[i], inputs[i], method.ReturnType.SpecialType)))
        {
            why = "Hessian mode differentiates calls whose result is a double or a float and whose differentiable arguments are double or float scalars, or arrays or spans of the callee's result type that are the method's parameters or constant, only so far";
            fix = "pass the elements as doubles, write the callee's body inline, or remove Hessian = true";
        }
        else if (context.HessianProductBlocked.Length > 0)
        {
            why = "calls are differentiated twice by the forward-over-reverse product, which this method does not take: " + context.HessianProductBlocked;
            fix = "make the method's parameters and result double, write the callee's body inline, or remove Hessian = true";
        }
        else if (!HessianMode.IsHessian(method) && DerivedForms.Require(context, method, compilation, DerivedForm.BackwardTangent) is { } derived)
        {
            // Without Hessian = true on the callee, its MBackwardTangent is written from its body for this call (DerivedForms).
            why = derived;
            fix = "add Hessian = true to its [Differentiable] attribute where it is compiled (then it has an MBackwardTangent of its own), write its body inline, or remove Hessian = true";
        }
        if (why is not null)
        {
            context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, at.Syntax, "The call to '" + name + "'", why, fix!));
            return null;
        }
        int arity = call.Passing.Length;
        var types = new string[arity];
        var discard = new string[arity];
        var gradient = new string[arity];
        var product = new string[arity];
        for (int i = 0; i < arity; i++)
        {
            types[i] = call.Passing[i] == AdjointPassing.None ? "" : ElementType(method.Parameters[i].Type);
            bool scalar = call.Passing[i] == AdjointPassing.Ref;
            discard[i] = scalar ? context.Names.Fresh("unused") : "";
            gradient[i] = scalar ? context.Names.Fresh("slope") : "";
            product[i] = scalar ? context.Names.Fresh("curvature") : "";
        }
        return new CurvatureInfo(call.Derivative + "Tangent", types.ToEquatableArray(), discard.ToEquatableArray(), gradient.ToEquatableArray(), product.ToEquatableArray());
    }

    private static bool WithRespectToThis(IMethodSymbol method) =>
        method.OriginalDefinition.GetAttributes().Any(a => a.NamedArguments.Any(n => n.Key == "WithRespectToThis" && n.Value.Value is true));

    /// <summary>"float" for a float or an array or span of floats, else "double".</summary>
    private static string ElementType(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_Single || type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Single }
        || type is INamedTypeSymbol { TypeArguments: { Length: 1 } args } && args[0].SpecialType == SpecialType.System_Single ? "float" : "double";

    /// <summary>
    /// A scalar of the callee's result type by value, or an array/span of it the callee only reads whose argument is one of
    /// the method's parameters (its tangent and its adjoint's tangent are slices of the direction and of the output), a
    /// local array (its tangent and adjoint-tangent arrays), or is constant. (A caller of the other type converts the arguments, as C# does: the call's values are all of one type.)
    /// </summary>
    private static bool Supported(LoweringContext context, IParameterSymbol parameter, AdjointPassing passing, int input, SpecialType result)
    {
        string element = result == SpecialType.System_Single ? "float" : "double";
        return passing switch
        {
            AdjointPassing.None => true,
            // Each scalar in its own type: the callee's MBackwardTangent takes it so, as its Backward does.
            AdjointPassing.Ref => parameter.Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single,
            // A callee's double[]? it only reads (hess16; Guard(double x, double[]? w) of the property tests) is passed as a double[]
            // is: its MBackwardTangent takes the tangent as a span, over null a span of length 0 (a written one: HessianWrittenArrays).
            AdjointPassing.Collection => parameter.Type.ToDisplayString().TrimEnd('?') == element + "[]"
                || parameter.Type.ToDisplayString() == "System.ReadOnlySpan<" + element + ">" || parameter.Type.ToDisplayString() == "System.Span<" + element + ">"
                ? Followed(context, context.Nodes[input], element)
                    // A slice (hess18): the same slice of the array's tangents, adjoint and adjoint's tangents.
                    || CurvatureWrites.SliceOf(context.Nodes[input]) is var sliced && sliced >= 0 && parameter.Type is INamedTypeSymbol && Followed(context, context.Nodes[sliced], element)
                : false,
            _ => false,
        };
    }

    /// <summary>An array parameter of the element type, a local array or its copy taken at the call, or a constant.</summary>
    private static bool Followed(LoweringContext context, Node node, string element) =>
        node.Gate == GateKind.Parameter && node.TypeName.Contains(element) || !node.Varied || LocalArray(node, element) || CopyAtTheCall(node, element);

    /// <summary>
    /// A version of a local array of the callee's element type (its creation, a store, a phi or copy of it): its tangent is
    /// an array of tangents and its adjoint's tangent an array too (HessianMode.IsLocalArrayNode), passed as the callee's
    /// tangent span and adjoint-tangent span, as a parameter array's slices of the direction and of the output are.
    /// </summary>
    private static bool LocalArray(Node node, string element) =>
        node.Type == ScalarType.Array && node.Gate is GateKind.NewArray or GateKind.Store or GateKind.Phi or GateKind.Copy && node.TypeName == element + "[]";

    /// <summary>
    /// The copy of a local array (or of an array parameter the method writes) taken at a call that only reads it, because it
    /// is stored into after the call or passed in a loop (hess17): the product keeps the copy's tangents with it.
    /// </summary>
    private static bool CopyAtTheCall(Node node, string element) =>
        node.Type == ScalarType.Array && node.Gate == GateKind.CopyArray && node.TypeName == element + "[]";

    /// <summary>
    /// Why the method's MHessian is not the forward-over-reverse product (the emitter's own rule,
    /// <c>Differentiator.SupportsHessianVector</c>: double and float scalars, struct fields among them, arrays and spans
    /// of the result's type), as a reason for ADG0019 at a call or a local array; "" when it is.
    /// </summary>
    public static string ProductBlocked(IMethodSymbol method, IReadOnlyList<ParameterModel> parameters, ScalarType returnType)
    {
        if (returnType is not (ScalarType.Double or ScalarType.Float)) return "it does not return a double or a float";
        string element = returnType == ScalarType.Float ? "float" : "double";
        for (int i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            if (!p.IsDifferentiable || p.Scalar is ScalarType.Double or ScalarType.Float) continue;
            // (A double[,] the method writes, hess13, is a version of an array like a written double[].)
            // (A jagged double[][], hess16: its tangents and adjoint's tangents are jagged arrays of its shape, JaggedBlocks.)
            if (p.TypeName == element + "[]" || p.TypeName == element + "[,]" || p.TypeName == element + "[][]" || p.TypeName == "global::System.ReadOnlySpan<" + element + ">" || p.TypeName == "global::System.Span<" + element + ">") continue;
            // A struct of reals is scalars like any other (its fields get tangent locals of their own, in their own type).
            if (i < method.Parameters.Length && Derivatives.RealStructs.Components(method.Parameters[i].Type) is not null) continue;
            // A [WithRespectTo] class's real members too (idioms19): parameter nodes like a struct's fields, numbered in declaration order.
            if (i < method.Parameters.Length && ClassParameters.IsClassInput(method.Parameters[i])) continue;
            // An array of structs of reals: its components are copied into arrays of their own type (Differentiator.StructLocals).
            if (i < method.Parameters.Length && Derivatives.ValueKinds.CarriedElement(method.Parameters[i].Type) is { } carried && !Derivatives.RealStructs.IsComplex(carried)) continue;
            // A [WithRespectTo] array of class objects: carried as one, its members' arrays copied from the objects (ClassArrayParameters).
            if (i < method.Parameters.Length && ClassArrayParameters.IsInput(method.Parameters[i])) continue;
            return "its parameter '" + p.Name + "' is an array or span of another type than the result's, and such a method has its Hessian computed by second-order forward mode";
        }
        return "";
    }
}
