using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Whether a method never reads an element of an array parameter that it has not written earlier in the same call: then
/// what the caller's array holds before the call changes nothing the callee computes, and the caller need not copy it
/// for the callee's Backward (issue 12: <c>Subtract(x, mu, output)</c>, <c>Qtimesx</c>'s output). Proved, never guessed:
/// the parameter may only be indexed (<c>p[i]</c>) or asked its <c>Length</c>; every read <c>p[r]</c> must follow a store
/// <c>p[r] = …</c> of the same index expression whose variables did not change since, or a completed loop
/// <c>for (int v = lo; v &lt; hi; v++) { …; p[v] = …; … }</c> (the store unconditional, no break, continue or goto) with
/// <c>r</c> a counter of an enclosing loop that stays in [lo, hi). Anything else (a lambda, a ref, a call that is passed
/// the array, a while loop's own bounds) answers false, which keeps the copy.
/// </summary>
internal sealed class WrittenBeforeRead
{
    private readonly IParameterSymbol _parameter;
    private readonly Dictionary<ISymbol, int> _ids = new(SymbolEqualityComparer.Default);
    private readonly List<Counter> _counters = new();
    private bool _ok = true;

    private WrittenBeforeRead(IParameterSymbol parameter) => _parameter = parameter;

    /// <summary>True when <paramref name="body"/> reads no element of <paramref name="parameter"/> before writing it.</summary>
    public static bool Holds(IOperation body, IParameterSymbol parameter)
    {
        if (parameter.Type is not IArrayTypeSymbol { Rank: 1 } || !OnlyIndexed(body, parameter)) return false;
        var analysis = new WrittenBeforeRead(parameter);
        analysis.Statement(body, new List<Fact>());
        return analysis._ok;
    }

    /// <summary>A store that covers a read: <c>p[Index]</c> (<see cref="High"/> null) or every <c>p[k]</c> for Index ≤ k &lt; High.</summary>
    private sealed record Fact(string Index, string? High, HashSet<ISymbol> Reads);

    /// <summary>An enclosing counted loop: inside its body, <c>Low ≤ Variable &lt; High</c>.</summary>
    private sealed record Counter(ISymbol Variable, IOperation Low, string High);

