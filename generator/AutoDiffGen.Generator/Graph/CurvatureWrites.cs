namespace AutoDiffGen.Generator.Graph;

/// <summary>
/// A call the forward-over-reverse product differentiates (<see cref="CurvatureInfo"/>) that writes into an array it is
/// passed (hess12, issue 14). The lowering passes the callee a copy of the array taken at the call (a
/// <see cref="GateKind.CopyArray"/>, which its reverse sweep gives the callee's <c>MBackwardTangent</c> with a copy of the
/// array's tangents) and the array itself leaves the call as a new version (a <see cref="GateKind.CallOutput"/> of array
/// type), which shares the array's tangents and adjoint's tangents as every version of a local array does.
/// </summary>
internal static class CurvatureWrites
{
    /// <summary>The version <paramref name="node"/> is what such a call left in the array.</summary>
    public static bool Left(ComputationGraph graph, Node node) =>
        node.Gate == GateKind.CallOutput && node.Type == ScalarType.Array && node.Inputs.Length > 0 && graph.Nodes[node.Inputs[0]].Call?.Curvature is not null;

    /// <summary>
    /// The copy <paramref name="node"/> is the one a call the product differentiates is passed: for an array it writes, or
    /// (hess17) for one it only reads that is stored into after the call or passed in a loop, whose values and tangents at
    /// the call the reverse sweep's call needs (kept with its tangents, on two array tapes in a loop).
    /// </summary>
    public static bool Snapshot(ComputationGraph graph, Node node) => node.Gate == GateKind.CopyArray && Consumer(graph, node) >= 0;

    /// <summary>The node is such a call's copy or the version it left.</summary>
    public static bool Involves(ComputationGraph graph, Node node) => Left(graph, node) || Snapshot(graph, node);

    /// <summary>The call the product differentiates that is passed the copy <paramref name="copy"/> as an array, or -1.</summary>
    public static int Consumer(ComputationGraph graph, Node copy)
    {
        foreach (var n in graph.Nodes)
        {
            if (n.Call is not { Curvature: not null } call) continue;
            for (int i = 0; i < call.Passing.Length && i < n.Inputs.Length; i++)
            {
                // A slice of the copy (hess18: v.AsSpan(1) of a local array stored into after the call) is passed through a View.
                if (call.Passing[i] == AdjointPassing.Collection && (n.Inputs[i] == copy.Id || SliceOf(graph.Nodes[n.Inputs[i]]) == copy.Id)) return n.Id;
            }
        }
        return -1;
    }

    /// <summary>
    /// The array a slice (<see cref="GateKind.View"/>, not a jagged array's row) is taken of, or -1: a call the product
    /// differentiates is passed the same slice of the array's tangents, adjoint and adjoint's tangents (hess18).
    /// </summary>
    public static int SliceOf(Node node) =>
        node.Gate == GateKind.View && node.Text != Views.Row && node.Inputs.Length > 1 ? node.Inputs[0] : -1;

    /// <summary>The call writes into the array it is passed as argument <paramref name="i"/>.</summary>
    public static bool Writes(CallInfo call, int i) => call.HasOutputs && i < call.Outputs.Length && call.Outputs[i].Length > 0 && call.Passing[i] == AdjointPassing.Collection;
}
