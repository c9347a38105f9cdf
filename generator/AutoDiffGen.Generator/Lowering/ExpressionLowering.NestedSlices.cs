using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A slice of a slice (<c>x.AsSpan(1).Slice(2, 3)</c>, <c>x[1..][..3]</c> passed as a span, <c>s.Slice(1)[1..]</c>) is one
/// slice of the array or span it is finally taken of: its start is the sum of the starts, its length the outermost one.
/// Each level is checked against the one it is taken of, with the exception a slice out of range throws, so that the
/// method throws where C# would; the adjoint is then that one slice of the array's adjoint.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>One level of a slice as written: its start, length or range (null where not written).</summary>
    private readonly record struct SliceLevel(IOperation? Start, IOperation? Length, IOperation? Range);

    /// <summary>
    /// The levels of <paramref name="receiver"/>'s slices under the outer one (<paramref name="outer"/>), outermost first,
    /// and the array or span they are all taken of.
    /// </summary>
    private static List<SliceLevel> SliceLevels(SliceLevel outer, IOperation receiver, out IOperation root)
    {
        var levels = new List<SliceLevel> { outer };
        root = receiver;
        for (int guard = 0; guard < 16; guard++)
        {
            var inner = root;
            while (inner is IConversionOperation { IsImplicit: true } c && IsArrayOrSpan(c.Operand.Type)) inner = c.Operand;
            if (!TrySlice(inner, out var next, out var start, out var length, out var range)) break;
            levels.Add(new SliceLevel(start, length, range));
            root = CollectionArguments.Unwrap(next);
        }
        return levels;
    }

    /// <summary>
    /// The start and length over <paramref name="of"/> elements of the slices <paramref name="levels"/> (outermost first),
    /// composed; one level is <see cref="SliceBounds"/> as it is. False after an error (reported).
    /// </summary>
    private bool ComposedBounds(List<SliceLevel> levels, string of, ConstantRenderer renderer, List<int> dependencies, out string startText, out string? lengthText)
    {
        startText = "";
        lengthText = null;
        if (levels.Count == 1) return SliceBounds(levels[0].Start, levels[0].Length, levels[0].Range, of, renderer, dependencies, out startText, out lengthText, out _);
        string start = "0", span = of;
        var checks = new List<string>();
        for (int i = levels.Count - 1; i >= 0; i--)
        {
            var level = levels[i];
            if (!SliceBounds(level.Start, level.Length, level.Range, span, renderer, dependencies, out string s, out string? l, out _)) return false;
            string length = l ?? "(" + span + ") - (" + s + ")";
            // This level lies inside the one it is taken of (as Slice and AsSpan check it).
            checks.Add("(uint)(" + s + ") <= (uint)(" + span + ") && (uint)(" + length + ") <= (uint)((" + span + ") - (" + s + "))");
            start = start == "0" ? "(" + s + ")" : start + " + (" + s + ")";
            span = length;
        }
        startText = "(" + string.Join(" && ", checks) + ") ? " + start + " : throw new global::System.ArgumentOutOfRangeException(\"start\")";
        lengthText = span;
        return true;
    }
}
