using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A search: a loop that moves a real variable by steps whose direction is chosen by comparing values computed from
/// that variable and the inputs (<c>x += d*Math.Sign(p - f(x))</c> with d halving, or bisection's
/// <c>if (f(mid) &lt; p) lo = mid; else hi = mid;</c>). Differentiating the steps as executed gives only how the
/// start moves (the comparisons are zero-derivative cuts), not how the point it converges to moves, so a search whose
/// variable carries a gradient would get a silently wrong one. It is an ADG0016 error at the comparison. A search
/// from constants, whose result then does not vary at all, stays the ADG0011 warning (a zero gradient by design).
/// The test is syntactic within the loop: which variables each plain assignment reads (flow-insensitively,
/// through temporaries set with =, not through accumulations), so a running maximum (<c>if (x[i] &gt; m) m = x[i];</c>) or a range reduction
/// (<c>if (t &gt; π) t -= 2π;</c>) is not a search, while the two arms of a bracket are.
/// </summary>
internal static class SearchLoops
{
    /// <summary>Run after <paramref name="loop"/> is lowered, when the activity of what it carries is known.</summary>
    public static void Check(ILoopOperation loop, LoweringContext context)
    {
        var flow = new Flow(loop);
        if (flow.Carried.Count == 0) return;
        foreach (var op in loop.Descendants())
        {
            switch (op)
            {
                case IInvocationOperation invocation when SignArgument(invocation) is { } direction:
                    CheckSignStep(invocation, direction, flow, context);
                    break;
                case IConditionalOperation { WhenFalse: not null } branch when branch.Type is null || branch.Type.SpecialType == SpecialType.System_Void:
                    CheckBracket(branch, flow, context);
                    break;
            }
        }
    }

