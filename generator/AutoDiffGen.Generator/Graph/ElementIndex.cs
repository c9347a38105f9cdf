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

    /// <param name="element">An Element gate: its inputs are the array, then one index per dimension.</param>
    /// <param name="operand">The text of the i-th input.</param>
    public static string Text(Node element, Func<int, string> operand) =>
        element.Inputs.Length <= 2
            ? operand(1)
            : string.Join(element.Text.Length > 0 ? element.Text : Rectangular, Enumerable.Range(1, element.Inputs.Length - 1).Select(operand));
}
