using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: an array element passed by ref or out to a body inlined here (idioms15a: <c>Swap(ref a[i], ref
/// a[j])</c>, a plain void helper or a local function). The parameter stands for that slot as a ref local bound to it does
/// (<see cref="LoweringContext.AliasElement"/>): the index is evaluated once, where the argument is, and every read of the
/// parameter reads the slot of the array's version at that point, every write is a store (a new version). So two ref
/// parameters bound to one slot (<c>Swap(ref a[i], ref a[i])</c>, or i == j at run time) see each other's writes as C#'s do;
/// a copy in and out would not.
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>
    /// Binds <paramref name="argument"/>, an element of a local array or array parameter passed to <paramref name="parameter"/>
    /// by ref or out, into <paramref name="elements"/>: true when bound, false after a diagnostic, null when it is no such
    /// element (the caller judges it as before).
    /// </summary>
    private bool? BindElementArgument(IArgumentOperation argument, IParameterSymbol parameter, List<(IParameterSymbol Parameter, ISymbol Array, int Slot)> elements)
    {
        if (parameter.RefKind is not (RefKind.Ref or RefKind.Out) || ElementReferent(argument.Value) is not { } element) return null;
        if (LoweringContext.TypeOfVariable(element.Array) is not IArrayTypeSymbol { ElementType: var type } || type.SpecialType != parameter.Type.SpecialType) return null;
        switch (CheckElementAlias(element.Array, element.Index, written: true))
        {
            case ElementAliasRefusal.None:
                elements.Add((parameter, element.Array, _expressions.LowerIndex(element.Index, _context.Nodes[_context.Current(element.Array)].Name)));
                return true;
            case ElementAliasRefusal.VariedIndex:
                return false;
            case ElementAliasRefusal.NoDiffWrite:
                Unsupported(argument, "An element of the [NoDiff] array '" + element.Array.Name + "' passed by " + (parameter.RefKind == RefKind.Out ? "out" : "ref") + " to a call that writes it ('" + Describe.Snippet(argument.Syntax) + "')",
                    "remove [NoDiff] from the parameter, or copy it into a local array");
                return false;
            default:
                return null;
        }
    }

    /// <summary>From here on each bound parameter reads and writes its slot.</summary>
    private void AliasElements(List<(IParameterSymbol Parameter, ISymbol Array, int Slot)> elements)
    {
        foreach (var (parameter, array, slot) in elements)
            _context.AliasElement(parameter, array, slot, ExpressionLowering.TypeOf(((IArrayTypeSymbol)LoweringContext.TypeOfVariable(array)!).ElementType));
    }

    /// <summary>After the body: the parameters stand for nothing any more.</summary>
    private void UnaliasElements(List<(IParameterSymbol Parameter, ISymbol Array, int Slot)> elements)
    {
        foreach (var (parameter, _, _) in elements) _context.UnaliasElement(parameter);
    }
}
