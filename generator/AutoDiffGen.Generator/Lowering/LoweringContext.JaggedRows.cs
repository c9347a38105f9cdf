using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// LoweringContext: the variable of <c>foreach (var row in a)</c> over a jagged <c>double[][]</c> parameter (issue 13,
/// idioms12). The row is never a value of the graph: it stands for <c>a[i]</c>, i the loop's hidden index, so
/// <c>row[j]</c> is the element <c>a[i][j]</c> (its gradient reaches <c>dA[i][j]</c>) and <c>row.Length</c> is
/// <c>a[i].Length</c>. Shared here because statements declare the row and expressions and conditions read it.
/// </summary>
internal sealed partial class LoweringContext
{
    private readonly Dictionary<ISymbol, (ISymbol Grid, HiddenVariable Row)> _jaggedRows = new(SymbolEqualityComparer.Default);

    /// <summary>Declares <paramref name="row"/> as the row of <paramref name="grid"/> at the hidden index <paramref name="index"/>.</summary>
    public void DeclareJaggedRow(ISymbol row, ISymbol grid, HiddenVariable index) => _jaggedRows[row] = (grid, index);

    /// <summary>Ends the row variable's loop.</summary>
    public void ForgetJaggedRow(ISymbol row) => _jaggedRows.Remove(row);

    /// <summary>The jagged array and the node of the row index a foreach row variable stands for, or null for any other local.</summary>
    public (ISymbol Grid, HiddenVariable Row)? JaggedRowOf(ISymbol? local) =>
        local is not null && _jaggedRows.TryGetValue(local, out var alias) ? alias : null;

    /// <summary>
    /// <see cref="JaggedRowOf(ISymbol?)"/> of a reference: a foreach row local, or the parameter of a LINQ lambda over the
    /// rows (<c>rows.Sum(r =&gt; r.Sum())</c>, ExpressionLowering.LinqRows), which stands for a row the same way.
    /// </summary>
    public (ISymbol Grid, HiddenVariable Row)? JaggedRowOf(Microsoft.CodeAnalysis.IOperation? reference) => reference switch
    {
        Microsoft.CodeAnalysis.Operations.ILocalReferenceOperation l => JaggedRowOf(l.Local),
        Microsoft.CodeAnalysis.Operations.IParameterReferenceOperation p => JaggedRowOf(p.Parameter),
        _ => null,
    };
}
