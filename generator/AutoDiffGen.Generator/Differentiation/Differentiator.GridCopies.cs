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
            EmitLinear(new Invoke(AdjointText.Concat(
                AdjointText.Plain("for (int " + i + " = 0; " + i + " < "), AdjointText.Of(node.Id), AdjointText.Plain(".GetLength(0); " + i + "++) for (int " + j + " = 0; " + j + " < "),
                AdjointText.Of(node.Id), AdjointText.Plain(".GetLength(1); " + j + "++) "),
                AdjointText.Of(source), AdjointText.Plain("["), SourceSlot(node, source, node.Id), AdjointText.Plain("] += "), AdjointText.Of(node.Id), AdjointText.Plain("[" + i + ", " + j + "]")),
                new EquatableArray<int>(new[] { source })));
        }
        EmitLinear(new Invoke(AdjointText.Concat(AdjointText.Plain("global::System.Array.Clear("), AdjointText.Of(node.Id), AdjointText.Plain(", 0, "),
            AdjointText.Of(node.Id), AdjointText.Plain(".Length)")), new EquatableArray<int>(new[] { node.Id })));
    }

    private void GridCopyTangent(Node node)
    {
        int source = node.Inputs[CopyIntoForms.Source];
        AdjointText call;
        if (HasTangent(source) && _policy == SweepPolicy.HessianVector && IsMatrixParameter(_nodes[source]))
        {
            // The product's tangents of a double[,] parameter it reads are a row-major slice of the direction (hess25).
            string i = CopyIntoForms.Index(node), j = CopyIntoForms.SecondIndex(node);
            call = AdjointText.Concat(
                AdjointText.Plain("for (int " + i + " = 0; " + i + " < "), AdjointText.Of(T(node.Id)), AdjointText.Plain(".GetLength(0); " + i + "++) for (int " + j + " = 0; " + j + " < "),
                AdjointText.Of(T(node.Id)), AdjointText.Plain(".GetLength(1); " + j + "++) "),
                AdjointText.Of(T(node.Id)), AdjointText.Plain("[" + i + ", " + j + "] = "), AdjointText.Of(T(source)), AdjointText.Plain("["), SourceSlot(node, source, T(node.Id)), AdjointText.Plain("]"));
        }
        else
        {
            call = HasTangent(source)
                ? AdjointText.Concat(AdjointText.Plain("global::System.Array.Copy("), AdjointText.Of(T(source)), AdjointText.Plain(", "), AdjointText.Of(T(node.Id)), AdjointText.Plain(", "),
                    AdjointText.Of(T(source)), AdjointText.Plain(".Length)"))
                : AdjointText.Concat(AdjointText.Plain("global::System.Array.Clear("), AdjointText.Of(T(node.Id)), AdjointText.Plain(", 0, "), AdjointText.Of(T(node.Id)), AdjointText.Plain(".Length)"));
        }
        EmitTangent(new Invoke(call, new EquatableArray<int>(new[] { T(node.Id) })));
    }

    /// <summary>
    /// The source's slot of the loop's (i, j): <c>i, j</c>, or in the product for a <c>double[,]</c> parameter it only reads,
    /// whose tangents and adjoint's tangents are row-major spans (<see cref="TangentIndex"/>), <c>i * cols + j</c>, the
    /// columns those of <paramref name="shaped"/> (the destination's adjoint or tangent array, of the copy's shape).
    /// </summary>
    private AdjointText SourceSlot(Node node, int source, int shaped)
    {
        string i = CopyIntoForms.Index(node), j = CopyIntoForms.SecondIndex(node);
        if (_policy != SweepPolicy.HessianVector || !IsMatrixParameter(_nodes[source])) return AdjointText.Plain(i + ", " + j);
        return AdjointText.Concat(AdjointText.Plain(i + " * "), AdjointText.Of(shaped), AdjointText.Plain(".GetLength(1) + " + j));
    }
}
