using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// The enumerator locals that walk a sequence (<see cref="Enumerators"/>): each is carried as an int cursor, its own
/// variable's versions, and walks one list or array. A walk refused at one of its uses is kept as refused (null), so
/// that its other uses bring no follow-up errors.
/// </summary>
internal sealed partial class LoweringContext
{
    private readonly Dictionary<ISymbol, ISymbol?> _walks = new(SymbolEqualityComparer.Default);

    /// <summary>Records that <paramref name="enumerator"/> walks <paramref name="sequence"/> (null: refused).</summary>
    public void DeclareWalk(ISymbol enumerator, ISymbol? sequence) => _walks[enumerator] = sequence;

    /// <summary>True when <paramref name="enumerator"/> is a walk's enumerator (refused or not); <paramref name="sequence"/> is what it walks.</summary>
    public bool IsWalk(ISymbol? enumerator, out ISymbol? sequence)
    {
        sequence = null;
        return enumerator is not null && _walks.Count > 0 && _walks.TryGetValue(enumerator, out sequence);
    }

    /// <summary>The node of the number of elements of a walk's sequence, and its text (a list's count variable, an array's Length).</summary>
    public (int Node, string Text) WalkCount(ISymbol sequence)
    {
        if (ListCountOf(sequence) is { } count)
        {
            int node = Current(count);
            return (node, Nodes[node].Name);
        }
        int array = Current(sequence);
        return (array, Nodes[array].Name + ".Length");
    }
}
