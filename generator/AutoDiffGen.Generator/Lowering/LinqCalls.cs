using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// LINQ over a differentiated value (<c>x.Sum()</c>, <c>x.Select(v => v * v).Sum()</c>): its delegates and
/// enumerators are opaque to the graph, so it is an ADG0003 at the call that says which loop to write instead
/// (a loop over the indices differentiates, with its tape).
/// </summary>
internal static class LinqCalls
{
    /// <summary>A method of System.Linq.Enumerable (or Queryable/ParallelEnumerable).</summary>
    public static bool IsLinq(IMethodSymbol method) =>
        method.ContainingType is { Name: "Enumerable" or "Queryable" or "ParallelEnumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary>The loop that computes the same, for the methods people reach for first.</summary>
    public static string Hint(string name) => name switch
    {
        "Sum" => "write the loop: double s = 0; for (int i = 0; i < x.Length; i++) s += x[i]; (for x.Select(v => f(v)).Sum(), s += f(x[i]))",
        "Average" => "write the loop: double s = 0; for (int i = 0; i < x.Length; i++) s += x[i]; then s / x.Length",
        "Max" or "Min" => "write the loop: double m = x[0]; for (int i = 1; i < x.Length; i++) m = Math." + name + "(m, x[i]);",
        "Aggregate" => "write the loop that Aggregate runs: acc = f(acc, x[i]) for each i",
        _ => "write the loop over the indices (for (int i = 0; i < x.Length; i++) ...) that computes the same",
    };
}
