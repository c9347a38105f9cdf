using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// The sorts of real arrays and spans that are not followed (the followed ones are <see cref="BulkCopies.MatchInPlace"/>'s
/// forms): with a comparer or a <c>Comparison</c> the order is the user's code, and keys with items move a second array by
/// the keys' permutation. Each gets ADG0002 at the call saying what to write instead.
/// </summary>
internal static class SortRefusals
{
    /// <summary>What the sort <paramref name="call"/> is and what to write instead, or null when it is no sort.</summary>
    public static (string What, string Instead)? Of(IInvocationOperation call)
    {
        var m = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
        if (m.Name != "Sort" || !(m.ContainingType?.SpecialType == SpecialType.System_Array || m.ContainingType?.Name == "MemoryExtensions")) return null;
        if (m.Parameters.Length >= 2 && (m.Parameters[1].Type is IArrayTypeSymbol or INamedTypeSymbol { Name: "Span" } || m.Parameters[1].Type.SpecialType == SpecialType.System_Array))
            return ("A sort of keys with items ('" + Describe.Snippet(call.Syntax) + "'), whose items follow the keys' permutation",
                "sort the pairs in a loop of tuple swaps, which is differentiated (if (k[j] < k[j - 1]) { (k[j], k[j - 1]) = (k[j - 1], k[j]); (v[j], v[j - 1]) = (v[j - 1], v[j]); }), or sort the keys alone: Array.Sort(k)");
        if (m.Parameters.Length == 1 || m.Parameters[0].Type.SpecialType == SpecialType.System_Array)
            return ("This overload of Sort ('" + Describe.Snippet(call.Syntax) + "')", "sort the double[] itself: Array.Sort(a), Array.Sort(a, start, count) or a.AsSpan(start, count).Sort()");
        return ("A sort with a comparer ('" + Describe.Snippet(call.Syntax) + "'), whose order is code the generator does not follow",
            "sort in ascending order with Array.Sort(a) or a.AsSpan().Sort() (then Array.Reverse(a) for descending), or sort in a loop of tuple swaps ((a[j], a[j - 1]) = (a[j - 1], a[j]))");
    }
}
