using System.Linq;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// An explicit enumerator over a sequence that carries a gradient (Math.NET's StreamingStatistics:
/// <c>using (var e = xs.GetEnumerator()) { if (e.MoveNext()) … e.Current …; while (e.MoveNext()) … }</c>) is the element walk
/// it means: the enumerator is an int cursor (-1 before the first element), <c>MoveNext()</c> is <c>++cursor &lt; count</c>,
/// <c>Current</c> is the element at the cursor (its gradient goes to that element's adjoint), Dispose is nothing.
/// This class answers the questions about the source: which locals are such walks, and whether each use of one means the
/// walk (<see cref="FirstMisuse"/>); anything else is refused at the expression.
/// </summary>
internal static class Enumerators
{
    /// <summary>What to write instead, for every refusal of an enumerator's use.</summary>
    public const string Hint = "walk the sequence with foreach, or use the enumerator only as 'if (e.MoveNext())', 'while (e.MoveNext())', 'if (!e.MoveNext()) throw …;' and 'e.Current' after them";

    /// <summary>The sequence <c>xs</c> of <c>xs.GetEnumerator()</c> whose result is an <c>IEnumerator&lt;T&gt;</c> or <c>List&lt;T&gt;.Enumerator</c> of a real T; else null.</summary>
    public static IOperation? Source(IOperation? value)
    {
        while (value is IConversionOperation { IsImplicit: true } c) value = c.Operand;
        if (value is not IInvocationOperation { TargetMethod: { Name: "GetEnumerator", Parameters.Length: 0 }, Instance: { } sequence } call || !IsRealEnumerator(call.Type)) return null;
        while (sequence is IConversionOperation conversion) sequence = conversion.Operand;
        return sequence;
    }

