using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>Human names and hints for constructs that diagnostics mention.</summary>
internal static class Describe
{
    public static string Snippet(SyntaxNode syntax)
    {
        string text = syntax.ToString().Replace("\r", " ").Replace("\n", " ");
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }

    public static string Operation(IOperation op)
    {
        string what = op switch
        {
            IConditionalOperation => "A conditional expression (?:)",
            IAnonymousFunctionOperation or IDelegateCreationOperation => "A lambda or delegate",
            IArrayElementReferenceOperation => "Array indexing",
            IAssignmentOperation => "An assignment inside an expression",
            IIncrementOrDecrementOperation => "An increment or decrement inside an expression",
            IObjectCreationOperation => "Object creation",
            IArrayCreationOperation => "Array creation",
            ISwitchExpressionOperation => "A switch expression",
            IThrowOperation => "A throw expression",
            IBinaryOperation b => "The operator " + b.OperatorKind,
            IInterpolatedStringOperation => "An interpolated string",
            IInvalidOperation => "Code that does not compile",
            _ => "The expression kind " + op.Kind,
        };
        return what + " ('" + Snippet(op.Syntax) + "')";
    }

    public static string Hint(IOperation op) => op switch
    {
        IConditionalOperation => "compute both values into locals and choose with if/else",
        IAnonymousFunctionOperation or IDelegateCreationOperation => "make it a [Differentiable] method and call that",
        IArrayElementReferenceOperation => "index an array or span parameter, or a local array created with new T[n]",
        IAssignmentOperation or IIncrementOrDecrementOperation => "write the assignment as its own statement",
        IInvalidOperation => "fix the compile errors first",
        IBinaryOperation { OperatorKind: BinaryOperatorKind.Remainder } => "use x - y * Math.Floor(x / y) if you need it differentiated",
        _ => "rewrite it with +, -, *, /, locals and System.Math functions",
    };

    public static string Statement(IOperation op) => op switch
    {
        IForLoopOperation => "A 'for' loop",
        IForEachLoopOperation => "A 'foreach' loop",
        IWhileLoopOperation w => w.ConditionIsTop ? "A 'while' loop" : "A 'do'/'while' loop",
        IConditionalOperation => "An 'if' statement",
        ISwitchOperation => "A 'switch' statement",
        ITryOperation => "A 'try' statement",
        IBranchOperation b => "A '" + b.BranchKind.ToString().ToLowerInvariant() + "' statement",
        ILockOperation => "A 'lock' statement",
        IUsingOperation => "A 'using' statement",
        ILocalFunctionOperation => "A local function",
        IThrowOperation => "A 'throw' statement",
        ILabeledOperation => "A label",
        IReturnOperation r when r.Kind == OperationKind.YieldReturn => "'yield return'",
        _ => "The statement kind " + op.Kind,
    } + " ('" + Snippet(op.Syntax) + "')";

    public static string StatementHint(IOperation op) => op switch
    {
        IForLoopOperation or IForEachLoopOperation or IWhileLoopOperation => "use for, while, do/while, or foreach over an array or span parameter",
        ISwitchOperation => "write it as if/else if/else",
        ITryOperation or IThrowOperation => "move error handling out of the differentiable method",
        IBranchOperation => "restructure the code without jumps",
        ILocalFunctionOperation => "make it a [Differentiable] method of the type instead",
        _ => "rewrite it as straight-line code: locals, assignments and one final return",
    };
}
