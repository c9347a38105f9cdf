using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Lists the method makes (<see cref="ListLocals"/>): a new list and its count variable, <c>Add</c> (a store at the count,
/// which grows by one), <c>AddRange</c>, and LINQ's <c>ToList()</c> of an array, a list or a chain (<c>Select</c>, <c>Where</c>, <c>Zip</c>,
/// <c>Range</c>): the loop LINQ runs, adding each element it yields. A <c>Where</c> decides in the forward sweep which
/// elements are added (a branch on its test, not differentiated), so the count is data, as after <c>Add</c>s in an <c>if</c>.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>A new empty list named <paramref name="name"/> as the variable <paramref name="list"/>, its count variable at 0.</summary>
    public void NewList(object list, string name, string element, LoweringContext.HiddenVariable count, int capacity, bool inLoop)
    {
        // Inside a loop the list is fresh every iteration, as an array created there is (ArrayCreation): the reverse sweep
        // takes each iteration's list back from a stack (named in the node's text) and sizes its adjoint from its Count.
        string stack = inLoop ? _context.Names.Fresh(name + "Lists") : "";
        _context.Assign(list, _context.AddArrayNode(GateKind.NewArray, ListTypes.Of(element), name, _context.Names.Fresh(NameAllocator.AdjointBase(name)), isInline: false, new[] { capacity }, stack));
        _context.Assign(count, _context.AddConstant("0", ScalarType.Other, "int", _context.Names.Fresh(name + "Count"), isAtom: false));
    }

    /// <summary><c>l.Add(v)</c> of the value node <paramref name="stored"/>: a store at the list's count, which grows by one.</summary>
    public void AppendToList(object list, LoweringContext.HiddenVariable count, int stored)
    {
        int array = _context.Current(list);
        var a = _context.Nodes[array];
        stored = Converted(stored, ListTypes.Element(a.TypeName) == "float" ? ScalarType.Float : ScalarType.Double);
        int index = _context.Current(count);
        _context.Assign(list, _context.AddArrayNode(GateKind.Store, a.TypeName, a.Name, a.AdjointName, isInline: true, new[] { array, index, stored }, ListTypes.Append));
        _context.Assign(count, _context.AddConstant(_context.Nodes[index].Name + " + 1", ScalarType.Other, "int", _context.Names.Version(LoweringContext.NameOf(count)), isAtom: false, new[] { index }));
    }

    /// <summary>
    /// <c>var l = xs.ToList();</c> (an array, a list, or a LINQ chain): the new list <paramref name="local"/> and the loop that
    /// adds each element; -2 when <paramref name="value"/> is no <c>ToList()</c>, -1 after a report.
    /// </summary>
    public int LowerToList(ILocalSymbol local, IOperation value, bool inLoop)
    {
        if (LinqCalls.Unwrap(value) is not IInvocationOperation { TargetMethod.Name: "ToList" } toList || !LinqCalls.IsEnumerable(toList.TargetMethod)
            || LinqCalls.Argument(toList, 0) is not { } source)
        {
            return -2;
        }
        if (LinqCalls.Unwrap(source) is IInvocationOperation { TargetMethod.Name: "OrderBy" or "OrderByDescending" or "OrderByDescending" or "ThenBy" } ordered && LinqCalls.IsEnumerable(ordered.TargetMethod))
        {
            _context.ReportUnsupportedExpression(toList, "An ordered sequence made into a List<double> (" + ordered.TargetMethod.Name + "(…).ToList())",
                "make it an array: var s = " + Describe.Snippet(ordered.Syntax) + ".ToArray(); (the sorted values, differentiated)");
            return -1;
        }
        if (Sequence(source) is not { } sequence) return -1;
        string element = ScalarLiterals.TypeKeyword(TypeOf(((INamedTypeSymbol)local.Type).TypeArguments[0]));
        var count = _context.DeclareList(local);
        NewList(local, _context.NameFor(local), element, count, Capacity(sequence), inLoop);
        return Loop(toList, sequence, new object[] { local, count }, Describe.Source(toList.Syntax), (_, e) => AppendToList(local, count, e)) ? _context.Current(local) : -1;
    }

    /// <summary>
    /// <c>l.AddRange(xs)</c> of an array, a list (itself too: its count before the call bounds the loop, as List copies
    /// first) or a LINQ chain: the loop adding each element.
    /// </summary>
    public void AddRangeToList(ILocalSymbol local, IOperation values, IOperation at)
    {
        var source = LinqCalls.Unwrap(values);
        var listed = ListedElements(source);
        if (ListLocals.Tracked(_context, source) is null && listed is null && source.DescendantsAndSelf().Any(d => SymbolEqualityComparer.Default.Equals(ListLocals.Tracked(_context, d), local)))
        {
            // List's AddRange enumerates a lazy sequence while adding to the list it reads: InvalidOperationException.
            _context.ReportUnsupportedExpression(at, "AddRange of a LINQ sequence over the List<double> '" + local.Name + "' itself (List enumerates it while adding: it throws)",
                "make the values first: var more = " + Describe.Snippet(values.Syntax) + ".ToArray(); " + local.Name + ".AddRange(more);");
            return;
        }
        var count = _context.ListCountOf(local)!;
        if (listed is not null)
        {
            // l.AddRange(new[] { a, b }), l.AddRange([a, b]): each element added, as Add would, after every element is made, as
            // C# makes the array before the call, so an element may read the list (l[^1] * x: ADG0003 before lists8).
            var stored = listed.Select(e => Lower(e, null)).ToList();
            if (stored.Any(n => n < 0)) return;
            foreach (int element in stored) AppendToList(local, count, element);
            return;
        }
        if (Sequence(source) is not { } sequence) return;
        Loop(at, sequence, new object[] { local, count }, Describe.Source(at.Syntax), (_, e) => AppendToList(local, count, e));
    }

    /// <summary>The elements an array creation or a collection expression lists, or null for any other sequence.</summary>
    private static System.Collections.Generic.IReadOnlyList<IOperation>? ListedElements(IOperation source) => source switch
    {
        IArrayCreationOperation { DimensionSizes.Length: 1, Initializer: { } initializer } => initializer.ElementValues,
        ICollectionExpressionOperation collection when !collection.Elements.Any(e => e is ISpreadOperation) => collection.Elements,
        _ => null,
    };

    /// <summary>
    /// A sequence filtered by <c>Where</c> made into the array <paramref name="name"/>: its kept elements added to a list
    /// (the count is data), then copied into a new array of that count, as <c>ToArray()</c> copies.
    /// </summary>
    private int FilteredArray(IInvocationOperation chain, LinqSequence sequence, string typeName, ScalarType elementType, string name, string adjoint)
    {
        var kept = new LoweringContext.HiddenVariable(_context.Names.Fresh(name + "Kept"));
        var count = new LoweringContext.HiddenVariable(kept.Name + "Count");
        NewList(kept, kept.Name, ScalarLiterals.TypeKeyword(elementType), count, Capacity(sequence), _context.LoopDepth > 0);
        if (!Loop(chain, sequence, new object[] { kept, count }, Describe.Source(chain.Syntax), (_, e) => AppendToList(kept, count, e))) return -1;
        return CopyListToArray(kept, count, typeName, name, adjoint);
    }

    /// <summary>A list's capacity for what a sequence yields: its length before any filter (at least what is kept).</summary>
    private int Capacity(LinqSequence sequence) =>
        _context.AddConstant(_context.Nodes[sequence.Count].Name, ScalarType.Other, "int", null, isAtom: false, new[] { sequence.Count });
}
