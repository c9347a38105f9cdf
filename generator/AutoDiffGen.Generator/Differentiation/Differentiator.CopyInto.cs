using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// A copy into an array that exists (<see cref="GateKind.CopyInto"/>) is a store of each element it copies: where the
/// reverse sweep passes it, what reached the destination's overwritten slots goes to the source's elements they came
/// from, <c>for (int k = 0; k &lt; n; k++) dX[sx + k] += dY[sy + k];</c>, and those slots' adjoints are zeroed (the values
/// the copy overwrote reach nothing). Source and destination are distinct arrays (a copy within one array is reported).
/// In forward mode the destination's tangent is copied the same way.
/// </summary>
internal sealed partial class Differentiator
{
    /// <summary>
    /// Forward mode (and the forward-over-reverse product): the destination's tangent takes the source's over the copied
    /// slots, <c>tY[sy + k] = tX[sx + k]</c>, or zeros from a source that carries none.
    /// </summary>
    private void CopyIntoTangent(Node node)
    {
        if (_policy is not (SweepPolicy.Tangent or SweepPolicy.HessianVector) || !HasTangent(node.Id)) return;
        if (CopyIntoForms.IsGrid(node))
        {
            GridCopyTangent(node);
            return;
        }
        string k = CopyIntoForms.Index(node);
        int source = node.Inputs[CopyIntoForms.Source];
        var kind = CopyIntoForms.KindOf(node);
        if (kind == CopyIntoForms.Kind.Sort)
        {
            // Sorted slot k takes the tangent of the slot p[k] its value came from (p found again from the values before).
            EmitTangent(new Invoke(SortRoute("Sort", node, T(node.Id)), new EquatableArray<int>(new[] { T(node.Id) })));
            return;
        }
        if (kind != CopyIntoForms.Kind.Copy)
        {
            // In place: the tangent's slots are filled with the value's tangent (zeros for a constant), or reversed like the values.
            var slots = Slots(node, T(node.Id));
            var call = kind == CopyIntoForms.Kind.Reverse
                ? AdjointText.Concat(AdjointText.Plain("global::System.MemoryExtensions.Reverse("), slots, AdjointText.Plain(")"))
                : HasTangent(source) ? AdjointText.Concat(slots, AdjointText.Plain(".Fill("), AdjointText.Of(T(source)), AdjointText.Plain(")"))
                : AdjointText.Concat(slots, AdjointText.Plain(".Clear()"));
            EmitTangent(new Invoke(call, new EquatableArray<int>(new[] { T(node.Id) })));
            return;
        }
        var value = HasTangent(source)
            ? AdjointText.Concat(AdjointText.Of(T(source)), AdjointText.Plain("[" + CopyIntoForms.Plus(Operand(node, CopyIntoForms.SourceStart), k) + "]"))
            : AdjointText.Plain(ScalarLiterals.Zero(ElementType(node)));
        EmitTangent(new Invoke(AdjointText.Concat(
            AdjointText.Plain("for (int " + k + " = 0; " + k + " < " + Operand(node, CopyIntoForms.Count) + "; " + k + "++) "),
            AdjointText.Of(T(node.Id)), AdjointText.Plain("[" + CopyIntoForms.Plus(Operand(node, CopyIntoForms.DestinationStart), k) + "] = "), value),
            new EquatableArray<int>(new[] { T(node.Id) })));
    }

    /// <summary>The written range of <paramref name="array"/> (the node's adjoint or tangent array) as a span.</summary>
    private AdjointText Slots(Node node, int array)
    {
        // An array parameter's tangent is a span (a void method's output): its slots are the span's Slice.
        bool spanTangent = _policy == SweepPolicy.Tangent && _spanTangents.Contains(_adjoint[array]);
        var (before, after) = Views.Around(CopyIntoForms.DestinationIsArray(node) && !spanTangent ? "AsSpan" : "Slice",
            Operand(node, CopyIntoForms.DestinationStart) + ", " + Operand(node, CopyIntoForms.Count));
        return AdjointText.Concat(AdjointText.Plain(before), AdjointText.Of(array), AdjointText.Plain(after));
    }

    /// <summary>
    /// <c>SortRoutes.Sort</c> (forward) or <c>SortRoutes.Unsort</c> (reverse) of the sorted range of <paramref name="array"/>,
    /// given the same range of the values before the sort (the node's source, a copy of the whole destination).
    /// </summary>
    private AdjointText SortRoute(string method, Node node, int array)
    {
        var (before, after) = Views.Around("AsSpan", Operand(node, CopyIntoForms.DestinationStart) + ", " + Operand(node, CopyIntoForms.Count));
        if (CopyIntoForms.IsDescending(node)) method += "Descending";
        return AdjointText.Concat(AdjointText.Plain("global::AutoDiffGen.Internals.SortRoutes." + method + "("), Slots(node, array),
            AdjointText.Plain(", " + before + Operand(node, CopyIntoForms.Source) + after + ")"));
    }

