using System;
using System.Linq;

namespace AutoDiffGen.Generator.Graph;

/// <summary>
/// The text between the brackets of an <see cref="GateKind.Element"/> read: <c>i</c> for x[i], <c>i, j</c> for a
/// double[,] (its <see cref="Node.Text"/> is ", "), <c>i][j</c> for a jagged double[][] (its Text is "][").
/// The same text indexes the adjoint and the tangent, which have the parameter's type and shape.
/// </summary>
internal static class ElementIndex
{
    public const string Rectangular = ", ";
    public const string Jagged = "][";

    /// <summary>The index of a <see cref="GateKind.Store"/>: its inputs are the array, one index per dimension, then the value.</summary>
    public static string StoreText(Node store, Func<int, string> operand) =>
        string.Join(store.Text.Length > 0 ? store.Text : Rectangular, Enumerable.Range(1, store.Inputs.Length - 2).Select(operand));

    /// <summary>The position of a store's value among its inputs: the last.</summary>
    public static int StoredValue(Node store) => store.Inputs.Length - 1;

    /// <summary>"double" for "double[]" or "double[,]".</summary>
    public static string ElementTypeName(string arrayTypeName) =>
        ListTypes.IsList(arrayTypeName) ? ListTypes.Element(arrayTypeName) : arrayTypeName.Substring(0, arrayTypeName.IndexOf('['));

    /// <summary><c>new double[n]</c> or <c>new double[n, k]</c> for a <see cref="GateKind.NewArray"/>, whose inputs are its sizes.</summary>
    public static string Creation(Node newArray, Func<int, string> operand) =>
        ListTypes.IsList(newArray.TypeName) ? "new " + newArray.TypeName + "(" + operand(0) + ")" :
        "new " + ElementTypeName(newArray.TypeName) + "[" + string.Join(Rectangular, Enumerable.Range(0, newArray.Inputs.Length).Select(operand)) + "]"
        + (IsJagged(newArray.TypeName) ? "[]" : "");

    /// <summary>A jagged array's type name ("double[][]").</summary>
    public static bool IsJagged(string arrayTypeName) => arrayTypeName.EndsWith("[][]", StringComparison.Ordinal);

    /// <param name="element">An Element gate: its inputs are the array, then one index per dimension.</param>
    /// <param name="operand">The text of the i-th input.</param>
    public static string Text(Node element, Func<int, string> operand) =>
        element.Inputs.Length <= 2
            ? operand(1)
            : string.Join(element.Text.Length > 0 ? element.Text : Rectangular, Enumerable.Range(1, element.Inputs.Length - 1).Select(operand));
}
