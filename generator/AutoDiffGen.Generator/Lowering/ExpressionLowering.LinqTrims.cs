using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// <c>xs.OrderBy(v =&gt; v).Take(k)</c> and <c>.Skip(k)</c> (and <c>OrderByDescending</c>) as a sequence the LINQ loop walks
/// (issue 13, linq23): the k smallest (largest), or all but them, read by Sum, Average, Max, Min, Select, Aggregate or Count.
/// The ordered values are a new array sorted as LINQ sorts (ExpressionLowering.LinqArrays: stable, the default comparer),
/// differentiated as <c>Array.Sort</c> is: the permutation the values choose is piecewise constant, so each sorted slot's
/// gradient goes back to the element it came from (where values tie, to the one LINQ's stable order put there). Take and
/// Skip then pick slots by position: <c>min(max(k, 0), n)</c> of them, as LINQ clamps. The sorted array is allocated
/// where the chain runs (a new array, as <c>ToArray()</c> makes). Take or Skip of anything but an ordered sequence keeps
/// its report.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>
    /// Take(k) or Skip(k) (an int k) over an OrderBy or OrderByDescending, through other Takes and Skips
    /// (<c>xs.OrderBy(v =&gt; v).Skip(1).Take(n - 2)</c>, a trimmed mean).
    /// </summary>
    private static bool TrimsOrdered(IInvocationOperation call)
    {
        for (var at = call; ; )
        {
            if (at.Instance is not null || !LinqCalls.IsEnumerable(at.TargetMethod) || at.Arguments.Length != 2) return false;
            if (at.TargetMethod.Name is "OrderBy" or "OrderByDescending") return at != call;
            if (at.TargetMethod.Name is not ("Take" or "Skip") || LinqCalls.Argument(at, 1)?.Type?.SpecialType != SpecialType.System_Int32
                || LinqCalls.Argument(at, 0) is not { } source || LinqCalls.Unwrap(source) is not IInvocationOperation inner) return false;
            at = inner;
        }
    }

    /// <summary>Take(k) or Skip(k) of an ordered sequence (<see cref="TrimsOrdered"/>): its slots by position; null after a report.</summary>
    private LinqSequence? Trimmed(IInvocationOperation call)
    {
        bool take = call.TargetMethod.Name == "Take";
        var source = LinqCalls.Unwrap(LinqCalls.Argument(call, 0)!);
        var inner = source is IInvocationOperation { TargetMethod.Name: "OrderBy" or "OrderByDescending" } ordered ? Ordered(ordered) : Sequence(source);
        if (inner is null) return null;
        var renderer = new ConstantRenderer(_context);
        string? k = renderer.Render(LinqCalls.Argument(call, 1)!);
        if (k is null) return null;
        string n = _context.Nodes[inner.Count].Name;
        // LINQ clamps: Take(k) yields the first min(max(k, 0), n) elements, Skip(k) those after as many.
        int kept = _context.AddConstant("global::System.Math.Min(global::System.Math.Max(" + k + ", 0), " + n + ")", ScalarType.Other, "int",
            _context.Names.Fresh(take ? "taken" : "skipped"), isAtom: false, renderer.Dependencies.Concat(new[] { inner.Count }).ToArray());
        if (take) return new LinqSequence(kept, inner.Element);
        string s = _context.Nodes[kept].Name;
        int count = _context.AddConstant(n + " - " + s, ScalarType.Other, "int", _context.Names.Fresh("count"), isAtom: false, new[] { inner.Count, kept });
        return new LinqSequence(count, (i, hint) => inner.Element(_context.AddConstant(s + " + " + _context.Nodes[i].Name, ScalarType.Other, "int", null, isAtom: false, new[] { kept, i }), hint));
    }

    /// <summary>The values of an OrderBy(v =&gt; v) or OrderByDescending(v =&gt; v) as a new sorted array, walked by index; null after a report.</summary>
    private LinqSequence? Ordered(IInvocationOperation ordered)
    {
        var elementType = ordered.Type is INamedTypeSymbol { TypeArguments.Length: 1 } named ? TypeOf(named.TypeArguments[0]) : ScalarType.Other;
        if (ordered.Type is not INamedTypeSymbol { TypeArguments.Length: 1 } sequenceType || elementType is not (ScalarType.Double or ScalarType.Float)
            || ordered.SemanticModel?.Compilation.CreateArrayTypeSymbol(sequenceType.TypeArguments[0]) is not { } arrayType)
        {
            _context.ReportUnsupportedExpression(ordered, "LINQ's " + ordered.TargetMethod.Name + " of values that are not double or float, in a chain that carries a gradient", "order the values themselves");
            return null;
        }
        string name = _context.Names.Fresh("ordered");
        int array = SequenceArray(ordered, arrayType, name, _context.Names.Fresh(NameAllocator.AdjointBase(name)));
        if (array < 0) return null;
        int length = _context.AddConstant(name + ".Length", ScalarType.Other, "int", _context.Names.Fresh("count"), isAtom: false, new[] { array });
        string keyword = ScalarLiterals.TypeKeyword(elementType);
        return new LinqSequence(length, (index, hint) => _context.AddGate(GateKind.Element, elementType, keyword, hint, null, new[] { array, index }));
    }
}
