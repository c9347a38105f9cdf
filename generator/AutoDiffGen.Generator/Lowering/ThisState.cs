using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// <c>[Differentiable(WithRespectToThis = true)]</c>: the object's real members (fields and auto-properties of type
/// double, float, double[], float[], double[,] or jagged double[][], its base types' too) are inputs of the method, each a parameter node named
/// <c>this.W</c> whose adjoint is <c>dThis.W</c>, where <c>dThis</c> is another instance of the same type.
/// Without the opt-in a member read is a constant: it is not an input.
/// </summary>
internal static class ThisState
{
    /// <summary>The adjoint object's name in <c>MBackward</c>.</summary>
    public const string AdjointName = MethodModel.ThisAdjointName;

    public static bool IsOptedIn(IMethodSymbol method) =>
        method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "AutoDiffGen.DifferentiableAttribute"
            && a.NamedArguments.Any(n => n.Key == "WithRespectToThis" && n.Value.Value is true));

    /// <summary>One differentiable member: its symbol (the key its reads are found by) and its model as a parameter.</summary>
    public sealed record Member(ISymbol Symbol, ParameterModel Model);

    /// <summary>
    /// The members that get a gradient, in declaration order, base types first. A real member that cannot receive its
    /// gradient (readonly, get-only or init-only) is not one: reading it is ADG0003, unless it is <c>[NoDiff]</c>.
    /// </summary>
    public static List<Member> Members(IMethodSymbol method)
    {
        var types = new List<INamedTypeSymbol>();
        for (var t = method.ContainingType; t is not null && t.SpecialType != SpecialType.System_Object && t.SpecialType != SpecialType.System_ValueType; t = t.BaseType)
        {
            types.Insert(0, t);
        }
        var result = new List<Member>();
        bool whole = IsWholeStruct(method.ContainingType);
        foreach (var type in types)
        {
            bool own = SymbolEqualityComparer.Default.Equals(type, method.ContainingType);
            foreach (var field in type.GetMembers().OfType<IFieldSymbol>())
            {
                if (field.IsStatic || field.IsConst) continue;
                ISymbol member = (ISymbol?)field.AssociatedSymbol ?? field;
                if (!own && member.DeclaredAccessibility == Accessibility.Private) continue;
                if (!IsDifferentiableType(field.Type) || IsNoDiff(member)) continue;
                bool scalar = field.Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single;
                // A readonly real cannot receive its gradient: not an input, and a read of it is reported (ExpressionLowering.State).
                // A struct built whole (a readonly struct) is the exception: dThis is rebuilt through its constructor (WholeStructLocals).
                if (scalar && !Settable(member) && !whole) continue;
                string name = NameAllocator.Escape(member.Name);
                string typeName = field.Type.ToDisplayString(SymbolNames.TypeFormat);
                var nullability = !field.Type.IsReferenceType ? ParameterNullability.ValueType
                    : field.NullableAnnotation switch
                    {
                        NullableAnnotation.Annotated => ParameterNullability.Annotated,
                        NullableAnnotation.NotAnnotated => ParameterNullability.NotNull,
                        _ => ParameterNullability.Oblivious,
                    };
                result.Add(new Member(member, new ParameterModel("this." + name, typeName, ExpressionLowering.TypeOf(field.Type),
                    AdjointName + "." + name, scalar ? "ref " + typeName : typeName, typeName, nullability)));
            }
        }
        return result;
    }

    /// <summary>
    /// A struct whose members cannot be added into one by one (a readonly struct, a <c>readonly record struct</c>, <c>init</c>
    /// members), whose every instance member is a <c>double</c>/<c>float</c> and which has a constructor taking every member:
    /// under <c>WithRespectToThis</c> its <c>dThis</c>'s members are summed in locals and <c>dThis</c> is rebuilt whole at the end,
    /// as a built-whole struct parameter's adjoint is (<see cref="Graph.StructAdjointLocals"/>).
    /// </summary>
    public static bool IsWholeStruct(INamedTypeSymbol type) =>
        type.IsValueType && RealStructs.IsBoundaryStruct(type) && StructConstructors.IsBuiltWhole(type) && StructConstructors.Memberwise(type) is not null
        && RealStructs.Components(type) is { } components && components.All(c => c.Path.IndexOf('.') < 0);

    /// <summary>double, float, double[], float[], double[,]/float[,] or jagged double[][]/float[][]: the member types <c>dThis</c> carries a gradient in.</summary>
    public static bool IsDifferentiableType(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_Double or SpecialType.System_Single
        || type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double or SpecialType.System_Single }
        || ValueKinds.IsGrid(type);

    public static bool IsNoDiff(ISymbol member) =>
        member.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "AutoDiffGen.NoDiffAttribute");

    public static bool Settable(ISymbol member) => member switch
    {
        IFieldSymbol f => !f.IsReadOnly,
        IPropertySymbol p => p.SetMethod is { IsInitOnly: false },
        _ => false,
    };

    /// <summary>
    /// A member of <c>this</c> (explicit or implicit) that holds reals but is not a differentiable member: its read in
    /// a method with the opt-in would be a silently constant part of the state, so it is reported instead.
    /// </summary>
    public static bool IsUnaccountedRealMember(ISymbol member, ITypeSymbol type) =>
        !member.IsStatic && !IsNoDiff(member) && ValueKinds.CarriesReals(type);
}
