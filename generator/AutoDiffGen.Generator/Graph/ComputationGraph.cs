using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Graph;

/// <summary>
/// The lecture's computational graph of a straight-line method: nodes in evaluation order and the
/// node the method returns.
/// </summary>
internal sealed record ComputationGraph(EquatableArray<Node> Nodes, int Result);
