using System.Linq;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: a span local set to a view of arrays that carry a gradient (<c>ReadOnlySpan&lt;double&gt; s = x;</c>,
/// <c>x.AsSpan(1)</c>, <c>s = s.Slice(1)</c>, <c>s = c ? a : b</c>) is an alias (<see cref="LoweringContext.SpanAlias"/>):
/// each assignment sets its (which array, start, length). What the generator does not follow is reported at the
/// declaration, once.
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>Sets a span view, or reports why the span local is none; false when it is no span local over a varied array (a constant, a stackalloc one).</summary>
    private bool DefineSpanView(ISymbol variable, IOperation value)
    {
        if (variable is not ILocalSymbol { IsRef: false } local || StackAllocSpans.IsNewStorage(value)) return false;
        bool chosen = local.Type is IArrayTypeSymbol && SpanViews.Of(local, value) is not null;
        if (!SpanViews.IsRealSpanType(local.Type) && !chosen) return false;
        if (_context.IsRejected(local)) return true;
        var alias = _context.SpanAliasOf(local);
        if (alias is null)
        {
            if (!IsView(value) && CollectionArguments.Unwrap(value) is not IConditionalOperation and not ICoalesceOperation) return false;
            // A view of a local array (or of an array parameter the method writes) is an alias even while nothing it holds
            // varies: a copy taken now would miss the gradient of what is stored into the array later.
            if (!_expressions.IsVaried(value) && !ViewsTrackedArray(local, value)) return false;
            // An array chosen between arrays (ArrayChoices): the one made in the choice first, under the local's name.
            if (chosen && !DefineChoiceCreation(local, value)) return true;
            alias = NewSpanAlias(local, value);
            if (alias is null)
            {
                _context.Reject(local);
                return true;
            }
        }
        if (_expressions.ViewOf(value, alias) is not { } view) return true;
        _expressions.SetView(alias, view);
        return true;
    }

    /// <summary>The span local views a local array or a written array parameter (one with versions).</summary>
    private bool ViewsTrackedArray(ILocalSymbol local, IOperation value) =>
        SpanViews.Of(local, value) is { Arrays: { } arrays } && arrays.Any(a => _context.Current(a) is var node && node >= 0 && _context.Nodes[node].Type == ScalarType.Array);

    /// <summary>The alias of a span local first set to a view, or null after the error saying why it is none (reported).</summary>
    private LoweringContext.SpanAlias? NewSpanAlias(ILocalSymbol local, IOperation value)
    {
        var view = SpanViews.Of(local, value);
        string what = (local.Type is IArrayTypeSymbol ? "The array local '" : "The span local '") + local.Name + "', set to an array that carries a gradient";
        if (view?.Arrays is not { } arrays)
        {
            var at = view?.Blocker ?? value;
            if (local.Type is IArrayTypeSymbol && at is ILocalReferenceOperation)
            {
                _context.ReportUnsupportedExpression(at.Parent is IArrayElementReferenceOperation or IArgumentOperation ? at.Parent : at,
                    "The array local '" + local.Name + "', chosen at run time between arrays, used otherwise than by reading its elements or its Length", ExpressionLowering.ArrayChoiceHint);
                return null;
            }
            _context.ReportUnsupportedExpression(at, what + " and then " + (at == value ? "" : "'" + Describe.Snippet(at.Syntax) + "', ") + "set to something other than a view of one array the method keeps (or used in a lambda, a local function or by ref)",
                ExpressionLowering.SpanViewHint);
            return null;
        }
        if (arrays.Count > 1 && view.Writable)
        {
            _context.ReportUnsupportedExpression(value, what + ", may view different arrays and is a Span<T> (its stores would go to either)",
                "declare it ReadOnlySpan<double> when it is only read, or store through each array itself");
            return null;
        }
        foreach (var array in arrays)
        {
            int node = _context.Current(array);
            if (node < 0 || array is ILocalSymbol && _context.Nodes[node].Type != ScalarType.Array)
            {
                _context.ReportUnsupportedExpression(value, what + ", views '" + array.Name + "', which the method does not keep as an array", ExpressionLowering.SpanViewHint);
                return null;
            }
        }
        var element = ExpressionLowering.TypeOf(local.Type is IArrayTypeSymbol chosen ? chosen.ElementType : ((INamedTypeSymbol)local.Type).TypeArguments[0]);
        return _context.DeclareSpanAlias(local, arrays, element, view.Writable);
    }

    /// <summary>The array a store through a span view lands in (<c>v[i] = …</c> with <c>v = x.AsSpan(k)</c>), and its slot; null when the target is no such element.</summary>
    private (ISymbol Array, int Slot)? SpanViewStore(IOperation arrayReference, IOperation index)
    {
        if (_expressions.SpanAliasOf(arrayReference) is not { Arrays.Count: 1 } alias) return null;
        return (alias.Arrays[0], _expressions.SpanSlot(alias, index));
    }

    /// <summary>A loop's carried variables: a span view stands for its ints, and a store through one for the array it views.</summary>
    private System.Collections.Generic.IEnumerable<object> SpanViewKeys(object variable) =>
        variable is ILocalSymbol local && _context.SpanAliasOf(local) is { } alias ? alias.Keys
        // A local List<double> is carried with its count (StatementLowering.Lists).
        : variable is ILocalSymbol list && _context.ListCountOf(list) is { } count ? new[] { variable, count }
        : new[] { variable };
}