    private void CopyIntoReverse(Node node)
    {
        if (CopyIntoForms.IsGrid(node))
        {
            GridCopyReverse(node);
            return;
        }
        string k = CopyIntoForms.Index(node);
        string n = Operand(node, CopyIntoForms.Count);
        string to = Operand(node, CopyIntoForms.DestinationStart);
        int source = node.Inputs[CopyIntoForms.Source];
        switch (CopyIntoForms.KindOf(node))
        {
            case CopyIntoForms.Kind.Reverse:
                // The slots moved among themselves: their gradients move back the same way (a reversal is its own inverse).
                Emit(new Comment(node.Name + ": reversed in place: the slots' gradients are reversed back"));
                EmitLinear(new Invoke(AdjointText.Concat(AdjointText.Plain("global::System.MemoryExtensions.Reverse("), Slots(node, node.Id), AdjointText.Plain(")")),
                    new EquatableArray<int>(new[] { node.Id })));
                return;
            case CopyIntoForms.Kind.Sort:
                // sorted[k] = old[p[k]]: what reached sorted slot k goes back to old slot p[k] (the max gate's routing, n at once).
                Emit(new Comment(node.Name + ": sorted in place: each sorted slot's gradient goes back to the slot its value came from"));
                EmitLinear(new Invoke(SortRoute("Unsort", node, node.Id), new EquatableArray<int>(new[] { node.Id })));
                return;
            case CopyIntoForms.Kind.Fill:
                // One value went into every slot: it gets their gradients' sum (the add gate of a fan-out), then the slots' are zeroed.
                Emit(new Comment(node.Name + ": filled with " + _nodes[source].Name + ": the value gets the sum of the slots' gradients, then the slots' are zeroed"));
                if (_activity.IsActive(source))
                {
                    var lines = new List<Step>();
                    Contribute(source, AdjointText.Concat(AdjointText.Plain("global::AutoDiffGen.Internals.SpanSums.Sum("), Slots(node, node.Id), AdjointText.Plain(")")),
                        false, lines, node.Id, CopyIntoForms.Source);
                    foreach (var step in lines) Emit(step);
                }
                EmitLinear(new Invoke(AdjointText.Concat(Slots(node, node.Id), AdjointText.Plain(".Clear()")), new EquatableArray<int>(new[] { node.Id })));
                return;
        }
        Emit(new Comment(node.Name + ": copy of " + _nodes[source].Name + " into it: each copied slot's gradient to the source's element, then the slot's is zeroed"));
        if (_activity.IsActive(source))
        {
            EmitLinear(new Invoke(AdjointText.Concat(
                AdjointText.Plain("for (int " + k + " = 0; " + k + " < " + n + "; " + k + "++) "),
                AdjointText.Of(source), AdjointText.Plain("[" + CopyIntoForms.Plus(Operand(node, CopyIntoForms.SourceStart), k) + "] += "),
                AdjointText.Of(node.Id), AdjointText.Plain("[" + CopyIntoForms.Plus(to, k) + "]")),
                new EquatableArray<int>(new[] { source })));
        }
        var (before, after) = Views.Around(CopyIntoForms.DestinationIsArray(node) ? "AsSpan" : "Slice", to + ", " + n);
        EmitLinear(new Invoke(AdjointText.Concat(AdjointText.Plain(before), AdjointText.Of(node.Id), AdjointText.Plain(after + ".Clear()")),
            new EquatableArray<int>(new[] { node.Id })));
    }

    /// <summary>
    /// A reverse-sweep step of a copy, fill or reversal, which moves or clears adjoints linearly: in the forward-over-reverse
    /// product (hess23) it is followed by the same step over the adjoints' tangents, and neither is a call (the walk keeps them).
    /// </summary>
    private void EmitLinear(Invoke step)
    {
        if (_policy != SweepPolicy.HessianVector)
        {
            Emit(step);
            return;
        }
        // A read-only array parameter's adjoint is the gradient, which MHessianVector does not form (as WithTangent drops its
        // contributions): only the step over its adjoint's tangents is written there; MBackwardTangent forms both.
        if (_seeded || !step.Writes.All(w => _nodes[w].Gate == GateKind.Parameter && _nodes[w].Type != ScalarType.Array))
        {
            _componentCopies.Add(step);
            Emit(step);
        }
        int offset = 2 * _nodes.Length;
        var twin = new Invoke(new AdjointText(step.Call.Text, new EquatableArray<int>(step.Call.Refs.Select(r => offset + r).ToArray())),
            new EquatableArray<int>(step.Writes.Select(w => offset + w).ToArray()));
        _componentCopies.Add(twin);
        Emit(twin);
    }

    /// <summary>A forward-sweep tangent step of a copy, fill or reversal: in the product (hess23) not a call either.</summary>
    private void EmitTangent(Invoke step)
    {
        if (_policy == SweepPolicy.HessianVector) _componentCopies.Add(step);
        Emit(step);
    }
}
