using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Derivatives;

/// <summary>
/// One component of a struct: its member path from the struct (<c>X</c>, <c>Start.X</c>) and its scalar kind. A discrete
/// member (<c>int Id</c>, <c>bool Alive</c>, an enum) is a component of kind <see cref="ScalarType.Other"/>: carried like
/// the reals, but a constant for differentiation (no adjoint, no tangent); <see cref="Discrete"/> names its type.
/// </summary>
internal sealed record StructComponent(string Path, ScalarType Type, string? Discrete = null)
{
    /// <summary>The C# type of the component: <c>double</c>, <c>float</c>, or the discrete member's type.</summary>
    public string Keyword => Discrete ?? ScalarLiterals.TypeKeyword(Type);

    /// <summary>The component is a discrete member: it has no adjoint and no tangent.</summary>
    public bool IsDiscrete => Discrete is not null;
}

/// <summary>
/// Structs whose state is reals only (System.Numerics.Vector2/3/4, a user struct or record struct of double/float
/// fields, nested ones): the struct is its own tangent type (the contract's <c>ref V2 dP</c>), and the lowering
/// carries a value of it as one scalar per component.
/// </summary>
internal static class RealStructs
{
    private const int MaxDepth = 4;

    /// <summary>The components in declaration order (nested structs flattened in place), or null when the type is not a real struct.</summary>
    public static IReadOnlyList<StructComponent>? Components(ITypeSymbol? type) =>
        NullableReals.Is(type) ? NullableReals.Components(type!) : IsComplex(type) ? ComplexComponents : IsRealTuple(type) ? TupleComponents((INamedTypeSymbol)type!)
        : ValueClasses.IsInput(type) ? ClassComponents.Components((INamedTypeSymbol)type!) : Why(type) is null || ValueClasses.IsCarried(type) ? Flatten(type!, "", 0) : null;

    /// <summary>A tuple of reals' elements, <c>Item1</c>, <c>Item2</c>, … (a named element is read under its ItemN, <see cref="MemberName"/>).</summary>
    private static List<StructComponent> TupleComponents(INamedTypeSymbol tuple) =>
        tuple.TupleElements.Select((e, i) => new StructComponent("Item" + (i + 1), e.Type.SpecialType == SpecialType.System_Single ? ScalarType.Float : ScalarType.Double)).ToList();

    /// <summary>The name a member's component goes by: a tuple element's <c>ItemN</c> (named or not), any other member's own name.</summary>
    public static string MemberName(ISymbol member) =>
        member is IFieldSymbol { ContainingType.IsTupleType: true } field ? (field.CorrespondingTupleField ?? field).Name : member.Name;

    /// <summary>
    /// A struct the lowering carries as its components. System.Numerics.Complex is one (Real, Imaginary), also as a
    /// parameter or result (built whole: <see cref="StructConstructors.IsBuiltWhole"/>), though not as a member of
    /// another struct (<see cref="Why"/> says why); so is a tuple of 2 to 7 reals (a tuple local,
    /// <c>var p = Polar(r, t);</c>, <c>(double a, double b) t = (x, y);</c>), which is not a parameter.
    /// </summary>
    public static bool IsRealStruct(ITypeSymbol? type) => type is not null && (IsComplex(type) || IsRealTuple(type) || Why(type) is null || ValueClasses.IsCarried(type));

    /// <summary>A struct of reals that may be a parameter, a result or a member: its adjoint is accumulated member by member.</summary>
    public static bool IsBoundaryStruct(ITypeSymbol? type) => type is not null && Why(type) is null;

    private static readonly IReadOnlyList<StructComponent> ComplexComponents = new[]
    {
        new StructComponent("Real", ScalarType.Double),
        new StructComponent("Imaginary", ScalarType.Double),
    };

