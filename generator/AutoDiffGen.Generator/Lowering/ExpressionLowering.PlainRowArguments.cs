using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A row of a jagged parameter that carries a gradient passed to a plain helper's <c>double[]</c> parameter (issue 13,
/// idioms17c: <c>RowNorm(rows[i])</c>, <c>rows.Sum(r =&gt; RowNorm(r))</c>, <c>foreach (var r in rows) s += Dot(r, w);</c>).
/// The helper is inlined (ExpressionLowering.PlainHelpers), and its parameter stands for the row as a foreach row does
/// (<see cref="LoweringContext.DeclareJaggedRow"/>): <c>r[j]</c> in its body is the element <c>rows[i][j]</c>, whose
/// gradient reaches <c>dRows[i][j]</c>, <c>r.Length</c> is <c>rows[i].Length</c>, LINQ over <c>r</c> is the loop over
/// that row, and <c>r</c> passed on goes to the next helper or [Differentiable] callee as the same row. Taken only when
/// the body reads the parameter that way (a write into it is refused before, as any helper's write into its argument);
/// any other use (a second name, a slice, a capture) is one ADG0004 at the call, naming the parameter.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>
    /// True when <paramref name="read"/> is passed by value to a plain helper's one-dimensional real array parameter (in
    /// source, inlined): one returning a real, or a void one leaving its results in ref/out arguments (idioms22, natural21's
    /// B09: <c>Component(point, means, c, out double logDet, out double quadratic)</c>, StatementLowering.InlineCall).
    /// </summary>
    internal static bool PassedToPlainHelper(IOperation read)
    {
        var up = read.Parent;
        while (up is IConversionOperation { IsImplicit: true }) up = up.Parent;
        return up is IArgumentOperation { Parameter: { RefKind: RefKind.None, Type: IArrayTypeSymbol { Rank: 1, ElementType: var element } }, Parent: IInvocationOperation { Instance: null } call }
            && PiecewiseConstant.IsReal(element) && (PlainHelpers.HasShape(call.TargetMethod) || PlainHelpers.IsPlainVoidHelper(call.TargetMethod) && !call.TargetMethod.IsGenericMethod)
            && call.TargetMethod.DeclaringSyntaxReferences.Length > 0;
    }

    /// <summary>
    /// The helper's parameters that receive a row (by ordinal: the grid and the hidden variable holding the row's index),
    /// null when none does; <paramref name="refused"/> is not -2 after the one ADG0004 at the call.
    /// </summary>
    internal Dictionary<int, (ISymbol Grid, LoweringContext.HiddenVariable Row)>? RowArguments(IMethodSymbol method, IOperation block, IOperation[] arguments, IOperation at, out int refused)
    {
        refused = -2;
        Dictionary<int, (ISymbol, LoweringContext.HiddenVariable)>? rows = null;
        for (int k = 0; k < arguments.Length && k < method.Parameters.Length; k++)
        {
            var parameter = method.Parameters[k];
            if (arguments[k] is null || parameter.RefKind != RefKind.None || parameter.Type is not IArrayTypeSymbol { Rank: 1 }) continue;
            var value = LinqCalls.Unwrap(arguments[k]);
            (ISymbol Grid, LoweringContext.HiddenVariable Row)? row = _context.JaggedRowOf(value);
            var picked = row is null && value is IArrayElementReferenceOperation { Indices.Length: 1 } element && JaggedRows(element.ArrayReference) is { } grid
                && !IsVaried(element.Indices[0]) && !element.Indices[0].DescendantsAndSelf().Any(EmbeddedEffects.IsEmbedded) ? element : null;
            if (row is null && picked is null) continue;
            var misused = block.Descendants().OfType<IParameterReferenceOperation>()
                .FirstOrDefault(u => SymbolEqualityComparer.Default.Equals(u.Parameter, parameter) && !IsRowRead(u));
            if (misused is not null)
            {
                refused = RefusePlainHelper(method, at, "it uses its parameter '" + parameter.Name + "', passed the row '" + Describe.Snippet(value.Syntax) + "' of a jagged array that carries a gradient, other than as "
                    + parameter.Name + "[j], " + parameter.Name + ".Length, LINQ over it or an argument of another helper (at '" + Describe.Snippet(misused.Parent?.Syntax ?? misused.Syntax)
                    + "'; a row is the array's own, not a copy: read it only by index in the helper, or pass the row's elements)");
                return null;
            }
            if (picked is not null)
            {
                int index = Lower(picked.Indices[0], null);
                if (index < 0) { refused = Placeholder(at); return null; }
                var hidden = new LoweringContext.HiddenVariable(parameter.Name + "Row");
                _context.Assign(hidden, index);
                row = (JaggedRows(picked.ArrayReference)!, hidden);
            }
            (rows ??= new())[k] = row!.Value;
        }
        return rows;
    }
}
