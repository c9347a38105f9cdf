using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: <c>using</c> statements and declarations, and <c>lock</c> (issue 13, idioms11). The body is
/// differentiated as the statements it holds; the resource stays in the forward sweep, as a trace call does: created
/// (or the lock entered) in place before the body, disposed (or the lock left) in place after it, once per forward sweep
/// and never in the reverse sweep, which runs after it and reads only what the body computed. So the resource must
/// carry no gradient and the body may not read it; the body may not leave early but by a <c>return</c> that ends it (a
/// jump out would skip the release). Where the body throws, the exception leaves the generated method before the
/// release (the method as written releases first): so a lock's body may hold nothing that can throw, which would leave
/// the lock held; a using's resource is then left to its finalizer, as docs/supported.md says.
/// </summary>
internal sealed partial class StatementLowering
{
    private const string ResourceHint = "create the resource from constants before the body and do not read it there, or move the work out of the using";

    /// <summary><c>using (resources) body</c>: acquire, the body, release (in reverse order of acquiring); then the rest.</summary>
    private bool LowerUsing(IUsingOperation @using, List<IOperation> statements, int i, out bool returned)
    {
        returned = false;
        var body = Flatten(@using.Body);
        var acquired = Acquire(@using.Resources, @using, body);
        if (acquired is null || !LeavesOnlyAtTheEnd(@using, body)) return false;
        returned = LowerStatements(body, 0);
        Release(acquired);
        return true;
    }

    /// <summary><c>using var r = …;</c>: the rest of its block is the body, released where the block ends.</summary>
    private bool LowerUsingDeclaration(IUsingDeclarationOperation declaration, List<IOperation> statements, int i, out int end, out bool returned)
    {
        returned = false;
        end = i + 1;
        while (end < statements.Count && statements[end].Parent == declaration.Parent && !ReferenceEquals(statements[end], _endOfMethod)) end++;
        var body = statements.GetRange(i + 1, end - i - 1);
        var acquired = Acquire(declaration.DeclarationGroup, declaration, body);
        if (acquired is null || !LeavesOnlyAtTheEnd(declaration, body)) return false;
        returned = LowerStatements(body, 0);
        Release(acquired);
        return true;
    }

    /// <summary><c>lock (gate) body</c>: Monitor.Enter, the body, Monitor.Exit.</summary>
    private bool LowerLock(ILockOperation @lock, out bool returned)
    {
        returned = false;
        var body = Flatten(@lock.Body);
        if (@lock.LockedValue.Type is { } gateType && gateType.ToDisplayString() == "System.Threading.Lock")
        {
            _context.ReportUnsupportedExpression(@lock.LockedValue, "A 'lock' on a System.Threading.Lock", "lock on a plain object (private static readonly object Gate = new object();)");
            return false;
        }
        if (_expressions.IsVaried(@lock.LockedValue))
        {
            _context.ReportUnsupportedExpression(@lock.LockedValue, "A 'lock' on a value that carries a gradient", "lock on a plain object");
            return false;
        }
        // A throw inside would leave the generated method with the lock held (it is released in the forward sweep, in place).
        var throwing = body.SelectMany(ThrowingOperations.In).Concat(body.SelectMany(s => s.DescendantsAndSelf().OfType<IThrowOperation>())).FirstOrDefault();
        if (throwing is not null)
        {
            _context.ReportUnsupportedExpression(throwing, "An operation that may throw inside a 'lock' ('" + Describe.Snippet(throwing.Syntax) + "'): the generated method would leave with the lock held",
                "compute what may throw before the lock, or keep the lock out of the [Differentiable] method");
            return false;
        }
        if (!LeavesOnlyAtTheEnd(@lock, body)) return false;
        var renderer = new ConstantRenderer(_context);
        string? gate = renderer.RenderEffect(@lock.LockedValue);
        if (gate is null) return false;
        string name = _context.Names.Fresh("gate");
        int entered = _context.AddEffect(GateKind.Guard, "object " + name + " = " + gate + "; global::System.Threading.Monitor.Enter(" + name + ")", renderer.Dependencies);
        RunForwardSweepOnce();
        returned = LowerStatements(body, 0);
        _context.AddEffect(GateKind.Guard, "global::System.Threading.Monitor.Exit(" + name + ")", new[] { entered });
        return true;
    }

