using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// LoweringContext: the nodes of statements that may throw (<see cref="ThrowingOperations"/>). Their value may be read by
/// nothing, but the method throws there, so its generated methods must too: they are computed like a result is.
/// </summary>
internal sealed partial class LoweringContext
{
    private readonly SortedSet<int> _kept = new();

    private static readonly Regex ConstantText = new(
        @"^(?:[-+]?\(?[-+]?[0-9][0-9A-Za-z_.+-]*\)?|true|false|null|default|default\([^()]*\)|'[^']*'|""[^""]*""|[A-Za-z_][A-Za-z0-9_]*(?:(?:\.|::)[A-Za-z_][A-Za-z0-9_]*)+)$",
        RegexOptions.CultureInvariant);

    /// <summary>
    /// Keeps the nodes made since <paramref name="first"/> (the nodes of one statement), but those whose value is a
    /// constant of the language (a literal, an enum member, a phi or copy of such): they cannot throw, and a local
    /// assigned only constants and never read is warning CS0219, an error under warnings-as-errors.
    /// </summary>
    public void KeepFrom(int first)
    {
        for (int id = first; id < _nodes.Count; id++)
        {
            if (!IsConstantValue(id, 0)) _kept.Add(id);
        }
    }

    private bool IsConstantValue(int id, int depth)
    {
        var node = _nodes[id];
        if (depth > 8) return false;
        return node.Gate switch
        {
            GateKind.Constant => node.Inputs.IsEmpty && ConstantText.IsMatch(node.Text.Trim()),
            GateKind.Phi or GateKind.Copy => node.Inputs.All(i => i != id && i < _nodes.Count && IsConstantValue(i, depth + 1)),
            _ => false,
        };
    }

    /// <summary>The kept nodes, in id order.</summary>
    public EquatableArray<int> Kept => _kept.Where(id => id < _nodes.Count).ToEquatableArray();
}
