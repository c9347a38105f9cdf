using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A call that rewrites an array in place, as people write it: <c>Array.Fill(y, v)</c>, <c>Array.Fill(y, v, start, count)</c>,
/// <c>Array.Reverse(y)</c>, <c>Array.Reverse(y, index, length)</c>, <c>Array.Sort(y)</c>, <c>Array.Sort(y, index, length)</c>.
/// Fill stores one value into each slot; Reverse and Sort permute the slots. <see cref="ExpressionLowering"/> makes each a
/// bulk store (<see cref="Graph.GateKind.CopyInto"/> in an in-place form, <see cref="Graph.CopyIntoForms"/>);
/// <see cref="BulkCopies.DestinationRoot"/> counts it as a store into the array.
/// </summary>
internal static class InPlaceEffects
{
    public const string Fill = "Array.Fill", Reverse = "Array.Reverse", Sort = "Array.Sort";

    /// <summary>The call's parts: the array, Fill's value (else null), and the range's start and length when written (else null).</summary>
    public readonly record struct Parts(string Form, IOperation Array, IOperation? Value, IOperation? Start, IOperation? Length);

    /// <summary>The in-place effect <paramref name="call"/> makes, or null when it is none of the forms above.</summary>
    public static Parts? Match(IInvocationOperation call)
    {
        var m = call.TargetMethod;
        if (m.ContainingType?.SpecialType != SpecialType.System_Array || !m.IsStatic || m.Parameters.Length == 0) return null;
        if (m.Parameters[0].Type is not (IArrayTypeSymbol or { SpecialType: SpecialType.System_Array })) return null;
        int first = m.Name switch { "Fill" => 2, "Reverse" or "Sort" => 1, _ => -1 };
        if (first < 0 || (m.Parameters.Length != first && m.Parameters.Length != first + 2)) return null;
        for (int i = first; i < m.Parameters.Length; i++)
        {
            if (m.Parameters[i].Type.SpecialType != SpecialType.System_Int32) return null;
        }
        var array = BulkCopies.Value(BulkCopies.Argument(call, 0));
        if (array.Type is not IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double or SpecialType.System_Single }) return null;
        bool ranged = m.Parameters.Length == first + 2;
        return new Parts("Array." + m.Name, array, first == 2 ? BulkCopies.Argument(call, 1) : null,
            ranged ? BulkCopies.Argument(call, first) : null, ranged ? BulkCopies.Argument(call, first + 1) : null);
    }
}
