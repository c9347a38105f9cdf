using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Reads of double[,]/float[,] and jagged double[][]/float[][] parameters: <c>a[i, j]</c> and <c>a[i][j]</c> are one
/// Element gate over the parameter and both indices, whose adjoint goes to <c>dA[i, j]</c> (or <c>dA[i][j]</c>).
/// A jagged row taken on its own (<c>var row = a[i]</c>, <c>foreach (var row in a)</c>) would alias the parameter
/// under another name, which the graph does not follow: it is an error that says to index <c>a[i][j]</c> instead.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>The gate of a[i, j] or a[i][j] on a grid parameter, or -2 when <paramref name="op"/> is not one.</summary>
    private int GridElement(IOperation op, string? userName)
    {
        switch (op)
        {
            // row[j] in foreach (var row in a) over a jagged parameter: a[i][j] (LoweringContext.JaggedRows).
            case IArrayElementReferenceOperation { Indices.Length: 1 } element when _context.JaggedRowOf(element.ArrayReference) is { } alias:
                return JaggedRowElement(alias.Grid, _context.Current(alias.Row), element.Indices[0], op, userName);
            case IArrayElementReferenceOperation { Indices.Length: 2 } rectangular when ValueKinds.IsGrid(rectangular.ArrayReference.Type!):
                return LowerGridElement(rectangular.ArrayReference, rectangular.Indices[0], rectangular.Indices[1], ElementIndex.Rectangular, op, userName);
            case IArrayElementReferenceOperation { Indices.Length: 1, ArrayReference: IArrayElementReferenceOperation { Indices.Length: 1 } row } element
                when row.ArrayReference.Type is { } jagged && ValueKinds.IsJagged(jagged):
                return LowerGridElement(row.ArrayReference, row.Indices[0], element.Indices[0], ElementIndex.Jagged, op, userName);
            case IArrayElementReferenceOperation { Indices.Length: 1 } row when row.ArrayReference.Type is { } jagged && ValueKinds.IsJagged(jagged):
                _context.ReportUnsupportedExpression(op, "A row of a jagged array taken on its own",
                    op.Parent is IArgumentOperation
                        // Predict(xs[n]) (natural15): a row is passed whole only to a [Differentiable] callee.
                        ? "a row that carries a gradient is passed whole only to a [Differentiable] method (mark the helper [Differentiable]); mark '" + Describe.Snippet(row.ArrayReference.Syntax) + "' [NoDiff] if it is data, or read the elements through the array, " + Describe.Snippet(row.ArrayReference.Syntax) + "[" + Describe.Snippet(row.Indices[0].Syntax) + "][j]"
                        : "index the element through the array, " + Describe.Snippet(row.ArrayReference.Syntax) + "[" + Describe.Snippet(row.Indices[0].Syntax) + "][j], so its gradient reaches the array's adjoint");
                return Placeholder(op);
            default:
                return -2;
        }
    }

    private int LowerGridElement(IOperation array, IOperation row, IOperation column, string separator, IOperation at, string? userName)
    {
        // A local double[,] created with new T[n, k] (StatementLowering.DefineArray), or a double[,] parameter the method
        // writes into (ArrayWrites): its current version.
        ISymbol? variable = array switch
        {
            ILocalReferenceOperation l => l.Local,
            IParameterReferenceOperation p => p.Parameter,
            _ => null,
        };
        if (variable is not null && _context.Current(variable) is var version && version >= 0
            && _context.Nodes[version].Type == ScalarType.Array)
        {
            return GridRead(version, row, column, separator, at, userName);
        }
        // A double[,] or jagged member of this object under WithRespectToThis: its adjoint is dThis.W.
        if (StateSymbol(array) is { } member && _context.Current(member) is var memberNode && memberNode >= 0)
        {
            return GridRead(memberNode, row, column, separator, at, userName);
        }
        if (array is not IParameterReferenceOperation { Parameter: var parameter } || _context.Current(parameter) < 0 || _context.Nodes[_context.Current(parameter)].Gate != GateKind.Parameter)
        {
            _context.ReportUnsupportedExpression(at, "Indexing a two-dimensional or jagged array that is not a parameter",
                "index the double[,] or double[][] parameter itself, or a local double[,] created with new double[rows, columns]");
            return Placeholder(at);
        }
        return GridRead(_context.Current(parameter), row, column, separator, at, userName);
    }

    /// <summary><c>row[j]</c> of a foreach row over a jagged parameter: the element of the parameter at the row's index and j.</summary>
    private int JaggedRowElement(ISymbol grid, int row, IOperation column, IOperation at, string? userName)
    {
        if (IsVaried(column))
        {
            _context.ReportUnsupportedExpression(column, "A differentiated index");
            return Placeholder(at);
        }
        int j = Lower(column, null);
        return _context.AddGridElement(TypeOf(at), userName, ElementIndex.Jagged, new[] { _context.Current(grid), row, j });
    }

    private int GridRead(int node, IOperation row, IOperation column, string separator, IOperation at, string? userName)
    {
        foreach (var index in new[] { row, column })
        {
            if (IsVaried(index))
            {
                _context.ReportUnsupportedExpression(index, "A differentiated index");
                return Placeholder(at);
            }
        }
        int i = Lower(row, null);
        int j = Lower(column, null);
        return _context.AddGridElement(TypeOf(at), userName, separator, new[] { node, i, j });
    }
}
