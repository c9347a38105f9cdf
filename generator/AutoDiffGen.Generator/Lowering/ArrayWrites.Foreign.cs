using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Whether a call to a method that is not [Differentiable] (<c>static double Mutate(double[] a) { a[0] += 1; return 0; }</c>,
/// accepted as constant text) may write into, or let escape, the array it is passed: such a call is a store into that
/// array, so a view the reverse sweep would read again (a [NoDiff] array parameter, a model's array member) is copied at
/// the call or diagnosed (was a wrong gradient: the reverse sweep read the later values). A body in source is read
/// (element stores, ref arguments, aliases, calls that may write, through calls to a small depth); a method without one
/// (metadata, abstract, virtual, extern) writes into any argument whose parameter type can write (<c>T[]</c>,
/// <c>Span&lt;T&gt;</c>, <c>Array</c>, <c>object</c>, a type parameter, a writable interface), not into a
/// <c>ReadOnlySpan&lt;T&gt;</c>, <c>IEnumerable&lt;T&gt;</c> or <c>in</c> one. Over-approximating refuses a program; under-approximating is a
/// wrong gradient, so anything not understood counts as a write.
/// </summary>
internal sealed partial class ArrayWrites
{
    private const int ForeignDepth = 6;
    private readonly Dictionary<(IMethodSymbol, int), bool> _foreign = new();
    private readonly HashSet<(IMethodSymbol, int)> _foreignReading = new();

    /// <summary>True when <paramref name="call"/>, to a method that is not [Differentiable], may write into (or keep) the array it is passed for <paramref name="argument"/>.</summary>
    public bool ForeignWrites(IInvocationOperation call, IArgumentOperation argument) =>
        argument.Parameter is { } p && ForeignWrites(call, p.Ordinal, 0);

    private bool ForeignWrites(IInvocationOperation call, int ordinal, int depth)
    {
        var definition = (call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition;
        if (IsDifferentiable(definition)) return false; // ArrayWrites.Writes answers for those
        // arr.AsSpan(...), span.Slice(...): a view of the same array; what it is used for decides.
        if (IsView(definition)) return ordinal == 0 && Escapes(call, depth);
        return MayWrite(definition, ordinal, depth);
    }

    /// <summary>
    /// True when <paramref name="method"/>, not [Differentiable] and so called through a hand-written [DerivativeOf], has a
    /// body in source that may write into (or keep) the array passed for parameter <paramref name="ordinal"/>. Without a body
    /// in source (a library's method) the hand-written derivative is trusted to describe the call, as for any library function.
    /// </summary>
    public bool HandWrittenCalleeWrites(IMethodSymbol method, int ordinal)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        if (IsDifferentiable(definition) || definition.DeclaringSyntaxReferences.IsEmpty) return false;
        return MayWrite(definition, ordinal, 0);
    }

    private static bool IsDifferentiable(IMethodSymbol definition) =>
        DerivativeResolver.IsDifferentiable(definition);

    private static bool IsView(IMethodSymbol definition) =>
        definition.Name is "AsSpan" or "AsMemory" && definition.ContainingType.ToDisplayString() == "System.MemoryExtensions";

    private bool MayWrite(IMethodSymbol definition, int ordinal, int depth)
    {
        if (ordinal < 0 || ordinal >= definition.Parameters.Length) return true;
        var parameter = definition.Parameters[ordinal];
        if (parameter.RefKind is RefKind.Ref or RefKind.Out) return true;
        if (!CanWrite(parameter.Type)) return false;
        if (depth > ForeignDepth) return true;
        var key = (definition, ordinal);
        if (_foreign.TryGetValue(key, out bool known)) return known;
        // Recursion: the call's own writes are counted where they are; a result that leaned on this guess is not kept.
        if (_foreignReading.Contains(key)) return false;
        if (definition.IsAbstract || definition.IsVirtual || definition.IsOverride && !definition.IsSealed || definition.IsExtern
            || definition.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not MethodDeclarationSyntax syntax
            || syntax.Body is null && syntax.ExpressionBody is null)
        {
            return true;
        }
        var model = ModelOf(syntax.SyntaxTree);
        if (model.GetOperation(syntax) is not IMethodBodyBaseOperation body) return true;
        _foreignReading.Add(key);
        bool writes;
        try
        {
            writes = body.Descendants().Any(op => op is IParameterReferenceOperation r && SymbolEqualityComparer.Default.Equals(r.Parameter.OriginalDefinition, parameter) && Escapes(r, depth));
        }
        finally
        {
            _foreignReading.Remove(key);
        }
        if (_foreignReading.Count == 0) _foreign[key] = writes;
        return writes;
    }

    /// <summary>A type through which an array can be written: not ReadOnlySpan/ReadOnlyMemory, IEnumerable, IReadOnly*, a number or string.</summary>
    private static bool CanWrite(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol or ITypeParameterSymbol or IDynamicTypeSymbol) return true;
        if (type.SpecialType is SpecialType.System_Object or SpecialType.System_Array) return true;
        if (type is not INamedTypeSymbol named) return true;
        string name = named.ContainingNamespace?.ToDisplayString() + "." + named.Name;
        if (name is "System.ReadOnlySpan" or "System.ReadOnlyMemory" or "System.Collections.IEnumerable" or "System.Collections.Generic.IEnumerable"
            or "System.Collections.Generic.IReadOnlyList" or "System.Collections.Generic.IReadOnlyCollection") return false;
        if (name is "System.Span" or "System.Memory" or "System.ArraySegment") return true;
        // An interface an array implements (IList<T>, ICollection, ...) can write into it; another struct or a sealed class cannot hold one as itself.
        if (named.TypeKind == TypeKind.Interface) return true;
        return false;
    }

    /// <summary>What a reference to the array (or a view of it) is used for: true when it may be written or kept.</summary>
    private bool Escapes(IOperation reference, int depth)
    {
        var parent = reference.Parent;
        switch (parent)
        {
            case IArrayElementReferenceOperation element when element.ArrayReference == reference:
                return ElementWritten(element);
            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when indexer.Instance == reference:
                return ElementWritten(indexer);
            case IPropertyReferenceOperation { Property.IsIndexer: false } property when property.Instance == reference:
                return false; // Length, Rank, IsEmpty
            case IConversionOperation conversion:
                return CanWrite(conversion.Type ?? reference.Type!) && Escapes(conversion, depth);
            case IArgumentOperation { Parent: IInvocationOperation call } argument:
                if (argument.Parameter is not { } p || p.RefKind is RefKind.Ref or RefKind.Out) return true;
                var callee = (call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition;
                if (IsDifferentiable(callee)) return Writes(call.TargetMethod, p.Ordinal);
                return ForeignWrites(call, p.Ordinal, depth + 1);
            case IInvocationOperation call when call.Instance == reference:
                if (call.TargetMethod.Name is "Slice") return Escapes(call, depth);
                return call.TargetMethod.Name is not ("GetLength" or "GetLowerBound" or "GetUpperBound" or "GetValue" or "Clone" or "CopyTo" or "ToArray"
                    or "GetHashCode" or "Equals" or "ToString" or "GetType" or "GetEnumerator" or "TryCopyTo" or "IndexOf" or "Contains" or "SequenceEqual");
            case IForEachLoopOperation loop when loop.Collection == reference:
                return false;
            case IBinaryOperation or IIsTypeOperation or IIsPatternOperation:
                return false;
            default:
                return true; // stored in a field or local, returned, captured as a value: an alias that may be written
        }
    }

    /// <summary>True when <paramref name="tuple"/> is (inside) the left side of a deconstruction.</summary>
    internal static bool IsDeconstructionTarget(IOperation tuple)
    {
        IOperation child = tuple;
        for (var parent = tuple.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is IDeconstructionAssignmentOperation d) return d.Target == child;
            if (parent is not (ITupleOperation or IDeclarationExpressionOperation)) return false;
        }
        return false;
    }

    /// <summary>An element that is assigned, incremented, bound by ref or passed by ref.</summary>
    private static bool ElementWritten(IOperation element) => element.Parent switch
    {
        _ when element.Syntax.Parent is RefExpressionSyntax => true, // ref a[i]: bound, returned or assigned by reference
        IAssignmentOperation a => a.Target == element,
        // (a[i], a[j]) = (a[j], a[i]): an element among a deconstruction's targets (a tuple inside its Target).
        ITupleOperation tuple => IsDeconstructionTarget(tuple),
        IIncrementOrDecrementOperation => true,
        IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } => true,
        _ => false,
    };
}
