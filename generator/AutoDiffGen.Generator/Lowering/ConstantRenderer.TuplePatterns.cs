using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// ConstantRenderer: positional patterns on a tuple (issue 13, idioms16b item 2): <c>switch ((a, b)) { case (&gt; 0, _): … }</c>,
/// <c>(i, flag) is (1, true)</c>, <c>t is (&gt; 0.5, not 0)</c>, <c>(x, k) switch { (&lt; 0, _) =&gt; …, (_, 2) =&gt; …, _ =&gt; … }</c>.
/// Each position is a test of the tuple's element (<c>value.Item1 &gt; 0</c>), a comparison whose gradient is zero as an
/// <c>if</c> on <c>a &gt; 0</c> is, so the arms are ordinary branches. Only positions that test (constants, relational,
/// discard, not/and/or of them) are taken: a position that declares or type-tests (<c>(double p, _)</c>), a nested
/// positional or property pattern, and a tuple of more than seven elements are refused at the pattern, saying what to write.
/// </summary>
internal sealed partial class ConstantRenderer
{
    private (bool Handled, string? Text) TuplePositions(string value, IOperation tested, IRecursivePatternOperation pattern)
    {
        if (pattern.DeconstructionSubpatterns.Length == 0 || tested.Type is not INamedTypeSymbol { IsTupleType: true } tuple || pattern.DeconstructSymbol is not null) return (false, null);
        if (pattern.DeclaredSymbol is not null || pattern.PropertySubpatterns.Length > 0 || tuple.TupleElements.Length > 7
            || tuple.TupleElements.Length != pattern.DeconstructionSubpatterns.Length || !pattern.DeconstructionSubpatterns.All(OnlyTests))
        {
            RejectDeclared(pattern);
            return (true, Unsupported(pattern, "A positional pattern that declares a variable, tests a type or nests a pattern ('" + Describe.Snippet(pattern.Syntax) + "')",
                "test each position with constants, <, >, 'not', 'and', 'or' or _ ((> 0, _)), and read the elements by name after the test (var (p, q) = t;)"));
        }
        var parts = new List<string>();
        for (int k = 0; k < pattern.DeconstructionSubpatterns.Length; k++)
        {
            string? test = PatternText(Operand(value) + ".Item" + (k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), tested, pattern.DeconstructionSubpatterns[k]);
            if (test is null) return (true, null);
            if (test != "true") parts.Add(test);
        }
        return (true, parts.Count switch
        {
            0 => "true",
            1 => parts[0],
            _ => "(" + string.Join(") && (", parts) + ")",
        });
    }

    /// <summary>A pattern that only tests the value: a constant, a relational test, a discard, or not/and/or of them.</summary>
    private static bool OnlyTests(IPatternOperation pattern) => pattern switch
    {
        IConstantPatternOperation or IRelationalPatternOperation or IDiscardPatternOperation => true,
        INegatedPatternOperation negated => OnlyTests(negated.Pattern),
        IBinaryPatternOperation binary => OnlyTests(binary.LeftPattern) && OnlyTests(binary.RightPattern),
        _ => false,
    };
}
