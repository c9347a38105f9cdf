namespace AutoDiffGen.Generator.Model;

/// <summary>
/// Whether a member the graph file would add (<c>MGraph</c>, <c>MTrace</c>) is already taken in the
/// containing type, so that the generator leaves it out (ADG0015) instead of writing a duplicate (CS0102).
/// </summary>
internal enum GraphClash
{
    /// <summary>The name is free.</summary>
    None,

    /// <summary>Taken whenever the graph file is emitted: a member declared in source, or the graph of an earlier overload that has <c>Graph = true</c>.</summary>
    Always,

    /// <summary>Taken only under the MSBuild property <c>AutoDiffGenEmitGraphs</c>: the graph of an earlier overload without <c>Graph = true</c>, which then gets one too.</summary>
    UnderMSBuild,
}

/// <summary>An ADG0015 diagnostic of the graph file, reported only when the graph file is emitted (and, for <paramref name="UnderMSBuildOnly"/>, only under the MSBuild property).</summary>
/// <param name="TraceOnly">
/// About the traced run's name: reported only when the method can have a trace, which the graph view
/// decides (analysis records the clash; it does not call up into the view to ask).
/// </param>
/// <param name="Info">The diagnostic.</param>
/// <param name="UnderMSBuildOnly">Reported only when the MSBuild property draws every method.</param>
internal sealed record GraphDiagnostic(DiagnosticInfo Info, bool UnderMSBuildOnly, bool TraceOnly = false);
