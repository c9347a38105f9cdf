using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// A copy the user wrote (<see cref="GateKind.CloneArray"/>): the copy has an adjoint array of its own, and where the
/// reverse sweep passes the copy it adds that adjoint into the source's, <c>for (int k = 0; k &lt; dY.Length; k++)
/// dX[start + k] += dY[k];</c>. The copy did not exist before, so nothing of its adjoint is reset.
/// </summary>
internal sealed partial class Differentiator
{
    private void CloneReverse(Node node)
    {
        string k = node.Text;
        string start = node.Inputs.Length > 2 ? Operand(node, 1) + " + " : "";
        Emit(new Comment(node.Name + ": copy of " + _nodes[node.Inputs[0]].Name + ": its adjoint into the source's"));
        Emit(new Invoke(AdjointText.Concat(
            AdjointText.Plain("for (int " + k + " = 0; " + k + " < "), AdjointText.Of(node.Id), AdjointText.Plain(".Length; " + k + "++) "),
            AdjointText.Of(node.Inputs[0]), AdjointText.Plain("[" + start + k + "] += "), AdjointText.Of(node.Id), AdjointText.Plain("[" + k + "]")),
            new EquatableArray<int>(new[] { node.Inputs[0] })));
    }
}