    /// <summary>An <c>IEnumerator&lt;double&gt;</c> (float), or <c>List&lt;double&gt;.Enumerator</c>.</summary>
    private static bool IsRealEnumerator(ITypeSymbol? type) =>
        type is INamedTypeSymbol named
        && (named.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.IEnumerator<T>" && IsReal(named.TypeArguments)
            // List<T>.Enumerator: T is its containing type's.
            || named.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.List<T>.Enumerator" && named.ContainingType is { } list && IsReal(list.TypeArguments));

    private static bool IsReal(System.Collections.Immutable.ImmutableArray<ITypeSymbol> arguments) =>
        arguments is [{ SpecialType: SpecialType.System_Double or SpecialType.System_Single }];

    /// <summary>The enumerator local that <paramref name="op"/> calls MoveNext() on; null for any other operation.</summary>
    public static ILocalSymbol? Moved(IOperation? op) =>
        op is IInvocationOperation { TargetMethod: { Name: "MoveNext", Parameters.Length: 0 }, Instance: ILocalReferenceOperation { Local: var local } } ? local : null;

    /// <summary>The enumerator local whose Current <paramref name="op"/> reads; null for any other operation.</summary>
    public static ILocalSymbol? Read(IOperation? op) =>
        op is IPropertyReferenceOperation { Property: { Name: "Current", IsIndexer: false }, Instance: ILocalReferenceOperation { Local: var local } } ? local : null;

    /// <summary><c>e.Dispose();</c>: nothing to differentiate.</summary>
    public static ILocalSymbol? Disposed(IOperation? op) =>
        op is IInvocationOperation { TargetMethod: { Name: "Dispose", Parameters.Length: 0 }, Instance: ILocalReferenceOperation { Local: var local } } ? local : null;

    /// <summary>True when evaluating <paramref name="op"/> moves an enumerator (a loop's test that does is a statement of its body).</summary>
    public static bool Moves(IOperation? op) => op is not null && op.DescendantsAndSelf().Any(d => Moved(d) is not null);

    /// <summary>
    /// The first use of the enumerator <paramref name="local"/> (declared at <paramref name="declarator"/>) that is not the
    /// element walk, with what it is; null when every use is. Refused: the enumerator stored, passed, reset or captured,
    /// MoveNext() other than as the test of an if or while (or of `!`, or left of `&amp;&amp;` there), Current where
    /// MoveNext() has not just returned true, and a change of the local list it walks.
    /// </summary>
    public static (IOperation At, string What)? FirstMisuse(ILocalSymbol local, IOperation declarator, IOperation sequence)
    {
        var root = OperationRoots.Of(declarator);
        foreach (var reference in root.Descendants().OfType<ILocalReferenceOperation>().Where(r => SymbolEqualityComparer.Default.Equals(r.Local, local)).OrderBy(r => r.Syntax.SpanStart))
        {
            var use = reference.Parent;
            if (Inside<IAnonymousFunctionOperation>(reference, root) || Inside<ILocalFunctionOperation>(reference, root))
                return (reference, "The enumerator '" + local.Name + "' used inside a lambda or local function");
            if (Moved(use) is not null)
            {
                if (!IsTest(use!)) return (use!, "'" + local.Name + ".MoveNext()' other than as the test of an if or while");
                continue;
            }
            if (Read(use) is not null)
            {
                if (!Positioned(use!, local)) return (use!, "'" + local.Name + ".Current' where '" + local.Name + ".MoveNext()' has not just returned true");
                continue;
            }
            if (Disposed(use) is not null && use!.Parent is IExpressionStatementOperation) continue;
            return (use is IInvocationOperation or IPropertyReferenceOperation ? use : reference, "The enumerator '" + local.Name + "' used other than by MoveNext(), Current and Dispose() (stored, passed on, or Reset())");
        }
        if (sequence is ILocalReferenceOperation { Local: var list } && WriteOfList(list, ScopeOf(declarator), declarator) is { } write)
            return (write, "A change of the list '" + list.Name + "' while the enumerator '" + local.Name + "' walks it (its enumerator would throw)");
        return null;
    }

    /// <summary>The using statement or block the enumerator lives in.</summary>
    private static IOperation ScopeOf(IOperation declarator)
    {
        var scope = declarator.Parent;
        while (scope is not null and not (IUsingOperation or IBlockOperation)) scope = scope.Parent;
        return scope ?? declarator;
    }

    /// <summary>A call that may change <paramref name="list"/> (a method of it, or it passed on) or a store into it, after the enumerator is made.</summary>
    private static IOperation? WriteOfList(ILocalSymbol list, IOperation scope, IOperation declarator) =>
        scope.Descendants().OfType<ILocalReferenceOperation>()
            .Where(r => SymbolEqualityComparer.Default.Equals(r.Local, list) && r.Syntax.SpanStart > declarator.Syntax.Span.End)
            .Select(r => r.Parent switch
            {
                IInvocationOperation { TargetMethod.Name: not ("IndexOf" or "LastIndexOf" or "Contains" or "BinarySearch" or "GetEnumerator") } call => call,
                IPropertyReferenceOperation { Property.IsIndexer: true, Parent: IAssignmentOperation assignment } indexer when assignment.Target == indexer => assignment,
                IArgumentOperation argument => argument,
                IAssignmentOperation assignment => assignment,
                _ => (IOperation?)null,
            })
            .FirstOrDefault(w => w is not null);

    private static bool Inside<T>(IOperation op, IOperation root)
    {
        for (var p = op.Parent; p is not null && p != root; p = p.Parent)
        {
            if (p is T) return true;
        }
        return false;
    }

    /// <summary>MoveNext() as the whole test of an if statement or a while loop, as <c>!</c>'s operand there, or left of <c>&amp;&amp;</c> there.</summary>
    private static bool IsTest(IOperation call)
    {
        var test = call;
        if (test.Parent is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not) test = not;
        else if (test.Parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and && and.LeftOperand == test && !Moves(and.RightOperand)) test = and;
        return test.Parent switch
        {
            IConditionalOperation conditional => conditional.Condition == test && IsStatement(conditional),
            IWhileLoopOperation { ConditionIsTop: true, ConditionIsUntil: false } loop => loop.Condition == test,
            _ => false,
        };
    }

    private static bool IsStatement(IConditionalOperation conditional) => conditional.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.IfStatementSyntax;

    /// <summary>
    /// Current read where MoveNext() has just returned true: in the body of <c>while (e.MoveNext())</c>, in the then-branch of
    /// <c>if (e.MoveNext())</c> or the else-branch of <c>if (!e.MoveNext())</c>, or after <c>if (!e.MoveNext()) throw/return …;</c>
    /// in a block, with no other MoveNext() of <paramref name="local"/> in between (before it, or in a loop around it).
    /// </summary>
    private static bool Positioned(IOperation read, ILocalSymbol local)
    {
        for (IOperation child = read, parent = read.Parent!; parent is not null; child = parent, parent = parent.Parent!)
        {
            IOperation? region = null;
            IOperation? move = null;
            switch (parent)
            {
                case IWhileLoopOperation { ConditionIsTop: true, ConditionIsUntil: false } loop when child == loop.Body && loop.Condition is { } test && TestMoves(test, local, negated: false) is { } m:
                    (region, move) = (loop.Body, m);
                    break;
                case IConditionalOperation conditional when IsStatement(conditional) && child == conditional.WhenTrue && TestMoves(conditional.Condition, local, negated: false) is { } m:
                    (region, move) = (conditional.WhenTrue, m);
                    break;
                case IConditionalOperation conditional when IsStatement(conditional) && child == conditional.WhenFalse && TestMoves(conditional.Condition, local, negated: true) is { } m:
                    (region, move) = (conditional.WhenFalse, m);
                    break;
                case IBlockOperation block:
                    {
                        int at = block.Operations.IndexOf(child);
                        for (int k = at - 1; k >= 0 && region is null; k--)
                        {
                            var before = block.Operations[k];
                            if (before is IConditionalOperation { WhenFalse: null } guard && IsStatement(guard) && TestMoves(guard.Condition, local, negated: true) is { } m && Leaves(guard.WhenTrue))
                            {
                                (region, move) = (block, m);
                            }
                            else if (Moves(before) && before.Descendants().Any(d => SymbolEqualityComparer.Default.Equals(Moved(d), local)))
                            {
                                return false;
                            }
                        }
                        break;
                    }
            }
            if (region is null) continue;
            // Another MoveNext() of this enumerator in the region, before the read or in a loop around it, may have moved past the end.
            return !region.Descendants().Any(d => d != move && SymbolEqualityComparer.Default.Equals(Moved(d), local)
                && (d.Syntax.SpanStart < read.Syntax.SpanStart && d.Syntax.SpanStart > move!.Syntax.SpanStart || InSameLoop(d, read, region)));
        }
        return false;
    }

    /// <summary>The MoveNext() of <paramref name="local"/> that <paramref name="test"/> is (negated: <c>!e.MoveNext()</c>), or left of its &amp;&amp;.</summary>
    private static IOperation? TestMoves(IOperation test, ILocalSymbol local, bool negated)
    {
        if (negated)
        {
            if (test is not IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var operand }) return null;
            test = operand;
        }
        else if (test is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd, LeftOperand: var left })
        {
            test = left;
        }
        return SymbolEqualityComparer.Default.Equals(Moved(test), local) ? test : null;
    }

    /// <summary>A branch that never reaches its end (throw, return, break, continue as its last statement).</summary>
    private static bool Leaves(IOperation branch)
    {
        var last = branch is IBlockOperation { Operations: var operations } ? operations.LastOrDefault() : branch;
        return last is IThrowOperation or IReturnOperation or IExpressionStatementOperation { Operation: IThrowOperation } or IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue };
    }

    /// <summary>A loop inside <paramref name="region"/> around both operations.</summary>
    private static bool InSameLoop(IOperation a, IOperation b, IOperation region)
    {
        for (var p = a.Parent; p is not null && p != region; p = p.Parent)
        {
            if (p is ILoopOperation && p.Syntax.Span.Contains(b.Syntax.Span)) return true;
        }
        return false;
    }
}
