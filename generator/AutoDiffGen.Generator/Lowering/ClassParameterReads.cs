using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// The reads of a <c>[WithRespectTo]</c> class parameter's members (and of its copies, <c>p with { … }</c>), judged before
/// lowering: a member that is a component (<see cref="ClassComponents.RootMembers"/>) is an input, a discrete one a constant.
/// Any other member that holds reals has no place in <c>dP</c>, so reading it is ADG0003 at the read, saying what to
/// write; none is ever read as a constant. Uses of the object as a whole are <see cref="ValueClassUses"/>' to judge.
/// </summary>
internal static class ClassParameterReads
{
    /// <summary>Reports each refused member read or method call; true when there was one.</summary>
    public static bool Refuse(IOperation body, IMethodSymbol method, List<DiagnosticInfo> diagnostics)
    {
        if (!ClassParameters.AnyClassInput(method)) return false;
        int before = diagnostics.Count;
        foreach (var op in body.Descendants())
        {
            switch (op)
            {
                case IMemberReferenceOperation { Instance: { } instance, Member: var member } read when op is not IMethodReferenceOperation && !member.IsStatic && ClassParameters.IsInputType(method, instance.Type):
                    if (Why(member, read.Type) is { } why) diagnostics.Add(Refusal(op, member, instance.Type!, why.What, why.Fix));
                    break;
                case IInvocationOperation { Instance: { } receiver, TargetMethod: { IsStatic: false } target } when ClassParameters.IsInputType(method, receiver.Type)
                    && (ValueClasses.Why(receiver.Type) is not null || target.IsVirtual || target.IsOverride || target.IsAbstract) && !target.IsImplicitlyDeclared:
                    // A value class's own methods write none of its members and are inlined as reads of them (ValueClasses.Why);
                    // any other class's method may write them or compute from members that get no gradient.
                    diagnostics.Add(Refusal(op, target, receiver.Type!, "the result of its method '" + target.Name + "' (it may write the object's members, or read members that get no gradient)",
                        "write what it computes from the class's real fields and auto-properties in the method"));
                    break;
            }
        }
        return diagnostics.Count > before;
    }

    /// <summary>Why a member read is refused (a fragment and the fix), or null for a component, a discrete member or a member holding no reals.</summary>
    private static (string What, string Fix)? Why(ISymbol member, ITypeSymbol? type)
    {
        // A component, or a get-only property that returns one as it is (W => _w: its read is the field's, inlined).
        if (ClassComponents.IsComponent(member) || member is IPropertySymbol exposing && ClassComponents.ExposedField(exposing) is not null) return null;
        if (member is IPropertySymbol { IsVirtual: true } or IPropertySymbol { IsOverride: true } or IPropertySymbol { IsAbstract: true } or IFieldSymbol { IsVirtual: true })
        {
            return ("its virtual member '" + member.Name + "' (an object of a derived class may compute it otherwise, and dP." + member.Name + " may not be where its gradient belongs)",
                "make '" + member.Name + "' a non-virtual auto-property or field, or seal the class and read a field");
        }
        if (type is null) return null;
        if (!ValueKinds.CarriesReals(type) && type.TypeKind != TypeKind.Class)
        {
            // The object is carried as its components only, so a member that is none of them (a private count, a computed
            // flag) has no value to read from; never a wrong gradient, but not read yet either.
            return ("its member '" + member.Name + "' of type '" + type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "', which is not one of the object's components (public or internal double/float, integer, bool or enum fields and auto-properties, and structs of reals)",
                "read it before the call and pass it as a [NoDiff] parameter, or make it a public auto-property of an integer, bool or enum type");
        }
        if (member.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
        {
            return ("its member '" + member.Name + "', which is not public or internal (its gradient would go into dP." + member.Name + ", which the generated code cannot write)",
                "make '" + member.Name + "' public or internal");
        }
        if (member is IPropertySymbol computed && !IsAuto(computed))
        {
            return ("its property '" + member.Name + "', whose getter computes its value (only fields and auto-properties get a gradient in dP)",
                "write what the getter computes from the class's real fields in the method (p.A * p.B), or make '" + member.Name + "' an auto-property");
        }
        if (type is IArrayTypeSymbol)
        {
            return ("its array member '" + member.Name + "', which gets no gradient in dP (only reals and structs of reals do)",
                "pass the array as a " + type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + " parameter of its own (its adjoint is an array of its length)");
        }
        if (type.TypeKind == TypeKind.Class && type.SpecialType == SpecialType.System_String)
        {
            return ("its member '" + member.Name + "' of type 'string', which is not one of the object's components (reals, integers, bools, enums and structs of reals)",
                "read it before the call and pass it as a [NoDiff] parameter");
        }
        if (type.TypeKind == TypeKind.Class)
        {
            return ("its member '" + member.Name + "' of the class '" + type.Name + "', which gets no gradient in dP",
                "pass it as a [WithRespectTo] parameter of its own, or pass its reals as double parameters");
        }
        return ("its member '" + member.Name + "' of type '" + type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "', which gets no gradient in dP (only double/float members and structs of them without discrete members do)",
            "pass its value as a parameter of its own");
    }

    private static bool IsAuto(IPropertySymbol property) =>
        property.ContainingType.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property));

    private static DiagnosticInfo Refusal(IOperation at, ISymbol member, ITypeSymbol type, string what, string fix) =>
        DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedExpression, at.Syntax,
            "Reading " + what + " of the [WithRespectTo] parameter's class '" + type.Name + "' ('" + Describe.Snippet(at.Syntax) + "')", fix);
}
