using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Locals whose declaration was reported (a local jagged array, a span local over an array that carries a gradient):
/// their later reads, writes and reassignments report nothing more, so the user sees the one error that says what
/// to write instead, not a trail of "read before it is assigned" after it. The method gets no code anyway.
/// </summary>
internal sealed partial class LoweringContext
{
    private readonly HashSet<ISymbol> _rejected = new(SymbolEqualityComparer.Default);

    /// <summary>Marks a local whose declaration was reported.</summary>
    public void Reject(ISymbol variable) => _rejected.Add(variable);

    /// <summary>True for a local whose declaration was reported (its uses are not reported again).</summary>
    public bool IsRejected(ISymbol? variable) => variable is not null && _rejected.Contains(variable);

    /// <summary>
    /// The rejected locals, for a snapshot: a loop lowered again (Restore) drops the first pass's diagnostics, so a local
    /// it rejected must not stay rejected, or the second pass would skip it silently and leave its reads undefined.
    /// </summary>
    private HashSet<ISymbol> SaveRejected() => new(_rejected, SymbolEqualityComparer.Default);

    private void RestoreRejected(HashSet<ISymbol> saved)
    {
        _rejected.Clear();
        _rejected.UnionWith(saved);
    }
}
