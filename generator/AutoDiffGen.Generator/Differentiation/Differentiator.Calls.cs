using System;
using System.Collections.Generic;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// A call in the reverse sweep: the callee's derivative, with this node's adjoint as the upstream gradient and the
/// arguments' adjoints to add into.
/// </summary>
internal sealed partial class Differentiator
{
    private void ReverseCall(Node node, CallInfo call)
    {
        int arity = call.Passing.Length;
        var lines = new List<Step>();
        var adjoints = new List<AdjointText>();
        var writes = new List<int>();
        for (int i = 0; i < arity; i++)
        {
            var passing = call.Passing[i];
            if (passing == AdjointPassing.None) continue;
            var input = _nodes[node.Inputs[i]];
            bool active = _activity.IsActive(input.Id);
            if (passing is AdjointPassing.Ref or AdjointPassing.Struct)
            {
                if (active)
                {
                    DeclareForCall(lines, input);
                    adjoints.Add(AdjointText.Concat(AdjointText.Plain("ref "), AdjointText.Of(input.Id)));
                    writes.Add(input.Id);
                }
                else
                {
                    // A constant argument's adjoint is computed by the callee and dropped here.
                    lines.Add(new NewLocal(input.TypeName, call.Scratch[i], Zero(input).Text[0]));
                    adjoints.Add(AdjointText.Plain("ref " + call.Scratch[i]));
                }
            }
            else if (passing == AdjointPassing.Collection)
            {
                // An active argument is a parameter or a local array: its adjoint array exists already.
                // Otherwise a zeroed scratch array of the argument's length takes what the callee adds.
                string scratch = call.Scratch[i];
                if (active) writes.Add(input.Id);
                adjoints.Add(active ? AdjointText.Of(input.Id)
                    : AdjointText.Plain(scratch.EndsWith("[]", StringComparison.Ordinal)
                        ? "global::AutoDiffGen.Internals.TapeWorkspace.Scratch<" + scratch.Substring(0, scratch.Length - 2) + ">(" + Operand(node, i) + ")"
                        : "global::AutoDiffGen.Internals.TapeWorkspace.Scratch<" + scratch + ">(" + Operand(node, i) + ".Length)"));
            }
            else if (active)
            {
                DeclareForCall(lines, input);
                adjoints.Add(AdjointText.Of(input.Id));
                writes.Add(input.Id);
            }
            else
            {
                // A pullback skips work for null; a generated Backward wants somewhere to add.
                adjoints.Add(AdjointText.Plain(call.Form == DerivativeForm.Pullback ? "null" : Operand(node, i) + ".ZeroAdjoint()"));
            }
        }

        var args = new List<AdjointText>();
        for (int i = 0; i < arity; i++) args.Add(AdjointText.Plain(Operand(node, i)));
        if (call.Form == DerivativeForm.Pullback)
        {
            args.Add(AdjointText.Plain(node.Name));
            args.Add(AdjointText.Of(node.Id));
            args.AddRange(adjoints);
        }
        else
        {
            args.AddRange(adjoints);
            args.Add(AdjointText.Of(node.Id));
        }
        var text = new List<AdjointText> { AdjointText.Plain(call.Derivative + "(") };
        for (int i = 0; i < args.Count; i++)
        {
            if (i > 0) text.Add(AdjointText.Plain(", "));
            text.Add(args[i]);
        }
        text.Add(AdjointText.Plain(")"));

        string comment = node.Name + ": " + call.Callee + (call.Form == DerivativeForm.Pullback ? " gate: its pullback, reusing the output" : " gate: its Backward, upstream = ");
        Emit(new Comment(call.Form == DerivativeForm.Pullback ? AdjointText.Plain(comment) : AdjointText.Concat(AdjointText.Plain(comment), AdjointText.Of(node.Id))));
        foreach (var line in lines) Emit(line);
        Emit(new Invoke(AdjointText.Concat(text.ToArray()), new EquatableArray<int>(writes)));
    }

    /// <summary>
    /// A struct packed for a call: each component receives its member of the struct's adjoint. A member of a struct
    /// a call returned: its adjoint is added into that member of the call's adjoint (a struct, zero until then).
    /// </summary>
    private void ReverseStructGate(Node node)
    {
        if (node.Gate == GateKind.Pack)
        {
            var lines = new List<Step>();
            var paths = StructPacks.Paths(node.Text);
            for (int k = 0; k < node.Inputs.Length; k++)
            {
                if (_activity.IsActive(node.Inputs[k])) Contribute(node.Inputs[k], AdjointText.Concat(AdjointText.Of(node.Id), AdjointText.Plain("." + paths[k])), false, lines, node.Id, k);
            }
            if (lines.Count == 0) return;
            Emit(new Comment("a struct argument: each member's adjoint to its component"));
            foreach (var line in lines) Emit(line);
            return;
        }
        int call = node.Inputs[0];
        if (!_activity.IsActive(call)) return;
        Emit(new Comment(node.Name + ": member " + node.Text + " of " + _nodes[call].Name + ": into that member of its adjoint"));
        var declare = new List<Step>();
        DeclareForCall(declare, _nodes[call]);
        foreach (var line in declare) Emit(line);
        Emit(new Invoke(AdjointText.Concat(AdjointText.Of(call), AdjointText.Plain("." + node.Text + " += "), AdjointText.Of(node.Id)), new EquatableArray<int>(new[] { call })));
    }

    /// <summary>An adjoint starts at zero the first time something is added into it.</summary>
    private void DeclareForCall(List<Step> lines, Node input)
    {
        if (_declared[input.Id]) return;
        _declared[input.Id] = true;
        lines.Add(new Contribute(input.Id, null, Zero(input), Accumulation.Declare));
    }
}
