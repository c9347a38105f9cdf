using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

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
    /// or the expression whose text holds it: <c>12 / k</c> rendered as one constant), or the new version of the local an
    /// update writes (<c>n /= k;</c>, made since <paramref name="first"/>). An operation lowered by neither (a store into an
    /// element, a ref helper's or a struct's mutating call, an array sized at run time) is not kept, as before: it runs when
    /// something reads what it writes (docs/supported.md); a span view checks its own range.
    /// </summary>
    public void KeepThrowing(IOperation statement, IReadOnlyList<IOperation> throwing, int first)
    {
        if (throwing.Count == 0) return;
        foreach (var operation in throwing)
        {
            int node = NodeEvaluating(operation, statement, first);
            if (node >= 0) _kept.Add(node);
        }
        if (--_watching == 0) _lowered = null;
    }

    private int NodeEvaluating(IOperation operation, IOperation statement, int first)
    {
        for (var op = operation; op is not null; op = op.Parent)
        {
            if (_lowered!.TryGetValue(op, out int node) && node < _nodes.Count) return node;
            // An update of a local lowered in place (`n /= k;`, `m = checked(m * k);`): the local's new version holds it.
            if (UpdatedVariable(op) is { } updated && Current(updated) is var version && version >= first && version < _nodes.Count) return version;
            if (op == statement) break;
        }
        return -1;
    }

    private static ISymbol? UpdatedVariable(IOperation op) => ((op as IAssignmentOperation)?.Target ?? (op as IIncrementOrDecrementOperation)?.Target) switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    /// <summary>Keeps the test of a branch or loop that may throw (<c>if (12 / k > 3)</c>), computed even when what it guards is not.</summary>
    public void KeepTest(int test) => _kept.Add(test);

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
