using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: <c>double[] x = inputs[t];</c>, a row of a jagged parameter named by a local (issue 13, natural16:
/// a GRU reading its input sequence, N01's softmax regression). The local is never a value of the graph: like the variable
/// of <c>foreach (var row in a)</c> (StatementLowering.GridForEach) it stands for <c>a[i]</c>, i the index's value where the
/// local is declared, so <c>x[j]</c> is the element <c>a[i][j]</c> (its gradient reaches <c>dA[i][j]</c> when the
/// parameter carries one) and <c>x.Length</c> is <c>a[i].Length</c>. Taken only when nothing can tell the local from that
/// element read: it is read only as <c>x[j]</c>, <c>x.Length</c> or a foreach's collection, never written, passed on or
/// captured, and nothing the index reads is written in the local's scope (so <c>a[i]</c> keeps meaning the same row).
/// Anything else stays the error that says to index <c>a[i][j]</c>.
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>Declares <paramref name="variable"/> as the row <paramref name="value"/> and returns true, or false when it is not such a row local.</summary>
    private bool TryRowLocal(ISymbol variable, IOperation value)
    {
        if (variable is not ILocalSymbol { IsRef: false } local) return false;
        if (Unconverted(value) is not IArrayElementReferenceOperation { Indices.Length: 1, ArrayReference: IParameterReferenceOperation { Parameter: var grid } } row
            || !ValueKinds.IsJagged(grid.Type) || GridNode(grid) < 0 || _expressions.IsVaried(row.Indices[0])) return false;
        if (RowLocalScope(value) is not { } scope || !ReadOnlyRow(scope, local) || IndexWritten(scope, row.Indices[0])) return false;
        var index = new LoweringContext.HiddenVariable(local.Name + "Row");
        int i = _expressions.Lower(row.Indices[0], null);
        if (i < 0) return true;
        _context.Assign(index, i);
        _context.DeclareJaggedRow(local, grid, index);
        return true;
    }

    /// <summary>The block that declares the local (its scope), or null when it is declared anywhere else.</summary>
    private static IOperation? RowLocalScope(IOperation value)
    {
        for (var up = value.Parent; up is not null; up = up.Parent)
        {
            if (up is IBlockOperation or ISwitchCaseOperation) return up;
            if (up is not (IVariableInitializerOperation or IVariableDeclaratorOperation or IVariableDeclarationOperation or IVariableDeclarationGroupOperation)) return null;
        }
        return null;
    }

    /// <summary>Every use of the local in its scope is an element read, its length or a foreach's collection, outside lambdas and local functions.</summary>
    private static bool ReadOnlyRow(IOperation scope, ILocalSymbol local) =>
        scope.Descendants().OfType<ILocalReferenceOperation>().Where(r => SymbolEqualityComparer.Default.Equals(r.Local, local))
            .All(r => (Collected(r) || ElementRead(r) || r.Parent is IPropertyReferenceOperation { Property.Name: "Length", Property.IsStatic: false }) && !InLambda(r, scope));

    /// <summary>Something the index reads is written in the scope (assigned, incremented, passed by ref or out), or it reads what may change by itself (a call, a field, a property).</summary>
    private static bool IndexWritten(IOperation scope, IOperation index)
    {
        if (index.DescendantsAndSelf().Any(o => o is IInvocationOperation or IFieldReferenceOperation or IPropertyReferenceOperation { Property.Name: not "Length" })) return true;
        return index.DescendantsAndSelf().Any(o => o switch
        {
            ILocalReferenceOperation l => ArrayRebinds.Writes(scope, l.Local),
            IParameterReferenceOperation p => ArrayRebinds.Writes(scope, p.Parameter),
            _ => false,
        });
    }
}
