using System.Linq;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// LINQ's <c>Count</c> over a sequence that carries a gradient (issue 13, linq23): <c>xs.Count(v =&gt; v &gt; t)</c>,
/// <c>xs.Where(…).Count()</c>, <c>a.Zip(b).Count(p =&gt; p.First &gt; p.Second)</c>. Its value is an int, piecewise
/// constant in the values (each test is a comparison, as a Where's), so its derivative is zero where it has one: lowered to
/// the loop that counts the kept elements, in the forward sweep, and read by name wherever the count is used (text in a
/// condition or an operand: the renderer calls <see cref="LoweringContext.LowerCount"/>). The tests' lambdas follow the
/// Where rules (one expression, no assignment); anything else is reported where it is.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>The node holding the count (an int); -1 after a report.</summary>
    private int LowerCount(IInvocationOperation invocation)
    {
        var source = LinqCalls.Argument(invocation, 0);
        if (source is null) return -1;
        var predicate = invocation.TargetMethod.Parameters.Length == 2 ? LinqCalls.Argument(invocation, 1) : null;
        LinqSequence? sequence;
        if (PairChain(source) is { } chain)
        {
            // a.Zip(b).Count(p => …): the predicate is one more filter over the pairs.
            if (predicate is not null) chain = (chain.Zip, chain.Filters.Concat(new[] { invocation }).ToArray());
            sequence = PairsSelected(chain, null, invocation);
        }
        else
        {
            sequence = Sequence(source);
            if (sequence is not null && predicate is not null) sequence = Filtered(sequence, predicate, invocation);
        }
        if (sequence is null) return -1;
        if (!sequence.Filtered) return sequence.Count;
        var kept = new LoweringContext.HiddenVariable("kept");
        _context.Assign(kept, _context.AddConstant("0", ScalarType.Other, "int", _context.Names.Fresh("kept"), isAtom: false));
        if (!Loop(invocation, sequence, new object[] { kept }, Describe.Source(invocation.Syntax), (_, _) => Count(kept))) return -1;
        return _context.Current(kept);
    }
}
