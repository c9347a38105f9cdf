using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Straight-line statements → graph. Locals and parameters are renamed into SSA versions, so a
/// reassignment never destroys a value the reverse sweep still needs. This file dispatches statements;
/// StatementLowering.Branches.cs lowers if/else and jumps, .Loops.cs the loops, .Assignments.cs the assignments.
/// </summary>
internal sealed partial class StatementLowering
{
    private readonly LoweringContext _context;
    private readonly ExpressionLowering _expressions;

    private readonly IMethodSymbol _method;

    public StatementLowering(LoweringContext context, IMethodSymbol method, Compilation compilation)
    {
        _context = context;
        _method = method;
        _expressions = new ExpressionLowering(context, method, compilation);
        context.LowerEmbedded = LowerEmbedded;
        context.InlineBody = InlineMemberBody;
        context.InlineMutatingBody = InlineMutatingMemberBody;
        context.InlineStructCall = InlineCall;
        context.Branch = LowerIf;
    }

    /// <summary>The innermost loop being lowered: its hidden flags for break/continue/return.</summary>
    private LoopFrame? _loop;

    /// <summary>Set when a return inside a loop has run; null when the method has none.</summary>
    private LoweringContext.HiddenVariable? _returned;

    private sealed class LoopFrame
    {
        public LoopFrame? Outer;
        public readonly LoweringContext.HiddenVariable Jumped = new("jumped");
        public readonly LoweringContext.HiddenVariable Break = new("broke");
        public bool UsesFlags;
        public ILabelSymbol? Exit, Next;

        /// <summary>The break or continue jumps to this loop's end or next iteration.</summary>
        public bool Targets(IBranchOperation jump) =>
            SymbolEqualityComparer.Default.Equals(jump.Target, Exit) || SymbolEqualityComparer.Default.Equals(jump.Target, Next);
    }

    /// <summary>Lowers a method body; returns the node it returns, or -1.</summary>
    public int LowerBody(IMethodBodyBaseOperation body, ITypeSymbol returnType)
    {
        var block = body.BlockBody ?? body.ExpressionBody;
        if (block is null) return -1;
        UseVectorResult(returnType);
        UseOutputKeys(_method);
        if (block.Descendants().OfType<IReturnOperation>().Any(r => r.Kind == OperationKind.Return && InsideLoop(r, block)))
        {
            // A return inside a loop sets the result and a flag, leaves the loops, and skips the rest.
            _returned = new LoweringContext.HiddenVariable("returned");
            _context.Assign(_returned, Flag("false"));
            if (!_method.ReturnsVoid)
            {
                var type = ExpressionLowering.TypeOf(returnType);
                string zero = type is ScalarType.Double or ScalarType.Float ? ScalarLiterals.Zero(type) : "default";
                _context.Assign(LoweringContext.ReturnValue, _context.AddConstant(zero, type, returnType.ToDisplayString(SymbolNames.TypeFormat), null, isAtom: true));
            }
            StartVectorResult();
        }
        var statements = Flatten(block.Operations);
        if (_method.ReturnsVoid)
        {
            // The end of a void method is a return: marked, so that a continuation that reaches it returns as well.
            _endOfMethod = block;
            statements.Add(block);
        }
        bool returned = LowerStatements(statements, 0);
        if (!returned) KeepOutputs();
        if (returned && BodyAlwaysThrows())
        {
            Unsupported(block, "A method that always throws", "a method that never returns a value has no derivative: leave it out of [Differentiable]");
            return -1;
        }
        if (_vectorResult is not null) return returned ? VectorResultMarker() : -1;
        return returned ? _context.Current(LoweringContext.ReturnValue) : -1;
    }

    /// <summary>Nested plain blocks are spliced in: their locals are distinct symbols anyway.</summary>
    private static List<IOperation> Flatten(IEnumerable<IOperation> statements)
    {
        var list = new List<IOperation>();
        foreach (var statement in statements)
        {
            if (statement is IBlockOperation block) list.AddRange(Flatten(block.Operations));
            else list.Add(statement);
        }
        return list;
    }

    private static List<IOperation> Flatten(IOperation? statement) =>
        statement is null ? new List<IOperation>() : Flatten(new[] { statement });

