using System.Collections.Generic;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// <c>ref double r = ref a[i];</c>: a ref local bound to one element of a local array or an array parameter. The index is
/// evaluated once, where the ref local is declared (as C# binds it); the array is read at each use, so a read of r is
/// an element read of the array's version at that point and a write of r is a store, a new version of the array.
/// Hooked into <see cref="Current"/> and <see cref="Assign"/>, so every path that reads or writes a variable sees it.
/// </summary>
internal sealed partial class LoweringContext
{
    /// <summary>An element alias: the array variable, the node of the index bound at the declaration, and the element's type.</summary>
    private sealed record ElementAlias(object Array, int Index, ScalarType Type);

    private readonly Dictionary<object, ElementAlias> _elementAliases = new(VariableComparer.Instance);

    /// <summary>From here on, <paramref name="alias"/> reads and writes element <paramref name="index"/> of <paramref name="array"/>.</summary>
    public void AliasElement(object alias, object array, int index, ScalarType type)
    {
        _elementAliases[alias] = new ElementAlias(Resolve(array), index, type);
        VariablesVersion++;
    }

    /// <summary>A ref parameter of an inlined body bound to an element (StatementLowering.RefElementArguments) is out of scope after it.</summary>
    public void UnaliasElement(object alias)
    {
        if (_elementAliases.Remove(alias)) VariablesVersion++;
    }

    /// <summary>True when <paramref name="variable"/> is a ref local bound to an array element.</summary>
    public bool IsElementAlias(object variable) => _elementAliases.Count > 0 && _elementAliases.ContainsKey(variable);

    /// <summary>The array variable an element alias is bound to, or null.</summary>
    public object? ElementAliasArray(object variable) =>
        _elementAliases.Count > 0 && _elementAliases.TryGetValue(variable, out var element) ? element.Array : null;

    private int ReadElement(ElementAlias element)
    {
        int array = Current(element.Array);
        if (array < 0) return -1;
        return AddGate(GateKind.Element, element.Type, ScalarLiterals.TypeKeyword(element.Type), null, null, new[] { array, element.Index });
    }

    private void StoreElement(ElementAlias element, int value)
    {
        int array = Current(element.Array);
        var a = Nodes[array];
        Assign(element.Array, AddArrayNode(GateKind.Store, a.TypeName, a.Name, a.AdjointName, isInline: true, new[] { array, element.Index, value }));
    }
}
