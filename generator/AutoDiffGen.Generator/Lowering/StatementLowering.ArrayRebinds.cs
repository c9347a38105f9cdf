using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// <c>r = n;</c> of a local array to another made in the same loop iteration (<see cref="ArrayRebinds"/>): one store
/// per element of <c>r</c>, each <c>n</c>'s element, in row-major order. The stores are ordinary ones, so the reverse
/// sweep routes each element's adjoint from <c>r</c> to <c>n</c>, and forward and Hessian modes carry them as any store.
/// Arrays of one runtime length (<c>new double[n]</c> both) are one bulk copy instead (<see cref="GateKind.CopyInto"/>).
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>True when <paramref name="value"/> rebinds an existing local array to another local array (lowered or reported).</summary>
    private bool TryRebindArray(ISymbol variable, IArrayTypeSymbol type, IOperation value)
    {
        if (variable is not ILocalSymbol target || _context.Current(variable) < 0) return false;
        var inner = value;
        while (inner is IConversionOperation { IsImplicit: true } c) inner = c.Operand;
        if (inner is not ILocalReferenceOperation { Local: var source } || SymbolEqualityComparer.Default.Equals(source, target)) return false;
        if (value.Parent is not ISimpleAssignmentOperation assignment || _context.Current(source) < 0) return false;
        if (ArrayRebinds.Refusal(assignment, target, source, out var shape) is { } why)
        {
            _context.ReportUnsupportedExpression(assignment, "Rebinding the local array '" + target.Name + "' to '" + source.Name + "' (" + why + ")",
                "rebind it only to an array made in the same loop iteration and not named after it, both of the same constant lengths (var n = new double[3, 3]; … " + target.Name + " = n;) or both new double[n] with one n that never changes, or copy the elements in a for loop");
            _context.Reject(target);
            return true;
        }

        if (shape.Length == 0)
        {
            // new double[n] both, n one value: one bulk copy of all n elements (a CopyInto node, as source.AsSpan().CopyTo(target)).
            int destination = _context.Current(target), whole = _context.Current(source);
            var d = _context.Nodes[destination];
            int zero = _context.AddConstant("0", ScalarType.Other, "int", null, isAtom: true);
            int length = _context.AddConstant(_context.Nodes[whole].Name + ".Length", ScalarType.Other, "int", null, isAtom: false, new List<int> { whole });
            string text = CopyIntoForms.Text(BulkCopies.SpanCopyTo, true, true, _context.Names.Fresh("k"));
            _context.Assign(target, _context.AddArrayNode(GateKind.CopyInto, d.TypeName, d.Name, d.AdjointName, isInline: true, new[] { destination, whole, zero, zero, length }, text));
            return true;
        }
        var elementType = ExpressionLowering.TypeOf(type.ElementType);
        int count = shape.Aggregate(1, (a, b) => a * b);
        for (int flat = 0; flat < count; flat++)
        {
            // Row-major indexes of the flat position: the last dimension varies fastest.
            var indices = new int[shape.Length];
            for (int d = shape.Length - 1, rest = flat; d >= 0; rest /= shape[d], d--)
            {
                indices[d] = _context.AddConstant((rest % shape[d]).ToString(CultureInfo.InvariantCulture), ScalarType.Other, "int", null, isAtom: true);
            }
            int from = _context.Current(source);
            int element = shape.Length == 1
                ? _context.AddGate(GateKind.Element, elementType, ScalarLiterals.TypeKeyword(elementType), null, null, new[] { from, indices[0] })
                : _context.AddGridElement(elementType, null, ElementIndex.Rectangular, new[] { from }.Concat(indices).ToArray());
            int array = _context.Current(target);
            var a = _context.Nodes[array];
            _context.Assign(target, _context.AddArrayNode(GateKind.Store, a.TypeName, a.Name, a.AdjointName, isInline: true, new[] { array }.Concat(indices).Append(element).ToArray()));
        }
        return true;
    }
}
