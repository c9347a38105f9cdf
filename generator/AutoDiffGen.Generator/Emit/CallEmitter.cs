using System;
using System.Collections.Generic;
using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Emit;

/// <summary>
/// A call in the forward sweep: the call itself (its reverse is built by Differentiation/Differentiator.Calls).
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
        return call.TargetOn(operand) + "(" + string.Join(", ", args) + ")";
    }

    /// <summary>
    /// A call that leaves values in ref or out arguments or in arrays: each ref argument's new local starts as the value passed
    /// (the callee updates it in place), each out argument's is declared for the callee to set, then the call, which is
    /// passed each array it writes into itself.
    /// Without <paramref name="declare"/> (inside a branch) the locals were declared before it, and are only set.
    /// </summary>
    public static IEnumerable<string> WithOutputs(Node node, CallInfo call, bool declare, Func<int, string> operand, Func<int, string> type)
    {
        var args = new List<string>();
        for (int i = 0; i < call.Passing.Length; i++)
        {
            string output = call.Outputs[i];
            switch (call.Passing[i])
            {
                case AdjointPassing.InOut:
                    yield return (declare ? type(i) + " " : "") + output + " = " + operand(i) + ";";
                    args.Add("ref " + output);
                    break;
                case AdjointPassing.Out:
                    if (declare && output != "_") yield return type(i) + " " + output + ";";
                    args.Add("out " + output);
                    break;
                default:
                    // An array the callee writes into: the array itself (the call's input is the copy the reverse sweep passes).
                    args.Add(output.Length > 0 ? output : operand(i));
                    break;
            }
        }
        string invocation = call.TargetOn(operand) + "(" + string.Join(", ", args) + ");";
        yield return node.TypeName == "void" ? invocation : (declare ? node.TypeName + " " : "") + node.Name + " = " + invocation;
    }
}
