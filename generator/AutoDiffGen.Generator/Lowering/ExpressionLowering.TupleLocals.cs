using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Tuples of reals as values inside a method (a tuple local is carried as its elements, Item1…ItemN, like a struct of
/// reals, <see cref="RealStructs.IsRealStruct"/>): a tuple literal, a [Differentiable] call returning a tuple, and the
/// conversions C# puts between tuple types (element names, or element types widened: <c>(double, double) t = (x, 2)</c>).
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>The elements of a tuple-valued expression, converted to <paramref name="components"/>' types; not handled for anything else.</summary>
    private (bool Handled, int[]? Nodes) TupleValue(IOperation op, IReadOnlyList<StructComponent> components)
    {
        switch (op)
        {
            case ITupleOperation tuple when tuple.Elements.Length == components.Count:
                {
                    var nodes = new int[components.Count];
                    for (int i = 0; i < nodes.Length; i++)
                    {
                        var element = tuple.Elements[i];
                        if (element.Type is INamedTypeSymbol { IsTupleType: true })
                        {
                            _context.ReportUnsupportedExpression(element, "A tuple nested in a tuple value", "flatten the tuple: (a, b, c) rather than (a, (b, c))");
                            return (true, null);
                        }
                        nodes[i] = ConvertTo(Lower(element, null), components[i].Type, element);
                        if (nodes[i] < 0) return (true, null);
                    }
                    return (true, nodes);
                }
            case IConversionOperation { OperatorMethod: null } conversion when conversion.Operand is ITupleOperation || RealStructs.IsRealTuple(conversion.Operand.Type):
                {
                    var from = RealStructs.Components(conversion.Operand.Type);
                    if (conversion.Operand is ITupleOperation literal) return TupleValue(literal, components);
                    if (from is null || from.Count != components.Count) return (false, null);
                    var values = LowerStruct(conversion.Operand);
                    if (values is null) return (true, null);
                    var nodes = values.Select((n, i) => ConvertTo(n, components[i].Type, conversion)).ToArray();
                    return (true, nodes.Any(n => n < 0) ? null : nodes);
                }
            case IInvocationOperation call when RealStructs.IsRealTuple(call.Type):
                return (true, LowerTupleCall(call));
        }
        return (false, null);
    }

    /// <summary>A node as <paramref name="type"/>: widened or narrowed as C# converts a tuple's elements; -1 after a diagnostic.</summary>
    private int ConvertTo(int node, ScalarType type, IOperation at)
    {
        var n = _context.Nodes[node];
        if (n.Type == type) return node;
        string keyword = ScalarLiterals.TypeKeyword(type);
        if (n.Type is ScalarType.Double or ScalarType.Float)
        {
            return n.Varied ? _context.AddGate(GateKind.Convert, type, null, node) : _context.AddConstant("(" + keyword + ")" + n.Name, type, keyword, null, isAtom: false, new[] { node });
        }
        if (!n.Varied && n.Type == ScalarType.Other)
        {
            // An integer element (a literal, a counter): converted as C# converts it; no gradient.
            return _context.AddConstant("(" + keyword + ")(" + n.Name + ")", type, keyword, null, isAtom: false, new[] { node });
        }
        _context.ReportUnsupportedExpression(at, "A tuple element of a type other than double or float", "convert the element to double first");
        return -1;
    }
}
