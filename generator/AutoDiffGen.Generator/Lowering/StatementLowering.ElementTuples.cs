using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: array elements among a deconstruction's targets, as in the swap of a quickselect or a sort,
/// <c>(a[i], a[j]) = (a[j], a[i]);</c>. C# evaluates every right-hand side before it assigns, so the values are lowered
/// first (reads of the array's version before the statement) and each element is then a store, in order: the same
/// nodes as <c>var t = a[i]; a[i] = a[j]; a[j] = t;</c>. The indices must have no effects of their own, because they
/// are lowered at the store, after the values (C# evaluates them first).
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>True when <paramref name="target"/> is an element of a local array or array parameter that a deconstruction may store <paramref name="value"/> into.</summary>
    private static bool IsElementTupleTarget(IOperation target, IOperation value) =>
        (target.Type?.SpecialType is SpecialType.System_Double or SpecialType.System_Single
            || target is IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation { Local: var table } } && IndexTables.IsTable(table))
        && SymbolEqualityComparer.Default.Equals(target.Type, value.Type)
        && StoreTarget(target) is { } element
        && element.ArrayReference is ILocalReferenceOperation or IParameterReferenceOperation { Parameter.RefKind: RefKind.None }
        && element.Indices.All(i => !i.DescendantsAndSelf().Any(HasEffect));

    private static bool HasEffect(IOperation op) =>
        op is IAssignmentOperation or IIncrementOrDecrementOperation or IInvocationOperation or IDeclarationExpressionOperation;

    /// <summary>Stores the node <paramref name="node"/> into the element <paramref name="target"/>; reports it when the array cannot take stores.</summary>
    private void StoreLowered(IOperation target, int node)
    {
        if (node < 0) return;
        if (TryStore(target, null, null, node, out _, out _)) return;
        ReportSideEffect(target, target);
    }
}
