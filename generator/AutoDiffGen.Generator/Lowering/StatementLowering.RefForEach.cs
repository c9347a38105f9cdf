using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// <c>foreach (ref var v in a.AsSpan(…))</c> (and <c>ref readonly</c>): v is the element, not a copy of it. Each iteration
/// binds v as an element alias (LoweringContext.ElementAliases) to the array at the hidden index, so a read of v reads the
/// array's version at that point and a write of v is a store into the array, seen by later reads of <c>a[k]</c> in the body
/// and after the loop. Before, v was read once into a local: its writes were lost (a wrong gradient when the array was read
/// again).
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>
    /// True when a ref foreach variable over <paramref name="array"/> can alias its elements: a real element, an array that
    /// is a local array or an array/span parameter, and, when the body writes through the variable, an array with an adjoint
    /// (not a [NoDiff] parameter). Otherwise reports why at the loop and returns false.
    /// </summary>
    private bool RefForEachTarget(IForEachLoopOperation loop, ILocalSymbol variable, ISymbol array)
    {
        bool written = variable.RefKind != RefKind.RefReadOnly && WritesThrough(variable, loop.Body);
        switch (PiecewiseConstant.IsReal(variable.Type) ? CheckAliasedArray(array, written) : ElementAliasRefusal.NotAnArray)
        {
            case ElementAliasRefusal.None:
                return true;
            case ElementAliasRefusal.NoDiffWrite:
                Unsupported(loop, "A 'foreach (ref …)' that writes into the [NoDiff] array '" + array.Name + "'", "remove [NoDiff] from the parameter, or copy it into a local array");
                return false;
            default:
                Unsupported(loop, "A 'foreach (ref …)' over '" + Describe.Snippet(loop.Collection.Syntax) + "' (a ref loop variable is followed over a double[]/float[] local array or array parameter, or a span of one)",
                    "index the array: for (int i = 0; i < a.Length; i++) { ref double v = ref a[i]; … }");
                return false;
        }
    }

    /// <summary>Binds the ref loop variable to element <paramref name="index"/> of <paramref name="array"/> for this iteration.</summary>
    private void AliasRefForEach(ILocalSymbol variable, ISymbol array, int index) =>
        _context.AliasElement(variable, array, index, ExpressionLowering.TypeOf(variable.Type));
}
