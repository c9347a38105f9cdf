using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// ExpressionLowering: <c>double?</c>/<c>float?</c> values as their two components (<see cref="NullableReals"/>):
/// <c>null</c>, a real wrapped, lifted arithmetic (null propagates; the value is chosen in a branch so that a null
/// side sends no gradient), and the reads <c>.Value</c> and <c>(double)z</c> (which throw on null where the method
/// does), <c>GetValueOrDefault()</c> and <c>z ?? e</c>. Anything else that makes a nullable real from a
/// differentiated value is reported.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>The components (HasValue, Value) of a nullable-real expression; not handled for any other type.</summary>
    private (bool Handled, int[]? Nodes) NullableParts(IOperation op)
    {
        if (!NullableReals.Is(op.Type)) return (false, null);
        var parts = NullableReals.Components(op.Type!);
        var type = parts[1].Type;
        switch (op)
        {
            case IConversionOperation { OperatorMethod: null, Operand: var none } when none.Type is null || none.ConstantValue is { HasValue: true, Value: null }:
                return (true, new[] { _context.ZeroComponent(parts[0]), _context.ZeroComponent(parts[1]) });
            case IConversionOperation { OperatorMethod: null, Operand: var inner } lifted when NullableReals.Is(inner.Type):
                {
                    var from = LowerStruct(inner);
                    if (from is null) return (true, null);
                    int value = ConvertTo(from[1], type, lifted);
                    return (true, value < 0 ? null : new[] { from[0], value });
                }
            case IConversionOperation { OperatorMethod: null, Operand: var real } wrapped when TypeOf(real) is ScalarType.Double or ScalarType.Float || !IsVaried(real) && PiecewiseConstant.IsDiscrete(real.Type):
                {
                    int value = ConvertTo(Lower(real, null), type, wrapped);
                    return (true, value < 0 ? null : new[] { True(), value });
                }
            case IConditionalOperation { WhenFalse: not null }:
            case IDefaultValueOperation:
                return (false, null); // LowerStruct's own: a branch with a phi per component, or zeros
        }
        if (!IsVaried(op))
        {
            // A constant double? (a [NoDiff] parameter, a call that reads nothing differentiated): read through
            // GetValueOrDefault, which keeps Value at 0 when it is null.
            string? text = _renderer.Render(op);
            if (text is null) return (true, null);
            text = ConstantRenderer.Atom(op, text);
            if (_context.LoopDepth > 0)
            {
                return (true, new[]
                {
                    _context.AddConstant(text + ".HasValue", ScalarType.Other, "bool", null, isAtom: false, _renderer.Dependencies),
                    _context.AddConstant(text + ".GetValueOrDefault()", type, parts[1].Keyword, null, isAtom: false, _renderer.Dependencies),
                });
            }
            int whole = _context.AddConstant(text, ScalarType.Other, op.Type!.ToDisplayString(SymbolNames.TypeFormat), null, isAtom: false, _renderer.Dependencies);
            string name = _context.Nodes[whole].Name;
            return (true, new[]
            {
                _context.AddConstant(name + ".HasValue", ScalarType.Other, "bool", null, isAtom: true, new[] { whole }),
                _context.AddConstant(name + ".GetValueOrDefault()", type, parts[1].Keyword, null, isAtom: true, new[] { whole }),
            });
        }
        switch (op)
        {
            case IBinaryOperation { OperatorMethod: null, IsLifted: true } binary when GateNames.Arithmetic(binary.OperatorKind) is { } gate:
                return (true, Lifted(gate, binary.LeftOperand, binary.RightOperand, binary));
            case IUnaryOperation { OperatorMethod: null, IsLifted: true, OperatorKind: UnaryOperatorKind.Minus or UnaryOperatorKind.Plus } unary:
                {
                    var operand = LowerStruct(unary.Operand);
                    if (operand is null) return (true, null);
                    if (unary.OperatorKind == UnaryOperatorKind.Plus) return (true, operand);
                    var negated = ChooseParts(operand[0], () => new[] { _context.AddGate(GateKind.Negate, type, null, operand[1]) }, () => new[] { _context.ZeroComponent(parts[1]) }, new[] { parts[1] }, unary);
                    return (true, negated is null ? null : new[] { operand[0], negated[0] });
                }
            case ICoalesceOperation coalesce when NullableReals.Is(coalesce.Value.Type):
                {
                    // w ?? v with v a double? too: w when it holds a value, else v, component by component.
                    var held = LowerStruct(coalesce.Value);
                    return (true, held is null ? null : ChooseParts(held[0], () => held, () => NullableOperand(coalesce.WhenNull, type), parts, coalesce));
                }
        }
        _context.ReportUnsupportedExpression(op, "A " + op.Type!.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + " made this way from a value that carries a gradient",
            "null, a double or float, lifted + - * / and ?? are differentiated; otherwise test HasValue with an if and compute with the double itself");
        return (true, null);
    }

    private int True() => _context.AddConstant("true", ScalarType.Other, "bool", null, isAtom: true);

    /// <summary>An operand of lifted arithmetic: a nullable real's components, or a real (or constant) wrapped as having a value.</summary>
    private int[]? NullableOperand(IOperation op, ScalarType type)
    {
        if (NullableReals.Is(op.Type)) return LowerStruct(op);
        int value = ConvertTo(Lower(op, null), type, op);
        return value < 0 ? null : new[] { True(), value };
    }

    /// <summary>
    /// a op b lifted: HasValue is both sides', and the value is computed only when both hold one (0 otherwise), so
    /// that a null side's stale value reaches neither the result nor, through a local gradient, any adjoint.
    /// </summary>
    private int[]? Lifted(GateKind gate, IOperation left, IOperation right, IOperation at)
    {
        var parts = NullableReals.Components(at.Type!);
        var type = parts[1].Type;
        var l = NullableOperand(left, type);
        var r = NullableOperand(right, type);
        if (l is null || r is null) return null;
        int has = _context.AddConstant(_context.Nodes[l[0]].Name + " && " + _context.Nodes[r[0]].Name, ScalarType.Other, "bool", null, isAtom: false, new[] { l[0], r[0] });
        var value = ChooseParts(has, () => new[] { _context.AddGate(gate, type, null, l[1], r[1]) }, () => new[] { _context.ZeroComponent(parts[1]) }, new[] { parts[1] }, at);
        return value is null ? null : new[] { has, value[0] };
    }

    /// <summary>A branch on <paramref name="condition"/> (a bool node) with a phi per component; null after an error.</summary>
    private int[]? ChooseParts(int condition, System.Func<int[]?> whenTrue, System.Func<int[]?> whenFalse, System.Collections.Generic.IReadOnlyList<StructComponent> components, IOperation at)
    {
        _context.OpenBlock();
        var a = whenTrue();
        var then = _context.CloseBlock();
        _context.OpenBlock();
        var b = whenFalse();
        var otherwise = _context.CloseBlock();
        if (a is null || b is null || a.Length != components.Count || b.Length != components.Count || a.Concat(b).Any(n => n < 0)) return null;
        var phis = new int[components.Count];
        for (int i = 0; i < phis.Length; i++)
        {
            phis[i] = _context.AddPhi(components[i].Type, components[i].Keyword, _context.Names.Fresh("choice"), _context.Nodes[a[i]].Varied || _context.Nodes[b[i]].Varied, a[i], b[i]);
        }
        _context.AddItem(new IfItem(condition, then, otherwise, new EquatableArray<int>(phis), Describe.Source(at.Syntax, 30)));
        return phis;
    }

    /// <summary>
    /// A real read from a nullable real that carries a gradient: <c>z.Value</c>, <c>(double)z</c>, <c>z.GetValueOrDefault()</c>,
    /// <c>z.GetValueOrDefault(d)</c>, <c>z ?? e</c>; -2 for anything else.
    /// </summary>
    private int NullableRead(IOperation op, string? userName)
    {
        switch (op)
        {
            case IPropertyReferenceOperation { Property.Name: "Value", Instance: { } instance } when NullableReals.Is(instance.Type) && IsVaried(instance):
                return Held(instance, op, userName);
            case IConversionOperation { OperatorMethod: null, Operand: var instance } when NullableReals.Is(instance.Type) && TypeOf(op) is ScalarType.Double or ScalarType.Float && IsVaried(instance):
                return Held(instance, op, userName);
            case IInvocationOperation { TargetMethod.Name: "GetValueOrDefault", Instance: { } instance, Arguments.Length: var count } call when NullableReals.Is(instance.Type) && IsVaried(op):
                {
                    var parts = LowerStruct(instance);
                    if (parts is null) return Placeholder(op);
                    if (count == 0) return Reference(parts[1], op, userName);
                    var chosen = ChooseParts(parts[0], () => new[] { parts[1] }, () => new[] { ConvertTo(Lower(call.Arguments[0].Value, null), TypeOf(op), call) }, new[] { NullableReals.Components(instance.Type!)[1] }, op);
                    return chosen is null ? Placeholder(op) : Reference(chosen[0], op, userName);
                }
            case ICoalesceOperation coalesce when NullableReals.Is(coalesce.Value.Type) && TypeOf(op) is ScalarType.Double or ScalarType.Float && IsVaried(coalesce.Value):
                {
                    var parts = LowerStruct(coalesce.Value);
                    if (parts is null) return Placeholder(op);
                    var type = TypeOf(op);
                    var chosen = ChooseParts(parts[0], () => new[] { ConvertTo(parts[1], type, op) }, () => new[] { ConvertTo(Lower(coalesce.WhenNull, null), type, coalesce.WhenNull) },
                        new[] { new StructComponent("Value", type) }, op);
                    return chosen is null ? Placeholder(op) : Reference(chosen[0], op, userName);
                }
        }
        return -2;
    }

    /// <summary><c>z.Value</c> or <c>(double)z</c>: throws where the method throws (z null), else the value.</summary>
    private int Held(IOperation instance, IOperation op, string? userName)
    {
        var parts = LowerStruct(instance);
        if (parts is null) return Placeholder(op);
        var has = _context.Nodes[parts[0]];
        if (has.IsInline)
        {
            // A constant HasValue: a guard on it would be a constant test (unreachable code after it, a compiler warning).
            if (has.Text != "true")
            {
                _context.ReportUnsupportedExpression(op, "Reading the value of a nullable that is always null here", "it always throws InvalidOperationException; throw it yourself");
                return Placeholder(op);
            }
        }
        else
        {
            _context.AddEffect(GateKind.Guard, "if (!" + has.Name + ") " + NullableReals.NoValue, new[] { parts[0] });
        }
        int value = ConvertTo(parts[1], TypeOf(op), op);
        return value < 0 ? Placeholder(op) : Reference(value, op, userName);
    }

    /// <summary><c>z += x</c> (and the other arithmetic compounds) on a nullable real: the lifted operation's components; null after reporting.</summary>
    public int[]? LowerNullableCompound(ICompoundAssignmentOperation compound)
    {
        if (compound.OperatorMethod is null && GateNames.Arithmetic(compound.OperatorKind) is { } gate) return Lifted(gate, compound.Target, compound.Value, compound);
        _context.ReportUnsupportedExpression(compound, null);
        return null;
    }
}
