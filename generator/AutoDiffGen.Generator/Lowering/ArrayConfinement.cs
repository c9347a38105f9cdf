using System.Linq;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A local array that nothing outside the method can reach: every use of its name is an element read or write, a length,
/// or the collection of a <c>foreach</c>, outside lambdas and local functions (<see cref="ArrayRebinds.IsPlainUse"/>). So it is
/// not returned, passed (to a callee, as a span, by ref), stored (in a field, a row of a jagged array, a list), captured,
/// aliased or reassigned. Its storage, and its adjoint's, may then be the tape workspace's arrays, reused by the next call
/// (<c>Differentiation/ReusedArrays</c>): no one can tell them from fresh ones, since each is zeroed when handed out and the
/// call that holds it is the only code that names it.
/// </summary>
internal static class ArrayConfinement
{
    /// <summary>Whether <paramref name="local"/>, declared in the method body that <paramref name="inBody"/> belongs to, is confined to it.</summary>
    public static bool IsConfined(IOperation inBody, ILocalSymbol local)
    {
        if (local.IsRef || local.Type is not IArrayTypeSymbol { Rank: 1 }) return false;
        IOperation top = OperationRoots.Of(inBody);
        return ArrayRebinds.References(top, local).All(use => ArrayRebinds.IsPlainUse(use) || Enumerated(use));
    }

    /// <summary><c>foreach (var v in a)</c>: the loop reads the elements (lowered as an index loop), never the array as a whole.</summary>
    private static bool Enumerated(ILocalReferenceOperation use) =>
        ArrayRebinds.Enclosing<IAnonymousFunctionOperation>(use) is null && ArrayRebinds.Enclosing<ILocalFunctionOperation>(use) is null
        && (use.Parent is IForEachLoopOperation loop && loop.Collection == use
            || use.Parent is IConversionOperation { IsImplicit: true, Parent: IForEachLoopOperation outer } conversion && outer.Collection == conversion);
}
