using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Differentiation;

internal sealed partial class Differentiator
{
    /// <summary>
    /// The index of an element read as its tangents see it. In the forward-over-reverse Hessian–vector product a
    /// <c>double[,]</c> parameter's tangent and adjoint's tangent are slices of <c>direction</c> and the output, its
    /// elements row-major (the contract's order, docs/hessian.md): <c>a[i, j]</c> is entry <c>i · a.GetLength(1) + j</c>.
    /// Everywhere else the element's own index.
    /// </summary>
    private string TangentIndex(Node element)
    {
        string index = ElementIndex.Text(element, i => Operand(element, i));
        var array = _nodes[element.Inputs[0]];
        if (_policy != SweepPolicy.HessianVector || !IsMatrixParameter(array) || element.Inputs.Length != 3) return index;
        return Term(Operand(element, 1)) + " * " + Operand(element, 0) + ".GetLength(1) + " + Term(Operand(element, 2));
    }

    /// <summary>An index operand as a term of a sum: a name or a literal as it is, anything else parenthesized.</summary>
    private static string Term(string operand)
    {
        foreach (char c in operand)
        {
            if (!char.IsLetterOrDigit(c) && c != '_') return "(" + operand + ")";
        }
        return operand;
    }

    /// <summary>
    /// A <c>double[,]</c>/<c>float[,]</c> parameter (not a local array, whose tangents are an array of its shape, nor one the
    /// method writes, hess13, whose tangents are a matrix too: its node is then a version of an array).
    /// </summary>
    private static bool IsMatrixParameter(Node node) =>
        node.Gate == GateKind.Parameter && node.Type != ScalarType.Array && node.TypeName is "double[,]" or "float[,]";
}
