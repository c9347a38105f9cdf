using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: a short-circuit or ?: whose conditionally evaluated part assigns (<see cref="EmbeddedEffects.Branches"/>),
/// lowered as the if/else C# runs: <c>a &amp;&amp; b</c> is <c>t = a; if (t) t = b;</c>, <c>a || b</c> is
/// <c>t = a; if (!t) t = b;</c>, <c>c ? x : y</c> is <c>if (c) t = x; else t = y;</c>. The assignments inside become
/// versions in one branch, merged by phis like any if's, so the reverse sweep runs only the adjoints of those that ran.
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>The node holding the expression's value after the branches, or -1 after a diagnostic.</summary>
    private int LowerBranching(IOperation op)
    {
        int errors = _context.Diagnostics.Count;
        // TryG(x, out var r) where it runs only sometimes: r holds a default before the branches, so that the merge after
        // them has a value on the path where the call did not run (C# reads r only where it did: definite assignment).
        foreach (var argument in op.Descendants().OfType<IArgumentOperation>())
        {
            if (argument is { Parameter.RefKind: RefKind.Out, Parent: IInvocationOperation call } && PlainTryHelpers.IsTryShaped(call.TargetMethod) && RefArgument(argument.Value) is { } declared)
                DefaultIfUnassigned(declared);
        }
        var value = new LoweringContext.HiddenVariable(op is IConditionalOperation ? "chosen" : "test");
        string label = Describe.Snippet(op.Syntax);
        switch (op)
        {
            case IBinaryOperation binary:
                {
                    int left = LowerCondition(binary.LeftOperand);
                    if (_context.Diagnostics.Count != errors) return -1;
                    _context.Assign(value, left);
                    bool and = binary.OperatorKind == BinaryOperatorKind.ConditionalAnd;
                    bool Right()
                    {
                        _context.Assign(value, LowerCondition(binary.RightOperand));
                        return false;
                    }
                    LowerIf(left, and ? Right : () => false, and ? () => false : Right, op, label);
                    break;
                }
            case IConditionalOperation conditional:
                {
                    int test = LowerCondition(conditional.Condition);
                    if (_context.Diagnostics.Count != errors) return -1;
                    bool Arm(IOperation arm)
                    {
                        _context.Assign(value, ArmValue(arm, conditional.Type!));
                        return false;
                    }
                    LowerIf(test, () => Arm(conditional.WhenTrue), () => Arm(conditional.WhenFalse!), op, label);
                    break;
                }
        }
        int result = _context.Current(value);
        _context.Forget(value);
        return _context.Diagnostics.Count != errors ? -1 : result;
    }

    /// <summary>One arm of a ?: as a node: a real through the differentiated lowering, a bool or integer as a constant.</summary>
    private int ArmValue(IOperation arm, ITypeSymbol type)
    {
        var kind = ExpressionLowering.TypeOf(type);
        if (kind is ScalarType.Double or ScalarType.Float) return _expressions.Lower(arm, null);
        var renderer = new ConstantRenderer(_context);
        string? text = renderer.Render(arm);
        return _context.AddConstant(text ?? "default", ScalarType.Other, type.ToDisplayString(SymbolNames.TypeFormat), null, isAtom: false, renderer.Dependencies);
    }
}
