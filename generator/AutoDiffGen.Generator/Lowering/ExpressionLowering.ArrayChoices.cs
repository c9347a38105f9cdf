using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// ExpressionLowering: the view an array local chosen between arrays is set to (<see cref="ArrayChoices"/>):
/// <c>a ?? b</c> is a branch on <c>a != null</c> whose phis are the view's ints, and the array created in the choice is
/// the one kept under the local's own name (<see cref="StatementLowering"/> made it before the choice).
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>What to write instead of a choice between arrays the generator does not follow.</summary>
    public const string ArrayChoiceHint = "only read the chosen array (w[i], w.Length), or write the cases out (weights is null ? F(x, Default) : F(x, weights) with a [Differentiable] F)";

    /// <summary>The array creation among the choices of <paramref name="value"/> (through ?: and ??), or null.</summary>
    public static IArrayCreationOperation? ChoiceCreation(IOperation value)
    {
        while (value is IConversionOperation { IsImplicit: true } conversion) value = conversion.Operand;
        return value switch
        {
            IArrayCreationOperation creation => creation,
            IConditionalOperation { WhenFalse: { } whenFalse } conditional => ChoiceCreation(conditional.WhenTrue) ?? ChoiceCreation(whenFalse),
            ICoalesceOperation coalesce => ChoiceCreation(coalesce.Value) ?? ChoiceCreation(coalesce.WhenNull),
            _ => null,
        };
    }

    /// <summary><c>a ?? b</c> of arrays: <c>a</c>'s view where it is not null, else <c>b</c>'s; null after an error (reported).</summary>
    private ViewNodes? CoalesceView(ICoalesceOperation coalesce, LoweringContext.SpanAlias into)
    {
        var tested = coalesce.Value;
        while (tested is IConversionOperation { IsImplicit: true } c) tested = c.Operand;
        var array = tested switch
        {
            IParameterReferenceOperation p => (ISymbol)p.Parameter,
            ILocalReferenceOperation { Local: { Type: IArrayTypeSymbol } l } => ArrayAliases.TargetOf(l, tested) ?? l,
            _ => null,
        };
        int node = array is null ? -1 : _context.Current(array);
        if (node < 0)
        {
            _context.ReportUnsupportedExpression(tested, "An array chosen by ?? from something other than an array parameter or local array", SpanViewHint);
            return null;
        }
        // A local array the method keeps is never null (it is made here and never reassigned), nor is a parameter declared
        // without '?' where annotations are on: every generated method checks it first (null is the caller's error), and a
        // test of it would leave it maybe-null for flow analysis after the branch (CS8602 at later reads).
        bool neverNull = array is ILocalSymbol || array is IParameterSymbol { NullableAnnotation: NullableAnnotation.NotAnnotated };
        if (array is IParameterSymbol { NullableAnnotation: NullableAnnotation.NotAnnotated } noDiff && noDiff.GetAttributes().Any(a => a.AttributeClass?.Name == "NoDiffAttribute"))
        {
            // No check guards a [NoDiff] array: the method would take the fallback for a null one, the generated code could not.
            _context.ReportUnsupportedExpression(tested, "A [NoDiff] array parameter declared non-null, tested by ??", "declare it double[]? when null is meant");
            return null;
        }
        int condition = _context.AddConstant(neverNull ? "true" : _context.Nodes[node].Name + " != null", ScalarType.Other, "bool", null, isAtom: false, new[] { node });
        return Choose(condition, coalesce.Value, coalesce.WhenNull, into, Describe.Source(coalesce.Syntax));
    }

    /// <summary>The array made in the choice: the one of <paramref name="into"/>'s arrays kept under the chosen local's name.</summary>
    private ViewNodes? CreatedView(IArrayCreationOperation creation, LoweringContext.SpanAlias into)
    {
        foreach (var array in into.Arrays)
        {
            if (_context.SpanAliasOf(array) == into) return WholeArray(array, into, creation);
        }
        _context.ReportUnsupportedExpression(creation, "An array created in a choice the generator does not follow", SpanViewHint);
        return null;
    }
}
