using System.Collections.Generic;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// An array element passed by ref or out to a [Differentiable] callee: <c>Sq(ref a[i])</c>, <c>Modify(ref t[k], x)</c>
/// (Clad's ArrayInputsReverseMode). It is what a user would otherwise write by hand: the element is read into a
/// temporary before the call (for ref), the temporary is the call's argument, and the callee's value is stored back
/// into the same slot after it. The index is evaluated once. Restricted so that copying in and out is the same as
/// passing the slot: one element argument per array, and that array passed nowhere else in the call (a callee that
/// also sees the array could observe the slot while it runs).
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>The slot an element argument stands for: the array variable, its index node, and the temporary carrying the value.</summary>
    internal readonly record struct RefElementSlot(ISymbol Array, int Index, LoweringContext.HiddenVariable Temporary);

    /// <summary>
    /// Null when <paramref name="value"/> is no element of a local array or array parameter (the caller reports it as
    /// before); a result with a null slot after a diagnostic.
    /// </summary>
    private (RefElementSlot? Slot, bool Reported)? RefElement(IOperation value, IParameterSymbol parameter, IOperation?[] arguments, int ordinal)
    {
        if (value is not IArrayElementReferenceOperation { Indices.Length: 1 } element) return null;
        ISymbol? array = element.ArrayReference switch
        {
            ILocalReferenceOperation { Local: { IsRef: false } l } => l,
            IParameterReferenceOperation { Parameter.RefKind: RefKind.None } p => p.Parameter,
            _ => null,
        };
        if (array is null || LoweringContext.TypeOfVariable(array) is not IArrayTypeSymbol { Rank: 1 } type || type.ElementType.SpecialType != parameter.Type.SpecialType) return null;
        int current = _context.Current(array);
        if (current < 0 || _context.Nodes[current].Type != ScalarType.Array) return null;
        for (int j = 0; j < arguments.Length; j++)
        {
            if (j == ordinal || arguments[j] is not { } other) continue;
            foreach (var d in other.DescendantsAndSelf())
            {
                if (d is ILocalReferenceOperation lr && SymbolEqualityComparer.Default.Equals(lr.Local, array)
                    || d is IParameterReferenceOperation pr && SymbolEqualityComparer.Default.Equals(pr.Parameter, array))
                {
                    _context.ReportUnsupportedExpression(value, "An element of an array passed by " + ByReferenceParameters.Keyword(parameter) + " to a call that is also given that array (or another of its elements)",
                        "copy the element into a local, pass the local, and store it back afterwards");
                    return (null, true);
                }
            }
        }
        if (IsVaried(element.Indices[0]))
        {
            _context.ReportUnsupportedExpression(element.Indices[0], "A differentiated index");
            return (null, true);
        }
        var node = _context.Nodes[current];
        if (node.AdjointName.Length == 0)
        {
            _context.ReportUnsupportedExpression(value, "An element of the [NoDiff] array '" + node.Name + "' passed by " + ByReferenceParameters.Keyword(parameter),
                "remove [NoDiff] from the parameter, or copy the element into a local, pass the local, and store it back afterwards");
            return (null, true);
        }
        int index = LowerIndex(element.Indices[0], node.Name);
        var elementType = TypeOf(parameter.Type);
        var temporary = new LoweringContext.HiddenVariable(node.Name.TrimStart('@') + "Element");
        if (parameter.RefKind == RefKind.Ref)
            _context.Assign(temporary, _context.AddGate(GateKind.Element, elementType, ScalarLiterals.TypeKeyword(elementType), null, null, new[] { current, index }));
        return (new RefElementSlot(array, index, temporary), false);
    }

    /// <summary>After the call: the callee's value for the element is stored into the array's next version.</summary>
    private void StoreBack(RefElementSlot slot)
    {
        int array = _context.Current(slot.Array);
        int stored = _context.Current(slot.Temporary);
        var a = _context.Nodes[array];
        _context.Assign(slot.Array, _context.AddArrayNode(GateKind.Store, a.TypeName, a.Name, a.AdjointName, isInline: true, new[] { array, slot.Index, stored }));
    }
}
