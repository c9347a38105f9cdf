using System.Linq;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Derivatives;

/// <summary>Which types carry adjoints. Tensors are not special: any type with <c>T ZeroAdjoint()</c> qualifies.</summary>
internal static class ValueKinds
{
    public static ScalarType Of(ITypeSymbol? type)
    {
        switch (type?.SpecialType)
        {
            case SpecialType.System_Double:
                return ScalarType.Double;
            case SpecialType.System_Single:
                return ScalarType.Float;
        }
        return type is not null && IsAdjointable(type) ? ScalarType.Adjointable : ScalarType.Other;
    }

    private static bool IsAdjointable(ITypeSymbol type) =>
        type.TypeKind is TypeKind.Class or TypeKind.Struct &&
        type.GetMembers("ZeroAdjoint").OfType<IMethodSymbol>().Any(m =>
            !m.IsStatic && m.Parameters.Length == 0 && SymbolEqualityComparer.Default.Equals(m.ReturnType, type));

    /// <summary>
    /// True when a value of this type can hold a double or float: an array or span of them, Nullable&lt;double&gt;,
    /// a struct or tuple with such a field, or a collection of them (List&lt;double&gt;, IEnumerable&lt;double&gt;).
    /// A parameter of such a type that the generator cannot differentiate must not be taken as a constant.
    /// </summary>
    public static bool CarriesReals(ITypeSymbol? type, int depth = 0)
    {
        if (type is null || depth > 4) return false;
        if (type.SpecialType is SpecialType.System_Double or SpecialType.System_Single) return true;
        switch (type)
        {
            case IArrayTypeSymbol array:
                return CarriesReals(array.ElementType, depth + 1);
            case INamedTypeSymbol { TypeKind: TypeKind.Delegate or TypeKind.Enum }:
                return false;
            case INamedTypeSymbol named:
                foreach (var argument in named.TypeArguments)
                {
                    if (CarriesReals(argument, depth + 1)) return true;
                }
                if (named.TypeKind != TypeKind.Struct || named.SpecialType != SpecialType.None) return false;
                // A reference assembly shows Complex's double fields as a dummy int.
                if (RealStructs.IsComplex(named)) return true;
                foreach (var field in named.GetMembers().OfType<IFieldSymbol>())
                {
                    if (!field.IsStatic && !field.IsConst && CarriesReals(field.Type, depth + 1)) return true;
                }
                return false;
            default:
                return false;
        }
    }

