using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// A whole <c>double[,]</c> copied into another of the same lengths (<see cref="CopyIntoForms.GridCopy"/>: a local made as a
/// clone, a swap of two local grids). Reverse: every slot's gradient goes to the source's same slot, then the destination's
/// are zeroed (the values the copy overwrote reach nothing). Forward: the destination's tangent takes the source's.
/// </summary>
internal sealed partial class Differentiator
{
    private void GridCopyReverse(Node node)
    {
        int source = node.Inputs[CopyIntoForms.Source];
        string i = CopyIntoForms.Index(node), j = CopyIntoForms.SecondIndex(node);
        Emit(new Comment(node.Name + ": copy of " + _nodes[source].Name + " into it: each slot's gradient to the source's, then the slot's is zeroed"));
        if (_activity.IsActive(source))
        {
            Emit(new Invoke(AdjointText.Concat(
                AdjointText.Plain("for (int " + i + " = 0; " + i + " < "), AdjointText.Of(node.Id), AdjointText.Plain(".GetLength(0); " + i + "++) for (int " + j + " = 0; " + j + " < "),
                AdjointText.Of(node.Id), AdjointText.Plain(".GetLength(1); " + j + "++) "),
                AdjointText.Of(source), AdjointText.Plain("[" + i + ", " + j + "] += "), AdjointText.Of(node.Id), AdjointText.Plain("[" + i + ", " + j + "]")),
                new EquatableArray<int>(new[] { source })));
        }
        Emit(new Invoke(AdjointText.Concat(AdjointText.Plain("global::System.Array.Clear("), AdjointText.Of(node.Id), AdjointText.Plain(", 0, "),
            AdjointText.Of(node.Id), AdjointText.Plain(".Length)")), new EquatableArray<int>(new[] { node.Id })));
    }

    private void GridCopyTangent(Node node)
    {
        int source = node.Inputs[CopyIntoForms.Source];
        var call = HasTangent(source)
            ? AdjointText.Concat(AdjointText.Plain("global::System.Array.Copy("), AdjointText.Of(T(source)), AdjointText.Plain(", "), AdjointText.Of(T(node.Id)), AdjointText.Plain(", "),
                AdjointText.Of(T(source)), AdjointText.Plain(".Length)"))
            : AdjointText.Concat(AdjointText.Plain("global::System.Array.Clear("), AdjointText.Of(T(node.Id)), AdjointText.Plain(", 0, "), AdjointText.Of(T(node.Id)), AdjointText.Plain(".Length)"));
        Emit(new Invoke(call, new EquatableArray<int>(new[] { T(node.Id) })));
    }
}
