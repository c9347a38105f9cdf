using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A plain helper that returns a new array (issue 13, idioms16a item 2: natural T05's <c>double[] Multiply(double[,] cov,
/// double[] w)</c>, Accord's <c>Circular.ToRadians(double[] angles)</c>, a <c>double[] Softmax(double[] z)</c>), called to
/// declare a local array: <c>double[] r = ToRadians(a);</c>. The helper's body is inlined and the array it creates and
/// returns becomes the caller's local, with its adjoint. Sound because that array is fresh: the helper makes it with
/// <c>new</c> (or an initializer, a collection expression), never assigns the local again, keeps it nowhere (it writes no
/// field: <see cref="PlainHelpers.WriteIn"/>) and returns it once, at the end; its own local is gone after the call, so
/// the caller's name is the array's only one. LINQ's <c>ToArray()</c> makes a new array too (natural18). Anything else (a parameter or field returned, several returns) is refused
/// at the call, saying why (<see cref="Refusal"/>).
/// </summary>
internal static class ArrayHelpers
{
    /// <summary>
    /// A plain helper's shape (<see cref="PlainHelpers.Inlinable"/>) returning a <c>double[]</c> or <c>float[]</c>, or
    /// (idioms23, natural21's B05 <c>double[,] Multiply(double[,] a, double[,] b)</c>) a <c>double[,]</c> or <c>float[,]</c>.
    /// </summary>
    public static bool HasShape(IMethodSymbol method) =>
        method.ReturnType is IArrayTypeSymbol { Rank: 1 or 2 } array && PiecewiseConstant.IsReal(array.ElementType)
        && !method.ReturnsByRef && !method.ReturnsByRefReadonly && PlainHelpers.Inlinable(method);

    /// <summary>
    /// Why the array the helper returns may not be a fresh one the caller can own, as the text of the refusal at the call;
    /// null when the body returns, once and as its last statement, a local it created with <c>new</c>, an initializer or
    /// a collection expression and never assigned again.
    /// </summary>
    public static string? Refusal(IMethodSymbol method, IBlockOperation body)
    {
        var returns = body.Descendants().OfType<IReturnOperation>().Where(r => r.ReturnedValue is not null && !InsideFunction(r, body)).ToList();
        if (returns.Count == 0 || !ReferenceEquals(returns[returns.Count - 1], body.Operations.LastOrDefault()) || returns.Count > 1 && !SameLocalEarly(returns, body))
            return "it returns " + (returns.Count > 1 ? "in more than one place" : "other than in the last statement of its body") + " (write one 'return' of a local array it creates, at the end"
                + (returns.Count > 1 ? ", or return that one local everywhere, outside loops" : "") + ")";
        var returned = Unwrapped(returns[returns.Count - 1].ReturnedValue!);
        switch (returned)
        {
            case IParameterReferenceOperation { Parameter: var p }:
                return "it returns its parameter '" + p.Name + "', the caller's own array (return a copy it makes, (double[])" + p.Name + ".Clone(), or a new array)";
            case IFieldReferenceOperation { Field: var f }:
                return "it returns the array in the field '" + f.Name + "', which others may hold (return a new array it fills)";
            case ILocalReferenceOperation:
                break;
            case var _ when FreshReturn(body) is not null:
                // => new[] { a * b, a + b }, return [a, b];: a new array no one else holds (idioms17a).
                return null;
            default:
                return "it returns '" + Describe.Snippet(returned.Syntax) + "', not a local array it creates (declare 'var r = new double[n];', fill it, and 'return r;')";
        }
        var name = ((ILocalReferenceOperation)returned).Local;
        var declarators = body.Descendants().OfType<IVariableDeclaratorOperation>().Where(d => SymbolEqualityComparer.Default.Equals(d.Symbol, name)).ToList();
        int rank = ((IArrayTypeSymbol)method.ReturnType).Rank;
        if (declarators.Count != 1 || InsideFunction(declarators[0], body) || Initializer(declarators[0]) is not { } value
            || (rank == 1 ? !ArrayCreation.TryRead(value, out _, out _) && !IsToArray(value) : !GridCreation.IsCreation(Unwrapped(value), rank)))
            return "it returns the local '" + name.Name + "', which it does not create with "
                + (rank == 1 ? "new double[n], an initializer, a collection expression or LINQ's ToArray()" : "new double[n, k] or a rectangular initializer") + " where it declares it";
        foreach (var op in body.Descendants())
        {
            if (op is ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local: var target } } && SymbolEqualityComparer.Default.Equals(target, name))
                return "it assigns the local '" + name.Name + "' it returns another array";
        }
        return null;
    }

    /// <summary>
    /// The array the body's last statement creates and returns directly (<c>=&gt; new[] { a * b, a + b }</c>,
    /// <c>return new double[] { … };</c>, <c>return [a, b];</c>, <c>return new double[n];</c>), or null: the caller's local is that
    /// new array, as it is a returned local's (ExpressionLowering.ArrayHelpers).
    /// </summary>
    public static IOperation? FreshReturn(IBlockOperation body) =>
        body.Operations.LastOrDefault() is IReturnOperation { ReturnedValue: { } value } && Unwrapped(value) is var created
            && (created is IArrayCreationOperation { DimensionSizes.Length: 1 } or ICollectionExpressionOperation && ArrayCreation.TryRead(created, out _, out _) || IsToArray(created)
                || GridCreation.IsCreation(created, 2)) ? created : null;

    /// <summary>
    /// Several returns, all of one local and none inside a loop (B05's <c>if (norm &lt; 1e-4) { …; return r; }</c>): early
    /// returns take the rest of the body into each branch (StatementLowering.EarlyReturns), so the array the call returns
    /// is that local's version on the path taken, as one return at the end would give.
    /// </summary>
    private static bool SameLocalEarly(System.Collections.Generic.List<IReturnOperation> returns, IBlockOperation body) =>
        returns.Select(r => Unwrapped(r.ReturnedValue!) is ILocalReferenceOperation l ? l.Local : null).Distinct(SymbolEqualityComparer.Default).ToList() is { Count: 1 } locals
        && locals[0] is not null && !returns.Any(r => InsideLoop(r, body));

    private static bool InsideLoop(IOperation op, IOperation body)
    {
        for (var at = op.Parent; at is not null && !ReferenceEquals(at, body); at = at.Parent)
        {
            if (at is ILoopOperation) return true;
        }
        return false;
    }

    /// <summary>
    /// LINQ's <c>ToArray()</c> (<c>e.Select(v =&gt; v / sum).ToArray()</c>, <c>z.ToArray()</c>; natural18's <c>double[] Softmax(double[] z)</c>):
    /// Enumerable.ToArray always returns a new array, so the caller may own it; the chain is lowered as a local's
    /// (ArrayCreation: the loop LINQ runs, or a copy), and a chain it cannot follow is reported there.
    /// </summary>
    private static bool IsToArray(IOperation value) =>
        Unwrapped(value) is IInvocationOperation { TargetMethod.Name: "ToArray" } call && LinqCalls.IsEnumerable(call.TargetMethod);

    private static IOperation? Initializer(IVariableDeclaratorOperation declarator) =>
        declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;

    private static IOperation Unwrapped(IOperation op)
    {
        while (op is IConversionOperation { OperatorMethod: null, IsImplicit: true } conversion) op = conversion.Operand;
        return op;
    }

    /// <summary>Inside a lambda or local function of the body, whose returns and locals are its own.</summary>
    private static bool InsideFunction(IOperation op, IOperation body)
    {
        for (var at = op.Parent; at is not null && !ReferenceEquals(at, body); at = at.Parent)
        {
            if (at is IAnonymousFunctionOperation or ILocalFunctionOperation) return true;
        }
        return false;
    }
}