    public static bool IsNoDiff(IParameterSymbol parameter) =>
        parameter.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "AutoDiffGen.NoDiffAttribute");

    /// <summary>
    /// How a parameter's adjoint is passed to a generated Backward: as <see cref="Passing"/>, and a
    /// <c>double[]</c>/<c>float[]</c>/span parameter has an adjoint array or span, a double[,]/jagged one an array of
    /// its shape (MethodAnalyzer.Parameters).
    /// </summary>
    public static AdjointPassing BackwardPassing(IParameterSymbol parameter)
    {
        var passing = Passing(parameter);
        if (passing != AdjointPassing.None || IsNoDiff(parameter) || parameter.RefKind != RefKind.None && !IsInStruct(parameter)) return passing;
        return IsCollection(parameter.Type) || IsGrid(parameter.Type) || IsStructCollection(parameter.Type) ? AdjointPassing.Collection : RealStructs.IsBoundaryStruct(parameter.Type) ? AdjointPassing.Struct : AdjointPassing.None;
    }

    /// <summary>
    /// <see cref="AdjointPassing.Collection"/> for a list or sequence parameter (<see cref="IsRealList"/>) of a generated
    /// Backward, which takes a <c>T[]</c> adjoint for it; null for any other parameter.
    /// </summary>
    public static AdjointPassing? ListPassing(IParameterSymbol parameter) =>
        parameter.RefKind == RefKind.None && !IsNoDiff(parameter) && IsRealList(parameter.Type) ? AdjointPassing.Collection : null;

    /// <summary>
    /// <c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c> or <c>IReadOnlyList&lt;T&gt;</c> of double or float: a parameter read by index
    /// whose adjoint is a <c>T[]</c> of its Count (Lowering/ListParameters); or a sequence (<see cref="IsRealSequence"/>),
    /// read so once buffered.
    /// </summary>
    public static bool IsRealList(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "List" or "IList" or "IReadOnlyList" or "IEnumerable" or "ICollection" or "IReadOnlyCollection", TypeArguments: [{ SpecialType: SpecialType.System_Double or SpecialType.System_Single }],
            ContainingNamespace: { Name: "Generic", ContainingNamespace: { Name: "Collections", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } };

    /// <summary>
    /// <c>IEnumerable&lt;T&gt;</c>, <c>ICollection&lt;T&gt;</c> or <c>IReadOnlyCollection&lt;T&gt;</c> of double or float: no
    /// indexer, so the generated methods enumerate it once into a buffer as they start and read that (ListParameters).
    /// </summary>
    public static bool IsRealSequence(ITypeSymbol type) =>
        IsRealList(type) && type.Name is "IEnumerable" or "ICollection" or "IReadOnlyCollection";

    /// <summary>
    /// An <c>in</c> struct of reals (<c>in Pt p</c>): only read, an input exactly like a by-value struct parameter (the
    /// generated methods keep <c>in</c> on the primal). Not <c>ref readonly</c>: a value passed to it is warning CS9193.
    /// </summary>
    public static bool IsInStruct(IParameterSymbol p) =>
        p.RefKind == RefKind.In && p.Type.TypeKind == TypeKind.Struct && RealStructs.IsBoundaryStruct(p.Type);

    /// <summary>double[] or float[] of rank 1, or (ReadOnly)Span of double or float.</summary>
    public static bool IsCollection(ITypeSymbol type) =>
        type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double or SpecialType.System_Single } ||
        type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", ContainingNamespace.Name: "System", TypeArguments: [{ SpecialType: SpecialType.System_Double or SpecialType.System_Single }] };

    /// <summary>
    /// An array of rank 1, or a (ReadOnly)Span, of Complex or of a struct of reals (Vector3[], Particle[]): carried as one
    /// array per component (Lowering/StructArrayParameters).
    /// </summary>
    public static bool IsStructCollection(ITypeSymbol type) => CarriedElement(type) is not null;

    /// <summary>
    /// The element type of an array or span of Complex or of a struct of reals, discrete members allowed (<c>Particle[]</c>
    /// with an <c>int Id</c>, a parameter or a local, Lowering/StructArrayParameters and StructArrayLocals), or null: its
    /// component arrays are one per member (a discrete member's an array of constants).
    /// </summary>
    public static ITypeSymbol? CarriedElement(ITypeSymbol type)
    {
        var element = type switch
        {
            IArrayTypeSymbol { Rank: 1, ElementType: var e } => e,
            INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", ContainingNamespace.Name: "System", TypeArguments: [var e] } => e,
            INamedTypeSymbol { Name: "List" or "IList" or "IReadOnlyList", TypeArguments: [INamedTypeSymbol { TypeKind: TypeKind.Class } e] } named
                when named.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic" && ValueClasses.IsArrayInput(e) => e,
            _ => null,
        };
        // An array or list (not a span) of the class of a [WithRespectTo] array or list of class objects, while that method is lowered.
        return element is not null && (RealStructs.IsComplex(element) || RealStructs.IsBoundaryStruct(element) || type is not INamedTypeSymbol { Name: "Span" or "ReadOnlySpan" } && ValueClasses.IsArrayInput(element)) ? element : null;
    }

    /// <summary>
    /// The element type of an array of structs the method carries as component arrays, a local one included: <see
    /// cref="CarriedElement"/>'s, or a tuple of reals (<c>(double W, double C)[]</c>, a local only: a tuple array parameter
    /// has no adjoint yet), whose components are its elements <c>Item1</c>, <c>Item2</c>, … (<see cref="RealStructs.Components"/>).
    /// </summary>
    public static ITypeSymbol? CarriedArrayElement(ITypeSymbol type) =>
        CarriedElement(type) ?? (type is IArrayTypeSymbol { Rank: 1, ElementType: var e } && RealStructs.IsRealTuple(e) ? e : null);

    /// <summary>
    /// double[,]/float[,] or jagged double[][]/float[][]: a parameter whose adjoint is an array of the same type and shape.
    /// Only its elements (<c>a[i, j]</c>, <c>a[i][j]</c>) are read with gradients; see Lowering/ExpressionLowering.Grids.
    /// </summary>
    public static bool IsGrid(ITypeSymbol type) =>
        type is IArrayTypeSymbol { Rank: 2, ElementType.SpecialType: SpecialType.System_Double or SpecialType.System_Single } ||
        type is IArrayTypeSymbol { Rank: 1, ElementType: IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double or SpecialType.System_Single } };

    /// <summary>A jagged double[][]/float[][].</summary>
    public static bool IsJagged(ITypeSymbol type) => IsGrid(type) && type is IArrayTypeSymbol { Rank: 1 };

    /// <summary>How a parameter's adjoint is passed to a derivative, or None when it has none.</summary>
    public static AdjointPassing Passing(IParameterSymbol parameter)
    {
        if (IsNoDiff(parameter) || parameter.RefKind != RefKind.None) return AdjointPassing.None;
        return Of(parameter.Type) switch
        {
            ScalarType.Double or ScalarType.Float => AdjointPassing.Ref,
            ScalarType.Adjointable => AdjointPassing.Value,
            _ => AdjointPassing.None,
        };
    }
}
