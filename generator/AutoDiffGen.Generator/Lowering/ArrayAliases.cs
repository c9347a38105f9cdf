using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A second name for an array: <c>double[] a = workingData;</c>, as Math.NET's in-place quickselect opens. When neither
/// name is ever pointed at another array (no later assignment, no ref or out argument, no capture by a lambda or local
/// function), both name one array for the whole method, so the local is lowered as the array it names
/// (<see cref="LoweringContext.Alias"/>): its reads are reads of that array's current version and its stores are stores
/// into it, and the scans that look for stores into an array (<see cref="ArrayWrites"/>,
/// <see cref="CollectionArguments.StoredLater"/>) count stores through either name.
/// </summary>
internal static class ArrayAliases
{
    private static readonly ConditionalWeakTable<IOperation, Dictionary<ILocalSymbol, ISymbol>> Found = new();

    /// <summary>The local or parameter <paramref name="local"/> is a second name for, or null.</summary>
    public static ISymbol? TargetOf(ILocalSymbol local, IOperation anyInMethod) =>
        Of(OperationRoots.Of(anyInMethod)).TryGetValue(local, out var target) ? target : null;

    /// <summary>
    /// The array <paramref name="symbol"/> names: its target when it is such a local, the one array a span local views
    /// (<see cref="SpanViews"/>: a store through it is a store into that array), else itself.
    /// </summary>
    public static ISymbol Resolve(ISymbol symbol, IOperation anyInMethod) =>
        symbol is ILocalSymbol local && (TargetOf(local, anyInMethod) ?? SpanViews.SingleArray(local, anyInMethod)) is { } target ? target : symbol;

    private static Dictionary<ILocalSymbol, ISymbol> Of(IOperation root) => Found.GetValue(root, Scan);

    private static Dictionary<ILocalSymbol, ISymbol> Scan(IOperation root)
    {
        var found = new Dictionary<ILocalSymbol, ISymbol>(SymbolEqualityComparer.Default);
        var candidates = new List<(ILocalSymbol Local, ISymbol Target)>();
        foreach (var declarator in root.Descendants().OfType<IVariableDeclaratorOperation>())
        {
            var local = declarator.Symbol;
            if (local.IsRef || local.Type is not IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double or SpecialType.System_Single }) continue;
            var value = (declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer)?.Value;
            while (value is IConversionOperation { IsImplicit: true } conversion && SymbolEqualityComparer.Default.Equals(conversion.Operand.Type, local.Type)) value = conversion.Operand;
            ISymbol? target = value switch
            {
                ILocalReferenceOperation { Local: { IsRef: false } l } => l,
                IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } p } => p,
                _ => null,
            };
            if (target is null || !SymbolEqualityComparer.Default.Equals(LoweringContext.TypeOfVariable(target), local.Type)) continue;
            candidates.Add((local, target));
        }
        // a is double[] arr on a double[] local or parameter (idioms13a): arr is a second name of a, as above.
        foreach (var declaration in root.Descendants().OfType<IDeclarationPatternOperation>())
        {
            if (declaration.DeclaredSymbol is not ILocalSymbol named || !TypePatterns.NamesSameArray(declaration)) continue;
            ISymbol? tested = TypePatterns.Tested(declaration) switch
            {
                ILocalReferenceOperation { Local: { IsRef: false } l } => l,
                IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } p } => p,
                _ => null,
            };
            if (tested is not null && SymbolEqualityComparer.Default.Equals(LoweringContext.TypeOfVariable(tested), named.Type)) candidates.Add((named, tested));
        }

        if (candidates.Count == 0) return found;

        var rebound = Rebound(root);
        foreach (var (local, target) in candidates)
        {
            if (rebound.Contains(local) || rebound.Contains(target)) continue;
            found[local] = target;
        }
        // b = a; c = b: c names what b names.
        foreach (var local in found.Keys.ToList())
        {
            var target = found[local];
            for (int hops = 0; hops < 8 && target is ILocalSymbol l && found.TryGetValue(l, out var next); hops++) target = next;
            found[local] = target;
        }
        return found;
    }

    /// <summary>
    /// Locals and parameters pointed at another array somewhere in the method (assigned after their declaration, passed
    /// by ref or out, or referred to inside a lambda or local function, which could do either).
    /// </summary>
    internal static HashSet<ISymbol> Rebound(IOperation root)
    {
        var rebound = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var op in root.Descendants())
        {
            ISymbol? symbol = op switch
            {
                ILocalReferenceOperation l => l.Local,
                IParameterReferenceOperation p => p.Parameter,
                _ => null,
            };
            if (symbol is null || LoweringContext.TypeOfVariable(symbol) is not IArrayTypeSymbol && !SpanViews.IsRealSpanType(LoweringContext.TypeOfVariable(symbol))) continue;
            if (IsWrittenWhole(op) || InsideFunction(op)) rebound.Add(symbol);
        }
        return rebound;
    }

    private static bool IsWrittenWhole(IOperation reference)
    {
        var parent = reference.Parent;
        if (parent is IAssignmentOperation assignment && assignment.Target == reference) return true;
        if (parent is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out }) return true;
        if (reference.Syntax.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.RefExpressionSyntax) return true;
        // (a, b) = (b, a) of whole arrays.
        return parent is ITupleOperation tuple && ArrayWrites.IsDeconstructionTarget(tuple);
    }

    private static bool InsideFunction(IOperation op)
    {
        for (var p = op.Parent; p is not null; p = p.Parent)
        {
            if (p is IAnonymousFunctionOperation or ILocalFunctionOperation) return true;
        }
        return false;
    }
}
