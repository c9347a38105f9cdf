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
        return call.Target + "(" + string.Join(", ", args) + ")";
    }
}