    /// <summary>The argument whose sign a call returns or copies: Math.Sign(e), Math.CopySign(d, e) (and MathF's, double's, float's).</summary>
    private static IOperation? SignArgument(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (type is null || !(MathFunctions.IsMathType(type) || type.SpecialType is SpecialType.System_Double or SpecialType.System_Single)) return null;
        var args = invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).ToList();
        return method.Name switch
        {
            "Sign" when args.Count == 1 => args[0].Value,
            "CopySign" when args.Count == 2 => args[1].Value,
            _ => null,
        };
    }

    /// <summary><c>x += d*Math.Sign(p - f(x))</c>: the sign's argument reads a carried variable that the step moves.</summary>
    private static void CheckSignStep(IInvocationOperation sign, IOperation direction, Flow flow, LoweringContext context)
    {
        if (!context.IsActive(direction)) return;
        var moved = StepOf(sign);
        if (moved is null || !flow.Carried.Contains(moved) || !flow.IsVaried(moved, context)) return;
        if (!flow.Expand(Flow.Reads(direction), exclude: moved).Contains(moved)) return;
        if (StepSizeIsActive(sign, context)) return;
        context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.GradientLost, direction.Syntax,
            Describe.Snippet(direction.Syntax), "the direction of a search step over '" + moved.Name + "' ('" + Describe.Snippet(sign.Syntax) + "')",
            Hint(moved.Name)));
    }

    /// <summary>
    /// Whether the step's size carries a gradient (<c>t -= Math.CopySign(a, t)</c>, <c>x += a * Math.Sign(x)</c>): a search
    /// steps by a schedule of constants (d halving), so such a step is arithmetic whose executed derivative is the
    /// program's own, not a search (found by the random programs, seed 4242).
    /// </summary>
    private static bool StepSizeIsActive(IInvocationOperation sign, LoweringContext context)
    {
        if (sign.TargetMethod.Name == "CopySign"
            && sign.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).First().Value is { } size && context.IsActive(size)) return true;
        IOperation path = sign;
        for (var at = sign.Parent; at is IConversionOperation or IParenthesizedOperation or IUnaryOperation or IBinaryOperation or IArgumentOperation; at = at.Parent)
        {
            if (at is IBinaryOperation { OperatorKind: BinaryOperatorKind.Multiply or BinaryOperatorKind.Divide } product)
            {
                var other = ReferenceEquals(product.LeftOperand, path) ? product.RightOperand : product.LeftOperand;
                if (context.IsActive(other)) return true;
            }
            path = at;
        }
        return false;
    }

    /// <summary>Bisection: one arm moves one end of a bracket, the other arm the other, each to a value computed from the bracket.</summary>
    private static void CheckBracket(IConditionalOperation branch, Flow flow, LoweringContext context)
    {
        var condition = branch.Condition;
        if (!condition.DescendantsAndSelf().Any(o => PiecewiseConstant.IsReal(o.Type) && context.IsActive(o))) return;
        var whenTrue = Flow.Overwrites(branch.WhenTrue).Where(a => flow.Carried.Contains(a.Target)).ToList();
        var whenFalse = Flow.Overwrites(branch.WhenFalse!).Where(a => flow.Carried.Contains(a.Target)).ToList();
        foreach (var (a, aReads) in whenTrue)
        {
            foreach (var (b, bReads) in whenFalse)
            {
                if (SymbolEqualityComparer.Default.Equals(a, b)) continue;
                // Each end is moved to a point computed from the other end (through the iteration's temporaries, like mid).
                if (!flow.Expand(aReads, a, b).Contains(b) && !flow.Expand(bReads, a, b).Contains(a)) continue;
                var tested = flow.Expand(Flow.Reads(condition), a, b);
                if (!tested.Contains(a) && !tested.Contains(b)) continue;
                if (!flow.IsVaried(a, context) && !flow.IsVaried(b, context)) continue;
                context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.GradientLost, condition.Syntax,
                    Describe.Snippet(condition.Syntax), "the choice of which end of the bracket ('" + a.Name + "', '" + b.Name + "') a search moves",
                    Hint(a.Name + "' and '" + b.Name)));
                return;
            }
        }
    }

    private static string Hint(string variable) =>
        "differentiating the steps as executed gives how the start of the search moves, not how the point it converges to "
        + "moves, so '" + variable + "' would get a wrong gradient; give the method a [DerivativeOf] method (for a root x of "
        + "f(x, p) = 0, dx/dp = −(∂f/∂p)/(∂f/∂x)), or start the search from constants";

    /// <summary>
    /// The variable the sign steps: <c>x += d * Math.Sign(…)</c>, <c>x = x - Math.CopySign(d, …)</c>. Only products,
    /// quotients, sums, negations and conversions may stand between the sign and the assignment; a sign inside another
    /// call (<c>Math.Pow(1 + Math.Sign(t)…, …)</c>) is not a step.
    /// </summary>
    private static ISymbol? StepOf(IOperation sign)
    {
        for (var at = sign.Parent; at is not null; at = at.Parent)
        {
            switch (at)
            {
                case IConversionOperation or IParenthesizedOperation or IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus or UnaryOperatorKind.Plus }:
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Multiply or BinaryOperatorKind.Divide or BinaryOperatorKind.Add or BinaryOperatorKind.Subtract }:
                    continue;
                case IArgumentOperation:
                    continue;
                case IInvocationOperation:
                    return null;
                default:
                    return AssignedBy(sign);
            }
        }
        return null;
    }

    /// <summary>The variable an assignment (or initialized declaration) whose value contains <paramref name="op"/> writes.</summary>
    private static ISymbol? AssignedBy(IOperation op)
    {
        for (var at = op.Parent; at is not null; at = at.Parent)
        {
            switch (at)
            {
                case IAssignmentOperation assignment: return Flow.Variable(assignment.Target);
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }: return declarator.Symbol;
                case IExpressionStatementOperation or IBlockOperation or ILoopOperation: return null;
            }
        }
        return null;
    }

    /// <summary>Which variables the loop carries, and what its plain assignments read (flow-insensitively, within the loop).</summary>
    private sealed class Flow
    {
        private readonly HashSet<ISymbol> _accumulated = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<ISymbol, HashSet<ISymbol>> _plain = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<ISymbol, IOperation> _reference = new(SymbolEqualityComparer.Default);

        /// <summary>Real locals and parameters the loop assigns and that live across its iterations.</summary>
        public HashSet<ISymbol> Carried { get; } = new(SymbolEqualityComparer.Default);

        public Flow(ILoopOperation loop)
        {
            var inside = new HashSet<ISymbol>(loop.Locals, SymbolEqualityComparer.Default);
            foreach (var op in loop.Descendants())
            {
                if (op is IVariableDeclaratorOperation declarator)
                {
                    inside.Add(declarator.Symbol);
                    if (declarator.GetVariableInitializer() is { } init)
                    {
                        Add(_plain, declarator.Symbol, Reads(init.Value));
                    }
                }
                if (Variable(op) is { } referenced && !_reference.ContainsKey(referenced)) _reference[referenced] = op;
                if (op is ICompoundAssignmentOperation { Target: var c } && Variable(c) is { } accumulated) _accumulated.Add(accumulated);
                if (op is IIncrementOrDecrementOperation { Target: var i } && Variable(i) is { } counted) _accumulated.Add(counted);
            }
            var bottom = loop is IForLoopOperation f ? f.AtLoopBottom : Enumerable.Empty<IOperation>();
            foreach (var (target, reads) in Overwrites(loop.Body).Concat(bottom.SelectMany(Overwrites))) Add(_plain, target, reads);
            foreach (var (target, reads) in Assignments(loop.Body).Concat(bottom.SelectMany(Assignments)))
            {
                if (!inside.Contains(target) && PiecewiseConstant.IsReal(TypeOf(target))) Carried.Add(target);
            }
        }

        private static void Add(Dictionary<ISymbol, HashSet<ISymbol>> map, ISymbol target, IEnumerable<ISymbol> reads)
        {
            if (!map.TryGetValue(target, out var set)) map[target] = set = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            set.UnionWith(reads);
        }

        /// <summary>
        /// The variables <paramref name="seeds"/> read, looking through variables the loop sets with a plain <c>=</c>
        /// (a temporary like mid = (lo + hi)/2), but not through <paramref name="exclude"/> nor through accumulations.
        /// </summary>
        public HashSet<ISymbol> Expand(IEnumerable<ISymbol> seeds, params ISymbol[] exclude)
        {
            var stop = new HashSet<ISymbol>(exclude, SymbolEqualityComparer.Default);
            var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var work = new Stack<ISymbol>(seeds);
            while (work.Count > 0)
            {
                var v = work.Pop();
                if (!seen.Add(v) || stop.Contains(v) || _accumulated.Contains(v)) continue;
                if (!_plain.TryGetValue(v, out var from)) continue;
                foreach (var w in from) work.Push(w);
            }
            return seen;
        }

        /// <summary>Plain assignments (<c>v = …</c>) under <paramref name="root"/>, outside nested loops, with what they read.</summary>
        public static IEnumerable<(ISymbol Target, HashSet<ISymbol> Reads)> Overwrites(IOperation root)
        {
            foreach (var op in root.DescendantsAndSelf())
            {
                if (op is ISimpleAssignmentOperation simple && Variable(simple.Target) is { } t && !InNestedLoop(op, root)) yield return (t, Reads(simple.Value));
            }
        }

        private static bool InNestedLoop(IOperation op, IOperation root)
        {
            for (var up = op.Parent; up is not null && up != root; up = up.Parent)
            {
                if (up is ILoopOperation) return true;
            }
            return false;
        }

        /// <summary>The variable carries a gradient (its value after the loop, which merges every iteration's).</summary>
        public bool IsVaried(ISymbol variable, LoweringContext context) => _reference.TryGetValue(variable, out var op) && context.IsActive(op);

        /// <summary>Every assignment, compound assignment and ++/-- under <paramref name="root"/>, with the variables its new value reads.</summary>
        public static IEnumerable<(ISymbol Target, HashSet<ISymbol> Reads)> Assignments(IOperation root)
        {
            foreach (var op in root.DescendantsAndSelf())
            {
                switch (op)
                {
                    case ISimpleAssignmentOperation simple when Variable(simple.Target) is { } t:
                        yield return (t, Reads(simple.Value));
                        break;
                    case ICompoundAssignmentOperation compound when Variable(compound.Target) is { } t:
                        var reads = Reads(compound.Value);
                        reads.Add(t);
                        yield return (t, reads);
                        break;
                    case IIncrementOrDecrementOperation step when Variable(step.Target) is { } t:
                        yield return (t, new HashSet<ISymbol>(SymbolEqualityComparer.Default) { t });
                        break;
                }
            }
        }

        public static HashSet<ISymbol> Reads(IOperation value)
        {
            var set = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var op in value.DescendantsAndSelf())
            {
                if (Variable(op) is { } v) set.Add(v);
            }
            return set;
        }

        private static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
        {
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            _ => null,
        };

        public static ISymbol? Variable(IOperation op) => op switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };
    }
}