    /// <summary>
    /// Null when <paramref name="type"/> is a real struct; otherwise why not, as a message fragment. Only asked for
    /// a struct that <see cref="ValueKinds.CarriesReals"/>: its reason is what ADG0006 says.
    /// </summary>
    public static string? Why(ITypeSymbol? type, int depth = 0)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Struct, SpecialType: SpecialType.None } named || named.IsGenericType || IsSpanLike(named))
        {
            return "not a struct of real fields";
        }
        if (depth > MaxDepth) return "nested more than " + MaxDepth + " levels deep";
        // A Complex is built whole (new Complex(re, im)), also as a member of another struct (its Real and Imaginary are
        // components of that struct: s.Z.Real), which is then rebuilt around it (StructConstructors.Build).
        if (IsComplex(named)) return null;
        if (named.IsRefLikeType) return "a ref struct";
        // [StructLayout(LayoutKind.Explicit)]: members may overlap (a union), so writing one changes another.
        if (named.GetAttributes().Any(a => a.AttributeClass?.Name == "StructLayoutAttribute" && a.ConstructorArguments.FirstOrDefault().Value is 2 or (short)2))
        {
            return "a struct with an explicit layout (its members may overlap)";
        }
        int count = 0;
        string? builtWhole = null;
        string? discreteWhole = null;
        foreach (var field in named.GetMembers().OfType<IFieldSymbol>())
        {
            if (field.IsStatic || field.IsConst) continue;
            var member = (ISymbol?)field.AssociatedSymbol ?? field;
            if (IsDiscrete(field.Type))
            {
                if (depth == 0 && StructConstructors.IsBuiltWhole(named)) discreteWhole ??= member.Name;
            }
            else if (field.Type.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single))
            {
                if (field.Type.TypeKind != TypeKind.Struct || Why(field.Type, depth + 1) is not null)
                {
                    return "a struct with the member '" + member.Name + "' of type '" + field.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "', which is not a real (double or float)";
                }
                if (member is IPropertySymbol)
                {
                    // dP.At.X += … (and a result built as v.At.X = …) needs At to be a variable: C# reports CS1612 through a property.
                    // A struct with a constructor taking every member is rebuilt whole instead (StructConstructors).
                    builtWhole ??= "a struct whose member '" + member.Name + "' is a property holding a struct (its members are written one by one, dP." + member.Name + ".X += …, which C# allows through a field only): make '" + member.Name + "' a field, or give the struct a constructor that takes every member";
                }
            }
            if (member.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
            {
                return "a struct with the member '" + member.Name + "', which is not public or internal";
            }
            bool settable = member switch
            {
                IFieldSymbol f => !f.IsReadOnly,
                IPropertySymbol p => p.SetMethod is { IsInitOnly: false } && p.SetMethod.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal,
                _ => false,
            };
            if (!settable)
            {
                builtWhole ??= "a struct whose member '" + member.Name + "' is read-only, without a constructor that takes every member (the adjoint is accumulated member by member, dP." + member.Name + " += …, or rebuilt whole through such a constructor: a record struct's primary constructor, or one that only assigns each member its parameter)";
            }
            count++;
        }
        if (count == 0 || Flatten(named, "", depth).All(c => c.IsDiscrete)) return "a struct without real fields";
        if (discreteWhole is not null)
        {
            // Built whole, its adjoint would be rebuilt through the constructor, which would also overwrite the caller's discrete members.
            return "a struct with the discrete member '" + discreteWhole + "' that is built whole (a readonly struct, init or get-only members): make its members settable fields or auto-properties";
        }
        return builtWhole is not null && StructConstructors.Memberwise(named) is null ? builtWhole : null;
    }

    /// <summary>
    /// A member type a struct of reals may hold as a constant for differentiation: <c>int</c>, <c>long</c>, <c>bool</c>,
    /// <c>char</c> or an enum (a particle's id, a sample's label, a body's kind).
    /// </summary>
    public static bool IsDiscrete(ITypeSymbol? type) =>
        type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Boolean or SpecialType.System_Char
        || type is INamedTypeSymbol { TypeKind: TypeKind.Enum };

    /// <summary>The struct holds a discrete member (<see cref="IsDiscrete"/>) at some depth.</summary>
    public static bool HasDiscrete(ITypeSymbol? type) => FirstDiscrete(type) is not null;

    /// <summary>The path of the struct's first discrete member (<c>Id</c>, <c>Body.Kind</c>), or null.</summary>
    public static string? FirstDiscrete(ITypeSymbol? type) => Components(type)?.FirstOrDefault(c => c.IsDiscrete)?.Path;

    private static bool IsSpanLike(INamedTypeSymbol type) => type.Name is "Span" or "ReadOnlySpan" or "Nullable" && type.ContainingNamespace?.Name == "System";

    private static List<StructComponent> Flatten(ITypeSymbol type, string prefix, int depth)
    {
        var list = new List<StructComponent>();
        foreach (var field in type.GetMembers().OfType<IFieldSymbol>())
        {
            if (field.IsStatic || field.IsConst) continue;
            string name = ((ISymbol?)field.AssociatedSymbol ?? field).Name;
            if (IsComplex(field.Type))
            {
                // Its fields are private (a reference assembly shows a dummy): its components are the properties.
                list.AddRange(ComplexComponents.Select(c => new StructComponent(prefix + name + "." + c.Path, c.Type)));
                continue;
            }
            if (IsDiscrete(field.Type))
            {
                list.Add(new StructComponent(prefix + name, ScalarType.Other, field.Type.ToDisplayString(SymbolNames.TypeFormat)));
                continue;
            }
            switch (field.Type.SpecialType)
            {
                case SpecialType.System_Double:
                    list.Add(new StructComponent(prefix + name, ScalarType.Double));
                    break;
                case SpecialType.System_Single:
                    list.Add(new StructComponent(prefix + name, ScalarType.Float));
                    break;
                default:
                    list.AddRange(Flatten(field.Type, prefix + name + ".", depth + 1));
                    break;
            }
        }
        return list;
    }

    /// <summary>
    /// True when the component at <paramref name="path"/> (<c>X</c>, <c>Start.X</c>) is reached through a property at any
    /// depth: <c>dP.X</c> is then not a variable and cannot be passed by <c>ref</c> (CS0206).
    /// </summary>
    public static bool ThroughProperty(ITypeSymbol type, string path)
    {
        foreach (var name in path.Split('.'))
        {
            var field = type.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => !f.IsStatic && ((ISymbol?)f.AssociatedSymbol ?? f).Name == name);
            if (field is null || field.AssociatedSymbol is IPropertySymbol) return true;
            type = field.Type;
        }
        return false;
    }

    /// <summary>An instance field or auto-property: a member that holds components (not one computed by code of its own).</summary>
    public static bool IsComponentMember(ISymbol member) =>
        member is IPropertySymbol { Name: "Real" or "Imaginary", IsStatic: false } complex && IsComplex(complex.ContainingType) ||
        member is IFieldSymbol { IsStatic: false, IsConst: false } || member is IPropertySymbol { IsStatic: false, IsIndexer: false } p && IsAutoProperty(p);

    private static bool IsAutoProperty(IPropertySymbol property) =>
        property.ContainingType.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property));

    /// <summary>
    /// The components of a vector-valued method's result: a real struct's (<see cref="Components"/>), or a tuple's of
    /// 2 to 7 double/float elements (<c>Item1</c>, <c>Item2</c>, …); null for any other type.
    /// </summary>
    public static IReadOnlyList<StructComponent>? ResultComponents(ITypeSymbol? type)
    {
        if (IsRealTuple(type)) return TupleComponents((INamedTypeSymbol)type!);
        // A double? result is no vector: it stays refused (ADG0005), its components are only for locals.
        return NullableReals.Is(type) ? null : Components(type);
    }

    /// <summary>A tuple of 2 to 7 double/float elements: a result a method may return (not yet a parameter or local).</summary>
    public static bool IsRealTuple(ITypeSymbol? type) =>
        type is INamedTypeSymbol { IsTupleType: true } tuple && tuple.TupleElements.Length is >= 2 and <= 7
        && tuple.TupleElements.All(e => e.Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single);

    /// <summary>System.Numerics.Complex.</summary>
    public static bool IsComplex(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "Complex", ContainingNamespace: { Name: "Numerics", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

    /// <summary>
    /// A Complex, or a struct holding one among its instance fields (nested structs too): Hessian mode does not number a
    /// Complex's parts among the differentiable scalars yet, so such a parameter stays ADG0019 there.
    /// </summary>
    public static bool HoldsComplex(ITypeSymbol? type, int depth = 0) =>
        IsComplex(type) || (depth < 8 && type is { IsValueType: true, SpecialType: SpecialType.None }
            && type.GetMembers().OfType<IFieldSymbol>().Any(f => !f.IsStatic && HoldsComplex(f.Type, depth + 1)));

    /// <summary>System.Numerics.Quaternion.</summary>
    public static bool IsQuaternion(ITypeSymbol? type) => IsNumerics(type, "Quaternion");

    /// <summary>System.Numerics.Matrix3x2.</summary>
    public static bool IsMatrix3x2(ITypeSymbol? type) => IsNumerics(type, "Matrix3x2");

    /// <summary>System.Numerics.Matrix4x4.</summary>
    public static bool IsMatrix4x4(ITypeSymbol? type) => IsNumerics(type, "Matrix4x4");

    /// <summary>System.Numerics.Plane.</summary>
    public static bool IsPlane(ITypeSymbol? type) => IsNumerics(type, "Plane");

    /// <summary>
    /// Quaternion, Matrix3x2, Matrix4x4 or Plane: operators and methods that are not component-wise
    /// (ExpressionLowering.NumericsTransforms, .Matrix4x4, .QuaternionBlends).
    /// </summary>
    public static bool IsNumericsTransform(ITypeSymbol? type) => IsQuaternion(type) || IsMatrix3x2(type) || IsMatrix4x4(type) || IsPlane(type);

    /// <summary>A System.Numerics type whose operators the lowering knows: a vector, a Quaternion, a matrix or a Plane.</summary>
    public static bool HasNumericsOperators(ITypeSymbol? type) => IsNumericsVector(type) || IsNumericsTransform(type);

    private static bool IsNumerics(ITypeSymbol? type, string name) =>
        type is INamedTypeSymbol { ContainingNamespace: { Name: "Numerics", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } named && named.Name == name;

    /// <summary>System.Numerics.Vector2, Vector3 or Vector4.</summary>
    public static bool IsNumericsVector(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "Vector2" or "Vector3" or "Vector4", ContainingNamespace: { Name: "Numerics", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };
}
