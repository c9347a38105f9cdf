using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// <c>(u, next) = (next, u);</c> and <c>var t = u; u = next; next = t;</c> of local arrays (<see cref="ArraySwaps"/>): the
/// contents are exchanged, so each name keeps its array and its adjoint. A copy of <c>u</c> is made (a new array, fresh each
/// iteration inside a loop), <c>next</c> is copied into <c>u</c>, and the copy into <c>next</c>: three bulk stores
/// (<see cref="GateKind.CopyInto"/>) whose reverse sweeps send what reached each slot back to the slot its value came from.
/// O(n) per swap where C# moves two references: the price of one adjoint array per name (chosen over swapping the adjoint
/// arrays with the values, which would make every later store's adjoint depend on how many swaps ran).
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>True when the deconstruction is a swap of two local arrays, lowered or reported here.</summary>
    private bool TrySwapArrays(IDeconstructionAssignmentOperation deconstruction)
    {
        if (ArraySwaps.Tuple(deconstruction) is not { } pair) return false;
        var parts = deconstruction.Descendants().OfType<ILocalReferenceOperation>().ToList<IOperation>();
        SwapArrays(deconstruction, pair.A, pair.B, parts);
        return true;
    }

    /// <summary>True when statements[i..i+2] are <c>var t = a; a = b; b = t;</c> of local arrays, lowered or reported here.</summary>
    private bool TrySwapArrays(List<IOperation> statements, int i)
    {
        if (ArraySwaps.ThreeStatements(statements, i) is not { } swap) return false;
        var parts = statements.Skip(i).Take(3).SelectMany(s => s.Descendants().OfType<ILocalReferenceOperation>()).ToList<IOperation>();
        // The temporary, which names a's old array (now b's contents), is read nowhere else (ArraySwaps.ThreeStatements): it gets no node.
        SwapArrays(statements[i + 1], swap.A, swap.B, parts);
        return true;
    }

    private void SwapArrays(IOperation at, ILocalSymbol a, ILocalSymbol b, IReadOnlyCollection<IOperation> parts)
    {
        int before = _context.Current(a), other = _context.Current(b);
        if (before < 0 || other < 0 || _context.Nodes[before].Type != ScalarType.Array || _context.Nodes[other].Type != ScalarType.Array) return;
        if (ArraySwaps.Refusal(at, a, b, parts) is { } why)
        {
            _context.ReportUnsupportedExpression(at, "Swapping the local arrays '" + a.Name + "' and '" + b.Name + "' (" + why + ")",
                "make both with the same lengths (var next = new double[u.Length];) and use them only by element, length or as call arguments, or copy the new values back in a for loop after the step (u[i] = next[i];)");
            _context.Reject(a);
            _context.Reject(b);
            return;
        }
        int rank = ((IArrayTypeSymbol)a.Type).Rank;
        var node = _context.Nodes[before];
        var b0 = _context.Nodes[other];
        string name = _context.Names.Fresh(a.Name + "Old");
        string adjoint = _context.Names.Fresh(NameAllocator.AdjointBase(name));
        // The copy of a: a new array (one per iteration inside a loop, on the loop-array stack when the reverse sweep needs it).
        int old = WholeCopy(NewLike(before, name, adjoint, rank), before, name, adjoint, rank);
        _context.Assign(a, WholeCopy(before, other, node.Name, node.AdjointName, rank));
        _context.Assign(b, WholeCopy(other, old, b0.Name, b0.AdjointName, rank));
    }

    /// <summary>A new array of <paramref name="array"/>'s lengths, fresh each iteration inside a loop.</summary>
    private int NewLike(int array, string name, string adjoint, int rank)
    {
        var of = _context.Nodes[array];
        var sizes = rank == 1
            ? new[] { _context.AddConstant(of.Name + ".Length", ScalarType.Other, "int", null, isAtom: false, new List<int> { array }) }
            : Enumerable.Range(0, rank).Select(d => _context.AddConstant(of.Name + ".GetLength(" + d.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")",
                ScalarType.Other, "int", null, isAtom: false, new List<int> { array })).ToArray();
        bool inLoop = _loop is not null || _context.LoopDepth > 0;
        return _context.AddArrayNode(GateKind.NewArray, of.TypeName, name, adjoint, isInline: false, sizes, inLoop ? _context.Names.Fresh(name + "Arrays") : "");
    }

    /// <summary>
    /// The whole of <paramref name="source"/> copied into <paramref name="destination"/>'s version (both of the same lengths):
    /// a span copy of a one-dimensional array, an <c>Array.Copy</c> of a <c>double[,]</c> (<see cref="CopyIntoForms.GridCopy"/>).
    /// </summary>
    private int WholeCopy(int destination, int source, string name, string adjoint, int rank)
    {
        var d = _context.Nodes[destination];
        int zero = _context.AddConstant("0", ScalarType.Other, "int", null, isAtom: true);
        int length = _context.AddConstant(_context.Nodes[source].Name + ".Length", ScalarType.Other, "int", null, isAtom: false, new List<int> { source });
        string text = rank == 1 ? CopyIntoForms.Text(BulkCopies.SpanCopyTo, true, true, _context.Names.Fresh("k"))
            : CopyIntoForms.Text(CopyIntoForms.GridCopy, true, true, _context.Names.Fresh("k")) + " " + _context.Names.Fresh("k");
        return _context.AddArrayNode(GateKind.CopyInto, d.TypeName, name, adjoint, isInline: true, new[] { destination, source, zero, zero, length }, text);
    }

    /// <summary>
    /// <c>var u = (double[,])m.Clone();</c> of a <c>double[,]</c> parameter or local (idioms17a, natural F05): a new array of
    /// m's lengths and a copy of m into it, whose reverse adds the copy's gradient into m's. False when the value is no such clone.
    /// </summary>
    private bool TryCloneGrid(ISymbol variable, IArrayTypeSymbol type, IOperation value)
    {
        var inner = value;
        while (inner is IConversionOperation c) inner = c.Operand;
        if (inner is not IInvocationOperation { TargetMethod.Name: "Clone", Arguments.Length: 0, Instance: { } instance } || instance is not (IParameterReferenceOperation or ILocalReferenceOperation)
            || !SymbolEqualityComparer.Default.Equals(instance.Type, type) || _context.Current(variable) >= 0)
            return false;
        int source = _expressions.Lower(instance, null);
        if (source < 0) return true;
        var from = _context.Nodes[source];
        if (from.Varied && !CollectionArguments.CarriesItsAdjoint(from))
        {
            _context.ReportUnsupportedExpression(value, "A copy of a two-dimensional array that carries a gradient, taken of anything but a parameter or a local array",
                "clone the parameter or local array itself");
            _context.Reject(variable);
            return true;
        }
        string name = _context.NameFor(variable);
        string adjoint = _context.Names.Fresh(NameAllocator.AdjointBase(name));
        _context.Assign(variable, WholeCopy(NewLike(source, name, adjoint, 2), source, name, adjoint, 2));
        return true;
    }
}