    /// <summary>
    /// Lowers statements[start..]; returns true when every path through them returns. An 'if' with
    /// a branch that always returns takes the rest of the statements into its other branch, so an
    /// early return is an ordinary branch of the graph.
    /// </summary>
    private bool LowerStatements(List<IOperation> statements, int start)
    {
        for (int i = start; i < statements.Count; i++)
        {
            var statement = statements[i];
            // In a try with a catch: if it throws, the catch's path; else the statement and the rest (StatementLowering.TryCatch).
            if (TestBeforeStatement(statement, statements, i, out bool tested)) return tested;
            switch (statement)
            {
                case IVariableDeclarationGroupOperation when TrySwapArrays(statements, i):
                    // var t = u; u = next; next = t; of local arrays: one swap of their contents (StatementLowering.ArraySwaps).
                    i += 2;
                    continue;
                case var _ when ReferenceEquals(statement, _endOfMethod):
                    KeepOutputs();
                    return true;
                case IReturnOperation { Kind: OperationKind.Return, ReturnedValue: var value }:
                    // 'return;' in a void method returns no value, but what the method leaves in its ref/out parameters.
                    if (value is null) { }
                    else if (_vectorResult is not null) AssignVectorResult(value);
                    else if (_structResultKeys is { } parts) AssignStructResult(value, parts);
                    else _context.Assign(_resultKey, ReturnedArrayVersion(value) ?? _expressions.Lower(value, null));
                    KeepOutputs();
                    if (_loop is null) return true;
                    // Inside a loop: remember the result and leave every enclosing loop.
                    _context.Assign(_returned!, Flag("true"));
                    for (var frame = _loop; frame is not null; frame = frame.Outer)
                    {
                        _context.Assign(frame.Jumped, Flag("true"));
                        _context.Assign(frame.Break, Flag("true"));
                    }
                    return false;
                case var _ when ThrowStatement(statement) is { } thrown:
                    // A throw the catch of a try around it catches goes on in the catch; any other ends the path here.
                    if (CatchThrow(thrown, statement, out bool caught)) return caught;
                    LowerThrow(thrown, statement);
                    return true;
                case IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue } jump when _loop is not null && !_loop.Targets(jump):
                    // A break inside a switch section, before its end, leaves the switch: not a jump the graph has.
                    Unsupported(statement, "A 'break' before the end of a switch section", "use if/else inside the section so it ends in one break");
                    return false;
                case IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue } jump when _loop is not null:
                    _context.Assign(_loop.Jumped, Flag("true"));
                    if (jump.BranchKind == BranchKind.Break) _context.Assign(_loop.Break, Flag("true"));
                    return false;
                case IBranchOperation { BranchKind: BranchKind.GoTo } jump when _loop is not null && LoopGotos.Loop(jump, out bool isBreak) is { } loop
                    && (SymbolEqualityComparer.Default.Equals(loop.ExitLabel, _loop.Exit) || SymbolEqualityComparer.Default.Equals(loop.ContinueLabel, _loop.Next)):
                    // A goto to an empty label ending the body is this loop's continue, one to the statement right after it its break (LoopGotos).
                    _context.Assign(_loop.Jumped, Flag("true"));
                    if (isBreak) _context.Assign(_loop.Break, Flag("true"));
                    return false;
                case IConditionalOperation conditional when _expressions.FoldedCondition(conditional.Condition) is { } chosen && (_loop is null || !MayJump(conditional)):
                    {
                        // Known here (an unrolled recursive helper's int parameter, ExpressionLowering.RecursiveHelpers): the
                        // branch C# takes stands in for the if, followed by the rest; the other is never lowered.
                        var taken = Flatten(chosen ? conditional.WhenTrue : conditional.WhenFalse);
                        taken.AddRange(statements.GetRange(i + 1, statements.Count - i - 1));
                        return LowerStatements(taken, 0);
                    }
                case IConditionalOperation conditional:
                    {
                        var then = Flatten(conditional.WhenTrue);
                        var otherwise = Flatten(conditional.WhenFalse);
                        if (_loop is null && (ForwardLabel(then, statements, i) >= 0 || ForwardLabel(otherwise, statements, i) >= 0)) return LowerForwardGoto(conditional, then, otherwise, statements, i);
                        var rest = statements.GetRange(i + 1, statements.Count - i - 1);
                        if (_loop is null && (ContainsReturn(then) || ContainsReturn(otherwise) || Ends(conditional.WhenTrue) || Ends(conditional.WhenFalse)
                            || JumpsForward(then, statements, i) || JumpsForward(otherwise, statements, i)))
                        {
                            // Outside loops, each branch that can reach the rest takes it along (a copy when both can),
                            // so every path returns from inside the if. A goto nested deeper in a branch to a label in the
                            // rest then finds that label in its own block, where LowerForwardGoto takes it.
                            bool thenEnds = Ends(conditional.WhenTrue), elseEnds = Ends(conditional.WhenFalse);
                            if (!thenEnds && !Continue(then, rest, false, conditional)) return false;
                            if (!elseEnds && !Continue(otherwise, rest, !thenEnds, conditional)) return false;
                            return LowerIf(LowerCondition(conditional.Condition), () => LowerStatements(then, 0), () => LowerStatements(otherwise, 0), conditional,
                                "if (" + Describe.Source(conditional.Condition.Syntax) + ")");
                        }
                        // Inside loops, a branch that always throws takes the rest along in the other branch.
                        bool thenReturns = AlwaysThrows(then), elseReturns = AlwaysThrows(otherwise);
                        if (thenReturns && !elseReturns) otherwise.AddRange(rest);
                        else if (elseReturns && !thenReturns) then.AddRange(rest);
                        bool returned = LowerIf(LowerCondition(conditional.Condition), () => LowerStatements(then, 0), () => LowerStatements(otherwise, 0), conditional,
                            "if (" + Describe.Source(conditional.Condition.Syntax) + ")");
                        if (returned || thenReturns != elseReturns) return returned;
                        if (_loop is not null && MayJump(conditional))
                        {
                            // After a break/continue/return somewhere in it, the rest of the body is skipped.
                            GuardRest(_loop.Jumped, statements, i + 1);
                            return false;
                        }
                        continue;
                    }
                case ISwitchOperation @switch:
                    {
                        var sections = SectionBodies(@switch);
                        if (sections is null) return false;
                        if (_loop is null && ContainsReturn(@switch.Cases.SelectMany(c => c.Body)))
                        {
                            // Outside loops, each section that can leave the switch takes the rest along, and so does
                            // the path where no case matches: every path returns from inside the switch.
                            var after = statements.GetRange(i + 1, statements.Count - i - 1);
                            var bodies = new List<List<IOperation>>();
                            bool copy = false;
                            for (int k = 0; k < @switch.Cases.Length; k++)
                            {
                                var body = sections[k];
                                // A section ending in goto case does not end (the goto leaves it): after a return in the target's copy, the rest is never lowered.
                                if (!Ends(@switch.Cases[k].Body))
                                {
                                    if (!Continue(body, after, copy, @switch)) return false;
                                    copy = true;
                                }
                                bodies.Add(body);
                            }
                            bool hasDefault = @switch.Cases.Any(c => c.Clauses.Any(SwitchLowering.MatchesEverything));
                            if (!hasDefault && !Continue(new List<IOperation>(), after, copy, @switch)) return false;
                            return new SwitchLowering(_context, this).LowerStatement(@switch, bodies, hasDefault ? null : after);
                        }
                        // Outside loops no section returns here; inside loops a return sets the flags.
                        bool returned = new SwitchLowering(_context, this).LowerStatement(@switch, sections);
                        if (returned) return true;
                        if (_loop is not null && MayJump(@switch))
                        {
                            // After a return or continue in a section, the rest of the body is skipped.
                            GuardRest(_loop.Jumped, statements, i + 1);
                            return false;
                        }
                        continue;
                    }
                case IForLoopOperation or IWhileLoopOperation or IForEachLoopOperation:
                    LowerLoop((ILoopOperation)statement);
                    SearchLoops.Check((ILoopOperation)statement, _context);
                    // A lambda's return (LINQ's selector inside the loop) leaves the lambda, not the method.
                    if (_returned is not null && ContainsReturn(new[] { statement }))
                    {
                        // while (true) without a break leaves only by returning (or throwing): its result stands. The
                        // compiler's reachability (Ends) knows it too, so an if whose branch ends in one takes the rest along.
                        if (_loop is null && LeavesOnlyByReturning((ILoopOperation)statement)) return true;
                        if (_loop is null) return UnlessReturned(statements, i + 1, statement);
                        GuardRest(_loop.Jumped, statements, i + 1);
                        return false;
                    }
                    continue;
                case ILabeledOperation labeled when ClosingGoto(labeled, statements, i) is var closing and >= 0:
                    // L: …; if (c) goto L; is do { … } while (c);
                    if (!LowerBackwardGoto(labeled, statements, i, closing)) return false;
                    i = closing;
                    continue;
                case ILabeledOperation labeled:
                    return LowerStatements(Unlabeled(labeled, statements, i), 0);
                case IBranchOperation { BranchKind: BranchKind.GoTo } jump when jump.Syntax.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.GotoStatement):
                    UnsupportedGoto(jump);
                    return false;
                case IUsingOperation @using when DeclaresWalks(@using.Resources):
                    return LowerUsingWalk(@using, statements, i);
                case IUsingDeclarationOperation { DeclarationGroup: var walks } when DeclaresWalks(walks):
                    LowerSimpleStatement(walks);
                    continue;
                // A resource that carries no gradient, and lock (StatementLowering.UsingLock).
                case IUsingOperation @using:
                    {
                        if (!LowerUsing(@using, statements, i, out bool returned)) return false;
                        if (returned) return true;
                        continue;
                    }
                case IUsingDeclarationOperation declaration:
                    {
                        if (!LowerUsingDeclaration(declaration, statements, i, out int end, out bool returned)) return false;
                        if (returned) return true;
                        i = end - 1;
                        continue;
                    }
                case ILockOperation @lock:
                    {
                        if (!LowerLock(@lock, out bool returned)) return false;
                        if (returned) return true;
                        continue;
                    }
                case ITryOperation { Catches.Length: > 0 } @try:
                    return LowerTryCatch(@try, statements.GetRange(i + 1, statements.Count - i - 1));
                case ITryOperation @try:
                    {
                        var body = TryFinally(@try);
                        if (body is null) return false;
                        body.AddRange(statements.GetRange(i + 1, statements.Count - i - 1));
                        return LowerStatements(body, 0);
                    }
                default:
                    LowerSimpleStatement(statement);
                    continue;
            }
        }
        return false;
    }

    /// <summary>return value; in an inlined body returning a struct of reals: each component into its key.</summary>
    private void AssignStructResult(IOperation value, LoweringContext.HiddenVariable[] parts)
    {
        var nodes = _expressions.LowerStruct(value);
        if (nodes is null || nodes.Length != parts.Length) return;
        for (int k = 0; k < parts.Length; k++) _context.Assign(parts[k], nodes[k]);
    }

    private void LowerSimpleStatement(IOperation statement)
    {
        int first = _context.Nodes.Count;
        var throwing = _context.WatchThrowing(statement);
        LowerSimpleStatementOnly(statement);
        // Dead but able to throw (`int q = 12 / k;`): computed anyway, so the generated methods throw where the method does.
        _context.KeepThrowing(statement, throwing, first);
    }

    private void LowerSimpleStatementOnly(IOperation statement)
    {
        switch (statement)
        {
            case IVariableDeclarationGroupOperation group:
                foreach (var declaration in group.Declarations)
                {
                    foreach (var declarator in declaration.Declarators)
                    {
                        if (declarator.Symbol.IsRef)
                        {
                            LowerRefLocal(group, declarator);
                            continue;
                        }
                        // Func<double, double> sq = v => v * v; its calls are inlined (LambdaLocals).
                        if (LambdaLocals.IsInlined(declarator.Symbol, group)) continue;
                        // var below = data.Where(x => x < mean); its reads are the chain (QueryLocals).
                        if (QueryLocals.IsQuery(declarator.Symbol, group)) continue;
                        var initializer = declarator.Initializer ?? declaration.Initializer;
                        if (initializer is not null) Define(declarator.Symbol, initializer.Value);
                    }
                }
                break;
            case IExpressionStatementOperation { Operation: IInvocationOperation { Instance: ILocalReferenceOperation { Local: var walk } } } when _context.IsWalk(walk, out _):
                break; // e.Dispose() of a walk's enumerator: nothing to differentiate (any other call on it was refused: Enumerators.FirstMisuse).
            case IExpressionStatementOperation expression:
                LowerExpressionStatement(expression.Operation);
                break;
            case IEmptyOperation:
                break;
            case ILocalFunctionOperation:
                break; // Inlined where it is called (StatementLowering.LocalFunctions.cs).
            default:
                Unsupported(statement);
                break;
        }
    }

    private void Unsupported(IOperation statement) =>
        Unsupported(statement, Describe.Statement(statement), Describe.StatementHint(statement));

    private void Unsupported(IOperation statement, string what, string hint) =>
        _context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedStatement, StatementLocation(statement), what, hint));

    /// <summary>Points at the statement's keyword rather than its whole body, as the compiler does.</summary>
    private static Location StatementLocation(IOperation statement)
    {
        var token = statement.Syntax.GetFirstToken();
        return token.GetLocation();
    }
}
