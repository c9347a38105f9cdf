using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A row of a jagged double[][]/float[][] parameter (or member, under WithRespectToThis) passed whole to a callee that takes a double[] or a span of doubles
/// (<c>Dot(x[i], w)</c>): a <see cref="GateKind.View"/> (<see cref="Views.Row"/>) over the parameter and the row's index,
/// whose adjoint (and tangent) is the same row of the parameter's, <c>dX[i]</c>. The row is the parameter's own array,
/// not a copy, so what the callee reads is what the caller reads; a row taken as a local (<c>var r = x[i];</c>) stays
/// an error (StatementLowering.Grids), since the graph does not follow aliases. A LINQ lambda's row (<c>rows.Sum(r =&gt;
/// Dot(r, w))</c>) is the row at the loop's index, passed the same way.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>The view of a jagged parameter's row passed as <paramref name="argument"/>; -2 when it is no such row, -1 after an error.</summary>
    private int RowArgument(IOperation argument)
    {
        var value = argument;
        while (value is IConversionOperation { IsImplicit: true } conversion && IsArrayOrSpan(conversion.Operand.Type)) value = conversion.Operand;
        // The parameter of a LINQ lambda over the rows (rows.Sum(r => Dot(r, w)), idioms16b): the row rows[i] at the loop's index.
        if (_context.JaggedRowOf(value) is { } alias && value.Type is { } rowType)
        {
            int grid = _context.Current(alias.Grid), at = _context.Current(alias.Row);
            if (grid < 0 || at < 0 || _context.Nodes[grid].Gate != GateKind.Parameter) return -2;
            return _context.AddView(rowType.ToDisplayString(SymbolNames.TypeFormat), Views.Row, grid, at);
        }
        if (value is not IArrayElementReferenceOperation { Indices.Length: 1 } row || row.ArrayReference.Type is not { } type || !ValueKinds.IsJagged(type)) return -2;
        // A jagged parameter, or a jagged member of this object under WithRespectToThis (adjoint dThis.W).
        ISymbol? holder = row.ArrayReference is IParameterReferenceOperation { Parameter: var parameter } ? parameter : StateSymbol(row.ArrayReference);
        if (holder is null) return -2;
        int array = _context.Current(holder);
        if (array < 0 || _context.Nodes[array].Gate != GateKind.Parameter) return -2;
        if (IsVaried(row.Indices[0]))
        {
            _context.ReportUnsupportedExpression(row.Indices[0], "A differentiated index");
            return -1;
        }
        int index = LowerIndex(row.Indices[0], _context.Nodes[array].Name);
        if (index < 0) return -1;
        return _context.AddView(row.Type!.ToDisplayString(SymbolNames.TypeFormat), Views.Row, array, index);
    }
}
