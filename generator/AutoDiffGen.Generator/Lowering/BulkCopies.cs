using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A copy into an array that already exists, as people write it: <c>Array.Copy(x, y, n)</c>, <c>Array.Copy(x, sx, y, sy, n)</c>,
/// <c>Array.ConstrainedCopy(…)</c>, <c>x.CopyTo(y, i)</c> (<c>Array.CopyTo</c>), and a span's <c>CopyTo</c>
/// (<c>x.AsSpan().CopyTo(y)</c>, <c>x.AsSpan(a, n).CopyTo(y.AsSpan(b))</c>, <c>s.CopyTo(y)</c>, <c>x.CopyTo(y.AsSpan(b))</c>). Read
/// here as written: the source and the destination (each an array or span, a slice of one for the span form) and the
/// ints that say which elements go where. <see cref="ExpressionLowering"/> makes it a bulk store
/// (<see cref="Graph.GateKind.CopyInto"/>); <see cref="ArrayWrites"/> and <see cref="CollectionArguments"/> count it as a
/// store into the destination.
/// </summary>
internal static class BulkCopies
{
    /// <summary>How the copy is written: <see cref="Graph.CopyIntoForms"/> writes the forward sweep's call in the same form.</summary>
    public const string ArrayCopy = "Array.Copy", Constrained = "Array.ConstrainedCopy", ArrayCopyTo = "CopyTo", SpanCopyTo = "Span";

    /// <summary>
    /// The copy's parts: <paramref name="Source"/> and <paramref name="Destination"/> as written (conversions stripped), the
    /// source's and the destination's first index and the count for the <c>Array</c> forms (null where the form has none).
    /// </summary>
    public readonly record struct Parts(string Form, IOperation Source, IOperation Destination, IOperation? SourceIndex, IOperation? DestinationIndex, IOperation? Length);

    /// <summary>The copy <paramref name="call"/> makes, or null when it is none of the forms above.</summary>
    public static Parts? Match(IInvocationOperation call)
    {
        var m = call.TargetMethod;
        var args = call.Arguments;
        if (m.ContainingType?.SpecialType == SpecialType.System_Array && m.IsStatic && (m.Name == "Copy" || m.Name == "ConstrainedCopy"))
        {
            string form = m.Name == "Copy" ? ArrayCopy : Constrained;
            if (args.Length == 3 && IsInt(m.Parameters[2].Type))
                return new Parts(form, Value(Argument(call, 0)), Value(Argument(call, 1)), null, null, Argument(call, 2));
            if (args.Length == 5 && IsInt(m.Parameters[1].Type) && IsInt(m.Parameters[3].Type) && IsInt(m.Parameters[4].Type))
                return new Parts(form, Value(Argument(call, 0)), Value(Argument(call, 2)), Argument(call, 1), Argument(call, 3), Argument(call, 4));
            return null;
        }
        // x.CopyTo(y, i): Array.CopyTo(Array, int), the whole of x into y from i.
        if (m is { Name: "CopyTo", IsStatic: false } && m.ContainingType?.SpecialType == SpecialType.System_Array && args.Length == 2 && IsInt(m.Parameters[1].Type)
            && call.Instance is { } instance)
            return new Parts(ArrayCopyTo, Value(instance), Value(Argument(call, 0)), null, Argument(call, 1), null);
        // span.CopyTo(destination): Span<T>.CopyTo or ReadOnlySpan<T>.CopyTo into a Span<T>.
        if (m is { Name: "CopyTo", IsStatic: false, Parameters.Length: 1 } && m.ContainingType is { Name: "Span" or "ReadOnlySpan" } && IsSpan(m.Parameters[0].Type)
            && call.Instance is { } span)
            return new Parts(SpanCopyTo, Value(span), Value(Argument(call, 0)), null, null, null);
        // x.CopyTo(destination) on an array: MemoryExtensions.CopyTo<T>(T[], Span<T>).
        if (m is { Name: "CopyTo", ContainingType.Name: "MemoryExtensions" } && args.Length == 2 && IsSpan((m.ReducedFrom ?? m).Parameters[1].Type))
            return new Parts(SpanCopyTo, Value(Argument(call, 0)), Value(Argument(call, 1)), null, null, null);
        return null;
    }

    /// <summary>
    /// The in-place forms, the same elements written from one value or from each other: <c>Array.Fill(a, v)</c>,
    /// <c>Array.Fill(a, v, start, count)</c>, <c>Array.Clear(a)</c>, <c>Array.Clear(a, start, count)</c>,
    /// <c>Array.Reverse(a)</c>, <c>Array.Reverse(a, start, count)</c>, and on a span (<c>a.AsSpan(i, n)</c>, a slice)
    /// <c>span.Fill(v)</c>, <c>span.Clear()</c>, <c>MemoryExtensions.Reverse(span)</c> (which C# 14 binds <c>a.Reverse()</c> to);
    /// and the sorts, <c>Array.Sort(a)</c>, <c>Array.Sort(a, start, count)</c>, <c>span.Sort()</c> (<c>MemoryExtensions.Sort</c>)
    /// with the default order (a comparer, a <c>Comparison</c> or a second array of items is none of these forms).
    /// </summary>
    public const string Fill = "Array.Fill", Clear = "Array.Clear", Reverse = "Array.Reverse", Sort = "Array.Sort",
        SpanFill = "Span.Fill", SpanClear = "Span.Clear", SpanReverse = "Span.Reverse", SpanSort = "Span.Sort";

    /// <summary>An in-place form's parts: its destination as written, the value filled (Fill only), and the range given (the Array forms with four or three arguments).</summary>
    public readonly record struct InPlaceParts(string Form, IOperation Destination, IOperation? Value, IOperation? Start, IOperation? Count);

