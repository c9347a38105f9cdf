using System.Collections.Generic;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Local arrays of structs of reals (<c>var ps = new Vector2[n];</c>, <c>V2[] q = [new V2(x, y), …]</c>): carried as one
/// local array per component (<c>psX</c>, <c>psY</c>), as an array-of-structs parameter is inside <c>MBackward</c>
/// (<see cref="StructArrayParameters"/>); each component array is a local <c>double[]</c>/<c>float[]</c> with an
/// adjoint array of its own. No struct array exists in the generated code, so only the uses that read or store
/// elements, its <c>Length</c> and a <c>foreach</c> over it are carried; every other use is reported at it.
/// </summary>
internal static class StructArrayLocals
{
    /// <summary>
    /// A local carried this way: a one-dimensional array of a struct of reals (not Complex), not a ref local. Not an array
    /// of class objects (a [WithRespectTo] array's class, ClassArrayParameters): its elements start null, not zero.
    /// </summary>
    public static bool IsCarried(ISymbol symbol) =>
        symbol is ILocalSymbol { IsRef: false, Type: IArrayTypeSymbol { Rank: 1 } type } && ValueKinds.CarriedArrayElement(type) is { TypeKind: not TypeKind.Class } element && !RealStructs.IsComplex(element);

    /// <summary>
    /// The locals a foreach over an array of tuples deconstructs each element into (<c>foreach (var (w, c) in pairs)</c>,
    /// <c>foreach ((double w, double c) in pairs)</c>), one per tuple element, null for a discard; null when the loop does
    /// not deconstruct a tuple or a local's type is not its element's (a conversion the component arrays do not make).
    /// </summary>
    public static IReadOnlyList<ILocalSymbol?>? Deconstructed(IForEachLoopOperation loop, ITypeSymbol? element)
    {
        if (element is not INamedTypeSymbol { IsTupleType: true } tuple) return null;
        var targets = (loop.LoopControlVariable is IDeclarationExpressionOperation declaration ? declaration.Expression : loop.LoopControlVariable) as ITupleOperation;
        if (targets is null || targets.Elements.Length != tuple.TupleElements.Length) return null;
        var locals = new List<ILocalSymbol?>();
        for (int k = 0; k < targets.Elements.Length; k++)
        {
            var target = targets.Elements[k] is IDeclarationExpressionOperation d ? d.Expression : targets.Elements[k];
            switch (target)
            {
                case IDiscardOperation:
                    locals.Add(null);
                    break;
                case ILocalReferenceOperation { Local: { IsRef: false } local } when SymbolEqualityComparer.Default.Equals(local.Type, tuple.TupleElements[k].Type):
                    locals.Add(local);
                    break;
                default:
                    return null;
            }
        }
        return locals;
    }

    /// <summary>
    /// Reports a use of such a local that is neither an element read, an element store as a statement, its Length nor
    /// the collection of a foreach over its element type: a second name, a call, a ref to an element, LINQ.
    /// </summary>
    public static void CheckUse(ILocalReferenceOperation reference, LoweringContext context)
    {
        if (StructArrayParameters.IsAllowed(reference, reference.Local.Type)) return;
        if (reference.Parent is { } element && StructArrayStores.StoreOf(element) is not null) return;
        // The source or destination of a copy statement, lowered (or reported) there.
        if (ExpressionLowering.IsStructArrayCopyOperand(reference)) return;
        // Passed whole to a callee whose call is inlined, its parameter standing for the component arrays (StructArrayArguments).
        if (StructArrayParameters.PassedWhole(reference) is { } callee && StructArrayParameters.MayInline(callee.Method, reference.Local)) return;
        string name = reference.Local.Name;
        context.ReportUnsupportedExpression(reference, "The local array of structs '" + name + "' used other than as " + name + "[i] (read, or stored into as a statement), " + name + ".Length or in a foreach",
            "it is carried as one array per member, and no array of structs exists to pass or alias: index it as " + name + "[i] in this method, pass the elements a helper needs (Step(" + name
            + "[i], dt)) to a [Differentiable] method taking the struct, or keep the members in double[] locals and pass those");
    }
}
