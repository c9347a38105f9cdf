using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: the result of a vector-valued method (a struct or tuple of reals), tracked as one hidden variable
/// per component (<see cref="LoweringContext.ResultKeys"/>), so that branches, early returns and returns inside loops
/// merge each component as they merge a scalar result.
/// </summary>
internal sealed partial class StatementLowering
{
    private IReadOnlyList<StructComponent>? _vectorResult;

    /// <summary>For a vector-valued method: the node each component of the result holds at the end, in <see cref="RealStructs.ResultComponents"/> order.</summary>
    public int[]? VectorResultNodes { get; private set; }

    /// <summary>A struct or tuple result: its components become result keys.</summary>
    private void UseVectorResult(ITypeSymbol returnType)
    {
        if (ExpressionLowering.TypeOf(returnType) != ScalarType.Other || RealStructs.ResultComponents(returnType) is not { } components) return;
        _vectorResult = components;
        foreach (var c in components) _context.ResultKeys.Add(_context.Component(LoweringContext.ReturnValue, c.Path));
    }

    /// <summary>Returns inside loops: every component starts at zero, as a scalar result does.</summary>
    private void StartVectorResult()
    {
        if (_vectorResult is null) return;
        foreach (var c in _vectorResult)
        {
            _context.Assign(_context.Component(LoweringContext.ReturnValue, c.Path), _context.ZeroComponent(c));
        }
    }

    /// <summary><c>return v;</c> / <c>return (a, b);</c>: each component of the result takes its value.</summary>
    private void AssignVectorResult(IOperation value)
    {
        var components = _vectorResult!;
        int[]? nodes = TupleLiteral(value) is { } tuple ? tuple.Elements.Select(e => _expressions.Lower(e, null)).ToArray()
            : TupleCall(value) is { } call ? _expressions.LowerTupleCall(call)
            : _expressions.LowerStruct(value);
        for (int i = 0; i < components.Count; i++)
        {
            int node = nodes is not null && nodes.Length == components.Count ? nodes[i]
                : _context.ZeroComponent(components[i]); // reported already
            _context.Assign(_context.Component(LoweringContext.ReturnValue, components[i].Path), node);
        }
    }

    /// <summary>A tuple literal, under the conversion to the method's tuple type that C# puts around it.</summary>
    private static ITupleOperation? TupleLiteral(IOperation value)
    {
        while (value is IConversionOperation { OperatorMethod: null } conversion) value = conversion.Operand;
        return value as ITupleOperation;
    }

    /// <summary><c>return F(x);</c> where F returns a tuple of the same element types (names may differ).</summary>
    private static IInvocationOperation? TupleCall(IOperation value)
    {
        var type = value.Type;
        while (value is IConversionOperation { OperatorMethod: null } conversion) value = conversion.Operand;
        if (value is not IInvocationOperation call || !RealStructs.IsRealTuple(call.Type) || !RealStructs.IsRealTuple(type)) return null;
        var from = ((INamedTypeSymbol)call.Type!).TupleElements;
        var to = ((INamedTypeSymbol)type!).TupleElements;
        return from.Length == to.Length && from.Select((e, i) => SymbolEqualityComparer.Default.Equals(e.Type, to[i].Type)).All(same => same) ? call : null;
    }

    /// <summary>LowerBody's answer for a vector result that every path returns: its first component (the components are <see cref="VectorResultNodes"/>).</summary>
    private int VectorResultMarker()
    {
        VectorResultNodes = _vectorResult!.Select(c => _context.Current(_context.Component(LoweringContext.ReturnValue, c.Path))).ToArray();
        return VectorResultNodes.All(n => n >= 0) ? VectorResultNodes[0] : -1;
    }
}
