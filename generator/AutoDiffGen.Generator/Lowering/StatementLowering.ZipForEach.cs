using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: <c>foreach (var (a, b) in xs.Zip(ys))</c> and the three-way <c>xs.Zip(ys, zs)</c> over arrays or
/// span parameters the method tracks (issue 13, idioms14b). Zip stops at the shorter sequence, so the loop runs over a
/// hidden index below the least of the lengths, and each deconstructed variable reads its array's element there, as a
/// foreach over one array does (an element gate where the array carries a gradient). A Zip whose variable is not
/// deconstructed, or with a result selector, is refused at the loop, saying what to write.
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>True when <paramref name="collection"/> is an Enumerable.Zip call: lowered here, or reported.</summary>
    private bool LowerZipForEach(IForEachLoopOperation loop, IOperation collection)
    {
        if (collection is not IInvocationOperation { TargetMethod.Name: "Zip", Instance: null } zip || !LinqCalls.IsEnumerable(zip.TargetMethod)) return false;
        if (zip.TargetMethod.Parameters.Length == 3 && LinqCalls.Argument(zip, 2)?.Type is { TypeKind: TypeKind.Delegate }) return LowerZipSelectForEach(loop, zip);
        int count = zip.TargetMethod.Parameters.Length;
        var sources = Enumerable.Range(0, count).Select(k => LinqCalls.Argument(zip, k) is { } a ? LinqCalls.Unwrap(a) : null).ToList();
        var arrays = sources.Select(s => s is null ? null : _expressions.ForEachArray(s)).ToList();
        if (arrays.Any(a => a is null)) return false;
        var locals = Deconstructed(loop.LoopControlVariable);
        if (locals is null || locals.Count != count || locals.Any(l => l is { IsRef: true }))
        {
            string deconstructed = "(" + string.Join(", ", new[] { "a", "b", "c", "d", "e" }.Take(count)) + ")";
            Unsupported(loop, "A 'foreach' over '" + Describe.Snippet(collection.Syntax) + "' whose variable is not deconstructed into one local per sequence",
                "deconstruct it, foreach (var " + deconstructed + " in " + Describe.Snippet(collection.Syntax) + "), or " + LinqCalls.ForEachHint(collection));
            return true;
        }
        var heads = arrays.Select(a => _context.Current(a!)).ToArray();
        string limit = heads.Select(h => _context.Nodes[h].Name + ".Length").Aggregate((a, b) => "global::System.Math.Min(" + a + ", " + b + ")");
        string variables = "(" + string.Join(", ", locals.Select(l => l?.Name ?? "_")) + ")";
        IndexLoop(loop, variables, new LoweringContext.HiddenVariable("index"), () => (limit, heads), i =>
        {
            for (int k = 0; k < count; k++)
            {
                if (locals[k] is { } local) _context.Assign(local, ElementRead(arrays[k]!, i, local));
            }
        });
        return true;
    }

    /// <summary>
    /// <c>foreach (var p in xs.Zip(ys, (a, b) =&gt; a * b))</c> (idioms15b): the index loop below the shorter length, the
    /// lambda's parameters the elements there and the loop variable its value. False (the refusal stands) for a lambda
    /// with a statement body or a form the arrays do not take.
    /// </summary>
    private bool LowerZipSelectForEach(IForEachLoopOperation loop, IInvocationOperation zip)
    {
        var lambda = LinqCalls.Lambda(LinqCalls.Argument(zip, 2), out var body, out _);
        var variable = loop.Locals.FirstOrDefault();
        if (lambda is null || body is null || variable is null || variable.IsRef || lambda.Symbol.Parameters.Length != 2) return false;
        var arrays = Enumerable.Range(0, 2).Select(k => LinqCalls.Argument(zip, k) is { } a ? _expressions.ForEachArray(LinqCalls.Unwrap(a)) : null).ToList();
        if (arrays.Any(a => a is null)) return false;
        if (!_expressions.PureLambda(lambda, body)) return true;
        var heads = arrays.Select(a => _context.Current(a!)).ToArray();
        string limit = "global::System.Math.Min(" + _context.Nodes[heads[0]].Name + ".Length, " + _context.Nodes[heads[1]].Name + ".Length)";
        var parameters = lambda.Symbol.Parameters;
        IndexLoop(loop, variable.Name, new LoweringContext.HiddenVariable("index"), () => (limit, heads), i =>
        {
            for (int k = 0; k < 2; k++) _context.Assign(parameters[k], ElementRead(arrays[k]!, i, parameters[k], parameters[k].Type));
            int value = _expressions.Lower(body, _context.NameFor(variable));
            if (value >= 0) _context.Assign(variable, value);
        });
        return true;
    }

    /// <summary>The locals <c>var (a, b)</c> or <c>(double a, double b)</c> declares, null for a discard; null when the variable is not deconstructed.</summary>
    private static List<ILocalSymbol?>? Deconstructed(IOperation? variable)
    {
        if (variable is not IDeclarationExpressionOperation { Expression: ITupleOperation } && variable is not ITupleOperation) return null;
        var elements = (variable is ITupleOperation direct ? direct : (ITupleOperation)((IDeclarationExpressionOperation)variable).Expression).Elements;
        var locals = new List<ILocalSymbol?>();
        foreach (var element in elements)
        {
            switch (element)
            {
                case ILocalReferenceOperation { Local: var l }:
                    locals.Add(l);
                    break;
                case IDeclarationExpressionOperation { Expression: ILocalReferenceOperation { Local: var d } }:
                    locals.Add(d);
                    break;
                case IDiscardOperation:
                    locals.Add(null);
                    break;
                default:
                    return null;
            }
        }
        return locals;
    }
}
