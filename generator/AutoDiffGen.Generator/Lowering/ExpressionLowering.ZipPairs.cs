using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// LINQ over pairs and over one row (issue 13, idioms17c). <c>xs.Zip(ys)</c> with no result lambda yields the tuples
/// <c>(First, Second)</c>; read through a selector (<c>xs.Zip(ys).Sum(p =&gt; p.First * p.Second)</c>,
/// <c>.Select(p =&gt; p.Item1 - p.Item2)</c>) it is <c>xs.Zip(ys, (a, b) =&gt; …)</c> with the lambda's parameter a tuple
/// local carried as its two elements (as any tuple of reals is), so its adjoints are the arrays' elements'. A pair read any
/// other way (a Where, ToArray of the tuples) keeps the refusal that says to write the result lambda. <c>rows[k]</c>, a row of
/// a jagged parameter that carries a gradient, at an index that does not, is walked as a LINQ lambda's row is: its element
/// <c>rows[k][j]</c> for j &lt; <c>rows[k].Length</c> (<c>rows[0].Zip(w, (a, b) =&gt; a * b).Sum()</c>).
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>The Zip without a result lambda under <paramref name="source"/>, or null.</summary>
    private static IInvocationOperation? PairZip(IOperation? source) =>
        source is not null && LinqCalls.Unwrap(source) is IInvocationOperation { Instance: null, TargetMethod: { Name: "Zip", Parameters.Length: 2 } } zip
        && LinqCalls.IsEnumerable(zip.TargetMethod) ? zip : null;

    /// <summary>
    /// <c>xs.Zip(ys)</c> under zero or more <c>Where(p =&gt; …)</c> over its pairs (linq23): the Zip and the filters' calls,
    /// innermost first; null for anything else.
    /// </summary>
    private static (IInvocationOperation Zip, IInvocationOperation[] Filters)? PairChain(IOperation? source)
    {
        var filters = new List<IInvocationOperation>();
        while (source is not null && LinqCalls.Unwrap(source) is IInvocationOperation { Instance: null, TargetMethod: { Name: "Where", Parameters.Length: 2 } } where
            && LinqCalls.IsEnumerable(where.TargetMethod))
        {
            filters.Insert(0, where);
            source = LinqCalls.Argument(where, 0);
        }
        return PairZip(source) is { } zip ? (zip, filters.ToArray()) : null;
    }

    /// <summary>A lambda over the pairs of a Zip: its tuple parameter and body; null after a report.</summary>
    private (IParameterSymbol Pair, IOperation Body, IReadOnlyList<StructComponent> Parts)? PairLambda(IOperation? argument, IOperation at)
    {
        var lambda = LinqCalls.Lambda(argument, out var body, out string? why);
        if (lambda is null || body is null)
        {
            _context.ReportUnsupportedExpression(argument ?? at, why, "write p => expression (p.First, p.Second), or x.Zip(y, (a, b) => …)");
            return null;
        }
        if (!PureLambda(lambda, body)) return null;
        var parameters = lambda.Symbol.Parameters;
        var components = RealStructs.Components(parameters[0].Type);
        if (parameters.Length != 1 || components is not { Count: 2 })
        {
            _context.ReportUnsupportedExpression(lambda, parameters.Length != 1 ? "A lambda with an index over the pairs of a Zip" : "A Zip of sequences that are not both double or float, read as pairs",
                "write x.Zip(y, (a, b) => …), or the loop over the indices");
            return null;
        }
        return (parameters[0], body, components);
    }

    /// <summary>
    /// A selector over the pairs of <paramref name="chain"/> (a Zip, under its Where filters): its value with the tuple
    /// parameter bound to the two elements, each filter a branch on its test (the test is not differentiated, as a Where's);
    /// with no selector (a Count) the first element stands for the pair. Null after a report.
    /// </summary>
    private LinqSequence? PairsSelected((IInvocationOperation Zip, IInvocationOperation[] Filters) chain, IOperation? argument, IOperation at)
    {
        var selector = argument is null ? null : PairLambda(argument, at);
        if (argument is not null && selector is null) return null;
        var filters = new List<(IParameterSymbol Pair, IOperation Body, IReadOnlyList<StructComponent> Parts)>();
        foreach (var filter in chain.Filters)
        {
            if (PairLambda(LinqCalls.Argument(filter, 1), filter) is not { } test) return null;
            filters.Add(test);
        }
        if (ZipSources(chain.Zip) is not { } zipped) return null;
        var (first, second, count) = zipped;
        int Bound((IParameterSymbol Pair, IOperation Body, IReadOnlyList<StructComponent> Parts) lambda, int a, int b)
        {
            _context.Assign(_context.Component(lambda.Pair, lambda.Parts[0].Path), a);
            _context.Assign(_context.Component(lambda.Pair, lambda.Parts[1].Path), b);
            return Lower(lambda.Body, null);
        }
        int Select(int a, int b) => selector is { } s ? Bound(s, a, b) : a;
        if (filters.Count == 0) return new LinqSequence(count, (i, _) => Select(first.Element(i, null), second.Element(i, null)));
        var labels = chain.Filters.Select(f => Describe.Source(f.Syntax)).ToArray();
        return new LinqSequence(count, (_, _) => -1, (i, consume) =>
        {
            int a = first.Element(i, null), b = second.Element(i, null);
            void From(int k)
            {
                if (k == filters.Count)
                {
                    consume(Select(a, b));
                    return;
                }
                KeepWhen(OwnTest(Bound(filters[k], a, b)), labels[k], () => From(k + 1));
            }
            From(0);
        });
    }

    /// <summary>The two sequences a Zip walks and its count, the shorter's; null after a report.</summary>
    private (LinqSequence First, LinqSequence Second, int Count)? ZipSources(IInvocationOperation call)
    {
        var first = Sequence(LinqCalls.Argument(call, 0)!);
        if (first is null) return null;
        var second = Sequence(LinqCalls.Argument(call, 1)!);
        if (second is null) return null;
        if (first.Filtered || second.Filtered)
        {
            _context.ReportUnsupportedExpression(call, "Zip of a sequence filtered by Where (its elements pair up by position among the kept ones)", "write the loop over the indices, with the filter as an if inside it");
            return null;
        }
        string a = _context.Nodes[first.Count].Name, b = _context.Nodes[second.Count].Name;
        int count = _context.AddConstant("global::System.Math.Min(" + a + ", " + b + ")", ScalarType.Other, "int", _context.Names.Fresh("count"), isAtom: false, new[] { first.Count, second.Count });
        return (first, second, count);
    }

    /// <summary><c>rows[k]</c> of a jagged parameter that carries a gradient, as a sequence: j &lt; rows[k].Length, its element rows[k][j]; null for anything else.</summary>
    private LinqSequence? PickedRowSequence(IOperation value)
    {
        if (value is not IArrayElementReferenceOperation { Indices.Length: 1 } picked || JaggedRows(picked.ArrayReference) is not { } grid
            || value.Type is not IArrayTypeSymbol { ElementType: var element } || IsVaried(picked.Indices[0])) return null;
        var index = new LoweringContext.HiddenVariable("row");
        int i = Lower(picked.Indices[0], null);
        if (i < 0) return null;
        _context.Assign(index, i);
        int gridNode = _context.Current(grid), row = _context.Current(index);
        int count = _context.AddConstant(_context.Nodes[gridNode].Name + "[" + _context.Nodes[row].Name + "].Length", ScalarType.Other, "int", _context.Names.Fresh("count"), isAtom: false, new[] { gridNode, row });
        var type = TypeOf(element);
        return new LinqSequence(count, (j, name) => _context.AddGridElement(type, name, ElementIndex.Jagged, new[] { _context.Current(grid), row, j }));
    }
}
