using System;
using System.Collections.Generic;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Emit;

/// <summary>
/// Calls in both sweeps. Forward: the call itself. Reverse: the callee's derivative, with this
/// node's adjoint as the upstream gradient and the arguments' adjoints to add into.
/// </summary>
internal static class CallEmitter
{
    public static string Forward(Node node, CallInfo call, Func<int, string> operand)
    {
        int arity = call.Passing.Length;
        if (call.Operator is { } token)
        {
            return arity == 1 ? token + operand(0) : operand(0) + " " + token + " " + operand(1);
        }
        var args = new List<string>();
        for (int i = 0; i < arity; i++) args.Add(operand(i));
        return call.Target + "(" + string.Join(", ", args) + ")";
    }

    public static void Reverse(IndentedWriter w, Node node, CallInfo call, EquatableArray<Node> nodes, Activity activity, string[] adjoint, bool[] declared, Func<int, string> operand)
    {
        int arity = call.Passing.Length;
        var lines = new List<string>();
        var adjoints = new List<string>();
        for (int i = 0; i < arity; i++)
        {
            var passing = call.Passing[i];
            if (passing == AdjointPassing.None) continue;
            var input = nodes[node.Inputs[i]];
            bool active = activity.IsActive(input.Id);
            if (passing == AdjointPassing.Ref)
            {
                if (active)
                {
                    Declare(lines, input, adjoint, declared);
                    adjoints.Add("ref " + adjoint[input.Id]);
                }
                else
                {
                    // A constant argument's adjoint is computed by the callee and dropped here.
                    lines.Add(input.TypeName + " " + call.Scratch[i] + " = " + ScalarLiterals.Zero(input.Type) + ";");
                    adjoints.Add("ref " + call.Scratch[i]);
                }
            }
            else if (passing == AdjointPassing.Collection)
            {
                // An active argument is a parameter or a local array: its adjoint array exists already.
                // Otherwise a zeroed scratch array of the argument's length takes what the callee adds.
                string scratch = call.Scratch[i];
                adjoints.Add(active ? adjoint[input.Id]
                    : scratch.EndsWith("[]", StringComparison.Ordinal)
                        ? "global::AutoDiffGen.Internals.TapeWorkspace.Scratch<" + scratch.Substring(0, scratch.Length - 2) + ">(" + operand(i) + ")"
                        : "global::AutoDiffGen.Internals.TapeWorkspace.Scratch<" + scratch + ">(" + operand(i) + ".Length)");
            }
            else if (active)
            {
                Declare(lines, input, adjoint, declared);
                adjoints.Add(adjoint[input.Id]);
            }
            else
            {
                // A pullback skips work for null; a generated Backward wants somewhere to add.
                adjoints.Add(call.Form == DerivativeForm.Pullback ? "null" : operand(i) + ".ZeroAdjoint()");
            }
        }

        var args = new List<string>();
        for (int i = 0; i < arity; i++) args.Add(operand(i));
        if (call.Form == DerivativeForm.Pullback)
        {
            args.Add(node.Name);
            args.Add(adjoint[node.Id]);
            args.AddRange(adjoints);
        }
        else
        {
            args.AddRange(adjoints);
            args.Add(adjoint[node.Id]);
        }

        w.Line("// " + node.Name + ": " + call.Callee + (call.Form == DerivativeForm.Pullback ? " gate: its pullback, reusing the output" : " gate: its Backward, upstream = " + adjoint[node.Id]));
        foreach (var line in lines) w.Line(line);
        w.Line(call.Derivative + "(" + string.Join(", ", args) + ");");
    }

    /// <summary>An adjoint starts at zero the first time something is added into it.</summary>
    private static void Declare(List<string> lines, Node input, string[] adjoint, bool[] declared)
    {
        if (declared[input.Id]) return;
        declared[input.Id] = true;
        string zero = input.Type == ScalarType.Adjointable ? input.Name + ".ZeroAdjoint()" : ScalarLiterals.Zero(input.Type);
        lines.Add(Declarations.Declared(input) + " " + adjoint[input.Id] + " = " + zero + ";");
    }
}
