using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A local <c>List&lt;double&gt;</c>/<c>List&lt;float&gt;</c> created in the method (docs/supported.md, "Lists"). The generated
/// forward sweep keeps the list itself (so a bad index throws what List throws); the graph sees it as a local array whose
/// <c>Add</c> is a store at the current count. Its adjoint (and in forward mode its tangent list) is sized from the
/// list's Count when the reverse sweep starts, when every slot it will ever have exists.
/// </summary>
internal static class ListLocals
{
    /// <summary>What to write instead of a use of the list the generator does not follow.</summary>
    public const string Hint =
        "a local List<double> is differentiated through Add, AddRange, Insert, RemoveAt, RemoveAll, Clear, Reverse, Sort(), l[i], l[^k], l[i] = v, l[i] += v, Count, foreach, ToArray() and Sum/Average/Max/Min; for anything else copy it first (var a = l.ToArray();) and use the array";

    /// <summary>A <c>List&lt;double&gt;</c> or <c>List&lt;float&gt;</c>.</summary>
    public static bool IsRealList(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "List", TypeArguments.Length: 1, ContainingNamespace: { Name: "Generic", ContainingNamespace: { Name: "Collections", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } } list
        && list.TypeArguments[0].SpecialType is SpecialType.System_Double or SpecialType.System_Single;

    /// <summary>
    /// The list a reference names, when it is one the method tracks: a local list, or a list parameter that carries a
    /// gradient (<see cref="ListParameters"/>, read only).
    /// </summary>
    public static ISymbol? Tracked(LoweringContext context, IOperation? op)
    {
        while (op is IConversionOperation { IsImplicit: true } c) op = c.Operand;
        ISymbol? symbol = op switch
        {
            ILocalReferenceOperation { Local: var local } => local,
            IParameterReferenceOperation { Parameter: var parameter } => parameter,
            _ => null,
        };
        if (symbol is not null) symbol = context.ResolveList(symbol);
        return symbol is not null && context.ListCountOf(symbol) is not null ? symbol : null;
    }

    /// <summary>
    /// The tracked list whose count <paramref name="op"/> reads: <c>l.Count</c>, or LINQ's <c>l.Count()</c> (a sequence
    /// parameter's way to ask), or null.
    /// </summary>
    public static ISymbol? Counted(LoweringContext context, IOperation op) => op switch
    {
        IPropertyReferenceOperation { Property.Name: "Count", Instance: var instance } => Tracked(context, instance),
        IInvocationOperation { TargetMethod: { Name: "Count", ContainingType.Name: "Enumerable", Parameters.Length: 1 }, Arguments: [{ Value: var source }] } => Tracked(context, source),
        _ => null,
    };

    /// <summary>The element type of a tracked list (a local's or a parameter's).</summary>
    public static ITypeSymbol Element(ISymbol list) =>
        ((INamedTypeSymbol)(list is IParameterSymbol p ? p.Type : ((ILocalSymbol)list).Type)).TypeArguments[0];

    /// <summary>
    /// The elements a creation lists (<c>new List&lt;double&gt; { a, b }</c>, <c>[a, b]</c>) and its capacity argument, or false
    /// when it is not a creation the generator follows.
    /// </summary>
    public static bool TryCreation(IOperation value, out IOperation? capacity, out IOperation[] elements, out IOperation? blocker)
    {
        capacity = null;
        elements = System.Array.Empty<IOperation>();
        blocker = null;
        while (value is IConversionOperation { IsImplicit: true } c) value = c.Operand;
        switch (value)
        {
            case IObjectCreationOperation { Constructor: { } constructor } creation when IsRealList(creation.Type):
                if (constructor.Parameters.Length == 1 && constructor.Parameters[0].Type.SpecialType == SpecialType.System_Int32) capacity = creation.Arguments[0].Value;
                else if (constructor.Parameters.Length > 0) { blocker = creation; return false; }
                if (creation.Initializer is null) return true;
                var listed = new System.Collections.Generic.List<IOperation>();
                foreach (var init in creation.Initializer.Initializers)
                {
                    if (init is IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add) listed.Add(add.Arguments[0].Value);
                    else { blocker = init; return false; }
                }
                elements = listed.ToArray();
                return true;
            case ICollectionExpressionOperation collection when IsRealList(collection.Type):
                blocker = collection.Elements.FirstOrDefault(e => e is ISpreadOperation);
                elements = collection.Elements.ToArray();
                return blocker is null;
            default:
                blocker = value;
                return false;
        }
    }
}
