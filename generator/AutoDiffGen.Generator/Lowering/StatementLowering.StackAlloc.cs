using System.Collections.Immutable;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>StatementLowering: a <c>stackalloc</c> span local, carried as a local array (<see cref="StackAllocSpans"/>).</summary>
internal sealed partial class StatementLowering
{
    /// <summary>
    /// <c>Span&lt;double&gt; a = stackalloc double[n];</c>: a local array, once every use of it is one a local array has;
    /// otherwise an error at the first use that is not (the array still stands in, so its stores report nothing more).
    /// </summary>
    private void DefineStackAlloc(ILocalSymbol variable, IArrayTypeSymbol type, IOperation value)
    {
        if (StackAllocSpans.FirstUnsupportedUse(variable, value, StackAllocSpans.Noun(value)) is { } use)
        {
            _context.ReportUnsupportedExpression(use.At, use.What,
                "create a local array instead (double[] a = new double[n];) and use it as an array, or pass the span to a [Differentiable] method that takes a ReadOnlySpan<double>");
        }
        DefineArray(variable, type, value);
    }

    /// <summary>
    /// The element a store writes: an array element (<c>t[i]</c>, <c>m[i, j]</c>), or an element of a stackalloc span
    /// local or of a written Span parameter (<c>a[i]</c> through the span's indexer); null for anything else.
    /// </summary>
    private static (IOperation ArrayReference, ImmutableArray<IOperation> Indices)? StoreTarget(IOperation target) => target switch
    {
        IArrayElementReferenceOperation { Indices.Length: 1 or 2 } element => (element.ArrayReference, element.Indices),
        IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: ILocalReferenceOperation { Local.Type: INamedTypeSymbol { Name: "Span" } } span } indexer
            => (span, ImmutableArray.Create(indexer.Arguments[0].Value)),
        // A Span<double> parameter the method writes into (ArrayWrites gave it versions, as an array parameter's).
        IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: IParameterReferenceOperation { Parameter: var p } span } indexer
            when ArrayWrites.IsRealSpan(p.Type) => (span, ImmutableArray.Create(indexer.Arguments[0].Value)),
        _ => null,
    };
}
