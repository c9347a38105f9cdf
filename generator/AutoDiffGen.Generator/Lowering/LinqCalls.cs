using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// LINQ over a differentiated value. The common forms over arrays (<c>x.Sum()</c>, <c>Average</c>, <c>Max</c>, <c>Min</c>,
/// <c>Aggregate</c>, their selector overloads, over <c>Select</c>, <c>Where</c>, <c>Zip</c> and <c>Enumerable.Range</c>) are lowered to the
/// loop they run (ExpressionLowering.Linq.cs); anything else is an ADG0003 at the call that says which loop to write
/// instead (a loop over the indices differentiates, with its tape). This file recognises the shapes; it builds nothing.
/// </summary>
internal static class LinqCalls
{
    /// <summary>A method of System.Linq.Enumerable (or Queryable/ParallelEnumerable).</summary>
    public static bool IsLinq(IMethodSymbol method) =>
        method.ContainingType is { Name: "Enumerable" or "Queryable" or "ParallelEnumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary>A method of System.Linq.Enumerable itself (not Queryable, whose lambdas are expression trees).</summary>
    public static bool IsEnumerable(IMethodSymbol method) => IsLinq(method) && method.ContainingType.Name == "Enumerable";

    /// <summary>The loop that computes the same, for the methods people reach for first.</summary>
    public static string Hint(string name) => name switch
    {
        "Sum" => "write the loop: double s = 0; for (int i = 0; i < x.Length; i++) s += x[i]; (for x.Select(v => f(v)).Sum(), s += f(x[i]))",
        "Average" => "write the loop: double s = 0; for (int i = 0; i < x.Length; i++) s += x[i]; then s / x.Length",
        "Max" or "Min" => "write the loop: double m = x[0]; for (int i = 1; i < x.Length; i++) m = Math." + name + "(m, x[i]);",
        "Aggregate" => "write the loop that Aggregate runs: acc = f(acc, x[i]) for each i",
        _ => "write the loop over the indices (for (int i = 0; i < x.Length; i++) ...) that computes the same",
    };

    /// <summary>What is differentiated, said once for the hints below.</summary>
    public const string Differentiated = "Sum, Average, Max, Min, Count and Aggregate over an array, Select, Where, Zip, OrderBy(v => v), Take, Skip or Enumerable.Range";

    /// <summary>The reductions that end a chain lowered to a loop: their result is a real.</summary>
    public static bool IsReduction(IMethodSymbol method) =>
        IsEnumerable(method) && method.Name is "Sum" or "Average" or "Max" or "Min" or "Aggregate";

    /// <summary>
    /// <c>xs.Count(v =&gt; test)</c>, or <c>Count()</c> of a Where chain: a count lowered to its loop when the sequence or the
    /// test carries a gradient (ExpressionLowering.LinqCount).
    /// </summary>
    public static bool IsCounting(IInvocationOperation call) =>
        IsEnumerable(call.TargetMethod) && call.Instance is null && call.TargetMethod.Name == "Count"
        && (call.TargetMethod.Parameters.Length == 2
            || call.TargetMethod.Parameters.Length == 1 && Argument(call, 0) is { } source && Unwrap(source) is IInvocationOperation { TargetMethod.Name: "Where" } where && IsEnumerable(where.TargetMethod));

    /// <summary>The argument bound to parameter <paramref name="ordinal"/> (extension calls: 0 is the source).</summary>
    public static IOperation? Argument(IInvocationOperation call, int ordinal) =>
        call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == ordinal)?.Value;

    /// <summary>
    /// An implicit conversion the compiler wrote around a value (double[] → IEnumerable&lt;double&gt;), and a read of a query kept
    /// in a local (QueryLocals): the chain it stands for.
    /// </summary>
    public static IOperation Unwrap(IOperation op)
    {
        while (true)
        {
            while (op is IConversionOperation { IsImplicit: true } conversion) op = conversion.Operand;
            if (QueryLocals.Chain(op) is not { } chain) return op;
            op = chain;
        }
    }

    /// <summary>
    /// The lambda passed for a delegate parameter and the single expression it returns; null with the reason otherwise
    /// (a method group, a statement body).
    /// </summary>
    public static IAnonymousFunctionOperation? Lambda(IOperation? argument, out IOperation? body, out string? why)
    {
        body = null;
        why = null;
        var value = argument is null ? null : Unwrap(argument);
        if (value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda })
        {
            if (lambda.Body.Operations.Length == 1 && lambda.Body.Operations[0] is IReturnOperation { ReturnedValue: { } returned })
            {
                body = returned;
                return lambda;
            }
            why = "A lambda with a statement body passed to LINQ";
            return null;
        }
        why = value is IDelegateCreationOperation { Target: IMethodReferenceOperation } ? "A method group passed to LINQ" : "A delegate that is not a lambda written at the call passed to LINQ";
        return null;
    }

    /// <summary>
    /// What to write instead of a <c>foreach</c> over a collection lowering does not walk: for <c>xs.Zip(ys)</c> the index
    /// loop that pairs the elements (idioms13b), else a for loop over the collection's index.
    /// </summary>
    public static string ForEachHint(IOperation collection)
    {
        if (Unwrap(collection) is IInvocationOperation { TargetMethod.Name: "Zip", Instance: null } zip && IsEnumerable(zip.TargetMethod)
            && Argument(zip, 0) is { } first && Argument(zip, 1) is { } second)
        {
            string a = Describe.Snippet(Unwrap(first).Syntax), b = Describe.Snippet(Unwrap(second).Syntax);
            return "index the arrays in a for loop over the shorter one: for (int i = 0; i < Math.Min(" + a + ".Length, " + b + ".Length); i++) { var p = " + a + "[i]; var q = " + b + "[i]; … }"
                + " (or x.Zip(y, (p, q) => …).Sum() for a sum)";
        }
        return "index the collection with a for loop";
    }
}
