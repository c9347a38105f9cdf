using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// <c>ReadOnlySpan&lt;double&gt; s = x;</c>, <c>x.AsSpan(1)</c>, <c>s = s.Slice(1)</c>, <c>s = c ? a : b</c>: a span local that is a
/// view of arrays the method tracks (array or span parameters, local arrays). It is lowered as an alias, not a copy
/// (<see cref="LoweringContext.SpanAlias"/>): which array, an int start and an int length. This scan finds, once per
/// method, every span local whose every assignment is such a view, and the arrays it may view, in the order met.
/// A view of an array that is itself pointed elsewhere, or a span local used inside a lambda or local function or
/// passed by ref, is not one (the error is reported at its declaration).
/// </summary>
internal static class SpanViews
{
    /// <summary>What a span local views: its arrays in order; null <see cref="Arrays"/> with <see cref="Blocker"/> when it is no view.</summary>
    internal sealed record View(IReadOnlyList<ISymbol>? Arrays, IOperation? Blocker, bool Writable);

    private static readonly ConditionalWeakTable<IOperation, Dictionary<ILocalSymbol, View>> Found = new();

    /// <summary>The view <paramref name="local"/> is, or null when it is no span local of reals (a stackalloc one is an array).</summary>
    public static View? Of(ISymbol local, IOperation anyInMethod)
    {
        if (local is not ILocalSymbol l) return null;
        var root = OperationRoots.Of(anyInMethod);
        return Found.GetValue(root, Scan).TryGetValue(l, out var view) ? view : null;
    }

    /// <summary>The one array <paramref name="local"/> views, or null (no view, or several arrays).</summary>
    public static ISymbol? SingleArray(ILocalSymbol local, IOperation anyInMethod) =>
        Of(local, anyInMethod) is { Arrays: { Count: 1 } arrays } ? arrays[0] : null;

