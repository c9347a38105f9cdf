namespace AutoDiffGen.Generator.Model;

/// <summary>
/// The outcome of analysing one method: a model to emit (null on error) and its diagnostics.
/// <paramref name="GraphDiagnostics"/> belong to the opt-in graph file and are reported only when it is emitted.
/// </summary>
internal sealed record GenerationResult(MethodModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, EquatableArray<GraphDiagnostic> GraphDiagnostics = default);
