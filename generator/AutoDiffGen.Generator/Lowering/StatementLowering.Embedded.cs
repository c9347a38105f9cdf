using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: assignments and ++/-- written inside expressions (<c>s += x[m++]</c>, <c>a = b = c</c>,
/// <c>if ((t = f(x)) &gt; 0)</c>). Each is an ordinary assignment, lowered where C# evaluates it; the
/// expression around it reads the version it produced (or, for x++, the one before).
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary><see cref="LoweringContext.LowerEmbedded"/>: the node holding the value, or -1 after a diagnostic.</summary>
    private int LowerEmbedded(IOperation op)
    {
        if (op is IInvocationOperation call) return InlineLocalFunction(call);
        if (EmbeddedEffects.Conditionally(op) is { } where)
        {
            _context.ReportUnsupportedExpression(op, "An assignment or ++/-- evaluated only on some paths of an expression (inside '" + Describe.Snippet(where.Syntax) + "')",
                "compute it in a statement of its own, under an if where it must run only sometimes");
            return -1;
        }
        if (op is IAssignmentOperation { Target: var structTarget } && Derivatives.RealStructs.IsRealStruct(structTarget.Type))
        {
            // A struct is carried as its members, which an expression has no single node for.
            _context.ReportUnsupportedExpression(op, "An assignment to the struct '" + Describe.Snippet(structTarget.Syntax) + "' inside an expression",
                "write it as a statement of its own, before the expression that reads the value");
            return -1;
        }
        int errors = _context.Diagnostics.Count;
        switch (op)
        {
            case IIncrementOrDecrementOperation increment when Variable(increment.Target) is { } target && !IsArrayLocal(target):
                {
                    int before = _context.Current(target);
                    Update(target, increment.Kind == OperationKind.Increment ? BinaryOperatorKind.Add : BinaryOperatorKind.Subtract, null, increment);
                    if (_context.Diagnostics.Count != errors || _context.Current(target) == before) return -1;
                    return increment.IsPostfix ? before : _context.Current(target);
                }
            case ISimpleAssignmentOperation assignment when Variable(assignment.Target) is { } target && !IsArrayLocal(target) && !assignment.IsRef:
                {
                    Define(target, assignment.Value);
                    return _context.Diagnostics.Count != errors ? -1 : _context.Current(target);
                }
            case ICompoundAssignmentOperation compound when Variable(compound.Target) is { } target && !IsArrayLocal(target):
                {
                    int before = _context.Current(target);
                    Update(target, compound.OperatorKind, compound.Value, compound);
                    if (_context.Diagnostics.Count != errors || _context.Current(target) == before) return -1;
                    return _context.Current(target);
                }
            default:
                {
                    var target = op switch
                    {
                        IAssignmentOperation a => a.Target,
                        IIncrementOrDecrementOperation i => i.Target,
                        _ => op,
                    };
                    _context.ReportUnsupportedExpression(op, op is IDeconstructionAssignmentOperation
                            ? "A tuple deconstruction used as a value"
                            : "An assignment to " + (target is IArrayElementReferenceOperation ? "an array element" : IsArrayOperand(target) ? "a local array" : "'" + Describe.Snippet(target.Syntax) + "'") + " inside an expression",
                        "write it as a statement of its own, before the expression that reads the value");
                    return -1;
                }
        }
    }

    /// <summary>
    /// A ref local. An alias of a local or by-value parameter (<c>ref double r = ref s;</c>) reads and writes that
    /// variable: the context resolves it. Any other (an array element, a field, a ref parameter) is reported; its
    /// later reads and writes get a placeholder, so they bring no follow-up errors.
    /// </summary>
    private void LowerRefLocal(IOperation group, IVariableDeclaratorOperation declarator)
    {
        var referent = (declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer)?.Value;
        if (referent is ILocalReferenceOperation or IParameterReferenceOperation && Variable(referent) is { } target
            && target is ILocalSymbol { IsRef: false } or IParameterSymbol { RefKind: RefKind.None }
            && !IsArrayLocal(target) && _context.Current(target) >= 0)
        {
            if (_loop is not null)
            {
                // A loop's carried variables are found before its body is lowered, where the alias is not known yet.
                Unsupported(group, "A 'ref' local declared inside a loop ('" + Describe.Snippet(declarator.Syntax) + "')", "declare it before the loop");
                _context.Alias(declarator.Symbol, target);
                return;
            }
            _context.Alias(declarator.Symbol, target);
            return;
        }
        Unsupported(group, "A 'ref' local ('" + Describe.Snippet(declarator.Syntax) + "')",
            "a ref local may alias a local or a parameter; for an array element or a field, write the element or field where you use it (for 'ref double r = ref a[i]; r += x;' write 'a[i] += x;')");
        var type = declarator.Symbol.Type;
        _context.Assign(declarator.Symbol, _context.AddConstant("default", ExpressionLowering.TypeOf(type), type.ToDisplayString(SymbolNames.TypeFormat), null, isAtom: true));
    }

    private static bool IsArrayLocal(ISymbol variable) => variable is ILocalSymbol { Type: IArrayTypeSymbol } or IParameterSymbol { Type: IArrayTypeSymbol };

    private static bool IsArrayOperand(IOperation target) => target.Type is IArrayTypeSymbol;
}