    /// <summary>A span (<c>Span</c> or <c>ReadOnlySpan</c>) of double or float.</summary>
    public static bool IsRealSpanType(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", TypeArguments.Length: 1 } span
        && span.TypeArguments[0].SpecialType is SpecialType.System_Double or SpecialType.System_Single;

    private static Dictionary<ILocalSymbol, View> Scan(IOperation root)
    {
        var values = new Dictionary<ILocalSymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        var blocked = new Dictionary<ILocalSymbol, IOperation>(SymbolEqualityComparer.Default);
        foreach (var op in root.Descendants())
        {
            switch (op)
            {
                case IVariableDeclaratorOperation declarator when IsCandidate(declarator.Symbol) || ArrayChoices.IsChoice(declarator):
                    var value = (declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer)?.Value;
                    if (value is null || StackAllocSpans.IsNewStorage(value)) continue;
                    Add(values, declarator.Symbol, value);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local: var target } } assignment when IsCandidate(target):
                    if (assignment.IsRef) blocked[target] = assignment;
                    else Add(values, target, assignment.Value);
                    break;
                case ILocalReferenceOperation { Local: var used } reference when IsCandidate(used):
                    if (InsideFunction(reference) || reference.Parent is IArgumentOperation { Parameter.RefKind: not RefKind.None } || reference.Syntax.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.RefExpressionSyntax)
                    {
                        if (!blocked.ContainsKey(used)) blocked[used] = reference;
                    }
                    break;
                // An array local chosen between arrays (ArrayChoices) is only read: anything else it is used for stops it being one.
                case ILocalReferenceOperation { Local: var chosen } reference when values.ContainsKey(chosen) && !IsCandidate(chosen):
                    if ((InsideFunction(reference) || !ArrayChoices.IsRead(reference)) && !blocked.ContainsKey(chosen)) blocked[chosen] = reference;
                    break;
            }
        }
        var found = new Dictionary<ILocalSymbol, View>(SymbolEqualityComparer.Default);
        var rebound = ArrayAliases.Rebound(root);
        foreach (var local in values.Keys.ToList()) Resolve(local, values, blocked, rebound, found, 0);
        return found;
    }

    private static void Add(Dictionary<ILocalSymbol, List<IOperation>> values, ILocalSymbol local, IOperation value)
    {
        if (!values.TryGetValue(local, out var list)) values[local] = list = new List<IOperation>();
        list.Add(value);
    }

    private static bool IsCandidate(ILocalSymbol local) => !local.IsRef && IsRealSpanType(local.Type);

    private static View Resolve(ILocalSymbol local, Dictionary<ILocalSymbol, List<IOperation>> values, Dictionary<ILocalSymbol, IOperation> blocked,
        HashSet<ISymbol> rebound, Dictionary<ILocalSymbol, View> found, int depth)
    {
        if (found.TryGetValue(local, out var known)) return known;
        var list = values.TryGetValue(local, out var v) ? v : new List<IOperation>();
        // Met again while it is resolved (s = t; t = s): no view.
        found[local] = new View(null, list.FirstOrDefault(), false);
        if (blocked.TryGetValue(local, out var why) || depth > 8)
        {
            found[local] = new View(null, why ?? list.FirstOrDefault(), false);
            return found[local];
        }
        var arrays = new List<ISymbol>();
        foreach (var value in list)
        {
            // s = s.Slice(1): a view of what s views already.
            var blocker = IsSelf(value, local) ? null : Roots(value, arrays, values, blocked, rebound, found, depth, local);
            if (blocker is not null)
            {
                found[local] = new View(null, blocker, false);
                return found[local];
            }
        }
        bool writable = local.Type.Name == "Span";
        found[local] = new View(arrays, null, writable);
        return found[local];
    }

    /// <summary>Adds the arrays <paramref name="value"/> views to <paramref name="arrays"/>; the part that is no view, or null.</summary>
    private static IOperation? Roots(IOperation value, List<ISymbol> arrays, Dictionary<ILocalSymbol, List<IOperation>> values, Dictionary<ILocalSymbol, IOperation> blocked,
        HashSet<ISymbol> rebound, Dictionary<ILocalSymbol, View> found, int depth, ILocalSymbol owner)
    {
        while (value is IConversionOperation { IsImplicit: true } conversion) value = conversion.Operand;
        switch (value)
        {
            case IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } p } when IsArrayLike(p.Type) && !rebound.Contains(p):
                AddArray(arrays, p);
                return null;
            case ILocalReferenceOperation { Local: { IsRef: false } l } when l.Type is IArrayTypeSymbol { Rank: 1 } array && IsReal(array.ElementType) && !values.ContainsKey(l):
                // (Not ArrayAliases.Resolve: that asks this scan about span locals.)
                var target = ArrayAliases.TargetOf(l, value) ?? l;
                if (rebound.Contains(target)) return value;
                AddArray(arrays, target);
                return null;
            case ILocalReferenceOperation { Local: var span } when values.ContainsKey(span):
                var inner = Resolve(span, values, blocked, rebound, found, depth + 1);
                if (inner.Arrays is null) return value;
                foreach (var a in inner.Arrays) AddArray(arrays, a);
                return null;
            case IInvocationOperation { TargetMethod: { Name: "AsSpan", ContainingType.Name: "MemoryExtensions" } } call
                when call.Arguments.Length >= 1 && call.Arguments[0].Value.Type is IArrayTypeSymbol && call.Arguments.Skip(1).All(a => a.Value.Type?.SpecialType == SpecialType.System_Int32):
                return Roots(call.Arguments[0].Value, arrays, values, blocked, rebound, found, depth, owner);
            case IInvocationOperation { TargetMethod.Name: "Slice", Instance: { } instance } call when IsRealSpanType(instance.Type):
                return Roots(instance, arrays, values, blocked, rebound, found, depth, owner);
            case IImplicitIndexerReferenceOperation { Argument.Type.Name: "Range" } range when IsRealSpanType(range.Instance.Type):
                return Roots(range.Instance, arrays, values, blocked, rebound, found, depth, owner);
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return Roots(conditional.WhenTrue, arrays, values, blocked, rebound, found, depth, owner) ?? Roots(whenFalse, arrays, values, blocked, rebound, found, depth, owner);
            // w = a ?? b of arrays (ArrayChoices).
            case ICoalesceOperation coalesce when !IsCandidate(owner):
                return Roots(coalesce.Value, arrays, values, blocked, rebound, found, depth, owner) ?? Roots(coalesce.WhenNull, arrays, values, blocked, rebound, found, depth, owner);
            // a ?? new[] { 1.0, 1.0 }: the array made there, kept under the chosen local's own name (ArrayChoices).
            case IArrayCreationOperation creation when !IsCandidate(owner) && ArrayChoices.CannotThrow(creation) && !arrays.Any(a => SymbolEqualityComparer.Default.Equals(a, owner)):
                AddArray(arrays, owner);
                return null;
            default:
                return value;
        }
    }

    /// <summary>A slice (or the whole) of <paramref name="local"/> itself.</summary>
    private static bool IsSelf(IOperation value, ILocalSymbol local)
    {
        for (int guard = 0; guard < 16; guard++)
        {
            while (value is IConversionOperation { IsImplicit: true } conversion) value = conversion.Operand;
            switch (value)
            {
                case ILocalReferenceOperation { Local: var l }:
                    return SymbolEqualityComparer.Default.Equals(l, local);
                case IInvocationOperation { TargetMethod.Name: "Slice", Instance: { } instance } when IsRealSpanType(instance.Type):
                    value = instance;
                    break;
                case IImplicitIndexerReferenceOperation { Argument.Type.Name: "Range" } range when IsRealSpanType(range.Instance.Type):
                    value = range.Instance;
                    break;
                default:
                    return false;
            }
        }
        return false;
    }

    private static void AddArray(List<ISymbol> arrays, ISymbol array)
    {
        if (!arrays.Any(a => SymbolEqualityComparer.Default.Equals(a, array))) arrays.Add(array);
    }

    private static bool IsReal(ITypeSymbol type) => type.SpecialType is SpecialType.System_Double or SpecialType.System_Single;

    private static bool IsArrayLike(ITypeSymbol type) => type is IArrayTypeSymbol { Rank: 1 } array && IsReal(array.ElementType) || IsRealSpanType(type);

    private static bool InsideFunction(IOperation op)
    {
        for (var p = op.Parent; p is not null; p = p.Parent)
        {
            if (p is IAnonymousFunctionOperation or ILocalFunctionOperation) return true;
        }
        return false;
    }
}
