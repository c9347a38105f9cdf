using System.Collections.Generic;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// <c>l.Sort()</c> and <c>l.RemoveAll(v =&gt; test)</c> on a local list (<see cref="ListLocals"/>), built from moves the
/// graph already differentiates rather than from a gate of their own:
/// <list type="bullet">
/// <item><c>Sort()</c>: the list copied into a hidden array (<c>ToArray</c>'s copy), that array sorted as <c>Array.Sort</c>
/// sorts a local array (ExpressionLowering.InPlace: the permutation found again from a copy of the values before it, equal
/// values by index, so ties route deterministically), then stored back slot by slot. List.Sort is Array.Sort over its items,
/// so the values are the method's exactly; the gradient of sorted slot k goes back to the slot it came from.</item>
/// <item><c>RemoveAll(p)</c>: the elements the test keeps added to a hidden list (a Where, decided in the forward sweep and not
/// differentiated, as a comparison is), stored back from slot 0, and the list cut at their count, as List compacts its array.
/// A removed element gets nothing from reads after the call; what it contributed before stays.</item>
/// </list>
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary><c>l.Sort()</c>: a sorted copy stored back into the list.</summary>
    public void SortList(ILocalSymbol list, IOperation at)
    {
        var countVariable = _context.ListCountOf(list)!;
        var elementType = TypeOf(ListLocals.Element(list));
        string keyword = ScalarLiterals.TypeKeyword(elementType);
        var sorted = new LoweringContext.HiddenVariable(_context.Names.Fresh(list.Name.TrimStart('@') + "Sorted"));
        string adjoint = _context.Names.Fresh(NameAllocator.AdjointBase(sorted.Name));
        int copy = CopyListToArray(list, countVariable, keyword + "[]", sorted.Name, adjoint);
        _context.Assign(sorted, copy);
        // The values before the sort choose the permutation the reverse sweep (and the tangent) moves along.
        int kept = _context.Nodes[copy].Varied ? Snapshot(copy, at) : copy;
        AddInPlace(sorted, copy, kept, "0", sorted.Name + ".Length", new List<int> { copy }, BulkCopies.Sort);
        int count = _context.Current(countVariable);
        CopyBack(list, sorted, count, elementType, at);
    }

    /// <summary>
    /// <c>l.RemoveAll(v =&gt; test)</c> as a statement: the kept elements (in their order) stored from slot 0, then the list cut
    /// at their count. The test is a pure lambda of one parameter (an effect would run once per element); reported otherwise.
    /// </summary>
    public void RemoveAllFromList(ILocalSymbol list, IOperation predicate, IOperation at)
    {
        var countVariable = _context.ListCountOf(list)!;
        int count = _context.Current(countVariable);
        var all = new LinqSequence(count, (i, name) => ListElementAt(list, i, name));
        if (Filtered(all, predicate, at, removes: true) is not { } remaining) return;
        var elementType = TypeOf(ListLocals.Element(list));
        var kept = new LoweringContext.HiddenVariable(_context.Names.Fresh(list.Name.TrimStart('@') + "Kept"));
        var keptCount = new LoweringContext.HiddenVariable(kept.Name + "Count");
        NewList(kept, kept.Name, ScalarLiterals.TypeKeyword(elementType), keptCount, Capacity(all), _context.LoopDepth > 0);
        string label = Describe.Source(at.Syntax);
        if (!Loop(at, remaining, new object[] { kept, keptCount }, label, (_, e) => AppendToList(kept, keptCount, e))) return;
        int left = _context.Current(keptCount);
        if (!CopyBack(list, kept, left, elementType, at)) return;
        CutList(list, Int(Name(left), new[] { left }));
    }

    /// <summary>The first <paramref name="count"/> elements of the array or list <paramref name="from"/> stored into the list's slots 0, 1, ….</summary>
    private bool CopyBack(ILocalSymbol list, object from, int count, ScalarType elementType, IOperation at)
    {
        var sequence = new LinqSequence(count, (k, name) => HiddenElementAt(from, k, elementType, name));
        return Loop(at, sequence, new object[] { list }, Describe.Source(at.Syntax), (k, e) => StoreInList(list, k, e));
    }

    /// <summary>The element at index node <paramref name="index"/> of a hidden array or list's current version.</summary>
    private int HiddenElementAt(object array, int index, ScalarType type, string? userName)
    {
        int current = _context.Current(array);
        var node = _context.Nodes[current];
        return node.Varied
            ? _context.AddGate(GateKind.Element, type, ScalarLiterals.TypeKeyword(type), userName, null, new[] { current, index })
            : _context.AddConstant(node.Name + "[" + _context.Nodes[index].Name + "]", type, ScalarLiterals.TypeKeyword(type), userName, isAtom: false, new[] { current, index });
    }
}