    /// <summary>
    /// Creates each resource as an effect of the forward sweep (<c>var r1 = new Scope();</c>); null after reporting a
    /// resource that carries a gradient, is not a class, or is read in the body.
    /// </summary>
    private List<(string Name, int Node)>? Acquire(IOperation? resources, IOperation statement, List<IOperation> body)
    {
        var values = new List<(ILocalSymbol? Local, IOperation Value)>();
        if (resources is IVariableDeclarationGroupOperation group)
        {
            foreach (var declaration in group.Declarations)
            {
                foreach (var declarator in declaration.Declarators)
                {
                    if ((declarator.Initializer ?? declaration.Initializer)?.Value is not { } value) return null;
                    values.Add((declarator.Symbol, value));
                }
            }
        }
        else if (resources is not null)
        {
            values.Add((null, resources));
        }
        var acquired = new List<(string Name, int Node)>();
        foreach (var (local, value) in values)
        {
            var unconverted = Unconverted(value);
            if (statement is IUsingOperation { IsAsynchronous: true } or IUsingDeclarationOperation { IsAsynchronous: true })
            {
                _context.ReportUnsupportedExpression(value, "An 'await using'", "use a plain using outside the [Differentiable] method");
                return null;
            }
            if (local is not null && body.SelectMany(s => s.DescendantsAndSelf()).OfType<ILocalReferenceOperation>().FirstOrDefault(r => SymbolEqualityComparer.Default.Equals(r.Local, local)) is { } read)
            {
                // As before idioms11 (an enumerator of a [NoDiff] sequence walked in a using, Lists/EnumeratorWalkTests): at the using.
                Unsupported(statement, "A 'using' whose resource '" + local.Name + "' is read in its body ('" + Describe.Snippet(read.Parent?.Syntax ?? read.Syntax) + "'): it stays in the forward sweep", ResourceHint);
                return null;
            }
            if (unconverted.Type is not { IsReferenceType: true } type || type.TypeKind == TypeKind.TypeParameter)
            {
                _context.ReportUnsupportedExpression(value, "A using of a resource that is not a class ('" + unconverted.Type?.ToDisplayString() + "')", ResourceHint);
                return null;
            }
            if (_expressions.IsVaried(unconverted))
            {
                _context.ReportUnsupportedExpression(value, "A using resource made from a value that carries a gradient", ResourceHint);
                return null;
            }
            var renderer = new ConstantRenderer(_context);
            string? text = renderer.RenderEffect(unconverted);
            if (text is null) return null;
            string name = _context.Names.Fresh(local?.Name ?? "resource");
            acquired.Add((name, _context.AddEffect(GateKind.Guard, "var " + name + " = " + text, renderer.Dependencies)));
            RunForwardSweepOnce();
        }
        return acquired;
    }

    /// <summary>
    /// The forward sweep holds effects that must pair up: a full tape then grows in place rather than restarting the
    /// sweep (which would open the resource or enter the lock again, perhaps inside the body), and no loop is
    /// checkpointed (which would recompute a segment). As for a call whose effects are not seen (Differentiator).
    /// </summary>
    private void RunForwardSweepOnce() => _context.HasOpaqueCalls = true;

    /// <summary>Disposes the resources in reverse order, skipping a null one as using does.</summary>
    private void Release(List<(string Name, int Node)> acquired)
    {
        for (int k = acquired.Count - 1; k >= 0; k--)
        {
            var (name, node) = acquired[k];
            _context.AddEffect(GateKind.Guard, "if (" + name + " != null) ((global::System.IDisposable)" + name + ").Dispose()", new[] { node });
        }
    }

    /// <summary>
    /// True when nothing leaves the body but by running to its end, or (outside loops) by a <c>return</c> that is its last
    /// statement; else ADG0003 at the jump, which would skip the release.
    /// </summary>
    private bool LeavesOnlyAtTheEnd(IOperation statement, List<IOperation> body)
    {
        foreach (var jump in body.SelectMany(s => s.DescendantsAndSelf()))
        {
            bool leaves = jump switch
            {
                IReturnOperation { Kind: OperationKind.Return } r => InLambdaOrLocalFunction(r, statement) ? false : _loop is not null || !ReferenceEquals(r, body[body.Count - 1]),
                IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue } b => !body.Any(s => JumpsWithin(b, s) || Targets(b, s)),
                IBranchOperation { BranchKind: BranchKind.GoTo } => true,
                _ => false,
            };
            if (!leaves) continue;
            _context.ReportUnsupportedExpression(jump, "A jump out of a '" + (statement is ILockOperation ? "lock" : "using") + "' body ('" + Describe.Snippet(jump.Syntax) + "'), which would skip its release",
                "assign the result to a local and return (or break) after the " + (statement is ILockOperation ? "lock" : "using") + "; a return as its last statement outside loops is supported");
            return false;
        }
        return true;
    }

    /// <summary>The break or continue leaves or repeats <paramref name="statement"/> itself, a loop or switch of the body.</summary>
    private static bool Targets(IBranchOperation jump, IOperation statement) =>
        statement is ILoopOperation loop && (SymbolEqualityComparer.Default.Equals(loop.ExitLabel, jump.Target) || SymbolEqualityComparer.Default.Equals(loop.ContinueLabel, jump.Target))
        || statement is ISwitchOperation @switch && SymbolEqualityComparer.Default.Equals(@switch.ExitLabel, jump.Target);

    private static bool InLambdaOrLocalFunction(IOperation op, IOperation statement)
    {
        for (var up = op.Parent; up is not null && up != statement; up = up.Parent)
        {
            if (up is IAnonymousFunctionOperation or ILocalFunctionOperation) return true;
        }
        return false;
    }
}
