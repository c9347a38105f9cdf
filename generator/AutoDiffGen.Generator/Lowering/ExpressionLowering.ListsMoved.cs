using System.Linq;
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
        InsertIntoList(list, index, value, at);
    }

    /// <summary><c>l.Insert(i, v)</c> of the index node <paramref name="index"/> and the value node <paramref name="value"/>.</summary>
    private void InsertIntoList(ILocalSymbol list, int index, int value, IOperation at)
    {
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

    /// <summary>
    /// <c>l.InsertRange(i, xs)</c> of an array, another list or a LINQ chain: each element inserted in turn at <c>i + k</c>, as
    /// List leaves them (one Insert each). A sequence over the list itself is refused (List copies itself first).
    /// </summary>
    public void InsertRangeIntoList(ILocalSymbol list, IOperation indexOperation, IOperation values, IOperation at)
    {
        var source = LinqCalls.Unwrap(values);
        var listed = ListedElements(source);
        // An array made at the call is made before anything moves; the list itself, or a lazy chain over it, would be read while it changes.
        if (listed is null && source.DescendantsAndSelf().Any(d => SymbolEqualityComparer.Default.Equals(ListLocals.Tracked(_context, d), list)))
        {
            _context.ReportUnsupportedExpression(at, "InsertRange of the List<double> '" + list.Name + "' into itself, or of a sequence over it",
                "make the values first: var more = " + list.Name + ".ToArray(); " + list.Name + ".InsertRange(i, more);");
            return;
        }
        int index = ListIndex(list, indexOperation);
        if (index < 0) return;
        int count = _context.Current(_context.ListCountOf(list)!);
        string i = Name(index);
        // Checked once before anything moves, as List checks its index first.
        ThrowWhen(i + " < 0 || " + i + " > " + Name(count), new[] { index, count }, OutOfRange, Describe.Source(at.Syntax));
        if (listed is not null)
        {
            // Every element first, as C# makes the array before the call (an element may read the list).
            var stored = listed.Select(e => Lower(e, null)).ToList();
            if (stored.Any(n => n < 0)) return;
            for (int k = 0; k < stored.Count; k++) InsertIntoList(list, Int(i + " + " + k.ToString(System.Globalization.CultureInfo.InvariantCulture), new[] { index }), stored[k], at);
            return;
        }
        if (Sequence(source) is not { } sequence) return;
        Loop(at, sequence, new object[] { list, _context.ListCountOf(list)! }, Describe.Source(at.Syntax), (k, e) => InsertIntoList(list, Int(i + " + " + Name(k), new[] { index, k }), e, at));
    }

    /// <summary>
    /// <c>l.RemoveRange(i, n)</c>: the elements after the range moved down <c>n</c>, then the list cut at <c>Count - n</c>;
    /// the exceptions List throws for a bad index, count or range, before anything moves.
    /// </summary>
    public void RemoveRangeFromList(ILocalSymbol list, IOperation indexOperation, IOperation countOperation, IOperation at)
    {
        int index = ListIndex(list, indexOperation);
        int removed = ListIndex(list, countOperation);
        if (index < 0 || removed < 0) return;
        int count = _context.Current(_context.ListCountOf(list)!);
        string i = Name(index), r = Name(removed), n = Name(count);
        ThrowWhen(i + " < 0 || " + r + " < 0", new[] { index, removed }, OutOfRange, Describe.Source(at.Syntax));
        ThrowWhen(n + " - " + i + " < " + r, new[] { index, removed, count }, "new global::System.ArgumentException(\"Offset and length were out of bounds for the array or count is greater than the number of elements from index to the end of the source collection.\")", Describe.Source(at.Syntax));
        ShiftDownAndCut(list, index, removed, count, at);
    }

    /// <summary>
    /// <c>l.Remove(v)</c>: the first element equal to <c>v</c> (List's <c>IndexOf</c>, decided in the forward sweep as a
    /// comparison is, not differentiated) removed as <c>RemoveAt</c> removes it; when none is, nothing moves and the cut is at
    /// the count. So the gradient follows the element removed: it keeps what it contributed before and gets nothing after.
    /// </summary>
    public void RemoveFromList(ILocalSymbol list, IOperation valueOperation, IOperation at)
    {
        int value = Lower(valueOperation, null);
        if (value < 0) return;
        int array = _context.Current(list);
        int count = _context.Current(_context.ListCountOf(list)!);
        var v = _context.Nodes[value];
        int found = _context.AddConstant(_context.Nodes[array].Name + ".IndexOf(" + (v.IsInline ? "(" + v.Name + ")" : v.Name) + ")", ScalarType.Other, "int", _context.Names.Fresh("found"), isAtom: false, new[] { array, value });
        string f = Name(found);
        // Not found: start at the count, remove none (RemoveRange(n, 0) cuts nothing).
        int start = Int(f + " < 0 ? " + Name(count) + " : " + f, new[] { found, count });
        int one = Int(f + " < 0 ? 0 : 1", new[] { found });
        ShiftDownAndCut(list, start, one, count, at);
    }

    /// <summary>The elements after <c>[start, start + removed)</c> moved down <c>removed</c> slots, then the list cut at <c>count - removed</c>.</summary>
    private void ShiftDownAndCut(ILocalSymbol list, int start, int removed, int count, IOperation at)
    {
        string i = Name(start), r = Name(removed), n = Name(count);
        int moves = Int(n + " - " + i + " - " + r, new[] { count, start, removed });
        var sequence = new LinqSequence(moves, (k, name) => ListElementAt(list, Int(i + " + " + r + " + " + Name(k), new[] { start, removed, k }), name));
        if (!Loop(at, sequence, new object[] { list }, Describe.Source(at.Syntax), (k, e) => StoreInList(list, Int(i + " + " + Name(k), new[] { start, k }), e))) return;
        CutList(list, Int(n + " - " + r, new[] { count, removed }));
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
