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
/// reassignment never destroys a value the reverse sweep still needs.
/// </summary>
internal sealed class StatementLowering
{
    private readonly LoweringContext _context;
    private readonly ExpressionLowering _expressions;

    public StatementLowering(LoweringContext context, IMethodSymbol method, Compilation compilation)
    {
        _context = context;
        _expressions = new ExpressionLowering(context, method, compilation);
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
    }

    /// <summary>Lowers a method body; returns the node it returns, or -1.</summary>
    public int LowerBody(IMethodBodyBaseOperation body, ITypeSymbol returnType)
    {
        var block = body.BlockBody ?? body.ExpressionBody;
        if (block is null) return -1;
        if (block.Descendants().OfType<IReturnOperation>().Any(r => r.Kind == OperationKind.Return && InsideLoop(r, block)))
        {
            // A return inside a loop sets the result and a flag, leaves the loops, and skips the rest.
            _returned = new LoweringContext.HiddenVariable("returned");
            _context.Assign(_returned, Flag("false"));
            var type = ExpressionLowering.TypeOf(returnType);
            string zero = type is ScalarType.Double or ScalarType.Float ? ScalarLiterals.Zero(type) : "default";
            _context.Assign(LoweringContext.ReturnValue, _context.AddConstant(zero, type, returnType.ToDisplayString(ConstantRenderer.TypeFormat), null, isAtom: true));
        }
        bool returned = LowerStatements(Flatten(block.Operations), 0);
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
            switch (statement)
            {
                case IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } value }:
                    _context.Assign(LoweringContext.ReturnValue, _expressions.Lower(value, null));
                    if (_loop is null) return true;
                    // Inside a loop: remember the result and leave every enclosing loop.
                    _context.Assign(_returned!, Flag("true"));
                    for (var frame = _loop; frame is not null; frame = frame.Outer)
                    {
                        _context.Assign(frame.Jumped, Flag("true"));
                        _context.Assign(frame.Break, Flag("true"));
                    }
                    return false;
                case IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue } jump when _loop is not null:
                    _context.Assign(_loop.Jumped, Flag("true"));
                    if (jump.BranchKind == BranchKind.Break) _context.Assign(_loop.Break, Flag("true"));
                    return false;
                case IConditionalOperation conditional:
                    {
                        var then = Flatten(conditional.WhenTrue);
                        var otherwise = Flatten(conditional.WhenFalse);
                        var rest = statements.GetRange(i + 1, statements.Count - i - 1);
                        bool thenReturns = _loop is null && AlwaysReturns(then), elseReturns = _loop is null && AlwaysReturns(otherwise);
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
                        if (_loop is null && ReturnsFromLoop(conditional)) return UnlessReturned(statements, i + 1, conditional);
                        continue;
                    }
                case ISwitchOperation @switch:
                    {
                        var sections = @switch.Cases.Select(c => Flatten(c.Body)).ToList();
                        bool all = sections.All(b => EndsWith(b, OperationKind.Return));
                        if (!all && sections.Any(b => EndsWith(b, OperationKind.Return)))
                        {
                            Unsupported(statement, "A 'switch' where some sections return and others do not", "make every section return, or none");
                            return false;
                        }
                        var switchLowering = new SwitchLowering(_context, this);
                        bool returned = switchLowering.LowerStatement(@switch, sections.Select(StripBreak).ToList());
                        if (returned) return true;
                        if (_loop is null && ReturnsFromLoop(@switch)) return UnlessReturned(statements, i + 1, @switch);
                        continue;
                    }
                case IForLoopOperation or IWhileLoopOperation or IForEachLoopOperation:
                    LowerLoop((ILoopOperation)statement);
                    if (_returned is not null && statement.Descendants().OfType<IReturnOperation>().Any())
                    {
                        if (_loop is null) return UnlessReturned(statements, i + 1, statement);
                        GuardRest(_loop.Jumped, statements, i + 1);
                        return false;
                    }
                    continue;
                default:
                    LowerSimpleStatement(statement);
                    continue;
            }
        }
        return false;
    }

    private void LowerSimpleStatement(IOperation statement)
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
                            // An alias would let a write change another variable behind the graph's back.
                            Unsupported(group, "A 'ref' local ('" + Describe.Snippet(declarator.Syntax) + "')", "assign the variable itself");
                            continue;
                        }
                        var initializer = declarator.Initializer ?? declaration.Initializer;
                        if (initializer is not null) Define(declarator.Symbol, initializer.Value);
                    }
                }
                break;
            case IExpressionStatementOperation expression:
                LowerExpressionStatement(expression.Operation);
                break;
            case IEmptyOperation:
                break;
            default:
                Unsupported(statement);
                break;
        }
    }

    /// <summary>Syntactically certain to return: ends in a return, or an if/else whose branches both do.</summary>
    private static bool AlwaysReturns(List<IOperation> statements)
    {
        if (statements.Count == 0) return false;
        var last = statements[statements.Count - 1];
        return last is IReturnOperation { Kind: OperationKind.Return } ||
               last is IConditionalOperation c && AlwaysReturns(Flatten(c.WhenTrue)) && AlwaysReturns(Flatten(c.WhenFalse));
    }

    /// <summary>
    /// Both branches are lowered into blocks of their own; every variable that ends up with different
    /// values gets a phi. Returns true when both branches return.
    /// </summary>
    /// <param name="label">The branch's caption in the drawn graph.</param>
    private bool LowerIf(int test, System.Func<bool> lowerThen, System.Func<bool> lowerElse, IOperation at, string label)
    {
        var before = _context.SaveVariables();

        _context.OpenBlock();
        bool thenReturned = lowerThen();
        var thenBlock = _context.CloseBlock();
        var afterThen = _context.SaveVariables();

        _context.RestoreVariables(before);
        _context.OpenBlock();
        bool elseReturned = lowerElse();
        var elseBlock = _context.CloseBlock();
        var afterElse = _context.SaveVariables();

        // After an if, a variable holds the then-value or the else-value; a branch that returned
        // contributes only its result.
        var merged = new Dictionary<object, int>(thenReturned && !elseReturned ? afterElse : afterThen);
        var phis = new List<int>();
        foreach (var key in afterThen.Keys.Union(afterElse.Keys).ToList())
        {
            bool isResult = ReferenceEquals(key, LoweringContext.ReturnValue);
            if (!isResult && (thenReturned || elseReturned)) continue;
            int a = afterThen.TryGetValue(key, out int x) ? x : -1;
            int b = afterElse.TryGetValue(key, out int y) ? y : -1;
            if (a == b || a < 0 || b < 0) continue;
            // Neither branch returned, but a return inside a loop may have set the result in one of them
            // (the flag 'returned' tells at run time): merge it like any variable.
            if (isResult && thenReturned != elseReturned) continue;
            var na = _context.Nodes[a];
            var nb = _context.Nodes[b];
            if (na.Type == ScalarType.Array && nb.Type == ScalarType.Array && na.AdjointName != nb.AdjointName)
            {
                // Each creation has an adjoint array of its own, and after the if only one of them would be read.
                _context.ReportUnsupportedExpression(at, "A local array '" + LoweringContext.NameOf(key) + "' created in both branches (or in one, holding another array in the other); create it once, before the if");
                continue;
            }
            if (na.Type != nb.Type && na.Type != ScalarType.Other)
            {
                _context.ReportUnsupportedExpression(at, "Branches that give '" + LoweringContext.NameOf(key) + "' values of different types");
                continue;
            }
            string name = key is ISymbol symbol ? _context.Names.Version(symbol.Name) : _context.Names.Fresh("result");
            int phi = _context.AddPhi(na.Type, na.TypeName, name, na.Varied || nb.Varied, a, b);
            phis.Add(phi);
            merged[key] = phi;
        }
        _context.RestoreVariables(merged);
        _context.AddItem(new IfItem(test, thenBlock, elseBlock, phis.ToEquatableArray(), label));
        return thenReturned && elseReturned;
    }

    private static bool EndsWith(List<IOperation> statements, OperationKind kind) =>
        statements.Count > 0 && statements[statements.Count - 1].Kind == kind;

    /// <summary>A switch section's closing break ends the section, nothing more.</summary>
    private static List<IOperation> StripBreak(List<IOperation> statements) =>
        statements.Count > 0 && statements[statements.Count - 1] is IBranchOperation { BranchKind: BranchKind.Break }
            ? statements.GetRange(0, statements.Count - 1)
            : statements;

    /// <summary>For SwitchLowering: lowers statements in the current block.</summary>
    internal bool Lower(List<IOperation> statements) => LowerStatements(statements, 0);

    /// <summary>For SwitchLowering: a branch of the graph.</summary>
    internal bool Branch(int test, System.Func<bool> then, System.Func<bool> otherwise, IOperation at, string label) => LowerIf(test, then, otherwise, at, label);

    /// <summary>statements[start..] run only when the flag is false.</summary>
    private void GuardRest(LoweringContext.HiddenVariable flag, List<IOperation> statements, int start)
    {
        if (start >= statements.Count) return;
        var rest = statements.GetRange(start, statements.Count - start);
        LowerIf(_context.Current(flag), () => false, () => LowerStatements(rest, 0), statements[start], "the rest, unless break/continue/return");
    }

    /// <summary>Outside loops, after a statement with a loop that may return: if (returned) the loop's result stands; else the rest runs and returns.</summary>
    private bool UnlessReturned(List<IOperation> statements, int start, IOperation at)
    {
        var rest = statements.GetRange(start, statements.Count - start);
        return LowerIf(_context.Current(_returned!), () => true, () => LowerStatements(rest, 0), at, "the rest, unless the loop returned");
    }

    /// <summary>Holds a loop with a return inside (which sets the flag 'returned' instead of returning).</summary>
    private bool ReturnsFromLoop(IOperation statement) =>
        _returned is not null && statement.Descendants().Any(d => d is IReturnOperation { Kind: OperationKind.Return } r && InsideLoop(r, statement));

    /// <summary>A bool constant node for a hidden flag.</summary>
    private int Flag(string text) => _context.AddConstant(text, ScalarType.Other, "bool", null, isAtom: false);

    /// <summary>Contains a break or continue of the current loop, or any return.</summary>
    private static bool MayJump(IOperation op) =>
        op.DescendantsAndSelf().Any(d => d is IReturnOperation { Kind: OperationKind.Return } ||
            d is IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue } b && !InsideLoop(b, op));

    /// <summary>True when a loop lies between the operation and <paramref name="root"/>.</summary>
    private static bool InsideLoop(IOperation op, IOperation root)
    {
        for (var p = op.Parent; p is not null && p != root; p = p.Parent)
        {
            if (p is ILoopOperation) return true;
        }
        return false;
    }

    /// <summary>A condition is not differentiated: it becomes a bool local the reverse sweep reuses.</summary>
    private int LowerCondition(IOperation condition)
    {
        var renderer = new ConstantRenderer(_context);
        string? text = renderer.Render(condition);
        return _context.AddConstant(text ?? "false", ScalarType.Other, "bool", null, isAtom: false, renderer.Dependencies);
    }

    /// <summary>
    /// for/while/do: the variables the loop assigns get phis at its head. Lowered once; if a carried
    /// value turns out to vary though its entry value did not, lowered again with that phi varied.
    /// </summary>
    private void LowerLoop(ILoopOperation loop)
    {
        foreach (var jump in loop.Body.DescendantsAndSelf().OfType<IBranchOperation>())
        {
            if (jump.BranchKind is BranchKind.Break or BranchKind.Continue) continue;
            Unsupported(jump, Describe.Statement(jump), "restructure the code without jumps");
            return;
        }
        if (loop is IForEachLoopOperation forEach)
        {
            LowerForEach(forEach);
            return;
        }
        IOperation? condition = loop switch
        {
            IForLoopOperation f => f.Condition,
            IWhileLoopOperation w => w.Condition,
            _ => null,
        };
        bool conditionFirst = loop is not IWhileLoopOperation { ConditionIsTop: false };
        if (loop is IWhileLoopOperation { ConditionIsUntil: true })
        {
            Unsupported(loop, "A 'do … until' loop", "use while");
            return;
        }
        if (loop is IForLoopOperation forLoop)
        {
            foreach (var init in forLoop.Before) LowerSimpleStatement(init);
        }
        var body = Flatten(loop.Body);
        var increments = loop is IForLoopOperation { AtLoopBottom: var bottom } ? bottom.SelectMany(b => Flatten(b)).ToList() : new List<IOperation>();
        string test = condition is null ? "" : Describe.Source(condition.Syntax);
        string label = loop switch
        {
            IForLoopOperation => condition is null ? "for (;;)" : "for (" + test + ")",
            _ when conditionFirst => "while (" + test + ")",
            _ => "do … while (" + test + ")",
        };
        LowerLoopCore(loop, AssignedVariables(loop), conditionFirst, label,
            () => condition is null ? Flag("true") : LowerCondition(condition),
            () =>
            {
                LowerStatements(body, 0);
                if (increments.Count == 0) return false;
                // The increment runs after the body and after continue, but not after break.
                if (_loop!.UsesFlags) LowerIf(_context.Current(_loop.Break), () => false, () => LowerStatements(increments, 0), loop, "the increment, unless break");
                else LowerStatements(increments, 0);
                return false;
            });
    }

    /// <summary>
    /// foreach over an array or span parameter: a loop over a hidden index, whose variable reads
    /// the element (an element gate when the collection is differentiated).
    /// </summary>
    private void LowerForEach(IForEachLoopOperation loop)
    {
        var collection = loop.Collection is IConversionOperation { IsImplicit: true } c ? c.Operand : loop.Collection;
        var variable = loop.Locals.FirstOrDefault();
        if (collection is not IParameterReferenceOperation { Parameter: var parameter } || variable is null ||
            parameter.Type is not (IArrayTypeSymbol or INamedTypeSymbol { Name: "Span" or "ReadOnlySpan" }))
        {
            Unsupported(loop, "A 'foreach' over anything but an array or span parameter ('" + Describe.Snippet(loop.Collection.Syntax) + "')", "index the collection with a for loop");
            return;
        }
        int array = _context.Current(parameter);
        string arrayName = _context.Nodes[array].Name;
        var index = new LoweringContext.HiddenVariable("index");
        _context.Assign(index, _context.AddConstant("0", ScalarType.Other, "int", _context.Names.Fresh("index"), isAtom: false));
        var assigned = AssignedVariables(loop);
        assigned.Add(index);
        var body = Flatten(loop.Body);
        string label = "foreach (" + variable.Name + " in " + Describe.Source(loop.Collection.Syntax) + ")";
        LowerLoopCore(loop, assigned, conditionFirst: true, label,
            () =>
            {
                int i = _context.Current(index);
                return _context.AddConstant(_context.Nodes[i].Name + " < " + arrayName + ".Length", ScalarType.Other, "bool", null, isAtom: false, new[] { i, array });
            },
            () =>
            {
                int i = _context.Current(index);
                var type = ExpressionLowering.TypeOf(variable.Type);
                string name = _context.NameFor(variable);
                int element = _context.Nodes[array].Varied
                    ? _context.AddGate(GateKind.Element, type, ScalarLiterals.TypeKeyword(type), name, null, new[] { array, i })
                    : _context.AddConstant(arrayName + "[" + _context.Nodes[i].Name + "]", type, variable.Type.ToDisplayString(ConstantRenderer.TypeFormat), name, isAtom: false, new[] { array, i });
                _context.Assign(variable, element);
                LowerStatements(body, 0);
                int current = _context.Current(index);
                _context.Assign(index, _context.AddConstant(_context.Nodes[current].Name + " + 1", ScalarType.Other, "int", _context.Names.Version("index"), isAtom: false, new[] { current }));
                return false;
            });
    }

    private void LowerLoopCore(IOperation loop, List<object> assigned, bool conditionFirst, string label, System.Func<int> lowerCondition, System.Func<bool> lowerBody)
    {
        var frame = new LoopFrame { Outer = _loop, UsesFlags = MayJump(((ILoopOperation)loop).Body) };
        if (frame.UsesFlags)
        {
            _context.Assign(frame.Break, Flag("false"));
            _context.Assign(frame.Jumped, Flag("false"));
            assigned = assigned.Concat(new object[] { frame.Break, frame.Jumped }).ToList();
            if (_returned is not null)
            {
                assigned.Add(_returned);
                // A return inside also sets the enclosing loops' flags: carry them around this loop too.
                for (var outer = _loop; outer is not null; outer = outer.Outer)
                {
                    if (outer.UsesFlags) assigned.AddRange(new object[] { outer.Break, outer.Jumped });
                }
            }
            assigned.Add(LoweringContext.ReturnValue);
            var inner = lowerCondition;
            // The loop also ends once something broke out of it.
            lowerCondition = () =>
            {
                int broke = _context.Current(frame.Break);
                int test = inner();
                return _context.AddConstant("!" + _context.Nodes[broke].Name + " && " + _context.Nodes[test].Name, ScalarType.Other, "bool", null, isAtom: false, new[] { broke, test });
            };
            var body = lowerBody;
            lowerBody = () =>
            {
                _context.Assign(frame.Jumped, Flag("false"));
                return body();
            };
        }
        var outerLoop = _loop;
        _loop = frame;
        try
        {
            LowerLoopCoreFramed(loop, assigned, conditionFirst, label, lowerCondition, lowerBody);
        }
        finally
        {
            _loop = outerLoop;
        }
    }

    private void LowerLoopCoreFramed(IOperation loop, List<object> assigned, bool conditionFirst, string label, System.Func<int> lowerCondition, System.Func<bool> lowerBody)
    {
        var forceVaried = new HashSet<object>();
        var snapshot = _context.Save();
        for (int attempt = 0; attempt < 8; attempt++)
        {
            // Phis for every variable the loop assigns that exists before it.
            var phis = new List<(object Key, int Phi)>();
            foreach (var key in assigned)
            {
                int entry = _context.Current(key);
                if (entry < 0) continue;
                var e = _context.Nodes[entry];
                bool varied = e.Varied || forceVaried.Contains(key);
                int phi = _context.AddPhi(e.Type, e.TypeName, _context.Names.Version(LoweringContext.NameOf(key)), varied, entry, entry);
                phis.Add((key, phi));
                _context.Assign(key, phi);
            }

            _context.LoopDepth++;
            _context.OpenBlock();
            int test = conditionFirst ? lowerCondition() : -1;
            var header = conditionFirst ? _context.CloseBlock() : Block.Empty;
            if (!conditionFirst) _context.CloseBlock();

            _context.OpenBlock();
            lowerBody();
            var bodyBlock = _context.CloseBlock();
            if (!conditionFirst)
            {
                _context.OpenBlock();
                test = lowerCondition();
                header = _context.CloseBlock();
            }
            _context.LoopDepth--;

            bool again = false;
            foreach (var (key, phi) in phis)
            {
                int back = _context.Current(key);
                _context.SetInputs(phi, _context.Nodes[phi].Inputs[0], back);
                if (_context.Nodes[back].Varied && !_context.Nodes[phi].Varied && forceVaried.Add(key)) again = true;
                _context.Assign(key, phi);
            }
            if (again)
            {
                _context.Restore(snapshot);
                continue;
            }
            foreach (var (key, phi) in phis)
            {
                if (phis.Any(p => p.Phi == _context.Nodes[phi].Inputs[1] && p.Phi != phi))
                {
                    Unsupported(loop, "A loop that assigns one carried variable from another ('" + LoweringContext.NameOf(key) + "')", "copy the value through a local computed in the body");
                    return;
                }
            }
            string trip = _context.Names.Fresh("trip");
            string countdown = _context.Names.Fresh("iteration");
            _context.AddItem(new LoopItem(header, test, bodyBlock, phis.Select(p => p.Phi).ToEquatableArray(), conditionFirst, trip, countdown, label));
            return;
        }
        Unsupported(loop, "A loop whose carried values could not be settled", "simplify the loop");
    }

    /// <summary>Locals and parameters the loop (condition, body, increment) assigns.</summary>
    private static List<object> AssignedVariables(IOperation loop)
    {
        var list = new List<object>();
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var op in loop.DescendantsAndSelf())
        {
            IOperation? target = op switch
            {
                IAssignmentOperation a => a.Target,
                IIncrementOrDecrementOperation i => i.Target,
                _ => null,
            };
            if (target is IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation arrayLocal }) target = arrayLocal;
            if (target is not null && Variable(target) is { } symbol && seen.Add(symbol)) list.Add(symbol);
        }
        return list;
    }

    private void LowerExpressionStatement(IOperation operation)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation assignment when TryStore(assignment.Target, assignment.Value, null):
                break;
            case ICompoundAssignmentOperation compound when TryStore(compound.Target, compound.Value, compound.OperatorKind):
                break;
            case ISimpleAssignmentOperation assignment when Variable(assignment.Target) is { } target:
                Define(target, assignment.Value);
                break;
            case ICompoundAssignmentOperation compound when Variable(compound.Target) is { } target:
                Update(target, compound.OperatorKind, compound.Value, compound);
                break;
            case IIncrementOrDecrementOperation increment when Variable(increment.Target) is { } target:
                Update(target, increment.Kind == OperationKind.Increment ? BinaryOperatorKind.Add : BinaryOperatorKind.Subtract, null, increment);
                break;
            case IDeconstructionAssignmentOperation deconstruction:
                ReportDeconstruction(deconstruction);
                break;
            case IAssignmentOperation assignment:
                ReportSideEffect(assignment, assignment.Target);
                break;
            case IIncrementOrDecrementOperation increment:
                ReportSideEffect(increment, increment.Target);
                break;
            case IInvalidOperation:
                break; // The compiler already reports it; nothing to differentiate.
            case IInvocationOperation { TargetMethod.ReturnsVoid: true } call:
                // Only its effects could matter, and effects are neither differentiated nor replayed.
                _context.Report(DiagnosticFactory.Create(
                    DiagnosticDescriptors.UnsupportedStatement,
                    operation.Syntax,
                    "A call made only for its effects ('" + Describe.Snippet(operation.Syntax) + "')",
                    "the generator differentiates values, not effects, and Backward would run the call a second time: call '" + call.TargetMethod.Name +
                    "' before or after the [Differentiable] method, or, if it computes a value this method needs, make it return that value and assign it to a local"));
                break;
            default:
                _context.Report(DiagnosticFactory.Create(
                    DiagnosticDescriptors.UnsupportedStatement,
                    operation.Syntax,
                    "A statement whose value is discarded ('" + Describe.Snippet(operation.Syntax) + "')",
                    "its value is never used, and its effects, if any, are neither differentiated nor replayed: assign the value to a local that the result uses, or move the statement out of the method"));
                break;
        }
    }

    /// <summary>
    /// A local double[]/float[]: created with new T[n] at the top level of the method. Its stores are
    /// versions of it; its adjoint is one array, reset at a slot where the reverse sweep passes a store.
    /// </summary>
    private void DefineArray(ISymbol variable, IArrayTypeSymbol type, IOperation value)
    {
        if (value is not IArrayCreationOperation { DimensionSizes.Length: 1, Initializer: null } creation || _loop is not null)
        {
            _context.ReportUnsupportedExpression(value, _loop is not null ? "A local array created inside a loop" : "A local array not created as 'new T[n]'");
            return;
        }
        if (_context.Current(variable) >= 0)
        {
            _context.ReportUnsupportedExpression(value, "Reassigning a local array");
            return;
        }
        var renderer = new ConstantRenderer(_context);
        string? size = renderer.Render(creation.DimensionSizes[0]);
        if (size is null) return;
        int sizeNode = _context.AddConstant(size, ScalarType.Other, "int", null, isAtom: true, renderer.Dependencies);
        string name = _context.NameFor(variable);
        string adjoint = _context.Names.Fresh(NameAllocator.AdjointBase(name));
        _context.Assign(variable, _context.AddArrayNode(GateKind.NewArray, type.ToDisplayString(ConstantRenderer.TypeFormat), name, adjoint, isInline: false, new[] { sizeNode }));
    }

    /// <summary>t[i] = v (or t[i] op= v): a store makes the next version of the array.</summary>
    private bool TryStore(IOperation target, IOperation value, BinaryOperatorKind? compound)
    {
        if (target is not IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation { Local: var local }, Indices.Length: 1 } element) return false;
        int array = _context.Current(local);
        if (array < 0 || _context.Nodes[array].Type != ScalarType.Array) return false;
        if (_expressions.IsVaried(element.Indices[0]))
        {
            _context.ReportUnsupportedExpression(element.Indices[0], "A differentiated index");
            return true;
        }
        int index = _expressions.Lower(element.Indices[0], null);
        var elementType = ExpressionLowering.TypeOf(((IArrayTypeSymbol)local.Type).ElementType);
        int stored;
        if (compound is { } kind)
        {
            GateKind? gate = kind switch
            {
                BinaryOperatorKind.Add => GateKind.Add,
                BinaryOperatorKind.Subtract => GateKind.Subtract,
                BinaryOperatorKind.Multiply => GateKind.Multiply,
                BinaryOperatorKind.Divide => GateKind.Divide,
                _ => null,
            };
            if (gate is null || ExpressionLowering.TypeOf(value) != elementType)
            {
                _context.ReportUnsupportedExpression(value, "This compound assignment to an array element");
                return true;
            }
            int old = _context.AddGate(GateKind.Element, elementType, ScalarLiterals.TypeKeyword(elementType), null, null, new[] { array, index });
            stored = _context.AddGate(gate.Value, elementType, null, old, _expressions.Lower(value, null));
        }
        else
        {
            stored = _expressions.Lower(value, null);
        }
        var a = _context.Nodes[array];
        _context.Assign(local, _context.AddArrayNode(GateKind.Store, a.TypeName, a.Name, a.AdjointName, isInline: true, new[] { array, index, stored }));
        return true;
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
        if (variable is ILocalSymbol { Type: IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double or SpecialType.System_Single } arrayType })
        {
            DefineArray(variable, arrayType, value);
            return;
        }
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
            var dependencies = new List<int> { current };
            string? operand;
            if (value is ISwitchExpressionOperation)
            {
                // Not rendered as text (no patterns in ConstantRenderer): its branches compute it first.
                int switched = _expressions.Lower(value, null);
                operand = _context.Nodes[switched].Name;
                dependencies.Add(switched);
            }
            else
            {
                operand = value is null ? "1" : renderer.Render(value);
                if (operand is null) return;
                dependencies.AddRange(renderer.Dependencies);
            }
            string text = node.Name + " " + OperatorText(kind) + " " + (value is null || value.ConstantValue.HasValue ? operand : "(" + operand + ")");
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
            right = _context.AddConstant(ScalarLiterals.Real(constant, node.Type), node.Type, node.TypeName, null, isAtom: true);
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

    /// <summary>
    /// (a, b) = (x, y) and var (s, c) = …: not lowered yet. Into the method's own locals it is an
    /// unsupported statement, not a side effect; a field or element among the targets is still one.
    /// Its locals get placeholders, so their later reads bring no follow-up errors.
    /// </summary>
    private void ReportDeconstruction(IDeconstructionAssignmentOperation deconstruction)
    {
        var targets = new List<IOperation>();
        Flatten(deconstruction.Target, targets);
        var outside = targets.FirstOrDefault(t => t is not (ILocalReferenceOperation or IParameterReferenceOperation or IDiscardOperation));
        if (outside is not null)
        {
            ReportSideEffect(deconstruction, outside);
        }
        else
        {
            _context.Report(DiagnosticFactory.Create(
                DiagnosticDescriptors.UnsupportedStatement,
                deconstruction.Syntax,
                "A tuple deconstruction ('" + Describe.Snippet(deconstruction.Syntax) + "')",
                "write one assignment per variable, through a temporary where a value is read after it is overwritten (a swap: var t = a; a = b; b = t;)"));
        }
        foreach (var target in targets)
        {
            if (Variable(target) is { } variable && _context.Current(variable) < 0)
            {
                _context.Assign(variable, _context.AddConstant("default", ExpressionLowering.TypeOf(target), target.Type?.ToDisplayString(ConstantRenderer.TypeFormat) ?? "object", null, isAtom: true));
            }
        }
    }

    private static void Flatten(IOperation target, List<IOperation> into)
    {
        switch (target)
        {
            case IDeclarationExpressionOperation declaration:
                Flatten(declaration.Expression, into);
                break;
            case ITupleOperation tuple:
                foreach (var element in tuple.Elements) Flatten(element, into);
                break;
            default:
                into.Add(target);
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
