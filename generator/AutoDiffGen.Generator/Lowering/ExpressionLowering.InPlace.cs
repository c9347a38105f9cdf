using System.Collections.Generic;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// In-place writes of a range of an array as people write them (<see cref="BulkCopies.MatchInPlace"/>):
/// <c>Array.Fill(buf, x)</c>, <c>Array.Clear(a)</c>, <c>Array.Reverse(r)</c>, <c>a.AsSpan(i, n).Fill(v)</c>,
/// <c>s.Slice(1).Clear()</c>, <c>MemoryExtensions.Reverse(a.AsSpan())</c>, <c>Array.Sort(a)</c>, <c>a.AsSpan(i, n).Sort()</c>. Each is a
/// <see cref="GateKind.CopyInto"/> of the destination (a local array, or an array or span parameter the method writes
/// into) over the range: a fill copies one value (Clear: a zero constant) into every slot, so the value's adjoint is
/// the sum of the slots'; a reversal moves the slots among themselves, so their adjoints move back the same way; a sort
/// moves them by a permutation the values choose, so it keeps a copy of the values before it (in loops on a tape, like a
/// copy taken for a call), from which the reverse sweep finds the permutation again.
/// Anything else (an array the method does not follow, a [NoDiff] array filled with a differentiated value) is left to
/// the caller's error or reported here.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>Lowers the in-place write <paramref name="call"/> makes; false when it is none into an array the method follows (nothing reported).</summary>
    public bool LowerInPlace(IInvocationOperation call)
    {
        if (BulkCopies.MatchInPlace(call) is not { } parts) return false;
        bool span = parts.Form is BulkCopies.SpanFill or BulkCopies.SpanClear or BulkCopies.SpanReverse or BulkCopies.SpanSort;
        if (BulkDestination(parts.Destination, span, out _, out var levels, out int before) is not { } destination) return false;
        var elementType = _context.Nodes[before].TypeName.StartsWith("float", System.StringComparison.Ordinal) || _context.Nodes[before].TypeName.EndsWith("<float>", System.StringComparison.Ordinal)
            ? ScalarType.Float : ScalarType.Double;
        int value = before;
        if (parts.Value is { } filled)
        {
            value = Lower(filled, null);
            if (value < 0) return true;
        }
        else if (parts.Form is BulkCopies.Clear or BulkCopies.SpanClear)
        {
            value = _context.AddConstant(ScalarLiterals.Zero(elementType), elementType, elementType == ScalarType.Float ? "float" : "double", null, isAtom: true);
        }
        // What the value computed may have read the array: take the version now.
        before = _context.Current(destination);
        var target = _context.Nodes[before];
        if (target.AdjointName.Length == 0 && value != before && _context.Nodes[value].Varied)
        {
            _context.ReportUnsupportedExpression(call, "Filling the [NoDiff] array '" + target.Name + "' with a differentiated value",
                "remove [NoDiff] from the parameter, or fill a local array");
            return true;
        }
        if (parts.Form is BulkCopies.Sort or BulkCopies.SpanSort && target.Varied)
        {
            // The values before the sort choose the permutation the reverse sweep (and the tangent) moves along.
            value = SortedValues(call, before);
            if (value < 0) return true;
        }
        var renderer = new ConstantRenderer(_context);
        var dependencies = new List<int> { before };
        string? start = "0", count = target.Name + ".Length";
        if (levels is not null)
        {
            if (!ComposedBounds(levels, target.Name + ".Length", renderer, dependencies, out start, out string? length)) return true;
            count = length ?? target.Name + ".Length - (" + start + ")";
        }
        else if (parts.Start is not null)
        {
            start = renderer.Render(parts.Start);
            dependencies.AddRange(renderer.Dependencies);
            count = renderer.Render(parts.Count!);
            dependencies.AddRange(renderer.Dependencies);
        }
        if (start is null || count is null) return true;
        AddInPlace(destination, before, value, start, count, dependencies, parts.Form + (parts.Start is not null ? CopyIntoForms.Ranged : ""));
        return true;
    }

    /// <summary>The next version of <paramref name="destination"/>: the in-place write <paramref name="form"/> of <paramref name="value"/> over the slots [start, start + count).</summary>
    private void AddInPlace(object destination, int before, int value, string start, string count, List<int> dependencies, string form)
    {
        var target = _context.Nodes[before];
        var inputs = new List<int> { before, value, _context.AddConstant("0", ScalarType.Other, "int", null, isAtom: true) };
        inputs.Add(IntOperand(start, dependencies));
        inputs.Add(IntOperand(count, dependencies));
        _context.Assign(destination, _context.AddArrayNode(GateKind.CopyInto, target.TypeName, target.Name, target.AdjointName, isInline: true, inputs.ToArray(),
            CopyIntoForms.Text(form, false, IsArrayText(target.TypeName), _context.Names.Fresh("k"))));
    }

    /// <summary>
    /// A copy of the whole array <paramref name="before"/> as it is before a sort of it, or -1 after an error (reported):
    /// a written span parameter has no copy of its own type.
    /// </summary>
    private int SortedValues(IInvocationOperation call, int before)
    {
        var target = _context.Nodes[before];
        if (!IsArrayText(target.TypeName))
        {
            _context.ReportUnsupportedExpression(call, "Sorting the span parameter '" + target.Name + "' in place",
                "take a double[] parameter for the output, or sort a local array: var s = x.ToArray(); Array.Sort(s);");
            return -1;
        }
        return Snapshot(before, call);
    }
}
