using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Model;

/// <summary>
/// Everything the emitter needs to write one <c>…Backward</c> method. Plain, equatable data: no
/// symbols, syntax nodes, locations or compilations, so the pipeline caches it across edits.
/// </summary>
/// <param name="EmitGraph">True for <c>[Differentiable(Graph = true)]</c>: also emit the graph file (see <c>Emit/GraphEmitter</c>).</param>
internal sealed record MethodModel(
    HierarchyInfo Hierarchy,
    string MethodName,
    string BackwardName,
    string Modifiers,
    ScalarType ReturnType,
    EquatableArray<ParameterModel> Parameters,
    ComputationGraph Graph,
    string HintName,
    bool EmitGraph = false);
