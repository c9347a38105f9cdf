using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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

    /// <summary>
    /// Source code as a caption for the graph (a loop's or branch's condition): its tokens with canonical
    /// spacing (one space around binary operators and between words, none elsewhere), without comments
    /// or line breaks, so that neither whitespace nor comment edits change it. At most about
    /// <paramref name="max"/> characters, then "…".
    /// </summary>
    public static string Source(SyntaxNode syntax, int max = 60)
    {
        var text = new StringBuilder();
        SyntaxToken previous = default;
        foreach (var token in syntax.DescendantTokens())
        {
            if (token.IsMissing || token.Text.Length == 0) continue;
            if (text.Length > 0 && Spaced(previous, token)) text.Append(' ');
            text.Append(token.Text);
            previous = token;
            if (text.Length > max) return text.ToString(0, max - 1) + "…";
        }
        return text.ToString();
    }

    private static bool Spaced(SyntaxToken left, SyntaxToken right)
    {
        if (IsSpacedOperator(left) || IsSpacedOperator(right)) return true;
        if (left.IsKind(SyntaxKind.CommaToken) || left.IsKind(SyntaxKind.SemicolonToken)) return true;
        // Relational patterns and 'not'/'and'/'or': "is > 0", "not null".
        if (left.Parent is RelationalPatternSyntax && left == ((RelationalPatternSyntax)left.Parent).OperatorToken) return true;
        return IsWord(left) && IsWord(right);
    }

    private static bool IsWord(SyntaxToken token) =>
        SyntaxFacts.IsKeywordKind(token.Kind()) || token.IsKind(SyntaxKind.IdentifierToken) || token.IsKind(SyntaxKind.NumericLiteralToken) ||
        token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.CharacterLiteralToken);

    private static bool IsSpacedOperator(SyntaxToken token) => token.Parent switch
    {
        BinaryExpressionSyntax b => b.OperatorToken == token,
        AssignmentExpressionSyntax a => a.OperatorToken == token,
        ConditionalExpressionSyntax c => c.QuestionToken == token || c.ColonToken == token,
        BinaryPatternSyntax p => p.OperatorToken == token,
        IsPatternExpressionSyntax i => i.IsKeyword == token,
        SwitchExpressionArmSyntax arm => arm.EqualsGreaterThanToken == token,
        LambdaExpressionSyntax => token.IsKind(SyntaxKind.EqualsGreaterThanToken),
        _ => false,
    };

    public static string Operation(IOperation op)
    {
        string what = op switch
        {
            IConditionalOperation => "A conditional expression (?:)",
            IAnonymousFunctionOperation or IDelegateCreationOperation => "A lambda or delegate",
            IArrayElementReferenceOperation { Indices.Length: > 1 } => "Reading an element of a multi-dimensional array that carries a gradient",
            IArrayElementReferenceOperation => "Array indexing",
            IAssignmentOperation => "An assignment inside an expression",
            IIncrementOrDecrementOperation => "An increment or decrement inside an expression",
            IObjectCreationOperation => "Object creation",
            IArrayCreationOperation => "Array creation",
            ISwitchExpressionOperation => "A switch expression",
            IThrowOperation => "A throw expression",
            IBinaryOperation { OperatorMethod: { } method } => UserOperator(method),
            IUnaryOperation { OperatorMethod: { } method } => UserOperator(method),
            IBinaryOperation b => "The operator " + b.OperatorKind,
            IInterpolatedStringOperation => "An interpolated string",
            IInvalidOperation => "Code that does not compile",
            _ when IsStackAlloc(op) => "A stackalloc expression",
            // Roslyn models some expressions as OperationKind.None: its name would tell the user nothing.
            { Kind: OperationKind.None } => "This kind of expression",
            _ => "The expression kind " + op.Kind,
        };
        return what + " ('" + Snippet(op.Syntax) + "')";
    }

    private static bool IsStackAlloc(IOperation op) =>
        op.Syntax is StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax;

    public static string Hint(IOperation op) => op switch
    {
        IConditionalOperation => "compute both values into locals and choose with if/else",
        IAnonymousFunctionOperation or IDelegateCreationOperation => "make it a [Differentiable] method and call that",
        IArrayElementReferenceOperation { Indices.Length: > 1 } => "a gradient is tracked through double[]/float[] arrays and spans, and through double[,]/float[,] and double[][]/float[][] parameters: pass the values as one of those (a double[] indexed i * columns + j), or mark the array [NoDiff] if it needs no gradient",
        IArrayElementReferenceOperation => "index an array or span parameter, or a local array created with new T[n]",
        IArrayCreationOperation { Type: IArrayTypeSymbol { ElementType: var element } } when Derivatives.RealStructs.IsComplex(element) =>
            "keep the parts in two arrays, new double[n] for Re and new double[n] for Im, and write new Complex(re[i], im[i]) where an element is read",
        // GradBench's det keeps its minors' row and column lists in new int[ell + 1] (gradbench24): the generic hint said to
        // rewrite it with +, -, *, / and Math functions, which says nothing about what to do with a table of indices.
        IArrayCreationOperation { Type: IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Boolean } } =>
            "a table of ints, longs or bools is made as a local declared with it (int[] t = new int[n];) and then read, written and indexed in this method (tables25); made anywhere else (an argument, a field, a reassignment) it is not: declare it as a local first, or fill it in the caller and pass it as a parameter the method only reads",
        IBinaryOperation { OperatorMethod: { } method } when Derivatives.RealStructs.IsComplex(method.ContainingType) =>
            "compare the parts instead (z.Real == w.Real && z.Imaginary == w.Imaginary) or, for a differentiated value, use +, -, *, / on Complex",
        IBinaryOperation { OperatorMethod: { } } or IUnaryOperation { OperatorMethod: { } } =>
            "AutoDiffGen has no derivative for a user-defined operator on this type and does not copy it into the forward sweep: write the computation with double or float components (a.X + b.X, ...)",
        IAssignmentOperation or IIncrementOrDecrementOperation => "write the assignment as its own statement",
        IInvalidOperation => "fix the compile errors first",
        IObjectCreationOperation { Type: INamedTypeSymbol { TypeArguments.Length: 1, Name: "List" } } =>
            "a List<double> is differentiated as a local variable created where it is declared (var l = new List<double> { a, b }; l.Add(c);), read by index, foreach, Count and LINQ; or collect the values in an array (new[] { a, b, c } or new double[n]); a [NoDiff] List<double> may be read by index and foreach",
        IObjectCreationOperation { Type: INamedTypeSymbol { TypeKind: TypeKind.Class } created } when HoldsReals(created) =>
            // A class object is followed by no one: a second name or a call may share and change it (issue 13 item 4).
            "a class object's members carry no adjoint (another reference may share and change it): make '" + created.Name
            + "' a struct or record struct of double/float members, which is differentiated as a value, or keep its members in double locals",
        // A struct that holds reals but is no struct of reals (hunt16: OpenTK's Box2d keeps its corners in private Vector2d
        // fields): say which member stops it, not the generic hint.
        IObjectCreationOperation { Type: INamedTypeSymbol { TypeKind: TypeKind.Struct } made } when Derivatives.RealStructs.Why(made) is { } why && HoldsRealsDeep(made) =>
            "'" + made.Name + "' is " + why + "; a struct is differentiated when every instance member is a public or internal double/float field or auto-property (or such a struct): change that member, or keep the values in double locals",
        _ when IsStackAlloc(op) => "create the local array with new double[n] (or new float[n]) instead",
        IBinaryOperation { OperatorKind: BinaryOperatorKind.Remainder } => "use x - y * Math.Floor(x / y) if you need it differentiated",
        _ => "rewrite it with +, -, *, /, locals and System.Math functions",
    };

    /// <summary>A class with a double/float instance field or auto-property (a Point, a Particle written as a class).</summary>
    private static bool HoldsReals(INamedTypeSymbol type) =>
        type.GetMembers().OfType<IFieldSymbol>().Any(f => !f.IsStatic && f.Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single);

    /// <summary>A struct with a real instance field, directly or in a struct member (a box of two vectors).</summary>
    private static bool HoldsRealsDeep(INamedTypeSymbol type, int depth = 0) =>
        depth < 4 && type.GetMembers().OfType<IFieldSymbol>().Any(f => !f.IsStatic && (f.Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single
            || f.Type is INamedTypeSymbol { TypeKind: TypeKind.Struct, SpecialType: SpecialType.None } inner && HoldsRealsDeep(inner, depth + 1)));

    /// <summary>'The user-defined operator '+' (op_Addition of System.Numerics.Vector2)'.</summary>
    private static string UserOperator(IMethodSymbol method)
    {
        string? token = Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetText(Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetOperatorKind(method.MetadataName));
        return "The user-defined operator " + (string.IsNullOrEmpty(token) ? "" : "'" + token + "' ") + "(" + method.MetadataName + " of " + method.ContainingType.ToDisplayString() + ")";
    }

    /// <summary>What a call argument that carries a gradient was passed to, when that parameter takes none.</summary>
    public static string DroppedArgument(IMethodSymbol method, IParameterSymbol parameter)
    {
        string where = "parameter '" + parameter.Name + "' of '" + method.ContainingType.Name + "." + method.Name + "'";
        if (Derivatives.ValueKinds.IsNoDiff(parameter)) return "An argument that carries a gradient, passed to the [NoDiff] " + where;
        if (IsRealArrayOrSpan(parameter.Type)) return "An array or span that carries a gradient, passed to " + where;
        if (Derivatives.ValueKinds.IsGrid(parameter.Type)) return "A two-dimensional or jagged array that carries a gradient, passed to " + where;
        return "An argument that carries a gradient, passed to " + where + ", whose type '" + parameter.Type.ToDisplayString() + "' has no adjoint";
    }

    public static string DroppedArgumentHint(IParameterSymbol parameter)
    {
        if (Derivatives.ValueKinds.IsNoDiff(parameter))
        {
            return "the callee declares that it takes no gradient for '" + parameter.Name + "', so this one would be lost: remove [NoDiff] there, or pass a value that does not depend on the differentiated parameters";
        }
        if (IsRealArrayOrSpan(parameter.Type) && parameter.ContainingSymbol is IMethodSymbol callee && !Derivatives.DerivativeResolver.IsDifferentiable(callee.OriginalDefinition))
        {
            // A callee with a hand-written [DerivativeOf] that takes no adjoint for it (a [Differentiable] one's by-value arrays have adjoints).
            return "the callee's hand-written [DerivativeOf] takes no adjoint for it: give its Backward an adjoint for each array or span parameter (T[] d… or Span<T> d…, and its forward one a ReadOnlySpan<T> t…), make the callee [Differentiable], or compute with the elements in this method (x[i] in a loop)";
        }
        if (IsRealArrayOrSpan(parameter.Type))
        {
            return "passing an array or span that carries a gradient to another method is not supported yet: compute with its elements in this method (x[i] in a loop), or pass the elements as double or float arguments";
        }
        if (Derivatives.ValueKinds.IsGrid(parameter.Type))
        {
            return "compute with its elements in this method (a[i, j] in loops), or give the callee's parameter the grid's own type";
        }
        return "a gradient flows only into double, float or adjointable (ZeroAdjoint) parameters: change the parameter's type, or pass a value that does not depend on the differentiated parameters";
    }

    private static bool IsRealArrayOrSpan(ITypeSymbol type) =>
        type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double or SpecialType.System_Single } ||
        type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", ContainingNamespace.Name: "System", TypeArguments: [{ SpecialType: SpecialType.System_Double or SpecialType.System_Single }] };

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
        // Roslyn gives pointer code no operation kind (None): name it by its syntax, not as "The statement kind None".
        _ when op.Syntax is FixedStatementSyntax => "A 'fixed' statement (pointers)",
        _ when op.Syntax is UnsafeStatementSyntax => "An 'unsafe' block",
        _ when op.Kind == OperationKind.None => "This statement",
        _ => "The statement kind " + op.Kind,
    } + " ('" + Snippet(op.Syntax) + "')";

    public static string StatementHint(IOperation op) => op switch
    {
        IForLoopOperation or IForEachLoopOperation or IWhileLoopOperation => "use for, while, do/while, or foreach over an array or span parameter",
        ISwitchOperation => "write it as if/else if/else",
        ITryOperation or IThrowOperation => "move error handling out of the differentiable method",
        IBranchOperation => "restructure the code without jumps",
        ILocalFunctionOperation => "make it a [Differentiable] method of the type instead",
        _ when op.Syntax is FixedStatementSyntax or UnsafeStatementSyntax => "index the array (a[i]) or a Span<double> instead of a pointer",
        _ => "rewrite it as straight-line code: locals, assignments and one final return",
    };
}
