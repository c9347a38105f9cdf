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
                "rebind it only to an array of the same constant lengths made in the same loop iteration and not named after it (var n = new double[3, 3]; … " + target.Name + " = n;), or copy the elements in a for loop");
            _context.Reject(target);
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
