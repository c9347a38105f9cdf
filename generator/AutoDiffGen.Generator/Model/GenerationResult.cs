using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Model;

/// <summary>
/// The outcome of analysing one method as plain data: a model to emit (null on error), the method's identity and
/// the Backwards of this compilation it calls. Every later model step compares this, so it holds no Roslyn object.
/// </summary>
/// <param name="Model">What to emit; null when the method has errors.</param>
/// <param name="Key">The method's identity (<see cref="SymbolNames.MethodKey"/>), so that callers can tell whether it got a Backward.</param>
/// <param name="Callees">The calls of the model to Backwards generated in this compilation: a callee that gets none blocks this model (ADG0017).</param>
/// <param name="Stateful">A call of the body whose value may change from call to call (rng.NextDouble()), or "": a caller's Backward must not run this method again (ADG0032).</param>
internal sealed record GenerationResult(MethodModel? Model, string Key = "", EquatableArray<CalleeCall> Callees = default, string Stateful = "");

/// <summary>A call to the generated Backward of <paramref name="Key"/> (<paramref name="Callee"/> and <paramref name="Backward"/> for ADG0017's message).</summary>
internal sealed record CalleeCall(string Key, string Callee, string Backward);

/// <summary>Where the method calls the Backward of <paramref name="Key"/>: ADG0017 points there if that Backward does not exist.</summary>
internal sealed record CalleeSite(string Key, Location At);

/// <summary>
/// The transform's output for one [Differentiable] method, in two halves that the pipeline splits at once:
/// <paramref name="Result"/> is plain data and feeds the model steps; the rest is tied to syntax trees
/// (<see cref="DiagnosticInfo"/>) and feeds only the diagnostics step of the same method.
/// </summary>
/// <param name="Result">The plain-data half.</param>
/// <param name="Diagnostics">The diagnostics of the analysis, at their own trees' spans.</param>
/// <param name="GraphDiagnostics">Belong to the opt-in graph file and are reported only when it is emitted.</param>
/// <param name="CalleeSites">Every call of <see cref="GenerationResult.Callees"/>, in source order.</param>
/// <param name="ReadsOtherTrees">The analysis read a callee's body in another tree (which arrays it writes into,
/// <see cref="Lowering.ArrayWrites"/>): it depends on more than its own tree, so the cache reuses it only while that
/// file's text is the same (Caching/AnalysisCache.Dependencies.cs, through <see cref="Helpers.BodyReads"/>).</param>
internal sealed record MethodAnalysis(GenerationResult Result, EquatableArray<DiagnosticInfo> Diagnostics,
    EquatableArray<GraphDiagnostic> GraphDiagnostics = default, EquatableArray<CalleeSite> CalleeSites = default, bool ReadsOtherTrees = false)
{
    /// <summary>True when every location this analysis holds lies in <paramref name="tree"/> (what <see cref="Caching.AnalysisCache"/> may keep).</summary>
    public bool LocatedOnlyIn(SyntaxTree tree)
    {
        foreach (var d in Diagnostics) if (d.Location is { } l && l.SourceTree != tree) return false;
        foreach (var d in GraphDiagnostics) if (d.Info.Location is { } l && l.SourceTree != tree) return false;
        foreach (var s in CalleeSites) if (s.At.SourceTree != tree) return false;
        return true;
    }
}
