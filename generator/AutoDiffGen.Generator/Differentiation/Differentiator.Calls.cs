using System;
using System.Collections.Generic;
using System.Linq;
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
        var after = new List<(int Input, string Temp)>();
        for (int i = 0; i < arity; i++)
        {
            var passing = call.Passing[i];
            if (passing == AdjointPassing.None) continue;
            var input = _nodes[node.Inputs[i]];
            bool active = _activity.IsActive(input.Id);
            if (passing is AdjointPassing.InOut or AdjointPassing.Out)
            {
                adjoints.Add(InOutAdjoint(node, call, i, input, lines, after));
                continue;
            }
            if (passing == AdjointPassing.Object)
            {
                adjoints.Add(ObjectAdjoint(call, i, input, lines, after, writes));
                continue;
            }
            if (passing is AdjointPassing.Ref or AdjointPassing.Struct)
            {
                if (active && input.AdjointIsProperty)
                {
                    // A property (dP.X of a record struct) is not a variable: the callee adds into a zeroed local, added in after.
                    lines.Add(new NewLocal(input.TypeName, call.Scratch[i], Zero(input).Text[0]));
                    adjoints.Add(AdjointText.Plain("ref " + call.Scratch[i]));
                    after.Add((input.Id, call.Scratch[i]));
                }
                else if (active)
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
                // An array the call writes into: its adjoint array is in/out, seeded with the adjoint of what the call left.
                int left = call.HasOutputs && call.Outputs[i].Length > 0 ? CallOutput(node.Id, i) : -1;
                if (left >= 0 && _activity.IsActive(left))
                {
                    writes.Add(left);
                    adjoints.Add(AdjointText.Of(left));
                    continue;
                }
                if (active) writes.Add(input.Gate == GateKind.View ? input.Inputs[0] : input.Id);
                // An array it writes has an in/out adjoint, read by the callee as a seed: that one must be zeroed; so must
                // any adjoint a [DerivativeOf] method is given (it promises to add, but it is not ours to read).
                bool addOnly = !(call.HasOutputs && call.Outputs[i].Length > 0) && call.DerivativeKey.Length == 0;
                adjoints.Add(active ? CollectionAdjoint(input)
                    : AdjointText.Plain(addOnly ? ScratchKinds.AddOnlyText(scratch, Operand(node, i)) : ScratchKinds.Text(scratch, Operand(node, i))));
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
        for (int i = 0; i < arity; i++) args.Add(AdjointText.Plain(ValueArgument(node, call, i)));
        if (call.Form == DerivativeForm.Pullback)
        {
            args.Add(AdjointText.Plain(node.Name));
            args.Add(AdjointText.Of(node.Id));
            args.AddRange(adjoints);
        }
        else
        {
            args.AddRange(adjoints);
            if (call.StructReceiver) args.Add(ReceiverAdjoint(node, call, lines, writes));
            else if (call.ThisAdjoint.Length > 0) args.Add(AdjointText.Plain(call.ThisAdjoint));
            // A void callee's Backward has no seed of a result: its outputs are its seeds. A result nothing reads
            // (the call was made for its out values) has no adjoint: its seed is zero.
            if (node.TypeName != "void") args.Add(_declared[node.Id] ? AdjointText.Of(node.Id) : AdjointText.Plain(ScalarLiterals.Zero(node.Type)));
        }
        var text = new List<AdjointText> { AdjointText.Plain(call.DerivativeOn(i => Operand(node, i)) + "(") };
        for (int i = 0; i < args.Count; i++)
        {
            if (i > 0) text.Add(AdjointText.Plain(", "));
            text.Add(args[i]);
        }
        text.Add(AdjointText.Plain(")"));

        string comment = node.Name + ": " + call.Callee + (call.Form == DerivativeForm.Pullback ? " gate: its pullback, reusing the output" : " gate: its Backward, upstream = ");
        bool arrays = call.HasOutputs && Enumerable.Range(0, arity).Any(i => call.Passing[i] == AdjointPassing.Collection && call.Outputs[i].Length > 0);
        bool refs = call.Passing.Any(p => p is AdjointPassing.InOut or AdjointPassing.Out);
        string seeds = arrays && refs ? "its ref/out arguments and the arrays it writes" : arrays ? "the arrays it writes (copies of them as they were passed)" : "its ref/out arguments";
        if (node.TypeName == "void" || !_declared[node.Id]) Emit(new Comment(call.Callee + " call: its Backward, seeded by the adjoints of what it left in " + seeds));
        else Emit(new Comment(call.Form == DerivativeForm.Pullback ? AdjointText.Plain(comment) : AdjointText.Concat(AdjointText.Plain(comment), AdjointText.Of(node.Id))));
        foreach (var line in lines) Emit(line);
        Emit(new Invoke(AdjointText.Concat(text.ToArray()), new EquatableArray<int>(writes)));
        // What the callee left in each in/out adjoint is the adjoint of the value the argument was passed.
        foreach (var (target, temp) in after) Contribute(target, AdjointText.Plain(temp), subtract: false, _out, -1, -1);
    }

    /// <summary>
    /// The <c>ref dThis</c> of a call on a struct value (<see cref="CallInfo.StructReceiver"/>): the receiver's packed adjoint,
    /// which <see cref="ReverseStructGate"/> hands to its components; a scratch when the receiver is constant.
    /// </summary>
    private AdjointText ReceiverAdjoint(Node node, CallInfo call, List<Step> lines, List<int> writes)
    {
        var receiver = _nodes[node.Inputs[call.Passing.Length]];
        if (_activity.IsActive(receiver.Id))
        {
            DeclareForCall(lines, receiver);
            writes.Add(receiver.Id);
            return AdjointText.Concat(AdjointText.Plain("ref "), AdjointText.Of(receiver.Id));
        }
        lines.Add(new NewLocal(receiver.TypeName, call.ThisAdjoint, Zero(receiver).Text[0]));
        return AdjointText.Plain("ref " + call.ThisAdjoint);
    }

    /// <summary>
    /// The adjoint of a class input passed on (<see cref="ObjectArgument"/>): the caller's own <c>ref dM</c> for a class added
    /// into in place; for a record the caller sums in locals, a zeroed copy whose members go to those locals after the call.
    /// </summary>
    private AdjointText ObjectAdjoint(CallInfo call, int i, Node input, List<Step> lines, List<(int Input, string Temp)> after, List<int> writes)
    {
        var o = call.ObjectAt(i)!;
        if (o.Scratch.Length == 0)
        {
            // The callee adds into dM.W itself: the components' adjoints are written by the call.
            foreach (int c in o.Components) if (_activity.IsActive(c)) writes.Add(c);
            return AdjointText.Plain("ref " + o.Adjoint);
        }
        lines.Add(new NewLocal(input.TypeName, o.Scratch, o.Zero));
        for (int k = 0; k < o.Components.Length; k++)
        {
            if (_activity.IsActive(o.Components[k])) after.Add((o.Components[k], o.Scratch + "." + o.Paths[k]));
        }
        return AdjointText.Plain("ref " + o.Scratch);
    }

    /// <summary>
    /// The value argument: a ref argument passes a copy of the value it was passed (the callee's Backward writes the
    /// new value into it, which the reverse sweep does not need), an out argument a discard.
    /// </summary>
    private string ValueArgument(Node node, CallInfo call, int i) => call.Passing[i] switch
    {
        AdjointPassing.InOut => "ref " + call.Temps[i].Split(' ')[0],
        AdjointPassing.Out => "out _",
        _ => Operand(node, i),
    };

    /// <summary>
    /// The adjoint argument for a ref or out parameter. Out: the adjoint of the value the call left, by value (zero when
    /// nothing uses it). Ref: a local that starts as that adjoint and that the callee turns into the adjoint of the value
    /// passed, added into the argument's adjoint after the call (<paramref name="after"/>).
    /// </summary>
    private AdjointText InOutAdjoint(Node node, CallInfo call, int i, Node input, List<Step> lines, List<(int Input, string Temp)> after)
    {
        int output = CallOutput(node.Id, i);
        var seed = output >= 0 && _activity.IsActive(output) ? AdjointText.Of(output) : AdjointText.Plain(ScalarLiterals.Zero(input.Type));
        if (call.Passing[i] == AdjointPassing.Out) return seed;
        var temps = call.Temps[i].Split(' ');
        lines.Add(new NewLocal(input.TypeName, temps[0], Operand(node, i)));
        lines.Add(new NewAdjointLocal(input.TypeName, temps[1], seed));
        if (_activity.IsActive(input.Id)) after.Add((input.Id, temps[1]));
        return AdjointText.Plain("ref " + temps[1]);
    }

    /// <summary>The node of the value call <paramref name="call"/> left in its argument <paramref name="parameter"/>, or -1.</summary>
    private int CallOutput(int call, int parameter)
    {
        for (int id = call + 1; id < _nodes.Length; id++)
        {
            if (_nodes[id] is { Gate: GateKind.CallOutput } o && o.Inputs[0] == call && o.Text == parameter.ToString(System.Globalization.CultureInfo.InvariantCulture)) return id;
        }
        return -1;
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
        if (_graph.ConstructionOf(_nodes[call].TypeName) is { } template)
        {
            // A struct whose members cannot be written one by one: rebuilt with this member's adjoint added.
            var pieces = new List<AdjointText> { AdjointText.Of(call), AdjointText.Plain(" = ") };
            var paths = StructPacks.Paths(template);
            foreach (var (literal, k) in StructPacks.Pieces(template))
            {
                pieces.Add(AdjointText.Plain(literal));
                if (k < 0) continue;
                pieces.Add(AdjointText.Of(call));
                pieces.Add(AdjointText.Plain("." + paths[k]));
                if (paths[k] == node.Text) pieces.Add(AdjointText.Concat(AdjointText.Plain(" + ("), AdjointText.Of(node.Id), AdjointText.Plain(")")));
            }
            Emit(new Invoke(AdjointText.Concat(pieces.ToArray()), new EquatableArray<int>(new[] { call })));
            return;
        }
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