    /// <summary>Every mention of the parameter is an element (one index) or its length; no lambda, local function, ref local or goto.</summary>
    private static bool OnlyIndexed(IOperation body, IParameterSymbol parameter)
    {
        foreach (var op in body.Descendants())
        {
            switch (op)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation or ILabeledOperation:
                case IBranchOperation { BranchKind: BranchKind.GoTo }:
                case IVariableDeclaratorOperation { Symbol.IsRef: true }:
                    return false;
                case IParameterReferenceOperation p when SymbolEqualityComparer.Default.Equals(p.Parameter, parameter):
                    if (p.Parent is IPropertyReferenceOperation { Property.Name: "Length" or "LongLength" }) continue;
                    if (p.Parent is not IArrayElementReferenceOperation { Indices.Length: 1 } element || element.ArrayReference != p) return false;
                    // An element passed or bound by reference escapes the analysis.
                    if (element.Parent is IArgumentOperation { Parameter.RefKind: not RefKind.None } or ITupleOperation) return false;
                    continue;
            }
        }
        return true;
    }

    /// <summary>Walks one statement with the stores known before it; returns those known after it.</summary>
    private List<Fact> Statement(IOperation statement, List<Fact> known)
    {
        if (!_ok) return known;
        switch (statement)
        {
            case IMethodBodyBaseOperation method:
                return method.BlockBody is { } body ? Statement(body, known) : method.ExpressionBody is { } expression ? Statement(expression, known) : known;
            case IBlockOperation block:
                foreach (var inner in block.Operations) known = Statement(inner, known);
                return known;
            case IForLoopOperation loop:
                return ForLoop(loop, known);
            case ILoopOperation loop:
            {
                var inside = Without(known, Assigned(loop));
                foreach (var child in loop.ChildOperations) Statement(child, inside);
                return inside;
            }
            case IConditionalOperation branch when branch.Type is null || branch.Type.SpecialType == SpecialType.System_Void:
            {
                Expression(branch.Condition, known);
                var after = Without(known, Assigned(branch));
                Statement(branch.WhenTrue, after);
                if (branch.WhenFalse is { } otherwise) Statement(otherwise, after);
                return after;
            }
            case IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: IArrayElementReferenceOperation element } store } when Mine(element):
            {
                // p[e] = v: its reads first, then the store (known only when the statement changes none of e's variables).
                var assigned = Assigned(statement);
                var after = Without(known, assigned);
                Expression(statement, after);
                var reads = Set(Reads(element.Indices[0]));
                if (Key(element.Indices[0]) is { } key && !reads.Overlaps(assigned)) after.Add(new Fact(key, null, reads));
                return after;
            }
            default:
            {
                // Any other statement: its reads must be covered, and what it assigns forgets the stores indexed by it.
                var after = Without(known, Assigned(statement));
                Expression(statement, after);
                return after;
            }
        }
    }

    /// <summary>A for loop: its body sees what was known before, less what the loop assigns; a counted loop whose body stores p[v] covers [lo, hi).</summary>
    private List<Fact> ForLoop(IForLoopOperation loop, List<Fact> known)
    {
        foreach (var before in loop.Before) known = Statement(before, known);
        var assigned = Assigned(loop.Body).Concat(loop.AtLoopBottom.SelectMany(Assigned)).Concat(loop.Condition is null ? Enumerable.Empty<ISymbol>() : Assigned(loop.Condition)).ToList();
        var inside = Without(known, assigned);
        if (loop.Condition is not null) Expression(loop.Condition, inside);
        var counter = CounterOf(loop, assigned);
        if (counter is not null) _counters.Add(counter);
        Statement(loop.Body, inside);
        foreach (var bottom in loop.AtLoopBottom) Statement(bottom, inside);
        if (counter is not null) _counters.RemoveAt(_counters.Count - 1);
        var after = new List<Fact>(inside);
        if (counter is not null && Key(counter.Low) is { } low && StoresEveryIteration(loop.Body, counter.Variable))
            after.Add(new Fact(low, counter.High, Set(Reads(counter.Low).Concat(HighReads(loop.Condition!)))));
        return after;
    }

    /// <summary>
    /// <c>for (int v = lo; v &lt; hi; v++)</c> with v assigned nowhere else and lo, hi's variables not at all in the loop: the
    /// body runs with lo ≤ v &lt; hi. Null for any other shape.
    /// </summary>
    private Counter? CounterOf(IForLoopOperation loop, List<ISymbol> assigned)
    {
        if (loop.Condition is not IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan, LeftOperand: ILocalReferenceOperation { Local: var v }, RightOperand: var high }
            || v.Type.SpecialType != SpecialType.System_Int32 || Key(high) is not { } highKey)
            return null;
        if (loop.AtLoopBottom.Length != 1 || !IsIncrement(loop.AtLoopBottom[0], v) || Assigned(loop.Body).Contains(v, SymbolEqualityComparer.Default)) return null;
        if (loop.Before.Length != 1 || loop.Before[0] is not IVariableDeclarationGroupOperation { Declarations: [{ Declarators: [{ Symbol: var declared, Initializer.Value: var low }] }] }
            || !SymbolEqualityComparer.Default.Equals(declared, v))
            return null;
        var bounds = Reads(low).Concat(Reads(high));
        if (bounds.Any(s => assigned.Contains(s, SymbolEqualityComparer.Default) || SymbolEqualityComparer.Default.Equals(s, v))) return null;
        return new Counter(v, low, highKey);
    }

    private static bool IsIncrement(IOperation bottom, ISymbol v) =>
        (bottom is IExpressionStatementOperation { Operation: var op } ? op : bottom) is
            IIncrementOrDecrementOperation { Kind: OperationKind.Increment, Target: ILocalReferenceOperation { Local: var l } } && SymbolEqualityComparer.Default.Equals(l, v)
            || bottom is IExpressionStatementOperation { Operation: ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Target: ILocalReferenceOperation { Local: var c }, Value.ConstantValue: { HasValue: true, Value: 1 } } }
               && SymbolEqualityComparer.Default.Equals(c, v);

    /// <summary>The body stores <c>p[v]</c> as one of its own statements, and nothing in it leaves an iteration early (break, continue).</summary>
    private bool StoresEveryIteration(IOperation body, ISymbol v)
    {
        if (body.DescendantsAndSelf().Any(o => o is IBranchOperation)) return false;
        var statements = body is IBlockOperation block ? block.Operations : System.Collections.Immutable.ImmutableArray.Create(body);
        return statements.Any(s => s is IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: IArrayElementReferenceOperation element } }
            && Mine(element) && element.Indices[0] is ILocalReferenceOperation { Local: var index } && SymbolEqualityComparer.Default.Equals(index, v));
    }

    private static IEnumerable<ISymbol> HighReads(IOperation condition) => condition is IBinaryOperation b ? Reads(b.RightOperand) : Enumerable.Empty<ISymbol>();

    /// <summary>Checks every element read of the parameter in <paramref name="op"/> against <paramref name="known"/>.</summary>
    private void Expression(IOperation op, List<Fact> known)
    {
        foreach (var element in op.DescendantsAndSelf().OfType<IArrayElementReferenceOperation>())
        {
            if (!Mine(element)) continue;
            // A store's target is not a read (a compound one is: p[j] += v reads p[j]).
            if (element.Parent is ISimpleAssignmentOperation assignment && assignment.Target == element) continue;
            if (!Covered(element.Indices[0], known)) _ok = false;
        }
    }

    private bool Covered(IOperation index, List<Fact> known)
    {
        string? key = Key(index);
        foreach (var fact in known)
        {
            if (fact.High is null ? key == fact.Index : Below(index, fact.High) && AtLeast(index, fact.Index)) return true;
        }
        return false;
    }

    /// <summary>index &lt; high: index is an enclosing counter bounded by high (or that counter minus a non-negative constant).</summary>
    private bool Below(IOperation index, string high)
    {
        index = Bare(index);
        if (index is IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract, RightOperand: var k } minus && NonNegativeConstant(k)) index = Bare(minus.LeftOperand);
        return index is ILocalReferenceOperation { Local: var v } && CounterFor(v) is { } c && c.High == high;
    }

    /// <summary>
    /// index ≥ low (given as a key): equal, or a counter whose own lower bound is. For low 0 always: a read below 0
    /// throws (in the forward call and in its Backward alike) and reads nothing.
    /// </summary>
    private bool AtLeast(IOperation index, string low)
    {
        index = Bare(index);
        if (low == "0" || Key(index) == low) return true;
        return index is ILocalReferenceOperation { Local: var v } && CounterFor(v) is { } c && AtLeast(c.Low, low);
    }

    private static bool NonNegativeConstant(IOperation op) => op.ConstantValue is { HasValue: true, Value: int k } && k >= 0;

    private Counter? CounterFor(ISymbol v)
    {
        for (int i = _counters.Count - 1; i >= 0; i--)
        {
            if (SymbolEqualityComparer.Default.Equals(_counters[i].Variable, v)) return _counters[i];
        }
        return null;
    }

    private bool Mine(IArrayElementReferenceOperation element) =>
        element.ArrayReference is IParameterReferenceOperation p && SymbolEqualityComparer.Default.Equals(p.Parameter, _parameter);

    private static IOperation Bare(IOperation op)
    {
        while (op is IConversionOperation { IsImplicit: true } or IParenthesizedOperation) op = op is IConversionOperation c ? c.Operand : ((IParenthesizedOperation)op).Operand;
        return op;
    }

    /// <summary>An int expression over constants, locals and parameters as a canonical key (null for anything else).</summary>
    private string? Key(IOperation op)
    {
        op = Bare(op);
        if (op.ConstantValue is { HasValue: true, Value: int k }) return k.ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (op)
        {
            case ILocalReferenceOperation l:
                return "v" + Id(l.Local);
            case IParameterReferenceOperation p when p.Parameter.RefKind == RefKind.None:
                return "v" + Id(p.Parameter);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply } b
                when Key(b.LeftOperand) is { } left && Key(b.RightOperand) is { } right:
                return "(" + left + b.OperatorKind + right + ")";
            default:
                return null;
        }
    }

    private int Id(ISymbol symbol)
    {
        if (!_ids.TryGetValue(symbol, out int id)) _ids[symbol] = id = _ids.Count;
        return id;
    }

    /// <summary>The locals and parameters <paramref name="op"/> reads.</summary>
    private static IEnumerable<ISymbol> Reads(IOperation op) =>
        op.DescendantsAndSelf().Select(o => o switch
        {
            ILocalReferenceOperation l => (ISymbol)l.Local,
            IParameterReferenceOperation p => p.Parameter,
            _ => null,
        }).Where(s => s is not null)!;

    /// <summary>The locals and parameters <paramref name="op"/> assigns, declares or passes by reference.</summary>
    private static List<ISymbol> Assigned(IOperation op)
    {
        var result = new List<ISymbol>();
        foreach (var o in op.DescendantsAndSelf())
        {
            IOperation? target = WriteTargets.Of(o);
            if (o is IVariableDeclaratorOperation d) result.Add(d.Symbol);
            if (o is IDeconstructionAssignmentOperation deconstruction) result.AddRange(Reads(deconstruction.Target));
            if (target is not null && Bare(target) is var t && (t is ILocalReferenceOperation or IParameterReferenceOperation)) result.AddRange(Reads(t));
        }
        return result;
    }

    private static List<Fact> Without(List<Fact> known, IEnumerable<ISymbol> assigned)
    {
        var set = Set(assigned);
        return known.Where(f => !f.Reads.Overlaps(set)).ToList();
    }

    private static HashSet<ISymbol> Set(IEnumerable<ISymbol> symbols) => new(symbols, SymbolEqualityComparer.Default);
}
