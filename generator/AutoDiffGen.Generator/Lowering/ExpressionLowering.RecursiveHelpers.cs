using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A recursive plain helper called with constant int arguments (issue 13, idioms15a: <c>static double Pow(double x, int n)
/// =&gt; n == 0 ? 1 : x * Pow(x, n - 1);</c> called as <c>Pow(x, 3)</c>, a <c>Fib</c>-like pair of calls, two helpers
/// calling each other) is unrolled where it is called, one inlined level per call. At each level the int parameters
/// hold values known when the code is generated (the outermost call's arguments are literals or constants, each
/// recursive call's are folded from its level's: FoldedInts), so a condition over them (<c>n == 0</c>, <c>if (n &lt;= 0)
/// return 1;</c>) chooses its branch here, and the recursion ends where C# ends it. Each level binds the helper's
/// parameters and locals afresh and gives the caller's level its own back after the call, so that a level reading its
/// parameter after the recursive call (<c>x * Pow(x, n - 1) + n</c>) reads its own. A depth that depends on a run-time
/// value keeps ADG0004 at the outermost call with the text it always had; more than <see cref="MaxUnrolledDepth"/>
/// levels, or more than <see cref="MaxUnrolledOperations"/> operations over all levels, ADG0004 naming the cap.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>Deeper recursion is refused: each level is inlined code.</summary>
    public const int MaxUnrolledDepth = 32;

    /// <summary>All levels of one outermost call together (a Fib-like helper doubles its calls per level): four helper bodies' worth.</summary>
    public const int MaxUnrolledOperations = 4 * PlainHelpers.MaxOperations;

    /// <summary>A level being unrolled: the helper and what its int (and bool) parameters hold there.</summary>
    private sealed class UnrolledLevel(IMethodSymbol method, Dictionary<IParameterSymbol, object> known, int operations)
    {
        public IMethodSymbol Method { get; } = method;

        /// <summary>The operations of its body, counted against <see cref="MaxUnrolledOperations"/> while it is unrolled.</summary>
        public int Operations { get; } = operations;

        public Dictionary<IParameterSymbol, object> Known { get; } = known;
    }

    /// <summary>The levels being unrolled, innermost last.</summary>
    private readonly List<UnrolledLevel> _unrolled = new();

    /// <summary>Operations inlined by the levels of the current outermost call.</summary>
    private int _unrolledOperations;

    /// <summary>Why an inner level could not be unrolled: reported once, at the outermost call (never wrapped level in level).</summary>
    private string? _unrollRefusal;

    /// <summary>Whether a helper reaches itself through the bodies of helpers it calls, per analysis.</summary>
    private readonly Dictionary<IMethodSymbol, bool> _reachesItself = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// While a recursive helper is unrolled: the value of <paramref name="condition"/> when it is known here (the branch
    /// C# takes, the other never lowered); null otherwise, and always outside an unrolled helper.
    /// </summary>
    public bool? FoldedCondition(IOperation condition) =>
        _unrolled.Count > 0 && FoldedInts.Evaluate(condition, KnownHere) is bool chosen ? chosen : null;

    /// <summary>A parameter's value at the innermost level of its helper being unrolled.</summary>
    private object? KnownHere(IParameterSymbol parameter)
    {
        for (int i = _unrolled.Count - 1; i >= 0; i--)
        {
            if (SymbolEqualityComparer.Default.Equals(_unrolled[i].Method, parameter.ContainingSymbol?.OriginalDefinition))
                return _unrolled[i].Known.TryGetValue((IParameterSymbol)parameter.OriginalDefinition, out var value) ? value : null;
        }
        return null;
    }

    /// <summary>
    /// For a helper that calls itself (directly, or through helpers it calls): the level to unroll, or the refusal's
    /// value in <paramref name="refused"/> (-2 when the helper is not recursive: inlined as ever, no level).
    /// </summary>
    private UnrolledLevel? UnrollLevel(IMethodSymbol method, IBlockOperation block, IOperation[] arguments, IOperation at, out int refused)
    {
        refused = -2;
        var direct = block.Descendants().OfType<IInvocationOperation>().FirstOrDefault(c => SymbolEqualityComparer.Default.Equals(c.TargetMethod.OriginalDefinition, method));
        if (direct is null && !ReachesItself(method)) return null;
        string runtimeDepth = direct is not null
            ? "it calls itself ('" + Describe.Snippet(direct.Syntax) + "' at line " + (direct.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1).ToString(CultureInfo.InvariantCulture)
                + "): a helper is inlined where it is called, and recursion has no end to inline (a [Differentiable] method may call itself, its Backward calling its own Backward; or write the recursion as a loop)"
            : "it calls itself through another helper (recursion: a helper is inlined where it is called, and recursion has no end to inline; mark it [Differentiable], where recursion is differentiated)";
        // Unrolled only where every int parameter's value is known at this level (and never written by the body): then
        // its conditions choose the path here. (An int argument known only at run time: the depth is not known.)
        var written = WrittenParameters(block);
        var known = new Dictionary<IParameterSymbol, object>(SymbolEqualityComparer.Default);
        bool any = false;
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            var p = method.Parameters[i];
            bool integral = FoldedInts.IsIntegral(p.Type);
            any |= integral;
            object? value = arguments[i] is { } argument && !written.Contains(p) ? FoldedInts.Evaluate(argument, KnownHere) : null;
            if (value is not null) known[p] = value;
            else if (integral) return Refuse(runtimeDepth, out refused);
        }
        if (!any) return Refuse(runtimeDepth, out refused);
        if (_unrolled.Count >= MaxUnrolledDepth)
            return Refuse("it recurses more than " + MaxUnrolledDepth.ToString(CultureInfo.InvariantCulture) + " levels deep at this call (its recursion is unrolled where it is called, a level per call, up to "
                + MaxUnrolledDepth.ToString(CultureInfo.InvariantCulture) + "; mark it [Differentiable] (its Backward then calls itself) or write the recursion as a loop)", out refused);
        int operations = block.Descendants().Count();
        if (_unrolledOperations + operations > MaxUnrolledOperations)
            return Refuse("its recursion unrolled at this call has more than " + MaxUnrolledOperations.ToString(CultureInfo.InvariantCulture) + " operations over all its levels (a level per call; mark it [Differentiable] (its Backward then calls itself) or write the recursion as a loop)", out refused);
        return new UnrolledLevel(method, known, operations);

        UnrolledLevel? Refuse(string reason, out int value)
        {
            if (_unrolled.Count == 0)
            {
                value = RefusePlainHelper(method, at, reason);
                return null;
            }
            // An inner level: the outermost call reports it, alone (InlinePlainBody, FinishUnrolling).
            _unrollRefusal ??= reason;
            value = Placeholder(at);
            return null;
        }
    }

    /// <summary>Enters <paramref name="level"/>: its conditions fold from here on.</summary>
    private void EnterUnrolled(UnrolledLevel level)
    {
        _unrolled.Add(level);
        _unrolledOperations += level.Operations;
    }

    /// <summary>
    /// After an unrolled level: the caller's level gets its own bindings of the helper's variables back (the level
    /// below bound them afresh); at the outermost call, an inner level's refusal replaces whatever the levels reported.
    /// </summary>
    private int FinishUnrolling(IMethodSymbol method, IOperation at, Dictionary<object, int> outerBindings, int diagnosticsBefore, int value)
    {
        _unrolled.RemoveAt(_unrolled.Count - 1);
        foreach (var pair in outerBindings) _context.Assign(pair.Key, pair.Value);
        if (_unrolled.Count > 0) return value;
        _unrolledOperations = 0;
        if (_unrollRefusal is not { } reason) return value;
        _unrollRefusal = null;
        _context.Diagnostics.RemoveRange(diagnosticsBefore, _context.Diagnostics.Count - diagnosticsBefore);
        return RefusePlainHelper(method, at, reason);
    }

    /// <summary>What the helper's parameters, locals and their struct components hold now (the caller's level), those with a value.</summary>
    private Dictionary<object, int> HeldBindings(IMethodSymbol method, IBlockOperation block)
    {
        var held = new Dictionary<object, int>();
        var variables = new List<ISymbol>(method.Parameters);
        variables.AddRange(block.Descendants().OfType<IVariableDeclaratorOperation>().Select(d => d.Symbol));
        foreach (var variable in variables)
        {
            var each = new List<object> { variable };
            if (RealStructs.IsRealStruct(LoweringContext.TypeOfVariable(variable)) && RealStructs.Components(LoweringContext.TypeOfVariable(variable)) is { } components)
                each.AddRange(components.Select(c => (object)_context.Component(variable, c.Path)));
            foreach (var key in each)
            {
                if (_context.Current(key) is var node && node >= 0) held[key] = node;
            }
        }
        return held;
    }

    /// <summary>Parameters the body assigns (<c>n--</c>, <c>n = …</c>, <c>ref n</c>): their value is not the argument's throughout.</summary>
    private static HashSet<IParameterSymbol> WrittenParameters(IBlockOperation block)
    {
        var written = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);
        foreach (var op in block.Descendants())
        {
            IOperation? target = WriteTargets.Of(op);
            if (target is IParameterReferenceOperation { Parameter: var p }) written.Add(p);
            if (op is IDeconstructionAssignmentOperation d)
            {
                foreach (var element in d.Target.DescendantsAndSelf().OfType<IParameterReferenceOperation>()) written.Add(element.Parameter);
            }
        }
        return written;
    }

    /// <summary>
    /// Whether <paramref name="method"/> reaches itself through the bodies (in this compilation) of the methods it calls:
    /// two helpers calling each other. A search that grows too wide answers no (the inliner's stack then refuses recursion).
    /// </summary>
    private bool ReachesItself(IMethodSymbol method)
    {
        if (_reachesItself.TryGetValue(method, out bool cached)) return cached;
        var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<IMethodSymbol>();
        pending.Push(method);
        bool found = false;
        while (pending.Count > 0 && !found && seen.Count < 64)
        {
            var next = pending.Pop();
            if (!seen.Add(next) || !next.IsStatic || !PlainHelpers.IsUnmarked(next) || CalleeBodies.Find(next, _compilation) is not { } body) continue;
            Helpers.BodyReads.Note(body.Syntax.SyntaxTree);
            foreach (var call in body.Body.Descendants().OfType<IInvocationOperation>())
            {
                var target = call.TargetMethod.OriginalDefinition;
                if (SymbolEqualityComparer.Default.Equals(target, method)) found = true;
                else pending.Push(target);
            }
        }
        _reachesItself[method] = found;
        return found;
    }
}
