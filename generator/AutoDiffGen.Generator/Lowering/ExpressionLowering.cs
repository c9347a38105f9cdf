using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// IOperation → gates. One case per construct; a construct it does not know gets an ADG
/// diagnostic, never a guess.
/// </summary>
internal sealed class ExpressionLowering
{
    private readonly LoweringContext _context;
    private readonly ConstantRenderer _renderer;

    public ExpressionLowering(LoweringContext context)
    {
        _context = context;
        _renderer = new ConstantRenderer(context);
    }

    /// <summary>Lowers <paramref name="op"/> and returns the node holding its value.</summary>
    /// <param name="userName">The name of the user variable that receives the value, if any.</param>
    public int Lower(IOperation op, string? userName)
    {
        if (!IsVaried(op)) return LowerConstant(op, userName);

        switch (op)
        {
            case ILocalReferenceOperation local:
                return Reference(_context.Current(local.Local), op, userName);
            case IParameterReferenceOperation parameter:
                return Reference(_context.Current(parameter.Parameter), op, userName);
            case IConversionOperation conversion:
                return LowerConversion(conversion, userName);
            case IBinaryOperation binary when binary.OperatorMethod is null:
                return LowerBinary(binary, userName);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Plus } plus:
                return Lower(plus.Operand, userName);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus } minus:
                return _context.AddGate(GateKind.Negate, TypeOf(op), userName, Lower(minus.Operand, null));
            case IInvocationOperation invocation:
                return LowerInvocation(invocation, userName);
            default:
                _context.ReportUnsupportedExpression(op, null);
                return Placeholder(op);
        }
    }

    private int Reference(int node, IOperation op, string? userName)
    {
        if (node < 0)
        {
            _context.ReportUnsupportedExpression(op, "a read of a variable before it is assigned");
            return Placeholder(op);
        }
        // A user local copied from another value keeps its own name, so the output reads like the input.
        return userName is null ? node : _context.AddGate(GateKind.Copy, _context.Nodes[node].Type, userName, node);
    }

    private int LowerConversion(IConversionOperation conversion, string? userName)
    {
        var from = TypeOf(conversion.Operand);
        var to = TypeOf(conversion);
        if (from == ScalarType.Other || to == ScalarType.Other || conversion.OperatorMethod is not null)
        {
            _context.ReportUnsupportedExpression(conversion, "A conversion from " + conversion.Operand.Type + " to " + conversion.Type);
            return Placeholder(conversion);
        }
        int operand = Lower(conversion.Operand, from == to ? userName : null);
        return from == to ? operand : _context.AddGate(GateKind.Convert, to, userName, operand);
    }

    private int LowerBinary(IBinaryOperation binary, string? userName)
    {
        var type = TypeOf(binary);
        GateKind? gate = binary.OperatorKind switch
        {
            BinaryOperatorKind.Add => GateKind.Add,
            BinaryOperatorKind.Subtract => GateKind.Subtract,
            BinaryOperatorKind.Multiply => GateKind.Multiply,
            BinaryOperatorKind.Divide => GateKind.Divide,
            _ => null,
        };
        if (gate is null || type == ScalarType.Other)
        {
            _context.ReportUnsupportedExpression(binary, null);
            return Placeholder(binary);
        }

        if (gate == GateKind.Divide && IsOne(binary.LeftOperand))
        {
            // The lecture collapses 1 / (1 + exp(−z)) into one sigmoid gate with local gradient s·(1−s).
            if (SigmoidPattern.TryMatch(binary.RightOperand, out var z))
            {
                return _context.AddGate(GateKind.Sigmoid, type, userName, Lower(z, null));
            }
            return _context.AddGate(GateKind.Reciprocal, type, userName, Lower(binary.RightOperand, null));
        }

        int left = Lower(binary.LeftOperand, null);
        int right = Lower(binary.RightOperand, null);
        return _context.AddGate(gate.Value, type, userName, left, right);
    }

    private int LowerInvocation(IInvocationOperation invocation, string? userName)
    {
        var method = invocation.TargetMethod;
        if (!MathFunctions.TryGetGate(method, out var gate))
        {
            _context.Report(DiagnosticFactory.Create(
                DiagnosticDescriptors.NoDerivative,
                invocation.Syntax,
                method.ContainingType.Name + "." + method.Name,
                method.Name,
                ExpectedSignatures.Backward(method)));
            return Placeholder(invocation);
        }

        var arguments = new int[invocation.Arguments.Length];
        foreach (var argument in invocation.Arguments)
        {
            arguments[argument.Parameter!.Ordinal] = Lower(argument.Value, null);
        }
        return _context.AddGate(gate, TypeOf(invocation), userName, arguments);
    }

    private int LowerConstant(IOperation op, string? userName)
    {
        string? text = _renderer.Render(op);
        if (text is null) return Placeholder(op);
        var type = TypeOf(op);
        string typeName = op.Type?.ToDisplayString(ConstantRenderer.TypeFormat) ?? "object";
        bool isAtom = op.ConstantValue.HasValue || op is ILocalReferenceOperation or IParameterReferenceOperation;
        return _context.AddConstant(text, type, typeName, userName, isAtom);
    }

    /// <summary>Stands in for a construct that was reported, so lowering can go on and find more errors.</summary>
    private int Placeholder(IOperation op) =>
        _context.AddConstant("default", TypeOf(op), op.Type?.ToDisplayString(ConstantRenderer.TypeFormat) ?? "object", null, isAtom: true);

    /// <summary>
    /// True when the value can change with a differentiable input through differentiable gates.
    /// Integers, booleans, comparisons and Floor/Round/Sign cut the dependence: their derivative is zero.
    /// </summary>
    public bool IsVaried(IOperation op)
    {
        // Arguments and other untyped wrappers are judged by what they contain.
        if (op.ConstantValue.HasValue || op.Type is not null && TypeOf(op) == ScalarType.Other) return false;
        switch (op)
        {
            case ILocalReferenceOperation local:
                return IsVariedNode(_context.Current(local.Local));
            case IParameterReferenceOperation parameter:
                return IsVariedNode(_context.Current(parameter.Parameter));
            case IInvocationOperation invocation when MathFunctions.HasZeroGradient(invocation.TargetMethod):
                return false;
            case IFieldReferenceOperation or IPropertyReferenceOperation or IInstanceReferenceOperation:
                return false;
        }
        foreach (var child in op.ChildOperations)
        {
            if (IsVaried(child)) return true;
        }
        return false;
    }

    private bool IsVariedNode(int id) => id >= 0 && _context.Nodes[id].Varied;

    private static bool IsOne(IOperation op) => op.ConstantValue is { HasValue: true, Value: 1.0 or 1f };

    public static ScalarType TypeOf(IOperation op) => TypeOf(op.Type);

    public static ScalarType TypeOf(ITypeSymbol? type) => type?.SpecialType switch
    {
        SpecialType.System_Double => ScalarType.Double,
        SpecialType.System_Single => ScalarType.Float,
        _ => ScalarType.Other,
    };
}
