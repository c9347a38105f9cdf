using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// What stays an error around double[,] and jagged double[][] values (their parameters are read through
/// ExpressionLowering.Grids; a local double[,] is a local array, DefineArray): local jagged ones, a jagged row taken as
/// a local, foreach over them, and writes into jagged arrays.
/// Each error says how to write it with what is supported.
/// </summary>
internal sealed partial class StatementLowering
{
    private const string FlatHint = "use a one-dimensional local double[] of rows * columns elements indexed i * columns + j";

    /// <summary>A local double[][]: reported, true.</summary>
    private bool RejectGridLocal(ISymbol variable, IOperation value)
    {
        // A local double[,] is a local array of two dimensions (DefineArray); a jagged one is not carried.
        if (variable is not ILocalSymbol { Type: IArrayTypeSymbol local } || !ValueKinds.IsJagged(local)) return false;
        if (value is IArrayElementReferenceOperation row && row.ArrayReference.Type is { } jagged && ValueKinds.IsJagged(jagged)) return false;
        _context.ReportUnsupportedExpression(value, "A local jagged array",
            "a gradient is tracked through double[][] parameters and local double[,] arrays, not through local jagged ones yet: create a local double[,] with new double[rows, columns], or " + FlatHint);
        return true;
    }

    /// <summary>var row = a[i] on a jagged parameter: reported, true.</summary>
    private bool RejectJaggedRow(IOperation value)
    {
        if (value is not IArrayElementReferenceOperation { Indices.Length: 1 } row || row.ArrayReference.Type is not { } jagged || !ValueKinds.IsJagged(jagged)) return false;
        _context.ReportUnsupportedExpression(value, "A row of a jagged array taken as a local",
            "index the element through the array, " + Describe.Snippet(row.ArrayReference.Syntax) + "[" + Describe.Snippet(row.Indices[0].Syntax) + "][j], so its gradient reaches the array's adjoint");
        return true;
    }

    /// <summary>foreach over a double[,], a jagged array or any other multi-dimensional array: the error's text and hint, or null.</summary>
    private static (string What, string Hint)? GridForEach(IParameterSymbol parameter, IOperation collection)
    {
        if (parameter.Type is not IArrayTypeSymbol array || array.Rank == 1 && array.ElementType is not IArrayTypeSymbol) return null;
        string name = Describe.Snippet(collection.Syntax);
        return array.Rank > 1
            ? ("A 'foreach' over the " + array.Rank + "-dimensional array '" + name + "'", "index it with for loops over " + name + ".GetLength(0) and " + name + ".GetLength(1), reading " + name + "[i, j]")
            : ("A 'foreach' over the rows of the jagged array '" + name + "'", "index it with for loops over " + name + ".Length and " + name + "[i].Length, reading " + name + "[i][j]");
    }

    /// <summary>'an element of the two-dimensional array parameter 'a' (…)' for a write into a grid, else null.</summary>
    private static string? GridWriteTarget(IArrayElementReferenceOperation element)
    {
        var array = element.Indices.Length == 1 && element.ArrayReference is IArrayElementReferenceOperation { Indices.Length: 1 } row ? row.ArrayReference : element.ArrayReference;
        if (array.Type is not IArrayTypeSymbol type || !(type.Rank > 1 || type.ElementType is IArrayTypeSymbol)) return null;
        // A local double[,] or a double[,] parameter may be written (TryStore); a write fails there only after another error
        // (its creation), or for a form no array takes (a[i, j]++), which the plain message covers.
        if (array is ILocalReferenceOperation or IParameterReferenceOperation && type.Rank == 2) return null;
        string kind = type.Rank > 1 ? "the " + type.Rank + "-dimensional array" : "the jagged array";
        return "an element of " + kind + " '" + Describe.Snippet(array.Syntax) + "' (writes into jagged arrays are not supported: compute into a local double[,] created with new double[rows, columns], or " + FlatHint + ")";
    }
}
