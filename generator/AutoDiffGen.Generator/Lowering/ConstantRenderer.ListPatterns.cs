using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// ConstantRenderer: list patterns on a one-dimensional array whose positions only test (issue 13, idioms17c):
/// <c>xs is [&gt; 0, _, ..]</c>, <c>xs is []</c>, <c>case [_, _, _]:</c>, <c>xs is [.., &lt; 1]</c>. The pattern is C# 11's
/// null test, length test and one test per position, written with C# 7.3's operators (<c>xs != null &amp;&amp; xs.Length &gt;= 2
/// &amp;&amp; xs[0] &gt; 0</c>; a position after the slice counts from the end, <c>xs[xs.Length - 1]</c>), so each is a
/// comparison whose gradient is zero, as an <c>if</c> on <c>xs[0] &gt; 0</c> is. A pattern that declares (<c>[var a, ..]</c>),
/// a slice with a pattern (<c>[1, .. var rest]</c>), a nested or type pattern at a position, and a list pattern on
/// anything but an array (a span, a list) are refused at the pattern, saying what to write.
/// </summary>
internal sealed partial class ConstantRenderer
{
    private string? ListPattern(string value, IOperation tested, IListPatternOperation list)
    {
        var patterns = list.Patterns;
        int slices = patterns.Count(p => p is ISlicePatternOperation);
        if (tested.Type is not IArrayTypeSymbol { Rank: 1 } || list.DeclaredSymbol is not null || slices > 1
            || !patterns.All(p => p is ISlicePatternOperation { Pattern: null } || p is not ISlicePatternOperation && OnlyTests(p)))
        {
            RejectDeclared(list);
            return Unsupported(list, "A list pattern that declares a variable, slices into a pattern, nests a pattern or is not on an array",
                "test the length and the elements by index with constants, <, > or _ at each position ([> 0, _, ..]), or write the test out (xs.Length >= 2 && xs[0] > 0), and read the elements after it (xs[0] * xs[1])");
        }
        string v = Operand(value);
        int fixedCount = patterns.Length - slices;
        string length = (slices == 1 ? " >= " : " == ") + fixedCount.ToString(CultureInfo.InvariantCulture);
        // Not null and long enough. Declared nullable, the array is tested for null in place (its reads after the test are then
        // known not null); declared not null, through a call, so that no null test tells nullable analysis it may be null (CS8602).
        var parts = tested.Type.NullableAnnotation == NullableAnnotation.Annotated
            ? new List<string> { v + " != null", v + ".Length" + length }
            : new List<string> { "global::AutoDiffGen.Internals.ListPatterns.Length(" + value + ")" + length };
        int slice = slices == 1 ? patterns.IndexOf(patterns.First(p => p is ISlicePatternOperation)) : patterns.Length;
        for (int k = 0; k < patterns.Length; k++)
        {
            if (k == slice) continue;
            string element = k < slice ? v + "[" + k.ToString(CultureInfo.InvariantCulture) + "]"
                : v + "[" + v + ".Length - " + (patterns.Length - k).ToString(CultureInfo.InvariantCulture) + "]";
            string? test = PatternText(element, tested, patterns[k]);
            if (test is null) return null;
            if (test != "true") parts.Add(test);
        }
        return "(" + string.Join(") && (", parts) + ")";
    }
}
