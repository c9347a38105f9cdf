using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// LINQ over the rows of a jagged <c>double[][]</c> parameter (issue 13, idioms15b): <c>rows.Sum(r =&gt; r.Sum())</c>,
/// <c>rows.Select(r =&gt; r[0] * w).Sum()</c>, <c>rows.Select((r, i) =&gt; …)</c>. The loop LINQ runs is the index loop over
/// the rows the refusal named: the lambda's parameter stands for <c>rows[i]</c> as a foreach row does
/// (<see cref="LoweringContext.JaggedRowOf(IOperation?)"/>), so <c>r[j]</c> is the element gate <c>rows[i][j]</c> (its
/// gradient in <c>dRows[i][j]</c>), <c>r.Length</c> is <c>rows[i].Length</c>, and LINQ over <c>r</c> is the inner loop over
/// j &lt; <c>rows[i].Length</c>. A row passed whole to a [Differentiable] method (<c>rows.Sum(r =&gt; Dot(r, w))</c>, idioms16b)
/// is the row view a call on <c>rows[i]</c> passes; passed to a plain helper (<c>rows.Sum(r =&gt; RowNorm(r))</c>, idioms17c) the
/// helper's parameter stands for the row (ExpressionLowering.PlainRowArguments); a row used any other way (named again) is
/// refused at that use.
/// </summary>
internal sealed partial class ExpressionLowering
{
    private static readonly string[] RowLinq = { "Sum", "Average", "Max", "Min", "Select", "Where", "Zip", "Aggregate" };

    /// <summary>The rows of a jagged parameter that carries a gradient, or null for any other value.</summary>
    private IParameterSymbol? JaggedRows(IOperation value) =>
        value is IParameterReferenceOperation { Parameter: { Type: IArrayTypeSymbol { Rank: 1, ElementType: IArrayTypeSymbol { Rank: 1 } } } p }
        && _context.Current(p) is var node && node >= 0 && _context.Nodes[node].Gate == GateKind.Parameter && IsVariedNode(node) ? p : null;

    /// <summary>Select (or a reduction's selector) over jagged rows: the lambda's value with its parameter standing for each row; null after a report.</summary>
    private LinqSequence? RowsSelected(IParameterSymbol grid, IOperation? argument, IOperation at, bool indexed)
    {
        var lambda = LinqCalls.Lambda(argument, out var body, out string? why);
        if (lambda is null || body is null)
        {
            _context.ReportUnsupportedExpression(argument ?? at, why, "write r => expression, or the loop over the rows");
            return null;
        }
        if (!PureLambda(lambda, body)) return null;
        var parameters = lambda.Symbol.Parameters;
        if (parameters.Length == 2 && !indexed)
        {
            _context.ReportUnsupportedExpression(lambda, "A selector with an index here", "write the loop over the rows");
            return null;
        }
        var row = parameters[0];
        foreach (var use in body.DescendantsAndSelf().OfType<IParameterReferenceOperation>().Where(u => SymbolEqualityComparer.Default.Equals(u.Parameter, row)))
        {
            if (IsRowRead(use)) continue;
            string rows = grid.Name;
            _context.ReportUnsupportedExpression(use, "A row of the jagged array '" + rows + "' used other than as " + row.Name + "[j], " + row.Name + ".Length, LINQ over it or an argument of a [Differentiable] method, inside a LINQ lambda",
                "mark the helper it is passed to [Differentiable], or loop over its rows and their elements: for (int i = 0; i < " + rows + ".Length; i++) for (int j = 0; j < " + rows + "[i].Length; j++) … " + rows + "[i][j] …");
            return null;
        }
        int gridNode = _context.Current(grid);
        int count = _context.AddConstant(_context.Nodes[gridNode].Name + ".Length", ScalarType.Other, "int", _context.Names.Fresh("count"), isAtom: false, new[] { gridNode });
        return new LinqSequence(count, (i, _) =>
        {
            var index = new LoweringContext.HiddenVariable("row");
            _context.Assign(index, i);
            _context.DeclareJaggedRow(row, grid, index);
            if (parameters.Length == 2) _context.Assign(parameters[1], i);
            int value = Lower(body, null);
            _context.ForgetJaggedRow(row);
            return value;
        });
    }

    /// <summary>r[j], r.Length, or r as the sequence of a LINQ call lowered as a loop (behind the conversion to IEnumerable).</summary>
    private static bool IsRowRead(IParameterReferenceOperation use)
    {
        IOperation at = use;
        while (at.Parent is IConversionOperation { IsImplicit: true } c) at = c;
        return at.Parent switch
        {
            IArrayElementReferenceOperation element => element.ArrayReference == use,
            IPropertyReferenceOperation { Property.Name: "Length" } => true,
            // Passed whole to a [Differentiable] callee's array or span parameter (idioms16b): the row view RowArgument makes.
            IArgumentOperation { Parameter: { RefKind: RefKind.None } passed, Parent: IInvocationOperation callee } when !LinqCalls.IsEnumerable(callee.TargetMethod)
                => Derivatives.DerivativeResolver.IsDifferentiable(callee.TargetMethod) && !callee.TargetMethod.IsGenericMethod && IsArrayOrSpan(passed.Type) || PassedToPlainHelper(use),
            IArgumentOperation { Parameter: { } p, Parent: IInvocationOperation call } => LinqCalls.IsEnumerable(call.TargetMethod) && RowLinq.Contains(call.TargetMethod.Name)
                && (p.Ordinal == 0 || p.Ordinal == 1 && call.TargetMethod.Name == "Zip"),
            _ => false,
        };
    }

    /// <summary>The row a LINQ lambda's parameter or a foreach row stands for, as a sequence: j &lt; rows[i].Length, its element rows[i][j]; null for anything else.</summary>
    private LinqSequence? RowSequence(IOperation value)
    {
        if (_context.JaggedRowOf(value) is not { } alias || value.Type is not IArrayTypeSymbol { ElementType: var element }) return null;
        int grid = _context.Current(alias.Grid), row = _context.Current(alias.Row);
        int count = _context.AddConstant(_context.Nodes[grid].Name + "[" + _context.Nodes[row].Name + "].Length", ScalarType.Other, "int", _context.Names.Fresh("count"), isAtom: false, new[] { grid, row });
        var type = TypeOf(element);
        return new LinqSequence(count, (j, name) => _context.AddGridElement(type, name, ElementIndex.Jagged, new[] { grid, row, j }));
    }
}
