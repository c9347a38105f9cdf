using System.Collections.Generic;
using System.Globalization;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Hessian mode: the forward mode's walk (branches, loops, phis; no tape) under <see cref="SweepPolicy.Hessian"/>.
/// Every value that carries a derivative has a slot in a <c>HessianWorkspace</c> holding its gradient and Hessian
/// over the n differentiable scalars; after each computed value comes one kernel call that updates its slot from its
/// inputs' slots and the gate's first and second partials (<see cref="SecondDerivatives"/>). Slots are named by the
/// forward mode's tangent names, so a phi shares or copies exactly where a tangent would.
/// </summary>
internal sealed partial class Differentiator
{
    private Dictionary<string, int>? _slots;
    private EquatableArray<string> _indices;
    private string _work = "";

    /// <summary>The body of <c>MHessian</c> between entering the workspace and leaving it.</summary>
    /// <param name="graph">The primal graph (Hessian mode's analysis has ruled out what this walk does not handle).</param>
    /// <param name="activity">Which nodes are computed (useful) and which carry derivatives (active).</param>
    /// <param name="tangents">The forward mode's tangent names: nodes with one name share one slot.</param>
    /// <param name="indices">
    /// Per node: for a differentiable scalar parameter, its position among the differentiable scalars; for an array or
    /// span parameter, the position of its first element (C# expressions); else "".
    /// </param>
    /// <param name="work">The workspace local.</param>
    /// <param name="output">The output parameter the result's slot is written into (<c>hessian</c>, or <c>hessianVector</c> for
    /// the Hessian–vector product, whose workspace has kernels of the same names).</param>
    /// <param name="slots">How many slots the program uses.</param>
    public static AdjointProgram Hessian(ComputationGraph graph, Activity activity, EquatableArray<string> tangents, EquatableArray<string> indices, string work, string output, out int slots)
    {
        var d = new Differentiator(graph, activity, SweepPolicy.Hessian) { _indices = indices, _work = work, _slots = new Dictionary<string, int>() };
        for (int i = 0; i < tangents.Length; i++) d._adjoint[i] = tangents[i];
        d.Emit(new Comment("each differentiable scalar: a unit gradient, a zero Hessian"));
        foreach (var node in graph.Nodes)
        {
            if (node.Gate == GateKind.Parameter && activity.IsActive(node.Id) && node.Type is ScalarType.Double or ScalarType.Float)
            {
                d.Emit(new SecondOrder(work + ".Seed(" + d.Slot(node.Id) + ", " + indices[node.Id] + ")"));
            }
        }
        d.Emit(Blank.Instance);
        d.Emit(new Comment("forward sweep: each value, then its gradient and Hessian"));
        d.Forward(graph.Body);
        var result = graph.Nodes[graph.Result];
        d.Emit(Blank.Instance);
        d.Emit(new SecondOrder(activity.IsActive(result.Id) ? work + ".Write(" + d.Slot(result.Id) + ", " + output + ")" : output + ".Clear()"));
        d.Emit(new Return(result.Name));
        slots = d._slots.Count;
        return d.Program();
    }

    /// <summary>The slot of a node that carries derivatives: one per tangent name, numbered in order of first use.</summary>
    private string Slot(int id)
    {
        string name = _adjoint[id];
        if (!_slots!.TryGetValue(name, out int slot))
        {
            slot = _slots.Count;
            _slots.Add(name, slot);
        }
        return slot.ToString(CultureInfo.InvariantCulture);
    }

    private void ComputeWithSecondOrder(Node node)
    {
        Emit(new Compute(node.Id, !_hoisted[node.Id]));
        if (!_activity.IsActive(node.Id)) return;
        string z = Slot(node.Id);
        switch (node.Gate)
        {
            case GateKind.Copy or GateKind.Convert:
                Emit(new SecondOrder(_work + ".Copy(" + z + ", " + Slot(node.Inputs[0]) + ")"));
                return;
            case GateKind.Element:
                // An element of an array or span parameter (the analysis allows no other active array).
                string offset = _indices[node.Inputs[0]];
                string index = Operand(node, 1);
                Emit(new SecondOrder(_work + ".Seed(" + z + ", " + (offset == "0" ? index : offset + " + " + index) + ")"));
                return;
        }
        var partials = SecondDerivatives.Of(node, i => Operand(node, i), node.Name);
        var positions = new List<int>();
        for (int i = 0; i < node.Inputs.Length; i++)
        {
            if (_activity.IsActive(node.Inputs[i]) && partials.First[i] is not null) positions.Add(i);
        }
        string First(int i) => partials.First[i]!;
        string Second(int i, int j) => partials.Second[i, j] ?? "0";
        string In(int i) => Slot(node.Inputs[i]);
        string text = positions.Count switch
        {
            0 => _work + ".Clear(" + z + ")",
            1 => _work + ".Unary(" + z + ", " + In(positions[0]) + ", " + First(positions[0]) + ", " + Second(positions[0], positions[0]) + ")",
            2 => _work + ".Binary(" + z + ", " + In(positions[0]) + ", " + In(positions[1]) + ", " + First(positions[0]) + ", " + First(positions[1]) + ", "
                 + Second(positions[0], positions[0]) + ", " + Second(positions[0], positions[1]) + ", " + Second(positions[1], positions[1]) + ")",
            // Three (FusedMultiplyAdd, Lerp, Clamp with every input varied): every first and second partial.
            _ => _work + ".Ternary(" + z + ", " + In(0) + ", " + In(1) + ", " + In(2) + ", " + First(0) + ", " + First(1) + ", " + First(2) + ", "
                 + Second(0, 0) + ", " + Second(0, 1) + ", " + Second(0, 2) + ", " + Second(1, 1) + ", " + Second(1, 2) + ", " + Second(2, 2) + ")",
        };
        Emit(new SecondOrder(text));
    }

    /// <summary>A phi takes its input's slot (copied, or cleared when the input carries nothing).</summary>
    private void PhiSecondOrder(Node phi, int input)
    {
        if (!_activity.IsActive(phi.Id)) return;
        int source = phi.Inputs[input];
        if (_activity.IsActive(source) && _adjoint[source] == _adjoint[phi.Id]) return;
        Emit(new SecondOrder(_activity.IsActive(source)
            ? _work + ".Copy(" + Slot(phi.Id) + ", " + Slot(source) + ")"
            : _work + ".Clear(" + Slot(phi.Id) + ")"));
    }
}
