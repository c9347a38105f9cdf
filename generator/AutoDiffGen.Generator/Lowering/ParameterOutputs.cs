using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// What a [Differentiable] method leaves to its caller besides its result (<see cref="GraphOutput"/>): the final
/// values of its <c>ref</c> and <c>out</c> parameters, and its stores into array parameters.
/// </summary>
internal static class ParameterOutputs
{
    /// <summary>The outputs, once the body is lowered.</summary>
    /// <param name="method">The method.</param>
    /// <param name="parameters">Its parameters' models.</param>
    /// <param name="parameterNodes">Per parameter, the node of the value it came in with (-1 for out).</param>
    /// <param name="lowering">The lowered body.</param>
    /// <param name="names">For the locals that keep final values.</param>
    public static EquatableArray<GraphOutput> Of(IMethodSymbol method, IReadOnlyList<ParameterModel> parameters, int[] parameterNodes, LoweringContext lowering, NameAllocator names)
    {
        var outputs = new List<GraphOutput>();
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            var symbol = method.Parameters[i];
            var p = parameters[i];
            if (!ByReferenceParameters.IsOutput(symbol)) continue;
            int final = lowering.OutputKey(symbol) is { } key ? lowering.Current(key) : lowering.Current(symbol);
            // A ref parameter the method never writes leaves as it came: its adjoint only adds, like a by-value one's.
            if (final < 0 || final == parameterNodes[i]) continue;
            string bare = p.Name.TrimStart('@');
            bool intoParameter = lowering.Nodes[final].Gate == GateKind.Parameter && p.AdjointName is not null;
            outputs.Add(new GraphOutput(final, parameterNodes[i], p.AdjointName ?? "", p.Name, names.Fresh(bare + "Final"),
                intoParameter ? names.Fresh("seed" + char.ToUpperInvariant(bare[0]) + bare.Substring(1)) : ""));
        }
        // Every store into an array parameter, every call that writes into it, and every merge of its versions, is left to the caller.
        var nodes = lowering.Nodes;
        foreach (var node in nodes)
        {
            if (node.Type != ScalarType.Array || node.Gate is not (GateKind.Store or GateKind.CopyInto or GateKind.Phi or GateKind.CallOutput)) continue;
            int root = Root(nodes, node.Id);
            if (root >= 0 && nodes[root].Gate == GateKind.Parameter) outputs.Add(new GraphOutput(node.Id, root, "", "", ""));
        }
        return outputs.ToEquatableArray();
    }

    /// <summary>The array a version descends from: a parameter, a new array, or -1.</summary>
    private static int Root(IReadOnlyList<Node> nodes, int id)
    {
        var seen = new HashSet<int>();
        while (id >= 0 && seen.Add(id))
        {
            var n = nodes[id];
            if (n.Gate is GateKind.Parameter or GateKind.NewArray or GateKind.CloneArray) return id;
            if (n.Inputs.Length == 0) return -1;
            // A call's array output: input 1 is the version before the call.
            id = n.Gate == GateKind.CallOutput ? (n.Inputs.Length > 1 ? n.Inputs[1] : -1) : n.Inputs[0];
        }
        return -1;
    }
}
