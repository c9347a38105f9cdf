using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// List methods that move or drop elements of a local list (<see cref="ListLocals"/>), lowered to what List does to its
/// array: <c>Insert</c> an <c>Add</c> and a shift right, <c>RemoveAt</c> a shift left and a cut, <c>Clear</c> a cut,
/// <c>Reverse</c> swaps. Each move is a store, so the reverse sweep routes a slot's gradient to the element moved into it
/// and zeroes it, as for <c>l[i] = v</c>; a removed element's adjoint gets nothing from reads after its removal.
/// </summary>
internal sealed partial class ExpressionLowering
{
    private const string OutOfRange = "new global::System.ArgumentOutOfRangeException(\"index\")";

    /// <summary>
    /// <c>l.Clear()</c>: the list cut at 0. The 0 is a named int, not a literal: the count it becomes would otherwise be an
    /// int local initialized by a constant, which a forward sweep whose Adds never read it leaves unused (CS0219).
    /// </summary>
    public void ClearList(ILocalSymbol list) => CutList(list, Int("0", System.Array.Empty<int>()));

    /// <summary><c>l.RemoveAt(i)</c>: the elements after <c>i</c> moved down one, then the last slot cut.</summary>
    public void RemoveAtList(ILocalSymbol list, IOperation indexOperation, IOperation at)
    {
        int index = ListIndex(list, indexOperation);
        if (index < 0) return;
        int count = _context.Current(_context.ListCountOf(list)!);
        string i = Name(index), n = Name(count);
        ThrowWhen(i + " < 0 || " + i + " >= " + n, new[] { index, count }, OutOfRange, Describe.Source(at.Syntax));
        int moves = Int(n + " - 1 - " + i, new[] { count, index });
        var sequence = new LinqSequence(moves, (k, name) => ListElementAt(list, Int(i + " + " + Name(k) + " + 1", new[] { index, k }), name));
        if (!Loop(at, sequence, new object[] { list }, Describe.Source(at.Syntax), (k, e) => StoreInList(list, Int(i + " + " + Name(k), new[] { index, k }), e))) return;
        CutList(list, Int(n + " - 1", new[] { count }));
    }

    /// <summary><c>l.Insert(i, v)</c>: <c>v</c> added, the elements from <c>i</c> moved up one, then <c>v</c> stored at <c>i</c>.</summary>
    public void InsertIntoList(ILocalSymbol list, IOperation indexOperation, IOperation valueOperation, IOperation at)
    {
        int index = ListIndex(list, indexOperation);
        int value = Lower(valueOperation, null);
        if (index < 0 || value < 0) return;
        var countVariable = _context.ListCountOf(list)!;
        int count = _context.Current(countVariable);
        string i = Name(index), n = Name(count);
        ThrowWhen(i + " < 0 || " + i + " > " + n, new[] { index, count }, OutOfRange, Describe.Source(at.Syntax));
        AppendToList(list, countVariable, value);
        int moves = Int(n + " - " + i, new[] { count, index });
        var sequence = new LinqSequence(moves, (k, name) => ListElementAt(list, Int(n + " - 1 - " + Name(k), new[] { count, k }), name));
        if (!Loop(at, sequence, new object[] { list }, Describe.Source(at.Syntax), (k, e) => StoreInList(list, Int(n + " - " + Name(k), new[] { count, k }), e))) return;
        StoreInList(list, index, value);
    }

    /// <summary><c>l.Reverse()</c>: the first half swapped with the second, as Array.Reverse does.</summary>
    public void ReverseList(ILocalSymbol list, IOperation at)
    {
        int count = _context.Current(_context.ListCountOf(list)!);
        string n = Name(count);
        int half = Int(n + " / 2", new[] { count });
        var sequence = new LinqSequence(half, (k, name) => ListElementAt(list, k, name));
        Loop(at, sequence, new object[] { list }, Describe.Source(at.Syntax), (k, front) =>
        {
            int mirror = Int(n + " - 1 - " + Name(k), new[] { count, k });
            int back = ListElementAt(list, mirror, null);
            StoreInList(list, k, back);
            StoreInList(list, mirror, front);
        });
    }

    /// <summary><c>l[index] = value</c> on the list's current version.</summary>
    private void StoreInList(object list, int index, int value)
    {
        int array = _context.Current(list);
        var a = _context.Nodes[array];
        value = Converted(value, ListTypes.Element(a.TypeName) == "float" ? ScalarType.Float : ScalarType.Double);
        _context.Assign(list, _context.AddArrayNode(GateKind.Store, a.TypeName, a.Name, a.AdjointName, isInline: true, new[] { array, index, value }));
    }

    /// <summary>The list cut at the index node <paramref name="at"/> (<see cref="ListTypes.Truncate"/>), which becomes its count.</summary>
    private void CutList(ILocalSymbol list, int at)
    {
        var countVariable = _context.ListCountOf(list)!;
        int array = _context.Current(list);
        var a = _context.Nodes[array];
        var type = ListTypes.Element(a.TypeName) == "float" ? ScalarType.Float : ScalarType.Double;
        int zero = _context.AddConstant(ScalarLiterals.Real(0, type), type, ScalarLiterals.TypeKeyword(type), null, isAtom: true);
        _context.Assign(list, _context.AddArrayNode(GateKind.Store, a.TypeName, a.Name, a.AdjointName, isInline: true, new[] { array, at, zero }, ListTypes.Truncate));
        _context.Assign(countVariable, _context.AddConstant(Name(at), ScalarType.Other, "int", _context.Names.Version(LoweringContext.NameOf(countVariable)), isAtom: false, new[] { at }));
    }

    private string Name(int node) => _context.Nodes[node].Name;

    /// <summary>An int of the forward sweep: its text over the nodes it reads.</summary>
    private int Int(string text, int[] dependencies, bool isAtom = false) =>
        _context.AddConstant(text, ScalarType.Other, "int", null, isAtom, dependencies);
}
