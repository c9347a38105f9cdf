using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// ExpressionLowering: <c>e.Current</c> of an enumerator that walks a sequence (<see cref="Enumerators"/>) is the element at
/// its cursor, an element gate when the sequence carries a gradient (the reverse sweep adds into that element's adjoint),
/// and the same node however often it is read before the next MoveNext().
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>The element <paramref name="op"/> reads through a walk's Current; -2 when it is no such read.</summary>
    private int WalkElement(IOperation op, string? userName)
    {
        if (!_context.IsWalk(Enumerators.Read(op), out var sequence)) return -2;
        if (sequence is null) return Placeholder(op);
        int cursor = _context.Current(Enumerators.Read(op)!);
        int array = _context.Current(sequence);
        var type = TypeOf(op);
        if (!_context.Nodes[array].Varied)
        {
            return _context.AddConstant(_context.Nodes[array].Name + "[" + _context.Nodes[cursor].Name + "]", type, ScalarLiterals.TypeKeyword(type), userName, isAtom: false, new[] { array, cursor });
        }
        if (userName is null && _context.RepeatedElement(array, cursor) is { } same) return same;
        return _context.AddGate(GateKind.Element, type, ScalarLiterals.TypeKeyword(type), userName, null, new[] { array, cursor });
    }

    /// <summary>Whether a walk's Current varies (its sequence carries a gradient); null when <paramref name="op"/> is no such read.</summary>
    private bool? WalkVaried(IOperation op) =>
        _context.IsWalk(Enumerators.Read(op), out var sequence) ? sequence is not null && IsVariedNode(_context.Current(sequence)) : null;
}
