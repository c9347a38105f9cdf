using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Local arrays created inside loops (their node's text names a stack, see <c>Lowering/ArrayCreation</c>), snapshots
/// of local arrays passed to callees (<see cref="GateKind.CopyArray"/>) and slices passed as spans (<see cref="GateKind.View"/>).
/// An array created in a loop is fresh every iteration: its adjoint array is created where the reverse sweep enters
/// the block that created it, and when the reverse sweep passes the array itself to a callee's derivative, the forward
/// sweep pushes each iteration's array on its stack and the reverse sweep pops it back at the same place.
/// </summary>
internal sealed partial class Differentiator
{
    private HashSet<int>? _keptArrays;

    /// <summary>Creations (in loops) of the arrays the reverse sweep reads as whole arrays (call arguments).</summary>
    private HashSet<int> KeptArrays()
    {
        if (_keptArrays is not null) return _keptArrays;
        _keptArrays = new HashSet<int>();
        // The product keeps, per iteration, the copy of an array a writing call is passed in a loop (and its tangents, hess13).
        if (_policy == SweepPolicy.HessianVector)
        {
            // And (hess25) the values a local array had before a sort in a loop, from which its permutation is found again: on a
            // stack of copies, not the array tape, whose local is the array itself (sorted before the tangents are permuted).
            foreach (var node in _nodes.Where(n => n.Text.Length > 0 && _activity.IsUseful(n.Id) && ProductSnapshot(n))) _keptArrays.Add(node.Id);
            return _keptArrays;
        }
        if (_policy is not (SweepPolicy.Backward or SweepPolicy.Trace)) return _keptArrays;
        // A list created in a loop grows there: only the list itself knows how long its adjoint must be.
        foreach (var node in _nodes.Where(n => ListTypes.IsList(n.TypeName) && LoopArrayWithAdjoint(n))) _keptArrays.Add(node.Id);
        if (_policy != SweepPolicy.Backward) return _keptArrays;
        foreach (int id in Needed())
        {
            if (_nodes[id].Type != ScalarType.Array || Creation(id) is not { } creation) continue;
            if (_nodes[creation].Text.Length > 0) _keptArrays.Add(creation);
        }
        return _keptArrays;
    }

    /// <summary>A list some store cuts (RemoveAt, Clear): its adjoint is as long as its capacity (<see cref="ListTypes.Length"/>).</summary>
    private bool CutList(Node list) =>
        ListTypes.IsList(list.TypeName) && _nodes.Any(n => ListTypes.IsTruncation(n) && n.AdjointName == list.AdjointName);

    /// <summary>The node that created the array a version belongs to, or null for a parameter.</summary>
    private int? Creation(int id)
    {
        for (int guard = 0; guard < _nodes.Length; guard++)
        {
            var node = _nodes[id];
            switch (node.Gate)
            {
                case GateKind.NewArray or GateKind.CopyArray or GateKind.SpareArray:
                    return id;
                case GateKind.Store or GateKind.NewRow or GateKind.CopyInto or GateKind.Phi or GateKind.View when node.Inputs.Length > 0:
                    id = node.Inputs[0];
                    break;
                case GateKind.CallOutput when node.Type == ScalarType.Array:
                    // What a call left in an array: input 1 is the version it was passed.
                    id = node.Inputs[1];
                    break;
                default:
                    return null;
            }
        }
        return null;
    }

    /// <summary>An array created in a loop whose adjoint is used: some version of it carries a gradient.</summary>
    private bool LoopArrayWithAdjoint(Node node) =>
        node.Gate == GateKind.NewArray && node.Text.Length > 0 &&
        _nodes.Any(n => n.Type == ScalarType.Array && n.AdjointName == node.AdjointName && _activity.IsActive(n.Id));

    /// <summary>
    /// Before the forward sweep: one stack per kept array, or for a copy or spare array taken in a loop its site's
    /// <c>ArrayTape</c> from the workspace (<see cref="OnArrayTape"/>).
    /// </summary>
    private void DeclareArrayStacks()
    {
        int site = 0;
        foreach (int id in KeptArrays().OrderBy(i => i))
        {
            var node = _nodes[id];
            if (OnArrayTape(node))
            {
                Emit(new NewArrayTape(ElementIndex.ElementTypeName(node.TypeName), node.Text, site++));
                if (KeepsTangents(node)) Emit(new NewArrayTape(ElementIndex.ElementTypeName(node.TypeName), TangentTape(node), site++));
                continue;
            }
            string type = "global::System.Collections.Generic.Stack<" + node.TypeName + ">";
            Emit(new NewLocal(type, node.Text, "new " + type + "()"));
        }
        foreach (var node in _nodes.Where(n => n.Gate == GateKind.SpareArray && _activity.IsUseful(n.Id) && !OnArrayTape(n)))
            Emit(new NewLocal(node.TypeName, Derivatives.LocalGradients.SpareLocal(node), "global::System.Array.Empty<" + ElementIndex.ElementTypeName(node.TypeName) + ">()"));
    }

    /// <summary>
    /// A copy (or spare array) of a one-dimensional array taken for a call in a loop, which the reverse sweep passes to the
    /// callee's Backward: its site keeps each iteration's contents (a spare's length only) on an <c>ArrayTape</c>, not a
    /// fresh array per iteration on a stack. The forward call reads the array itself: a copy is passed only where the
    /// callee reads the array, and a spare only to the Backward. The reverse sweep pops into one array per site.
    /// </summary>
    private bool OnArrayTape(Node node) =>
        (_policy == SweepPolicy.Backward || _policy == SweepPolicy.HessianVector && CurvatureWrites.Snapshot(_graph, node)) && node.Gate is GateKind.CopyArray or GateKind.SpareArray && node.Text.Length > 0
        && node.TypeName.IndexOf('[') == node.TypeName.Length - 2 && node.TypeName.EndsWith("[]", System.StringComparison.Ordinal)
        && KeptArrays().Contains(node.Id);

    /// <summary>In the forward sweep, a copy or spare array on its site's tape (<see cref="OnArrayTape"/>): the array's contents (a spare's length) pushed.</summary>
    private void SaveToArrayTape(Node node)
    {
        string source = Operand(node, 0);
        if (node.Gate == GateKind.SpareArray)
        {
            Emit(new SaveArray(node.Text, source, "PushLength"));
            return;
        }
        if (_hoisted[node.Id]) Emit(new SetLocal(node.Name, source));
        else Emit(new NewLocal(node.TypeName, node.Name, source));
        Emit(new SaveArray(node.Text, node.Name));
        // The product's copy for a writing call in a loop (hess13): the array's tangents as the call is passed them, too.
        if (KeepsTangents(node)) Emit(new SaveArray(TangentTape(node), _adjoint[T(node.Inputs[0])]));
    }

    /// <summary>
    /// The product keeps the tangents of the copy <paramref name="copy"/> too: its array carries a gradient. (An array that
    /// carries none, or whose gradient the result does not read, has no tangents to keep: hess18 found such a copy's tape
    /// pushing an undeclared tangent array, CS0103, once slices of it were followed.)
    /// </summary>
    private bool KeepsTangents(Node copy) => _policy == SweepPolicy.HessianVector && HasTangent(copy.Inputs[0]) && !CopyIntoForms.IsSortSnapshot(_graph, copy);

    /// <summary>A copy the product keeps: for a call it differentiates (hess12), or the values before a sort (hess25).</summary>
    private bool ProductSnapshot(Node node) => CurvatureWrites.Snapshot(_graph, node) || CopyIntoForms.IsSortSnapshot(_graph, node);

    /// <summary>The tape of the tangents of a copy kept for a writing call in a loop of the product (hess13): beside its values' tape.</summary>
    private string TangentTape(Node node) => _adjoint[T(node.Id)] + "Arrays";

    /// <summary>After an array is created in a loop: keep it if the reverse sweep passes it to a derivative.</summary>
    private void KeepArray(Node node)
    {
        if (KeptArrays().Contains(node.Id)) Emit(new SaveArray(node.Text, node.Name));
    }

    /// <summary>Where the reverse sweep enters a block: its loop arrays back from their stacks, and their adjoints, zeroed.</summary>
    private void OpenArrays(Block block)
    {
        foreach (var item in block.Items)
        {
            if (item is not NodeItem { Node: var id }) continue;
            var node = _nodes[id];
            if (KeptArrays().Contains(id))
            {
                Emit(new NewLocal(node.TypeName, node.Name, node.Text + (OnArrayTape(node) && node.Gate == GateKind.SpareArray ? ".PopSpare()" : ".Pop()")));
                // The product's copy for a writing call (hess13): its tangents as the call was passed them, in its tape's own array.
                if (KeepsTangents(node)) Emit(new NewLocal(node.TypeName, _adjoint[T(id)], TangentTape(node) + ".Pop()"));
                // Its versions under other names (a loop's phi) are the same array.
                foreach (var alias in _nodes.Where(n => n.Type == ScalarType.Array && n.Gate != GateKind.View && n.Name != node.Name && Needed().Contains(n.Id) && Creation(n.Id) == id)
                             .Select(n => n.Name).Distinct())
                {
                    Emit(new NewLocal(node.TypeName, alias, node.Name));
                    foreach (var n in _nodes.Where(n => n.Name == alias)) _restored?.Add(n.Id);
                }
            }
            if (!LoopArrayWithAdjoint(node)) continue;
            // A double[,] made in a loop: both lengths, from its sizes (or the kept array itself).
            string length = node.Inputs.Length > 1
                ? string.Join(ElementIndex.Rectangular, Enumerable.Range(0, node.Inputs.Length).Select(k => KeptArrays().Contains(id) ? node.Name + ".GetLength(" + k + ")" : Operand(node, k)))
                : KeptArrays().Contains(id) ? node.Name + ListTypes.Length(node.TypeName, CutList(node)) : Operands.Name(_nodes, LoopArraySize(node));
            Emit(new NewAdjointArray(id, length));
        }
    }

    /// <summary>The adjoint (or tangent) a collection argument passes: its own, or for a slice the same slice of its array's.</summary>
    private AdjointText CollectionAdjoint(Node input)
    {
        if (input.Gate != GateKind.View) return AdjointText.Of(input.Id);
        string arguments = Operand(input, 1) + (input.Inputs.Length > 2 ? ", " + Operand(input, 2) : "");
        // An array parameter's tangent is a span: its slice is the span's Slice (ForwardArrayCallTests.ASliceOfAWrittenArrayParameter…).
        bool spanTangent = _policy == SweepPolicy.Tangent && input.Text == "AsSpan" && _spanTangents.Contains(_adjoint[T(input.Inputs[0])]);
        var (before, after) = Views.Around(spanTangent ? "Slice" : input.Text, arguments);
        return AdjointText.Concat(AdjointText.Plain(before), AdjointText.Of(input.Inputs[0]), AdjointText.Plain(after));
    }

    /// <summary>Sizes of arrays created in loops with adjoints: the reverse sweep creates each adjoint array with it.</summary>
    private void AddLoopArraySizes()
    {
        foreach (var node in _nodes)
        {
            if (!LoopArrayWithAdjoint(node)) continue;
            if (node.Inputs.Length == 1) AddNeeded(LoopArraySize(node));
            else foreach (int size in node.Inputs) AddNeeded(size);
        }
    }

    /// <summary>
    /// The size a loop array's adjoint is made with in the reverse sweep: its own size, except in the product, which keeps
    /// no loop array (<see cref="KeptArrays"/>), where a size that is another array's <c>.Length</c> (<c>new double[s.Length]</c>,
    /// also a helper's <c>new double[scores.Length]</c> inlined) is followed back to the size that array was made with: the
    /// reverse sweep has no copy of that array to read (natural22: CS0841, the array used before its late declaration).
    /// </summary>
    private int LoopArraySize(Node node)
    {
        int size = node.Inputs[0];
        if (_policy != SweepPolicy.HessianVector) return size;
        for (int guard = 0; guard < _nodes.Length; guard++)
        {
            var length = _nodes[size];
            if (length.Gate != GateKind.Constant || length.Inputs.Length != 1) return size;
            var array = _nodes[length.Inputs[0]];
            if (array.Type != ScalarType.Array || length.Name != array.Name + ".Length" || SoleCreation(array.Id) is not { } made) return size;
            var creation = _nodes[made];
            if (creation.Gate != GateKind.NewArray || creation.Inputs.Length != 1 || ListTypes.IsList(creation.TypeName)) return size;
            size = creation.Inputs[0];
        }
        return size;
    }

    /// <summary>The creation of an array version when every version merged on the way (a loop's or a branch's phi) has that one.</summary>
    private int? SoleCreation(int id) =>
        Creation(id) is { } made && _nodes.Where(n => n.Gate == GateKind.Phi && n.Type == ScalarType.Array && Creation(n.Id) == made).All(p => p.Inputs.All(i => Creation(i) == made))
            ? made : null;
}
