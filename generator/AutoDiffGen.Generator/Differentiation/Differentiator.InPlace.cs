using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// An in-place effect on an array (<see cref="CopyIntoForms.InPlaceForm"/>): <c>Array.Fill</c> stores one value into each
/// slot of the range, so the reverse sweep adds what reached those slots into the value's adjoint and zeroes them;
/// <c>Array.Reverse</c> and <c>Array.Sort</c> permute the slots, so the adjoint goes back through the permutation, as the
/// max gate routes its adjoint to the input it chose: Reverse reverses the adjoint's range, Sort sends slot i's adjoint
/// to slot p[i], where the forward sweep's sort left p (an <c>int[]</c> sorted along with the keys).
/// </summary>
internal sealed partial class Differentiator
{
    private void InPlaceReverse(Node node, string form)
    {
        string k = CopyIntoForms.Index(node);
        string start = Operand(node, CopyIntoForms.DestinationStart), n = Operand(node, CopyIntoForms.Count);
        int source = node.Inputs[CopyIntoForms.Source];
        var self = new EquatableArray<int>(new[] { node.Id });
        switch (form)
        {
            case "Array.Fill":
                Emit(new Comment(node.Name + ": filled with " + _nodes[source].Name + ": each filled slot's gradient to the value, then the slot's is zeroed"));
                if (_activity.IsActive(source))
                {
                    // The value's adjoint starts at zero here if nothing reached it yet (as for a callee's ref adjoint).
                    var declare = new System.Collections.Generic.List<Step>();
                    DeclareForCall(declare, _nodes[source]);
                    foreach (var step in declare) Emit(step);
                    Emit(new Invoke(AdjointText.Concat(AdjointText.Plain("for (int " + k + " = 0; " + k + " < " + n + "; " + k + "++) "), AdjointText.Of(source),
                        AdjointText.Plain(" += "), AdjointText.Of(node.Id), AdjointText.Plain("[" + CopyIntoForms.Plus(start, k) + "]")),
                        new EquatableArray<int>(new[] { source })));
                }
                var (before, after) = Views.Around("AsSpan", start + ", " + n);
                Emit(new Invoke(AdjointText.Concat(AdjointText.Plain(before), AdjointText.Of(node.Id), AdjointText.Plain(after + ".Clear()")), self));
                break;
            case "Array.Reverse":
                Emit(new Comment(node.Name + ": reversed: its gradient is reversed back"));
                Emit(new Invoke(AdjointText.Concat(AdjointText.Plain("global::System.Array.Reverse("), AdjointText.Of(node.Id), AdjointText.Plain(", " + start + ", " + n + ")")), self));
                break;
            default:
                // Slot i holds what slot p[i] held before the sort: its gradient goes back there.
                Emit(new Comment(node.Name + ": sorted: each slot's gradient goes back to the slot its value came from"));
                Permute(node, node.Id, CopyIntoForms.Temp(node, tangent: false), back: true);
                break;
        }
    }

    /// <summary>Forward mode: Fill sets the range's tangents to the value's, Reverse and Sort permute the tangent as the values.</summary>
    private void InPlaceTangent(Node node, string form)
    {
        string k = CopyIntoForms.Index(node);
        string start = Operand(node, CopyIntoForms.DestinationStart), n = Operand(node, CopyIntoForms.Count);
        int source = node.Inputs[CopyIntoForms.Source];
        var tangent = AdjointText.Of(T(node.Id));
        var self = new EquatableArray<int>(new[] { T(node.Id) });
        switch (form)
        {
            case "Array.Fill":
                var value = HasTangent(source) ? AdjointText.Of(T(source)) : AdjointText.Plain(ScalarLiterals.Zero(ElementType(node)));
                Emit(new Invoke(AdjointText.Concat(AdjointText.Plain("for (int " + k + " = 0; " + k + " < " + n + "; " + k + "++) "), tangent,
                    AdjointText.Plain("[" + CopyIntoForms.Plus(start, k) + "] = "), value), self));
                break;
            case "Array.Reverse":
                Emit(new Invoke(AdjointText.Concat(AdjointText.Plain("global::System.Array.Reverse("), tangent, AdjointText.Plain(", " + start + ", " + n + ")")), self));
                break;
            default:
                Permute(node, T(node.Id), CopyIntoForms.Temp(node, tangent: true), back: false);
                break;
        }
    }

    /// <summary>
    /// Through Sort's permutation p over the range: forward, <c>t'[i] = t[p[i]]</c> (as the values moved); back,
    /// <c>d[p[i]] = d'[i]</c>, on the array of <c>id</c> (the node's adjoint, or its tangent). Both read a copy of it
    /// first, <c>copy</c>, since p moves slots within it.
    /// </summary>
    private void Permute(Node node, int id, string copy, bool back)
    {
        string k = CopyIntoForms.Index(node);
        string start = Operand(node, CopyIntoForms.DestinationStart), n = Operand(node, CopyIntoForms.Count);
        string p = Operand(node, CopyIntoForms.Source);
        string element = ElementIndex.ElementTypeName(node.TypeName);
        string at = CopyIntoForms.Plus(start, k);
        var array = AdjointText.Of(id);
        var self = new EquatableArray<int>(new[] { id });
        Emit(new Invoke(AdjointText.Concat(AdjointText.Plain(element + "[] " + copy + " = (" + element + "[])"), array, AdjointText.Plain(".Clone()")), self));
        Emit(new Invoke(AdjointText.Concat(AdjointText.Plain("for (int " + k + " = 0; " + k + " < " + n + "; " + k + "++) "), array,
            AdjointText.Plain(back ? "[" + p + "[" + at + "]] = " + copy + "[" + at + "]" : "[" + at + "] = " + copy + "[" + p + "[" + at + "]]")), self));
    }
}
