namespace AutoDiffGen.Generator.Model;

/// <summary>The outcome of analysing one method: a model to emit (null on error) and its diagnostics.</summary>
internal sealed record GenerationResult(MethodModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
