using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Swapping two local arrays, the double buffer of a time-step loop (issue 13, idioms17a; natural F05's heat stencil):
/// <c>(u, next) = (next, u);</c> or <c>var t = u; u = next; next = t;</c>. C# exchanges the references; the generator
/// exchanges the contents (StatementLowering.ArraySwaps: a copy of <c>u</c>, then <c>next</c> copied into <c>u</c> and the
/// copy into <c>next</c>, three bulk stores whose reverse sweeps move the adjoints back), so each name keeps one array and
/// one adjoint array in the graph. The two agree when no one can tell them apart: both arrays have the same lengths
/// (proven from how they are made, <see cref="Lengths"/>), and neither name is used but to read or write elements, read
/// lengths or pass the array to a call that returns no span (no second name, span, ref to an element, foreach or capture
/// that would keep hold of the array object the references would have moved). Checked here on the operation tree; no
/// Roslyn object leaves the lowering.
/// </summary>
internal static class ArraySwaps
{
    /// <summary>The two locals a deconstruction <c>(a, b) = (b, a)</c> of local arrays swaps, or null when it is none.</summary>
    public static (ILocalSymbol A, ILocalSymbol B)? Tuple(IDeconstructionAssignmentOperation deconstruction)
    {
        if (deconstruction.Target is not ITupleOperation { Elements.Length: 2 } targets || Unwrap(deconstruction.Value) is not ITupleOperation { Elements.Length: 2 } values) return null;
        if (Local(targets.Elements[0]) is not { } a || Local(targets.Elements[1]) is not { } b || SymbolEqualityComparer.Default.Equals(a, b)) return null;
        if (!SymbolEqualityComparer.Default.Equals(Local(values.Elements[0]), b) || !SymbolEqualityComparer.Default.Equals(Local(values.Elements[1]), a)) return null;
        return IsSwappable(a, b) ? (a, b) : null;
    }

    /// <summary>
    /// The locals of <c>var t = a; a = b; b = t;</c> starting at <paramref name="i"/>, or null: <c>t</c> is named nowhere else,
    /// so the three statements are one swap.
    /// </summary>
    public static (ILocalSymbol A, ILocalSymbol B, ILocalSymbol Temp)? ThreeStatements(List<IOperation> statements, int i)
    {
        if (i + 2 >= statements.Count) return null;
        if (statements[i] is not IVariableDeclarationGroupOperation { Declarations: [{ Declarators: [var declarator] } declaration] }) return null;
        var value = declarator.Initializer?.Value ?? declaration.Initializer?.Value;
        if (value is null || Local(value) is not { } a || declarator.Symbol is not { IsRef: false } temp) return null;
        if (Assignment(statements[i + 1]) is not { } first || Assignment(statements[i + 2]) is not { } second) return null;
        if (!SymbolEqualityComparer.Default.Equals(Local(first.Target), a) || Local(first.Value) is not { } b || SymbolEqualityComparer.Default.Equals(a, b)) return null;
        if (!SymbolEqualityComparer.Default.Equals(Local(second.Target), b) || !SymbolEqualityComparer.Default.Equals(Local(second.Value), temp)) return null;
        if (!SymbolEqualityComparer.Default.Equals(temp.Type, a.Type) || !IsSwappable(a, b)) return null;
        var top = OperationRoots.Of(statements[i]);
        // The temporary is read only by the third statement.
        if (ArrayRebinds.References(top, temp).Any(r => !ReferenceEquals(r, Unwrap(second.Value)))) return null;
        return (a, b, temp);
    }

    /// <summary>
    /// Why swapping <paramref name="a"/> and <paramref name="b"/> at <paramref name="swap"/> by exchanging contents is not the
    /// swap C# makes, or null when it is. <paramref name="parts"/>: the operations that make up the swap itself.
    /// </summary>
    public static string? Refusal(IOperation swap, ILocalSymbol a, ILocalSymbol b, IReadOnlyCollection<IOperation> parts)
    {
        var top = OperationRoots.Of(swap);
        if (ArrayRebinds.Enclosing<IAnonymousFunctionOperation>(swap) is not null || ArrayRebinds.Enclosing<ILocalFunctionOperation>(swap) is not null) return "inside a lambda or local function";
        var la = Lengths(top, a, 0);
        var lb = Lengths(top, b, 0);
        if (la is null || lb is null || !la.SequenceEqual(lb))
            return "their lengths are not provably the same ('" + a.Name + "' and '" + b.Name + "' must be made with the same lengths, as new double[n] and new double[n], or (double[])x.Clone() and new double[x.Length], from values nothing changes)";
        foreach (var local in new[] { a, b })
        {
            foreach (var use in ArrayRebinds.References(top, local))
            {
                if (parts.Any(p => ReferenceEquals(p, use))) continue;
                if (!IsSafeUse(use)) return "'" + local.Name + "' is used as a whole ('" + Describe.Snippet(use.Parent!.Syntax) + "'), which would keep hold of the array the swap moves";
            }
        }
        return null;
    }

    /// <summary>
    /// The lengths of the array <paramref name="local"/> names, one canonical text per dimension, from its one declaration:
    /// <c>new T[e]</c> (each size <see cref="Canonical"/>), an initializer's count, or a copy of another array
    /// (<c>(T[])x.Clone()</c>, <c>x.ToArray()</c>) whose lengths are <c>x</c>'s. Null when they cannot be told.
    /// </summary>
    public static string[]? Lengths(IOperation top, ILocalSymbol local, int depth)
    {
        if (depth > 8 || local.Type is not IArrayTypeSymbol type) return null;
        var declarators = top.Descendants().OfType<IVariableDeclaratorOperation>().Where(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local)).ToList();
        if (declarators.Count != 1) return null;
        var value = declarators[0].Initializer?.Value ?? (declarators[0].Parent as IVariableDeclarationOperation)?.Initializer?.Value;
        if (value is null) return null;
        var created = Unwrap(value);
        if (created is IArrayCreationOperation creation)
        {
            if (creation.DimensionSizes.Length != type.Rank) return null;
            var sizes = new string[creation.DimensionSizes.Length];
            for (int k = 0; k < sizes.Length; k++)
            {
                if (Canonical(top, creation.DimensionSizes[k], depth + 1) is not { } size) return null;
                sizes[k] = size;
            }
            return sizes;
        }
        // (double[])x.Clone(), x.Clone() as double[], x.ToArray(): the lengths of x.
        if (created is IConversionOperation { Operand: var cloned }) created = cloned;
        if (created is IInvocationOperation { TargetMethod.Name: "Clone", Instance: { } instance, Arguments.Length: 0 })
            return ArrayLengths(top, Unwrap(instance), type.Rank, depth + 1);
        if (created is IInvocationOperation { TargetMethod.Name: "ToArray", Arguments.Length: 1 } toArray && type.Rank == 1 && toArray.TargetMethod.IsExtensionMethod)
            return ArrayLengths(top, Unwrap(toArray.Arguments[0].Value), 1, depth + 1);
        return null;
    }

    /// <summary>The lengths of the array parameter or local <paramref name="array"/>: a parameter never assigned is its own.</summary>
    private static string[]? ArrayLengths(IOperation top, IOperation array, int rank, int depth) => array switch
    {
        IParameterReferenceOperation { Parameter: { RefKind: RefKind.None, Type: IArrayTypeSymbol { Rank: var r } } p } when r == rank && !Reassigned(top, p) =>
            Enumerable.Range(0, rank).Select(k => p.Name + "#" + k.ToString(CultureInfo.InvariantCulture)).ToArray(),
        ILocalReferenceOperation { Local: { IsRef: false } l } when !Reassigned(top, l) => Lengths(top, l, depth),
        _ => null,
    };

    /// <summary>
    /// An int size as a canonical text over what never changes: literals and constants, parameters and locals never assigned
    /// after their declaration (a local by its initializer's text), and the lengths of arrays such as these; null otherwise.
    /// </summary>
    private static string? Canonical(IOperation top, IOperation op, int depth)
    {
        if (depth > 16) return null;
        if (op.ConstantValue is { HasValue: true, Value: int constant }) return constant.ToString(CultureInfo.InvariantCulture);
        switch (op)
        {
            case IConversionOperation { IsImplicit: true } c:
                return Canonical(top, c.Operand, depth + 1);
            case IParenthesizedOperation p:
                return Canonical(top, p.Operand, depth + 1);
            case IBinaryOperation b when Canonical(top, b.LeftOperand, depth + 1) is { } left && Canonical(top, b.RightOperand, depth + 1) is { } right:
                return "(" + left + " " + b.OperatorKind + " " + right + ")";
            case IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } p } when !Reassigned(top, p):
                return p.Name;
            case ILocalReferenceOperation { Local: { IsRef: false } l } when l.Type.SpecialType == SpecialType.System_Int32 && !Reassigned(top, l):
                var declarators = top.Descendants().OfType<IVariableDeclaratorOperation>().Where(d => SymbolEqualityComparer.Default.Equals(d.Symbol, l)).ToList();
                return declarators.Count == 1 && declarators[0].Initializer?.Value is { } initial ? Canonical(top, initial, depth + 1) : null;
            case IPropertyReferenceOperation { Property.Name: "Length", Instance: { } array } when array.Type is IArrayTypeSymbol { Rank: 1 }:
                return Dimension(top, array, 0, depth);
            case IInvocationOperation { TargetMethod.Name: "GetLength", Instance: { } array, Arguments: [{ Value.ConstantValue: { HasValue: true, Value: int k } }] } when array.Type is IArrayTypeSymbol:
                return Dimension(top, array, k, depth);
            default:
                return null;
        }
    }

    private static string? Dimension(IOperation top, IOperation array, int k, int depth) =>
        ArrayLengths(top, Unwrap(array), ((IArrayTypeSymbol)array.Type!).Rank, depth + 1) is { } lengths && k >= 0 && k < lengths.Length ? lengths[k] : null;

    /// <summary>
    /// Something may point <paramref name="symbol"/> at another value: an assignment, increment, deconstruction, ref or out
    /// argument or ref local naming the variable itself (a store into one of its elements, <c>a[i] = v</c>, keeps its lengths).
    /// </summary>
    private static bool Reassigned(IOperation top, ISymbol symbol)
    {
        bool Is(IOperation? op) => Unwrap(op!) switch
        {
            ILocalReferenceOperation l => SymbolEqualityComparer.Default.Equals(l.Local, symbol),
            IParameterReferenceOperation p => SymbolEqualityComparer.Default.Equals(p.Parameter, symbol),
            _ => false,
        };
        // A deconstruction's target is a tuple of the variables it writes; any other target is the variable itself.
        return ArrayRebinds.Writes(top, target => target is ITupleOperation or IDeclarationExpressionOperation ? target.DescendantsAndSelf().Any(Is) : Is(target));
    }

    /// <summary>
    /// An element read or write that no ref binds, a length, or the array passed to a call that returns no span and no
    /// reference (the call is over before the swap), outside lambdas and local functions.
    /// </summary>
    private static bool IsSafeUse(ILocalReferenceOperation use)
    {
        if (ArrayRebinds.Enclosing<IAnonymousFunctionOperation>(use) is not null || ArrayRebinds.Enclosing<ILocalFunctionOperation>(use) is not null) return false;
        IOperation at = use;
        while (at.Parent is IConversionOperation { IsImplicit: true } c) at = c;
        switch (at.Parent)
        {
            case IArrayElementReferenceOperation element when element.ArrayReference == use:
                // ref double r = ref a[i]; would hold the element of the array C# moves.
                return !BoundByRef(element);
            case IPropertyReferenceOperation { Property.Name: "Length" or "LongLength" or "Rank" }:
                return true;
            case IInvocationOperation { TargetMethod.Name: "GetLength" or "GetUpperBound" or "GetLowerBound" } call when call.Instance == use:
                return true;
            case IInvocationOperation call when call.Instance == at:
                return Returns(call);
            case IArgumentOperation { Parent: IInvocationOperation call } argument when argument.Parameter?.RefKind == RefKind.None:
                return Returns(call);
            default:
                return false;
        }
    }

    /// <summary>A call whose result holds no view of its arguments: not a span, not by reference.</summary>
    private static bool Returns(IInvocationOperation call) =>
        !call.TargetMethod.ReturnsByRef && !call.TargetMethod.ReturnsByRefReadonly && call.Type is not INamedTypeSymbol { IsRefLikeType: true };

    private static bool BoundByRef(IOperation element) => element.Parent switch
    {
        IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.IsRef: true } } => true,
        IVariableInitializerOperation { Parent: IVariableDeclarationOperation } initializer => initializer.Parent is IVariableDeclarationOperation d && d.Declarators.Any(x => x.Symbol.IsRef),
        IConditionalOperation { IsRef: true } => true,
        ISimpleAssignmentOperation { IsRef: true } => true,
        IArgumentOperation { Parameter.RefKind: not RefKind.None, Parent: IInvocationOperation call } => !Returns(call) || ArrayRebinds.Enclosing<IVariableDeclaratorOperation>(call) is { Symbol.IsRef: true },
        _ => false,
    };

    /// <summary>Local arrays of one type, one or two dimensions of doubles or floats: what the copies carry.</summary>
    private static bool IsSwappable(ILocalSymbol a, ILocalSymbol b) =>
        !a.IsRef && !b.IsRef && SymbolEqualityComparer.Default.Equals(a.Type, b.Type)
        && a.Type is IArrayTypeSymbol { Rank: 1 or 2, ElementType.SpecialType: SpecialType.System_Double or SpecialType.System_Single };

    private static ISimpleAssignmentOperation? Assignment(IOperation statement) =>
        statement is IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { IsRef: false } assignment } ? assignment : null;

    private static ILocalSymbol? Local(IOperation op) => Unwrap(op) is ILocalReferenceOperation { Local: var l } ? l : null;

    private static IOperation Unwrap(IOperation op)
    {
        while (op is IConversionOperation { IsImplicit: true, OperatorMethod: null } c) op = c.Operand;
        return op;
    }
}
