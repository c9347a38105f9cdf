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
        // new double[n][] outside loops: tracked (StatementLowering.JaggedLocals).
        if (DefineJagged(variable, local, value)) return true;
        if (!_context.IsRejected(variable))
        {
            string what = _loop is not null ? "A local jagged array created inside a loop"
                : _context.Current(variable) >= 0 ? "Reassigning a local jagged array"
                : "A local jagged array not created as 'new double[n][]'";
            _context.ReportUnsupportedExpression(value, what,
                "create it once, before any loop, as new double[n][] and set each row to a new array (m[i] = new double[k];), or create a local double[,] with new double[rows, columns] (rows of one length), or "
                + FlatHint + " (rows of different lengths: keep an int[] of row starts)");
        }
        _context.Reject(variable);
        return true;
    }

    /// <summary>A view of an array or span as written: the array itself, <c>AsSpan(…)</c>, <c>Slice(…)</c> or a range (what else makes a span, a call, is reported where it is lowered).</summary>
    private static bool IsView(IOperation value)
    {
        while (value is IConversionOperation { IsImplicit: true } c) value = c.Operand;
        return value switch
        {
            // A span local (a stackalloc one is carried as a local array) is left to what handles it.
            ILocalReferenceOperation { Local.Type: IArrayTypeSymbol } or IParameterReferenceOperation => true,
            IInvocationOperation { TargetMethod.Name: "AsSpan" or "Slice" } => true,
            IArrayElementReferenceOperation { Indices.Length: 1 } e => e.Indices[0].Type?.Name == "Range",
            IImplicitIndexerReferenceOperation i => i.Argument.Type?.Name == "Range",
            _ => false,
        };
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
            : ("A 'foreach' over the rows of the jagged array '" + name + "' whose row is used other than as row[j], row.Length or an inner foreach (written, named again, passed on or captured)",
                "read the row only as row[j] and row.Length, or index it with for loops over " + name + ".Length and " + name + "[i].Length, reading " + name + "[i][j]");
    }

    /// <summary>'an element of the two-dimensional array parameter 'a' (…)' for a write into a grid, else null.</summary>
    private string? GridWriteTarget(IArrayElementReferenceOperation element)
    {
        var array = element.Indices.Length == 1 && element.ArrayReference is IArrayElementReferenceOperation { Indices.Length: 1 } row ? row.ArrayReference : element.ArrayReference;
        if (array.Type is not IArrayTypeSymbol type || !(type.Rank > 1 || type.ElementType is IArrayTypeSymbol)) return null;
        // A local double[,] or a double[,] parameter may be written (TryStore); a write fails there only after another error
        // (its creation), or for a form no array takes (a[i, j]++), which the plain message covers.
        if (array is ILocalReferenceOperation or IParameterReferenceOperation && type.Rank == 2) return null;
        if (RootLocal(array) is { } rejected && _context.IsRejected(rejected)) return "";
        string kind = type.Rank > 1 ? "the " + type.Rank + "-dimensional array" : "the jagged array";
        return "an element of " + kind + " '" + Describe.Snippet(array.Syntax) + "' (" + (type.Rank > 1 ? "writes into it are not supported: compute into a local double[,] created with new double[rows, columns], or " + FlatHint
            : "writes into a jagged parameter are not supported: compute into a local jagged array (var m = new double[n][]; m[i] = new double[k]; m[i][j] = …) or a local double[,]") + ")";
    }

    /// <summary>The local an element reference is finally taken of (<c>m</c> for <c>m[i][j]</c>), or null.</summary>
    private static ISymbol? RootLocal(IOperation op)
    {
        while (op is IArrayElementReferenceOperation element) op = element.ArrayReference;
        return op is ILocalReferenceOperation { Local: var local } ? local : null;
    }
}
