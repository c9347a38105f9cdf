using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// LoweringContext: the creations (<see cref="GateKind.NewArray"/>) of the local arrays nothing outside the method can reach
/// (<see cref="ArrayConfinement"/>), whose storage the generated code may take from the tape workspace.
/// </summary>
internal sealed partial class LoweringContext
{
    private readonly SortedSet<int> _confined = new();

    /// <summary>The array whose version is <paramref name="version"/> (its creation, or a store of its initializer) is confined.</summary>
    public void Confine(int version)
    {
        int id = version;
        while (id >= 0 && _nodes[id].Gate == GateKind.Store) id = _nodes[id].Inputs[0];
        if (id >= 0 && _nodes[id].Gate == GateKind.NewArray) _confined.Add(id);
    }

    /// <summary>A snapshot was restored: nodes from <paramref name="count"/> on are gone.</summary>
    private void RestoreConfined(int count) => _confined.RemoveWhere(id => id >= count);

    /// <summary>The confined creations, in id order.</summary>
    public EquatableArray<int> Confined => _confined.Where(id => id < _nodes.Count).ToEquatableArray();
}
