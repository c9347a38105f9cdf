using System.Collections.Generic;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A local array declared as a copy of an array or span that carries a gradient: <c>(double[])x.Clone()</c>,
/// <c>x.ToArray()</c>, <c>span.ToArray()</c>, <c>x.AsSpan(s, n).ToArray()</c>, <c>s.Slice(a, n).ToArray()</c>, <c>x[a..b]</c>
/// (a range of an array is a copy). The copy is a new array with an adjoint of its own (<see cref="GateKind.CloneArray"/>):
/// writing into it leaves the original alone and the other way round, as in C#, and the reverse sweep adds its adjoint
/// into the original's (the same slice of it) where the copy was taken. Taken of a parameter or a local array; inside a
/// loop (and with <c>Forward = true</c>) it is a new array copied into (<see cref="CopyInLoop"/>), every iteration.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>
    /// Lowers <paramref name="value"/> as the copy that creates the local array <paramref name="name"/>; -2 when it is no
    /// copy of an array or span, -1 after an error (reported).
    /// </summary>
    public int LowerCopy(IOperation value, IArrayTypeSymbol type, string name, string adjoint)
    {
        if (ListToArray(value, type, name, adjoint) is var fromList && fromList != -2) return fromList;
        if (!TryCopy(value, out var source, out var start, out var length, out var range)) return -2;
        // A copy of a slice of a slice is a copy of one slice of the array (ExpressionLowering.NestedSlices).
        var levels = SliceLevels(new SliceLevel(start, length, range), CollectionArguments.Unwrap(source), out var sourceValue);
        while (sourceValue is IConversionOperation { IsImplicit: true } c && IsArrayOrSpan(c.Operand.Type)) sourceValue = c.Operand;
        int array = Lower(sourceValue, null);
        if (array < 0) return -1;
        var arrayNode = _context.Nodes[array];
        if (arrayNode.Varied && !CollectionArguments.CarriesItsAdjoint(arrayNode))
        {
            _context.ReportUnsupportedExpression(value, "A copy of an array or span that carries a gradient, taken of anything but a parameter or a local array",
                "copy the parameter or local array itself (x.ToArray(), (double[])x.Clone(), x.AsSpan(s, n).ToArray())");
            return -1;
        }
        var inputs = new List<int> { array };
        if (levels.Count > 1 || start is not null || length is not null || range is not null)
        {
            string of = arrayNode.Name + ".Length";
            var dependencies = new List<int> { array };
            var renderer = new ConstantRenderer(_context);
            if (!ComposedBounds(levels, of, renderer, dependencies, out string startText, out string? lengthText)) return -1;
            int first = _context.AddConstant(startText, ScalarType.Other, "int", null, isAtom: false, dependencies);
            inputs.Add(first);
            inputs.Add(_context.AddConstant(lengthText ?? of + " - " + _context.Nodes[first].Name, ScalarType.Other, "int", null, isAtom: false, new List<int>(dependencies) { first }));
        }
        // Inside a loop: a new array every iteration, and a copy into it (ExpressionLowering.CopyInto).
        // With Forward = true too: a copy into a new array has a tangent (the source's), a CloneArray none; and with Hessian = true
        // (hess25), whose product follows a copy into a local array (hess23) and has no rule for a CloneArray.
        if (_context.LoopDepth > 0 || _context.Forward || _context.Hessian) return CopyInLoop(type, name, adjoint, array, inputs);
        // The node's text names the index of the loop that adds the copy's adjoint back.
        return _context.AddArrayNode(GateKind.CloneArray, type.ToDisplayString(SymbolNames.TypeFormat), name, adjoint, isInline: false, inputs.ToArray(), _context.Names.Fresh("k"));
    }

    /// <summary>
    /// A copy made inside a loop, <c>var y = x.ToArray();</c>: an array created in the loop (fresh every iteration, as
    /// <c>new T[n]</c> there is, <see cref="ArrayCreation"/>) and a copy into it (<see cref="GateKind.CopyInto"/>), whose
    /// reverse adds the new array's adjoint into the source's where the iteration took it. <paramref name="inputs"/> are
    /// the source and, for a slice, its start and length. A negative length throws as the slice throws.
    /// </summary>
    private int CopyInLoop(IArrayTypeSymbol type, string name, string adjoint, int array, List<int> inputs)
    {
        string typeName = type.ToDisplayString(SymbolNames.TypeFormat);
        var source = _context.Nodes[array];
        int length = inputs.Count > 2
            ? _context.AddConstant("(" + _context.Nodes[inputs[2]].Name + ") >= 0 ? " + _context.Nodes[inputs[2]].Name + " : throw new global::System.ArgumentOutOfRangeException(\"length\")",
                ScalarType.Other, "int", null, isAtom: false, new List<int> { inputs[2] })
            : _context.AddConstant(source.Name + ".Length", ScalarType.Other, "int", null, isAtom: false, new List<int> { array });
        int start = inputs.Count > 2 ? inputs[1] : _context.AddConstant("0", ScalarType.Other, "int", null, isAtom: true);
        int created = _context.AddArrayNode(GateKind.NewArray, typeName, name, adjoint, isInline: false, new[] { length }, _context.LoopDepth > 0 ? _context.Names.Fresh(name + "Arrays") : "");
        int zero = _context.AddConstant("0", ScalarType.Other, "int", null, isAtom: true);
        string text = CopyIntoForms.Text(Lowering.BulkCopies.SpanCopyTo, source.TypeName.EndsWith("]", System.StringComparison.Ordinal), true, _context.Names.Fresh("k"));
        return _context.AddArrayNode(GateKind.CopyInto, typeName, name, adjoint, isInline: true, new[] { created, array, start, zero, length }, text);
    }

    /// <summary>
    /// A copy as written: its source (the array or span copied) and the slice's start, length or range (null where not
    /// written). False when <paramref name="value"/> is no copy.
    /// </summary>
    private static bool TryCopy(IOperation value, out IOperation source, out IOperation? start, out IOperation? length, out IOperation? range)
    {
        source = value;
        start = length = range = null;
        while (value is IConversionOperation { OperatorMethod: null } conversion && (conversion.IsImplicit || conversion.Operand is IInvocationOperation { TargetMethod.Name: "Clone" })) value = conversion.Operand;
        switch (value)
        {
            // (double[])x.Clone(): Array.Clone, on an array.
            case IInvocationOperation { TargetMethod: { Name: "Clone", Parameters.Length: 0, ContainingType.SpecialType: SpecialType.System_Array }, Instance: { } instance }:
                source = Strip(instance);
                return source.Type is IArrayTypeSymbol { Rank: 1 };
            // x.ToArray() on an array: Enumerable.ToArray.
            case IInvocationOperation { TargetMethod: { Name: "ToArray", IsStatic: true, ContainingType.Name: "Enumerable" } } call when call.Arguments.Length == 1:
                source = Strip(call.Arguments[0].Value);
                return source.Type is IArrayTypeSymbol { Rank: 1 };
            // span.ToArray(), x.AsSpan(…).ToArray(), s.Slice(…).ToArray().
            case IInvocationOperation { TargetMethod: { Name: "ToArray", IsStatic: false, Parameters.Length: 0 }, Instance: { Type: INamedTypeSymbol { Name: "Span" or "ReadOnlySpan" } } instance }:
                var inner = Strip(instance);
                if (TrySlice(inner, out var receiver, out start, out length, out range))
                {
                    source = receiver;
                    return true;
                }
                source = inner;
                return true;
            // x[a..b] of an array: a new array.
            case IArrayElementReferenceOperation { Indices.Length: 1 } element when element.Indices[0].Type?.Name == "Range":
                source = element.ArrayReference;
                range = element.Indices[0];
                return true;
            default:
                return false;
        }
    }

    private static IOperation Strip(IOperation op)
    {
        while (op is IConversionOperation { IsImplicit: true } c) op = c.Operand;
        return op;
    }
}
