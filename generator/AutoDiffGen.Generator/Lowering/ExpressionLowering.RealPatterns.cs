using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// ExpressionLowering: whether a read of a pattern variable varies before its pattern is lowered. In
/// <c>t is var v &amp;&amp; v &gt; 0 ? Math.Sin(v) : v * v</c> the whole conditional is judged before its condition binds
/// <c>v</c>; a variable its pattern binds to a differentiated value (ConstantRenderer.RealPatterns) varies as that value
/// does, else the conditional would be written as a constant and lose its gradient; so does one a property pattern
/// binds to a member of a differentiated struct (<c>v is { Y: var y }</c>).
/// </summary>
internal sealed partial class ExpressionLowering
{
    private bool UnboundPatternVaried(ILocalReferenceOperation read) =>
        _context.Current(read.Local) < 0
        && TypePatterns.Declaring(read.Local, read) is { } declaration
        && TypePatterns.TestedThroughMembers(declaration) is { } tested
        // A sequence dispatch's array is the tested parameter itself (never a member of it): only a direct test.
        && (TypePatterns.MatchesEveryValue(declaration) || TypePatterns.NamesSameArray(declaration)
            || TypePatterns.Tested(declaration) is { } direct && SequenceDispatch.Applies(declaration, direct))
        && IsVaried(tested);
}
