using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// LoweringContext: the nodes of statements that may throw (<see cref="ThrowingOperations"/>). Their value may be read by
/// nothing, but the method throws there, so its generated methods must too: they are computed like a result is.
/// </summary>
internal sealed partial class LoweringContext
{
    private readonly SortedSet<int> _kept = new();

    /// <summary>Keeps every node made since <paramref name="first"/> (the nodes of one statement).</summary>
    public void KeepFrom(int first)
    {
        for (int id = first; id < _nodes.Count; id++) _kept.Add(id);
    }

    /// <summary>The kept nodes, in id order.</summary>
    public EquatableArray<int> Kept => _kept.Where(id => id < _nodes.Count).ToEquatableArray();
}
