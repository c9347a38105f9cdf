using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// LoweringContext: the nodes of operations that may throw (<see cref="ThrowingOperations"/>) in a statement whose value
/// nothing may read (<c>int q = 12 / k;</c>). The method throws there, so its generated methods must too: such a node is
/// computed like a result is. Only the throwing operation's own node is kept (with what it reads, through activity), not
/// the rest of its statement: a kept constant local that nothing reads is CS0219, an error under warnings-as-errors.
/// </summary>
internal sealed partial class LoweringContext
{
    private readonly SortedSet<int> _kept = new();

    private static readonly Regex ConstantText = new(
        @"^(?:[-+]?\(?[-+]?[0-9][0-9A-Za-z_.+-]*\)?|true|false|null|default|default\([^()]*\)|'[^']*'|""[^""]*""|[A-Za-z_][A-Za-z0-9_]*(?:(?:\.|::)[A-Za-z_][A-Za-z0-9_]*)+)$",
        RegexOptions.CultureInvariant);

    // While a statement that may throw is lowered: the node each lowered operation gave (ExpressionLowering.Lower).
    private Dictionary<IOperation, int>? _lowered;
    private int _watching;

    /// <summary>The operations of <paramref name="statement"/> that may throw; when there are any, lowered operations are remembered until <see cref="KeepThrowing"/>.</summary>
    public IReadOnlyList<IOperation> WatchThrowing(IOperation statement)
    {
        var throwing = ThrowingOperations.In(statement);
        if (throwing.Count == 0) return throwing;
        _watching++;
        _lowered ??= new Dictionary<IOperation, int>();
        return throwing;
    }

    /// <summary><paramref name="op"/> was lowered into <paramref name="node"/>.</summary>
    public void Lowered(IOperation op, int node)
    {
        if (_lowered is not null && node >= 0) _lowered[op] = node;
    }

    /// <summary>
    /// Keeps, for each of <paramref name="throwing"/>, the node of the innermost lowered operation that evaluates it (itself,
    /// or the expression whose text holds it: <c>12 / k</c> rendered as one constant). An operation lowered by no
    /// expression (a statement-level path) keeps the statement's nodes made since <paramref name="first"/> that are not constants.
    /// </summary>
    public void KeepThrowing(IOperation statement, IReadOnlyList<IOperation> throwing, int first)
    {
        if (throwing.Count == 0) return;
        bool whole = false;
        foreach (var operation in throwing)
        {
            int node = NodeEvaluating(operation, statement);
            if (node >= 0) _kept.Add(node);
            else whole = true;
        }
        if (whole) KeepFrom(first);
        if (--_watching == 0) _lowered = null;
    }

    private int NodeEvaluating(IOperation operation, IOperation statement)
    {
        for (var op = operation; op is not null; op = op.Parent)
        {
            if (_lowered!.TryGetValue(op, out int node) && node < _nodes.Count) return node;
            if (op == statement) break;
        }
        return -1;
    }

    /// <summary>Keeps the test of a branch or loop that may throw (<c>if (12 / k > 3)</c>), computed even when what it guards is not.</summary>
    public void KeepTest(int test) => _kept.Add(test);

    /// <summary>Keeps the nodes made since <paramref name="first"/>, but those whose value is a constant of the language (a literal, or a phi or copy of such).</summary>
    private void KeepFrom(int first)
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
            Graph.GateKind.Constant => node.Inputs.IsEmpty && ConstantText.IsMatch(node.Text.Trim()),
            Graph.GateKind.Phi or Graph.GateKind.Copy => node.Inputs.All(i => i != id && i < _nodes.Count && IsConstantValue(i, depth + 1)),
            _ => false,
        };
    }

    /// <summary>A snapshot was restored: nodes from <paramref name="count"/> on are gone.</summary>
    private void RestoreKept(int count)
    {
        _kept.RemoveWhere(id => id >= count);
        if (_lowered is null) return;
        foreach (var stale in _lowered.Where(e => e.Value >= count).Select(e => e.Key).ToList()) _lowered.Remove(stale);
    }

    /// <summary>The kept nodes, in id order.</summary>
    public EquatableArray<int> Kept => _kept.Where(id => id < _nodes.Count).ToEquatableArray();
}
