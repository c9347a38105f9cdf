using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// ConstantRenderer: an enumerator that walks a sequence (<see cref="Enumerators"/>) in a test. <c>e.MoveNext()</c> moves its
/// cursor (a new version, in C# order) and is <c>cursor &lt; count</c>; <c>e.Current</c> is the element at the cursor.
/// </summary>
internal sealed partial class ConstantRenderer
{
    /// <summary>False when <paramref name="op"/> is no use of a walk; else its text (null after a diagnostic).</summary>
    private bool TryWalk(IOperation op, out string? text)
    {
        text = null;
        var enumerator = Enumerators.Moved(op) ?? Enumerators.Read(op);
        if (!_context.IsWalk(enumerator, out var sequence)) return false;
        // A walk refused at its declaration: reported there.
        if (sequence is null) return true;
        int cursor = _context.Current(enumerator!);
        if (Enumerators.Moved(op) is not null)
        {
            int next = _context.AddConstant(_context.Nodes[cursor].Name + " + 1", Graph.ScalarType.Other, "int", _context.Names.Version(enumerator!.Name), isAtom: false, new[] { cursor });
            _context.Assign(enumerator!, next);
            var (count, of) = _context.WalkCount(sequence);
            Dependencies.Add(next);
            Dependencies.Add(count);
            // Parenthesized: `!e.MoveNext()` is `!(cursor < count)`.
            text = "(" + _context.Nodes[next].Name + " < " + of + ")";
            return true;
        }
        int array = _context.Current(sequence);
        Dependencies.Add(array);
        Dependencies.Add(cursor);
        text = _context.Nodes[array].Name + "[" + _context.Nodes[cursor].Name + "]";
        return true;
    }
}
