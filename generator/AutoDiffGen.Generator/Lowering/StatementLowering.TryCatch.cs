using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: <c>try</c>/<c>catch</c> (issue 13). The generator knows exactly when each statement of the try
/// throws (<see cref="CatchSites"/>), so it tests that before the statement, as C# would find it: where the test holds, the
/// path takes the catch and what follows the try (an early return takes the rest along the same way); where it does not,
/// the statement runs and the next is tested. A statement that throws has done nothing visible (its assignment is its
/// last step), so the catch sees what the statements before it left, and the reverse sweep walks back exactly the
/// statements that completed, then the catch. A <c>throw new X(…)</c> the clause catches is a jump to the catch. Uncaught
/// exceptions are thrown where the method throws them, by the same statements.
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>A try whose statements are being lowered: the source its body covers, its clause, and what runs when it catches.</summary>
    private sealed record CatchHandler(SyntaxTree Tree, TextSpan Body, ICatchClauseOperation Clause, List<IOperation> OnCatch);

    private readonly List<CatchHandler> _handlers = new();

    /// <summary>Statements whose throw test has been written: the path that passed it lowers the statement itself.</summary>
    private readonly HashSet<IOperation> _tested = new();

    /// <summary>
    /// Lowers <c>try { S } catch (T) { C } [finally { F }]</c> followed by <paramref name="rest"/>: S then F then the rest,
    /// each statement of S tested first; the catch path is C then F then the rest. Returns whether every path returns,
    /// or false after reporting what cannot be lowered so.
    /// </summary>
    private bool LowerTryCatch(ITryOperation @try, List<IOperation> rest)
    {
        if (@try.Catches.Length > 1)
        {
            Unsupported(@try.Catches[1], "A 'try' with more than one 'catch' ('" + Describe.Snippet(@try.Catches[1].Syntax) + "')",
                "catch once (catch (Exception) or the common base type), or test what would throw before the try");
            return false;
        }
        var clause = @try.Catches[0];
        var finallyStatements = Flatten(@try.Finally);
        if (@try.Finally is not null && !FinallyAssignsOnly(@try)) return false;
        if (!CheckCatchClause(clause) || !CheckTryBody(@try)) return false;
        var body = Flatten(@try.Body);
        var onCatch = Flatten(clause.Handler);
        if (onCatch.Count == 1 && ThrowStatement(onCatch[0]) is { Exception: null })
        {
            // catch { throw; }: the exception leaves as it came; the try is its body.
            body.AddRange(finallyStatements);
            body.AddRange(rest);
            return LowerStatements(body, 0);
        }
        if (_loop is not null && JumpOutOfTry(@try) is { } jump)
        {
            Unsupported(jump, "A 'return', 'break', 'continue' or 'goto' in a 'try'/'catch' inside a loop ('" + Describe.Snippet(jump.Syntax) + "')",
                "set a flag in the try or the catch and leave after it");
            return false;
        }
        onCatch.AddRange(finallyStatements);
        body.AddRange(finallyStatements);
        if (_loop is null)
        {
            // Outside loops both paths take the rest along, so that a return in either is an ordinary end of its path.
            if (!Continue(onCatch, rest, true, @try)) return false;
            body.AddRange(rest);
            rest = new List<IOperation>();
        }
        var handler = new CatchHandler(@try.Syntax.SyntaxTree, @try.Body.Syntax.Span, clause, onCatch);
        _handlers.Add(handler);
        try
        {
            // Inside a loop the paths meet after the try, and the loop's body goes on from there.
            bool returned = LowerStatements(body, 0);
            return returned || LowerStatements(rest, 0);
        }
        finally
        {
            _handlers.Remove(handler);
        }
    }

    /// <summary>The try with a catch whose body holds <paramref name="statement"/>, or null.</summary>
    private CatchHandler? HandlerOf(IOperation statement) =>
        _handlers.LastOrDefault(h => statement.Syntax.SyntaxTree == h.Tree && h.Body.Contains(statement.Syntax.Span));

    /// <summary>
    /// Before a statement of a try with a catch: when it may throw what the clause catches, lowers "if it throws, the
    /// catch path; else the statement and the rest of <paramref name="statements"/>" and returns true with whether every
    /// path returned; false when the statement is lowered as usual.
    /// </summary>
    private bool TestBeforeStatement(IOperation statement, List<IOperation> statements, int i, out bool returned)
    {
        returned = false;
        if (_handlers.Count == 0 || _tested.Contains(statement) || ThrowStatement(statement) is not null || HandlerOf(statement) is not { } handler) return false;
        if (statement is not (IExpressionStatementOperation or IVariableDeclarationGroupOperation or IReturnOperation)) return false;
        var throws = CatchSites.Find(statement, out _)?.Where(t => !(t.OfNull && ListLocals.Tracked(_context, t.Operands[0]) is not null)).ToList();
        if (throws is null || throws.Count == 0) return false;
        var type = CatchType(handler.Clause);
        if (!throws.Any(t => CatchSites.Catches(type, t.Types))) return false;
        var renderer = new ConstantRenderer(_context);
        var dependencies = new List<int>();
        var tests = new List<string>();
        foreach (var t in throws)
        {
            var operands = new string[t.Operands.Length];
            for (int k = 0; k < operands.Length; k++)
            {
                if (k == 0 && t.OfListCount && ListLocals.Tracked(_context, t.Operands[0]) is { } list)
                {
                    // A list the method follows: its count as the read sees it.
                    int count = _context.Current(_context.ListCountOf(list)!);
                    operands[0] = _context.Nodes[count].Name;
                    dependencies.Add(count);
                    continue;
                }
                string? text = renderer.RenderEffect(t.Operands[k]);
                if (text is not null && k == 0 && t.OfListCount) text = "(" + text + ").Count";
                if (text is null) return true;
                operands[k] = "(" + text + ")";
                dependencies.AddRange(renderer.Dependencies);
            }
            tests.Add(t.Test(operands));
        }
        // The first way it throws, in the order C# evaluates, decides: each test runs only where those before it found
        // nothing (so its operands evaluate safely), and says whether the catch catches that one.
        string condition = "false";
        for (int k = throws.Count - 1; k >= 0; k--)
        {
            bool catches = CatchSites.Catches(type, throws[k].Types);
            condition = condition == "false" && catches ? tests[k]
                : condition == "false" ? condition
                : catches ? "(" + tests[k] + ") || (" + condition + ")"
                : "!(" + tests[k] + ") && (" + condition + ")";
        }
        if (handler.Clause.Filter is { } filter)
        {
            string? text = renderer.RenderEffect(filter);
            if (text is null) return true;
            dependencies.AddRange(renderer.Dependencies);
            condition = "(" + condition + ") && (" + text + ")";
        }
        int test = _context.AddConstant(condition, Graph.ScalarType.Other, "bool", _context.Names.Fresh("throws"), isAtom: false, dependencies);
        returned = LowerIf(test, () => LowerStatements(new List<IOperation>(handler.OnCatch), 0), () =>
        {
            _tested.Add(statement);
            try
            {
                return LowerStatements(statements, i);
            }
            finally
            {
                _tested.Remove(statement);
            }
        }, statement, "throws: " + Describe.Snippet(statement.Syntax));
        return true;
    }

    /// <summary>
    /// A <c>throw new X(…);</c> in a try whose clause catches X: lowers the catch path (under the filter, if any) and
    /// returns true with whether it returned; false when the throw leaves the method.
    /// </summary>
    private bool CatchThrow(IThrowOperation thrown, IOperation statement, out bool returned)
    {
        returned = false;
        if (HandlerOf(statement) is not { } handler || thrown.Exception is null) return false;
        var created = thrown.Exception is IConversionOperation { IsImplicit: true } c ? c.Operand : thrown.Exception;
        if (created.Type is not { } exceptionType || !CatchSites.Catches(CatchType(handler.Clause), CatchSites.Chain(exceptionType))) return false;
        if (handler.Clause.Filter is { } filter)
        {
            returned = LowerIf(LowerCondition(filter), () => LowerStatements(new List<IOperation>(handler.OnCatch), 0), () =>
            {
                LowerThrow(thrown, statement);
                return true;
            }, statement, "caught: " + Describe.Snippet(statement.Syntax));
            return true;
        }
        returned = LowerStatements(new List<IOperation>(handler.OnCatch), 0);
        return true;
    }

    /// <summary>The clause's exception type, or null for one that catches everything.</summary>
    private static ITypeSymbol? CatchType(ICatchClauseOperation clause) =>
        clause.ExceptionType is { SpecialType: not SpecialType.System_Object } type ? type : null;

    /// <summary>A clause that reads its exception variable is reported: the generator does not have the exception object.</summary>
    private bool CheckCatchClause(ICatchClauseOperation clause)
    {
        var variable = clause.Locals.FirstOrDefault();
        if (variable is null) return true;
        var read = clause.Handler.Descendants().Concat(clause.Filter?.DescendantsAndSelf() ?? Enumerable.Empty<IOperation>())
            .FirstOrDefault(d => d is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, variable));
        if (read is null) return true;
        Unsupported(read, "A 'catch' that reads its exception ('" + variable.Name + "')",
            "the generator tests what would throw instead of catching it, so it has no exception object: catch without a variable, or catch around the calls of the method and of its Backward");
        return false;
    }

    /// <summary>
    /// Every statement of the try's body is one whose throws the generator knows (<see cref="CatchSites"/>): what may throw
    /// is in a statement of the body itself, or is a throw ending a branch of an if there. Reports the first that is not.
    /// </summary>
    private bool CheckTryBody(ITryOperation @try)
    {
        foreach (var statement in Flatten(@try.Body))
        {
            if (!CheckTryStatement(statement, @try, depth: 0)) return false;
        }
        return true;
    }

    /// <summary>One statement of the try (at <paramref name="depth"/>: 0 in the body, 1 in a branch of an if there, and so on).</summary>
    private bool CheckTryStatement(IOperation statement, ITryOperation @try, int depth)
    {
        switch (statement)
        {
            case var _ when ThrowStatement(statement) is { Exception: { } exception } thrown:
                {
                    var created = exception is IConversionOperation { IsImplicit: true } c ? c.Operand : exception;
                    if (created is not IObjectCreationOperation creation)
                    {
                        Unsupported(statement, "A 'throw' of an exception other than a 'new' one in a 'try' with a 'catch' ('" + Describe.Snippet(statement.Syntax) + "')",
                            "throw new X(…) there, so that the generator knows whether the catch catches it");
                        return false;
                    }
                    // Deeper than a branch of an if in the body, the statements after it that the catch skips could not be told apart.
                    if (depth >= 2 && CatchSites.Catches(CatchType(@try.Catches[0]), CatchSites.Chain(creation.Type!)))
                    {
                        Unsupported(statement, "A 'throw' that the 'catch' catches, nested deeper than a branch of an if in the 'try' ('" + Describe.Snippet(statement.Syntax) + "')",
                            "test the condition in an if directly in the try: if (…) throw new …;");
                        return false;
                    }
                    // What the exception is made of must not throw: the catch's path does not evaluate it.
                    foreach (var argument in creation.Arguments)
                    {
                        if (!CheckSites(new[] { argument.Value }, @try, nested: true)) return false;
                        if (CatchSites.Find(argument.Value, out _) is { Count: > 0 } made)
                        {
                            Unsupported(made[0].Site, "An operation that may throw, in the exception a 'try' throws ('" + Describe.Snippet(made[0].Site.Syntax) + "')",
                                "compute it in a statement of its own before the throw");
                            return false;
                        }
                    }
                    return true;
                }
            case IConditionalOperation conditional:
                if (!CheckSites(new[] { conditional.Condition }, @try, nested: true)) return false;
                foreach (var inner in Flatten(conditional.WhenTrue).Concat(Flatten(conditional.WhenFalse)))
                {
                    if (!CheckTryStatement(inner, @try, depth + 1)) return false;
                }
                return true;
            case IExpressionStatementOperation or IVariableDeclarationGroupOperation or IReturnOperation:
                return CheckSites(new[] { statement }, @try, nested: depth > 0);
            case IEmptyOperation:
                return true;
            default:
                Unsupported(statement, "A " + Describe.Statement(statement).TrimStart('A', ' ') + " in a 'try' with a 'catch' ('" + Describe.Snippet(statement.Syntax) + "')",
                    "keep the try's statements simple (assignments, declarations, returns, if and throw), or move the rest before or after it");
                return false;
        }
    }

    /// <summary>Operations the generator knows the throws of; in a nested statement, none may throw (its test could not be placed).</summary>
    private bool CheckSites(IEnumerable<IOperation> parts, ITryOperation @try, bool nested)
    {
        foreach (var part in parts)
        {
            var throws = CatchSites.Find(part, out var refused);
            if (throws is null)
            {
                Unsupported(refused!, "An operation the generator cannot tell when it throws, in a 'try' with a 'catch' ('" + Describe.Snippet(refused!.Syntax) + "')",
                    "inside a try with a catch the generator must know when each statement throws: use locals, real arithmetic, Math functions, checked conversions, int division and array elements there, and call other methods before or after the try");
                return false;
            }
            var type = CatchType(@try.Catches[0]);
            if (nested && throws.FirstOrDefault(t => CatchSites.Catches(type, t.Types)) is { } inner)
            {
                Unsupported(inner.Site, "An operation that may throw what the 'catch' catches, inside an if or a throw of the 'try' ('" + Describe.Snippet(inner.Site.Syntax) + "')",
                    "compute it in a statement of its own directly in the try");
                return false;
            }
        }
        return true;
    }

    /// <summary>A return, break, continue or goto in the try or its catch that would leave them.</summary>
    private static IOperation? JumpOutOfTry(ITryOperation @try) =>
        @try.Body.Descendants().Concat(@try.Catches.SelectMany(c => c.Handler.Descendants()))
            .FirstOrDefault(d => d is IReturnOperation { Kind: OperationKind.Return } || d is IBranchOperation { BranchKind: BranchKind.GoTo }
                || d is IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue } b && !JumpsWithin(b, @try));
}
