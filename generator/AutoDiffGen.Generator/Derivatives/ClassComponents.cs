using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Derivatives;

/// <summary>
/// The components of a <c>[WithRespectTo]</c> class parameter's object (Lowering.ClassParameters): which members hold
/// them and their paths. Kept here, beside <see cref="RealStructs"/>, because the struct flattening reads them and
/// Derivatives may not use Lowering.
/// </summary>
internal static class ClassComponents
{
    /// <summary>The members that hold the components: public or internal instance fields and auto-properties of a real, a discrete type or a struct of reals (without discrete members), not virtual.</summary>
    public static List<ISymbol> RootMembers(INamedTypeSymbol type) =>
        type.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst)
            .Select(f => (ISymbol?)f.AssociatedSymbol ?? f)
            .Where(IsComponent).ToList();

    /// <summary>A root member (<see cref="IsRootMember"/>), or a field of another accessibility that a get-only property exposes as it is (<see cref="ExposedField"/>).</summary>
    public static bool IsComponent(ISymbol member) =>
        IsRootMember(member) || member is IFieldSymbol { IsStatic: false, IsConst: false, AssociatedSymbol: null } field && IsExposed(field);

    /// <summary>Some non-virtual get-only property of the field's class returns it as it is (<c>public double W => _w;</c>).</summary>
    private static bool IsExposed(IFieldSymbol field) =>
        IsComponentType(field.Type) && field.ContainingType.GetMembers().OfType<IPropertySymbol>().Any(p => SymbolEqualityComparer.Default.Equals(ExposedField(p), field));

    /// <summary>
    /// The instance field a get-only, non-virtual property returns as it is (<c>public double W => _w;</c>,
    /// <c>get { return this._w; }</c>): reading the property is reading that field, a component. Null for any other property.
    /// </summary>
    public static IFieldSymbol? ExposedField(IPropertySymbol property)
    {
        if (property.IsStatic || property.IsIndexer || property.SetMethod is not null || property.IsVirtual || property.IsOverride || property.IsAbstract) return null;
        var syntax = property.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax>().FirstOrDefault();
        if (syntax is null) return null;
        BodyReads.Note(syntax.SyntaxTree);
        var returned = syntax.ExpressionBody?.Expression
            ?? syntax.AccessorList?.Accessors.FirstOrDefault(a => a.Keyword.ValueText == "get") switch
            {
                { ExpressionBody: { } arrow } => arrow.Expression,
                { Body.Statements: [Microsoft.CodeAnalysis.CSharp.Syntax.ReturnStatementSyntax { Expression: { } value }] } => value,
                _ => null,
            };
        string? name = returned switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Expression: Microsoft.CodeAnalysis.CSharp.Syntax.ThisExpressionSyntax, Name: Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax accessed } => accessed.Identifier.ValueText,
            _ => null,
        };
        return name is null ? null : property.ContainingType.GetMembers(name).OfType<IFieldSymbol>()
            .FirstOrDefault(f => !f.IsStatic && !f.IsConst && f.AssociatedSymbol is null && SymbolEqualityComparer.Default.Equals(f.Type, property.Type) && IsComponentType(f.Type));
    }

    private static bool IsComponentType(ITypeSymbol t) =>
        t.SpecialType is SpecialType.System_Double or SpecialType.System_Single || RealStructs.IsDiscrete(t) || RealStructs.IsBoundaryStruct(t) && !RealStructs.IsComplex(t) && !RealStructs.HasDiscrete(t);

    /// <summary>A member whose value is components of the object (<see cref="RootMembers"/>).</summary>
    public static bool IsRootMember(ISymbol member) =>
        member is IFieldSymbol { IsStatic: false, IsConst: false } or IPropertySymbol { IsStatic: false, IsIndexer: false, IsVirtual: false, IsOverride: false, IsAbstract: false }
        && member.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal
        && TypeOf(member) is { } t && IsComponentType(t)
        && (member is IFieldSymbol || member.ContainingType.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, member)));

    /// <summary>The components of an object of the class: its <see cref="RootMembers"/>, nested structs flattened in place.</summary>
    public static List<StructComponent> Components(INamedTypeSymbol type)
    {
        var list = new List<StructComponent>();
        foreach (var member in RootMembers(type))
        {
            var t = TypeOf(member)!;
            string name = member.Name;
            if (RealStructs.IsDiscrete(t)) list.Add(new StructComponent(name, ScalarType.Other, t.ToDisplayString(SymbolNames.TypeFormat)));
            else if (t.SpecialType is SpecialType.System_Double) list.Add(new StructComponent(name, ScalarType.Double));
            else if (t.SpecialType is SpecialType.System_Single) list.Add(new StructComponent(name, ScalarType.Float));
            else list.AddRange(RealStructs.Components(t)!.Select(c => c with { Path = name + "." + c.Path }));
        }
        return list;
    }

    /// <summary>A field's or property's type.</summary>
    public static ITypeSymbol? TypeOf(ISymbol member) => member switch
    {
        IFieldSymbol f => f.Type,
        IPropertySymbol p => p.Type,
        _ => null,
    };
}
