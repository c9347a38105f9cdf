using System.Collections.Generic;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Straight-line statements → graph. Locals and parameters are renamed into SSA versions, so a
/// reassignment never destroys a value the reverse sweep still needs.
/// </summary>
internal sealed class StatementLowering
{
    private readonly LoweringContext _context;
    private readonly ExpressionLowering _expressions;

    public StatementLowering(LoweringContext context, IMethodSymbol method)
    {
        _context = context;
        _expressions = new ExpressionLowering(context, method);
    }

    /// <summary>Lowers a method body; returns the node it returns, or -1.</summary>
    public int LowerBody(IMethodBodyBaseOperation body)
    {
        var block = body.BlockBody ?? body.ExpressionBody;
        if (block is null) return -1;
        return LowerBlock(block, out bool _);
    }

    private int LowerBlock(IBlockOperation block, out bool returned)
    {
        foreach (var statement in block.Operations)
        {
            int result = LowerStatement(statement, out returned);
            if (returned) return result;
        }
        returned = false;
        return -1;
    }

    private int LowerStatement(IOperation statement, out bool returned)
    {
        returned = false;
        switch (statement)
        {
            case IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } value }:
                returned = true;
                return _expressions.Lower(value, null);
            case IVariableDeclarationGroupOperation group:
                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                    {
                        var initializer = declarator.Initializer ?? declaration.Initializer;
                        if (initializer is not null) Define(declarator.Symbol, initializer.Value);
                    }
                }
                return -1;
            case IExpressionStatementOperation expression:
                LowerExpressionStatement(expression.Operation);
                return -1;
            case IBlockOperation block:
                return LowerBlock(block, out returned);
            case IEmptyOperation:
                return -1;
            default:
                Unsupported(statement);
                return -1;
        }
    }

    private void LowerExpressionStatement(IOperation operation)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation assignment when Variable(assignment.Target) is { } target:
                Define(target, assignment.Value);
                break;
            case ICompoundAssignmentOperation compound when Variable(compound.Target) is { } target:
                Update(target, compound.OperatorKind, compound.Value, compound);
                break;
            case IIncrementOrDecrementOperation increment when Variable(increment.Target) is { } target:
                Update(target, increment.Kind == OperationKind.Increment ? BinaryOperatorKind.Add : BinaryOperatorKind.Subtract, null, increment);
                break;
            case IAssignmentOperation assignment:
                ReportSideEffect(assignment, assignment.Target);
                break;
            case IIncrementOrDecrementOperation increment:
                ReportSideEffect(increment, increment.Target);
                break;
            case IInvalidOperation:
                break; // The compiler already reports it; nothing to differentiate.
            default:
                _context.Report(DiagnosticFactory.Create(
                    DiagnosticDescriptors.UnsupportedStatement,
                    operation.Syntax,
                    "A statement whose value is discarded ('" + Describe.Snippet(operation.Syntax) + "')",
                    "a [Differentiable] method computes a value without side effects; assign the result to a local"));
                break;
        }
    }

    private static ISymbol? Variable(IOperation target) => target switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    /// <summary>x = value: the value becomes the next version of x, under x's name.</summary>
    private void Define(ISymbol variable, IOperation value)
    {
        string name = _context.NameFor(variable);
        _context.Assign(variable, _expressions.Lower(value, name));
    }

    /// <summary>x op= value (or x++): a gate over the current version of x.</summary>
    private void Update(ISymbol variable, BinaryOperatorKind kind, IOperation? value, IOperation at)
    {
        int current = _context.Current(variable);
        if (current < 0)
        {
            _context.ReportUnsupportedExpression(at, "an update of a variable before it is assigned");
            return;
        }
        var node = _context.Nodes[current];
        GateKind? gate = kind switch
        {
            BinaryOperatorKind.Add => GateKind.Add,
            BinaryOperatorKind.Subtract => GateKind.Subtract,
            BinaryOperatorKind.Multiply => GateKind.Multiply,
            BinaryOperatorKind.Divide => GateKind.Divide,
            _ => null,
        };
        string name = _context.Names.Version(variable.Name);

        bool valueVaried = value is not null && _expressions.IsVaried(value);
        if (!node.Varied && !valueVaried || node.Type == ScalarType.Other || gate is null)
        {
            if (node.Varied || valueVaried || gate is null && node.Type != ScalarType.Other)
            {
                _context.ReportUnsupportedExpression(at, null);
                return;
            }
            // Nothing differentiable: keep the update as forward-only C#.
            var renderer = new ConstantRenderer(_context);
            string? operand = value is null ? "1" : renderer.Render(value);
            if (operand is null) return;
            var dependencies = new List<int>(renderer.Dependencies) { current };
            string text = node.Name + " " + OperatorText(kind) + " " + (value?.ConstantValue.HasValue == true ? operand : "(" + operand + ")");
            // Compound assignment casts back to the variable's type; int, long and double need no cast.
            if (node.TypeName is not ("int" or "long" or "double")) text = "(" + node.TypeName + ")(" + text + ")";
            _context.Assign(variable, _context.AddConstant(text, node.Type, node.TypeName, name, isAtom: false, dependencies));
            return;
        }

        int right;
        if (value is null || value.ConstantValue is { HasValue: true, Value: not null and not bool and not string })
        {
            // A numeric constant becomes a literal of the variable's own precision (x *= 2 → x * 2.0).
            double constant = value is null ? 1 : System.Convert.ToDouble(value.ConstantValue.Value, System.Globalization.CultureInfo.InvariantCulture);
            right = _context.AddConstant(Emit.Literals.Real(constant, node.Type), node.Type, node.TypeName, null, isAtom: true);
        }
        else if (ExpressionLowering.TypeOf(value) != node.Type)
        {
            _context.ReportUnsupportedExpression(at, "A compound assignment that mixes float and double");
            return;
        }
        else
        {
            right = _expressions.Lower(value, null);
        }
        _context.Assign(variable, _context.AddGate(gate.Value, node.Type, name, current, right));
    }

    private static string OperatorText(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Add => "+",
        BinaryOperatorKind.Subtract => "-",
        BinaryOperatorKind.Multiply => "*",
        BinaryOperatorKind.Divide => "/",
        BinaryOperatorKind.Remainder => "%",
        BinaryOperatorKind.And => "&",
        BinaryOperatorKind.Or => "|",
        BinaryOperatorKind.ExclusiveOr => "^",
        BinaryOperatorKind.LeftShift => "<<",
        BinaryOperatorKind.RightShift => ">>",
        _ => "?",
    };

    private void ReportSideEffect(IOperation at, IOperation target)
    {
        string what = target switch
        {
            IFieldReferenceOperation f => "the field '" + f.Field.Name + "'",
            IPropertyReferenceOperation p => "the property '" + p.Property.Name + "'",
            IArrayElementReferenceOperation => "an array element",
            _ => "'" + Describe.Snippet(target.Syntax) + "'",
        };
        _context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.SideEffect, at.Syntax, "'" + Describe.Snippet(at.Syntax) + "'", what));
    }

    private void Unsupported(IOperation statement) =>
        _context.Report(DiagnosticFactory.Create(
            DiagnosticDescriptors.UnsupportedStatement,
            StatementLocation(statement),
            Describe.Statement(statement),
            Describe.StatementHint(statement)));

    /// <summary>Points at the statement's keyword rather than its whole body, as the compiler does.</summary>
    private static Location StatementLocation(IOperation statement)
    {
        var token = statement.Syntax.GetFirstToken();
        return token.GetLocation();
    }
}
