using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A local <c>List&lt;double&gt;</c> (<see cref="ListLocals"/>) is carried as a local array whose versions are the list
/// itself, plus its count as a hidden int variable: branches and loops merge the count like any int local, and the
/// reverse sweep reads the count each <c>Add</c> had (taped where a loop needs it), never the list's final Count.
/// </summary>
internal sealed partial class LoweringContext
{
    private readonly Dictionary<ISymbol, HiddenVariable> _listCounts = new(SymbolEqualityComparer.Default);

    private readonly Dictionary<ISymbol, ISymbol> _listAliases = new(SymbolEqualityComparer.Default);

    /// <summary><c>var b = a;</c> of a tracked list: <paramref name="alias"/> names <paramref name="list"/> from now on.</summary>
    public void AliasList(ISymbol alias, ISymbol list) => _listAliases[alias] = ResolveList(list);

    /// <summary>Ends <see cref="AliasList"/> (an inlined helper's sequence parameter, after the call: ExpressionLowering.SequenceHelperArguments).</summary>
    public void ForgetListAlias(ISymbol alias) => _listAliases.Remove(alias);

    /// <summary>True for a second name of a list (<see cref="AliasList"/>).</summary>
    public bool IsListAlias(ISymbol local) => _listAliases.Count > 0 && _listAliases.ContainsKey(local);

    /// <summary>The list a name stands for: the list itself, or the one a second name was given.</summary>
    public ISymbol ResolveList(ISymbol symbol) => _listAliases.Count > 0 && _listAliases.TryGetValue(symbol, out var list) ? list : symbol;

    /// <summary>The count variable of a local list of reals, or null when <paramref name="local"/> is none.</summary>
    public HiddenVariable? ListCountOf(ISymbol? local) =>
        local is not null && _listCounts.Count > 0 && _listCounts.TryGetValue(local, out var count) ? count : null;

    /// <summary>The count variable of <paramref name="local"/>, made the first time (a declaration in a loop is met again).</summary>
    public HiddenVariable DeclareList(ISymbol local)
    {
        if (_listCounts.TryGetValue(local, out var known)) return known;
        var count = new HiddenVariable(local.Name + "Count");
        _listCounts[local] = count;
        return count;
    }
}
