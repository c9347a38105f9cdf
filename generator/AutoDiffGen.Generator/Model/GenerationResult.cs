using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Model;

/// <summary>
/// The outcome of analysing one method: a model to emit (null on error) and its diagnostics.
/// <paramref name="GraphDiagnostics"/> belong to the opt-in graph file and are reported only when it is emitted.
/// </summary>
/// <param name="Key">The method's identity (<see cref="SymbolNames.MethodKey"/>), so that callers can tell whether it got a Backward.</param>
/// <param name="Callees">The calls of the model to Backwards generated in this compilation: a callee that gets none blocks this model (ADG0017).</param>
/// <param name="Model">What to emit; null when the method has errors.</param>
/// <param name="Diagnostics">The diagnostics of the analysis.</param>
/// <param name="GraphDiagnostics">The diagnostics of the graph file, reported only when it is emitted.</param>
internal sealed record GenerationResult(MethodModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, EquatableArray<GraphDiagnostic> GraphDiagnostics = default,
    string Key = "", EquatableArray<CalleeCall> Callees = default);

/// <summary>A call to the generated Backward of <paramref name="Key"/>: the call is node <paramref name="Node"/> of the caller's declaration (<see cref="CallAnchor"/>).</summary>
internal sealed record CalleeCall(string Key, string Callee, string Backward, int Node);