    /// <summary>The in-place write <paramref name="call"/> makes, or null when it is none of those forms.</summary>
    public static InPlaceParts? MatchInPlace(IInvocationOperation call)
    {
        var m = call.TargetMethod;
        int n = call.Arguments.Length;
        if (m.ContainingType?.SpecialType == SpecialType.System_Array && m.IsStatic)
        {
            string? form = m.Name switch { "Fill" => Fill, "Clear" => Clear, "Reverse" => Reverse, "Sort" => Sort, _ => null };
            if (form is null) return null;
            // Array.Sort(keys, items), Array.Sort(a, comparer): not an in-place form (Sorts.Refusal says what to write).
            if (form == Sort && !IsArray(m.Parameters[0].Type)) return null;
            int values = form == Fill ? 1 : 0;
            if (n == 1 + values) return new InPlaceParts(form, Value(Argument(call, 0)), values == 1 ? Argument(call, 1) : null, null, null);
            if (n == 3 + values && IsInt(m.Parameters[1 + values].Type) && IsInt(m.Parameters[2 + values].Type))
                return new InPlaceParts(form, Value(Argument(call, 0)), values == 1 ? Argument(call, 1) : null, Argument(call, 1 + values), Argument(call, 2 + values));
            return null;
        }
        if (m is { IsStatic: false, Name: "Fill" or "Clear" } && m.ContainingType is { Name: "Span", TypeArguments.Length: 1 } && call.Instance is { } span)
            return new InPlaceParts(m.Name == "Fill" ? SpanFill : SpanClear, Value(span), m.Name == "Fill" ? Argument(call, 0) : null, null, null);
        if (m is { Name: "Reverse" or "Sort", ContainingType.Name: "MemoryExtensions" } && n == 1 && IsSpan((m.ReducedFrom ?? m).Parameters[0].Type))
            return new InPlaceParts(m.Name == "Sort" ? SpanSort : SpanReverse, Value(Argument(call, 0)), null, null, null);
        return null;
    }

    /// <summary>The reference to the array or span variable a copy or an in-place form writes into (under any slices), or null.</summary>
    public static IOperation? DestinationRoot(IInvocationOperation call) =>
        Match(call) is { } parts ? Root(parts.Destination) : MatchInPlace(call) is { } inPlace ? Root(inPlace.Destination) : null;

    /// <summary>The reference to the local or parameter an array or span expression (a slice of one included) names, or null.</summary>
    public static IOperation? Root(IOperation? value) => Root(value, out _);

    /// <summary>
    /// <see cref="Root(IOperation?)"/>, and the range of an array met on the way (<c>x[1..]</c>: a new array C# copies, no view
    /// of <c>x</c>), or null when there is none.
    /// </summary>
    public static IOperation? Root(IOperation? value, out IOperation? arrayRange)
    {
        arrayRange = null;
        for (int guard = 0; guard < 16 && value is not null; guard++)
        {
            value = Value(value);
            switch (value)
            {
                case ILocalReferenceOperation or IParameterReferenceOperation:
                    return value;
                case IInvocationOperation { TargetMethod: { Name: "AsSpan", ContainingType.Name: "MemoryExtensions" } } asSpan when asSpan.Arguments.Length >= 1:
                    value = asSpan.Arguments[0].Value;
                    break;
                case IInvocationOperation { TargetMethod.Name: "Slice", Instance: { Type: INamedTypeSymbol { Name: "Span" or "ReadOnlySpan" } } instance }:
                    value = instance;
                    break;
                case IArrayElementReferenceOperation { Indices.Length: 1 } range when range.Indices[0].Type?.Name == "Range":
                    arrayRange ??= range;
                    value = range.ArrayReference;
                    break;
                case IImplicitIndexerReferenceOperation indexer when indexer.Argument.Type?.Name == "Range":
                    value = indexer.Instance;
                    break;
                default:
                    return null;
            }
        }
        return null;
    }

    /// <summary>The local or parameter <see cref="Root(IOperation?)"/> names, or null.</summary>
    public static ISymbol? Variable(IOperation? value) => Root(value) switch
    {
        ILocalReferenceOperation l => l.Local,
        IParameterReferenceOperation p => p.Parameter,
        _ => null,
    };

    /// <summary>The argument for parameter <paramref name="ordinal"/> (arguments may be named, in any order).</summary>
    private static IOperation Argument(IInvocationOperation call, int ordinal)
    {
        foreach (var a in call.Arguments)
        {
            if (a.Parameter?.Ordinal == ordinal) return a.Value;
        }
        return call.Arguments[ordinal].Value;
    }

    /// <summary>The value under implicit conversions (an array to <c>Array</c> or to a span, a Span to a ReadOnlySpan).</summary>
    public static IOperation Value(IOperation op)
    {
        while (op is IConversionOperation { IsImplicit: true, OperatorMethod: null } c) op = c.Operand;
        // An array converted to a span by its implicit operator.
        while (op is IConversionOperation { IsImplicit: true } c && c.Operand.Type is IArrayTypeSymbol or INamedTypeSymbol { Name: "Span" }) op = c.Operand;
        return op;
    }

    private static bool IsInt(ITypeSymbol type) => type.SpecialType == SpecialType.System_Int32;

    private static bool IsArray(ITypeSymbol type) => type is IArrayTypeSymbol { Rank: 1 };

    private static bool IsSpan(ITypeSymbol type) => type is INamedTypeSymbol { Name: "Span", TypeArguments.Length: 1 };
}
