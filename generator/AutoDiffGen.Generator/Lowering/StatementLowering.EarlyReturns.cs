using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: early returns outside loops. The graph has no jumps, so statements after an if or a
/// switch that may return are lowered into every branch that can reach them (the continuation), and a branch
/// that returns contributes only its result. Whether a branch can reach them is the compiler's own
/// reachability, so nested ifs, switches, throws and endless loops all count.
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>Statements copied into a second branch so far, to bound the growth of repeated continuations.</summary>
    private int _copiedStatements;

    /// <summary>Beyond this many copied statements the method is rejected rather than made huge.</summary>
    private const int CopyBudget = 4000;

    /// <summary>
    /// Outside loops: every path through the statement returns or throws (the compiler finds its end
    /// unreachable, and nothing leaves it by break, continue or goto).
    /// </summary>
    private static bool Ends(IOperation? statement) =>
        statement is not null && Ends(statement.SemanticModel, statement.Syntax, statement.Syntax);

    /// <summary>The same for the statements of a switch section.</summary>
    private static bool Ends(ImmutableArray<IOperation> body) =>
        body.Length > 0 && Ends(body[0].SemanticModel, body[0].Syntax, body[body.Length - 1].Syntax);

    private static bool Ends(SemanticModel? model, SyntaxNode first, SyntaxNode last)
    {
        if (model is null || first is not StatementSyntax from || last is not StatementSyntax to) return false;
        if (!MayEnd(from, to)) return false;
        var flow = model.AnalyzeControlFlow(from, to);
        // A branch the compiler proves unreachable (a constant condition) is still lowered: its reachability says nothing.
        return flow is { Succeeded: true, StartPointIsReachable: true, EndPointIsReachable: false } && flow.ExitPoints.All(e => e is ReturnStatementSyntax);
    }

    /// <summary>
    /// False when the statements from <paramref name="from"/> to <paramref name="to"/> hold no return, throw, goto or
    /// loop: only those can make a region's end unreachable, so the compiler's control-flow analysis (a walk of the
    /// whole method per call, asked for every if outside loops) would find it reachable.
    /// </summary>
    private static bool MayEnd(StatementSyntax from, StatementSyntax to)
    {
        var statements = from == to || from.Parent is null
            ? new SyntaxNode[] { from, to }
            : from.Parent.ChildNodes().Where(n => n.SpanStart >= from.SpanStart && n.Span.End <= to.Span.End);
        return statements.Any(s => s.DescendantNodesAndSelf().Any(n => n is ReturnStatementSyntax or ThrowStatementSyntax or GotoStatementSyntax
            or WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax or YieldStatementSyntax));
    }

    /// <summary>Holds a return of this method (not of a lambda or local function inside it).</summary>
    private static bool ContainsReturn(IEnumerable<IOperation> statements) =>
        statements.Any(s => s.DescendantsAndSelf().Any(d => d is IReturnOperation { Kind: OperationKind.Return } r && !InsideFunction(r, s)));

    private static bool InsideFunction(IOperation op, IOperation root)
    {
        for (var p = op.Parent; p is not null && p != root; p = p.Parent)
        {
            if (p is IAnonymousFunctionOperation or ILocalFunctionOperation) return true;
        }
        return false;
    }

    /// <summary>
    /// Appends the continuation to a branch that can reach it. Returns false (after reporting) when the copies
    /// would grow beyond <see cref="CopyBudget"/>.
    /// </summary>
    private bool Continue(List<IOperation> branch, List<IOperation> rest, bool isCopy, IOperation at)
    {
        if (isCopy)
        {
            _copiedStatements += rest.Sum(s => s.DescendantsAndSelf().Count());
            if (_copiedStatements > CopyBudget)
            {
                Unsupported(at, "Early returns that would copy the rest of the method into too many branches ('" + Describe.Snippet(at.Syntax) + "')",
                    "assign the result to a variable and return it once at the end");
                return false;
            }
        }
        branch.AddRange(rest);
        return true;
    }

    /// <summary>
    /// <c>return r;</c> of a local array in an inlined helper's body (ExpressionLowering.ArrayHelpers): the array's version
    /// itself, not its value as an expression, which is a constant naming it where it carries no gradient yet (B05's early
    /// <c>{ r[0, 0] = 1; …; return r; }</c>): the returns of one local then merge as versions of one array (a phi), as its
    /// own stores on two branches do (idioms23). Null otherwise.
    /// </summary>
    private int? ReturnedArrayVersion(IOperation value)
    {
        if (ReferenceEquals(_resultKey, LoweringContext.ReturnValue)) return null;
        while (value is IConversionOperation { OperatorMethod: null, IsImplicit: true } conversion) value = conversion.Operand;
        return value is ILocalReferenceOperation { Local: var local } && _context.Current(local) is var version && version >= 0
            && _context.Nodes[version].Type == Graph.ScalarType.Array ? version : null;
    }
}
