using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// An array of structs that exists only as its component arrays (a local one, <see cref="StructArrayLocals"/>, or a
/// parameter the method stores into, <see cref="StructArrayStores"/>) passed whole to a <c>[Differentiable]</c> callee:
/// no struct array holds its values to pass, so the call is inlined (ExpressionLowering.InlinedCallees) with the
/// callee's parameter standing for the caller's component arrays, read as a written array's are. Only a callee that
/// reads the array: one that stores into it, or a call that cannot be inlined, is reported at the argument.
/// </summary>
internal static class StructArrayArguments
{
    /// <summary>
    /// The (callee parameter, caller array) pairs to bind for a call inlined with <paramref name="body"/>; an empty list
    /// when no argument is an array of structs; null when one is and the call cannot stand for it (then it is not inlined).
    /// </summary>
    public static List<(IParameterSymbol Parameter, ISymbol Array)>? Bindable(IMethodSymbol method, IOperation[] arguments, IOperation body, LoweringContext context)
    {
        var pairs = new List<(IParameterSymbol, ISymbol)>();
        bool carried = false;
        for (int i = 0; i < method.Parameters.Length && i < arguments.Length; i++)
        {
            var p = method.Parameters[i];
            if (!ValueKinds.IsStructCollection(p.Type)) continue;
            if (Array(arguments[i]) is not { } array || !context.StructArrays.ContainsKey(array) || StructArrayStores.IsWritten(body, p)) return null;
            carried |= context.WrittenStructArrays.Contains(array);
            pairs.Add((p, array));
        }
        // A parameter that is only read is passed as it is, with its adjoint (the callee's own MBackward): nothing to inline for.
        return pairs.Count == 0 || carried ? pairs : null;
    }

    /// <summary>The callee's parameters stand for the caller's component arrays as they are now; their uses in the body are checked as a written array's.</summary>
    public static void Bind(List<(IParameterSymbol Parameter, ISymbol Array)> pairs, IOperation body, LoweringContext context)
    {
        foreach (var (p, array) in pairs)
        {
            var components = RealStructs.Components(ValueKinds.CarriedElement(p.Type))!;
            context.StructArrays[p] = context.StructArrays[array];
            context.WrittenStructArrays.Add(p);
            context.Assign(p, context.StructArrayLength(array));
            foreach (var c in components) context.Assign(context.Component(p, c.Path), context.Current(context.Component(array, c.Path)));
        }
        if (pairs.Count > 0) StructArrayParameters.CheckUses(body, context);
    }

    /// <summary>
    /// Reports an array of structs that exists only as its component arrays passed to a call that was not inlined; true
    /// when one was (the call then gets no code).
    /// </summary>
    public static bool ReportNotInlined(IMethodSymbol method, IOperation[] arguments, LoweringContext context)
    {
        bool reported = false;
        for (int i = 0; i < arguments.Length; i++)
        {
            if (arguments[i] is not { } argument || Array(argument) is not { } array || !context.WrittenStructArrays.Contains(array)) continue;
            string what = array is ILocalSymbol ? "The local array of structs '" + array.Name + "'" : "The array of structs '" + array.Name + "', which this method stores into,";
            context.ReportUnsupportedExpression(argument, what + " passed whole to '" + method.Name + "', which is not inlined here (it exists only as one array per member)",
                "such an array is passed to a static [Differentiable] method of the same type that returns a double or float, only reads the array, and is small (at most 120 operations; "
                + "Forward/Hessian: one with that option); otherwise pass the elements it needs (Step(" + array.Name + "[i], dt)), or keep the members in double[] arrays and pass those");
            reported = true;
        }
        return reported;
    }

    /// <summary>The local or parameter an argument names (through an implicit conversion to a span), or null.</summary>
    private static ISymbol? Array(IOperation argument) => StructArrayStores.Root(argument);
}
