using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Derivatives;

/// <summary>
/// Structs of reals whose members cannot be written one by one (<c>dP.X += …</c>): a <c>readonly struct</c> with get-only
/// auto-properties, a <c>readonly record struct</c>, a <c>record struct Ball(Vector3 Position, Vector3 Velocity)</c> whose
/// property holds a struct (C# reports CS1612 for <c>dP.Position.X += …</c>). They are built whole through a constructor
/// that takes every member: a record's primary constructor, or one whose body only assigns each member its parameter.
/// The generated code then rebuilds such a value wherever it would have written a member.
/// </summary>
internal static class StructConstructors
{
    /// <summary>True when some member, at any depth, cannot be written as <c>v.Path = …</c>: the value is built whole.</summary>
    public static bool IsBuiltWhole(ITypeSymbol? type, int depth = 0)
    {
        // Complex's parts are get-only properties: new Complex(re, im) builds it.
        if (RealStructs.IsComplex(type)) return true;
        if (type is not INamedTypeSymbol named || RealStructs.IsNumericsVector(named) || depth > 4) return false;
        foreach (var field in named.GetMembers().OfType<IFieldSymbol>())
        {
            if (field.IsStatic || field.IsConst) continue;
            var member = (ISymbol?)field.AssociatedSymbol ?? field;
            if (!Settable(member)) return true;
            if (field.Type.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single) && !RealStructs.IsDiscrete(field.Type))
            {
                if (member is IPropertySymbol || IsBuiltWhole(field.Type, depth + 1)) return true;
            }
        }
        return false;
    }

    /// <summary>A field that is not readonly, or an auto-property with a public/internal set (not init) accessor.</summary>
    public static bool Settable(ISymbol member) => member switch
    {
        IFieldSymbol f => !f.IsReadOnly,
        IPropertySymbol p => p.SetMethod is { IsInitOnly: false } && p.SetMethod.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal,
        _ => false,
    };

    /// <summary>
    /// The constructor that takes every instance member, and for each of its parameters the member it sets; null when
    /// there is none (then a struct with read-only members stays unsupported at its boundary).
    /// </summary>
    public static (IMethodSymbol Constructor, ISymbol[] Members)? Memberwise(INamedTypeSymbol type)
    {
        var members = type.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst).Select(f => (ISymbol?)f.AssociatedSymbol ?? f).ToList();
        if (members.Count == 0) return null;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.Parameters.Length != members.Count || constructor.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal)
                || constructor.Parameters.Any(p => p.RefKind != RefKind.None || p.IsParams)) continue;
            var map = IsPrimary(constructor, members) ? Primary(constructor, members) : Assigning(constructor, members);
            if (map is not null) return (constructor, map);
        }
        return null;
    }

    /// <summary>A record's primary constructor, every member being a property it declares (not one written out in the body).</summary>
    private static bool IsPrimary(IMethodSymbol constructor, List<ISymbol> members) =>
        constructor.ContainingType.IsRecord && constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is RecordDeclarationSyntax)
        && members.All(m => m is IPropertySymbol && m.DeclaringSyntaxReferences.All(r => r.GetSyntax() is ParameterSyntax));

    private static ISymbol[]? Primary(IMethodSymbol constructor, List<ISymbol> members)
    {
        var map = new ISymbol[constructor.Parameters.Length];
        for (int i = 0; i < map.Length; i++)
        {
            var p = constructor.Parameters[i];
            var m = members.FirstOrDefault(x => x.Name == p.Name);
            if (m is null || !SymbolEqualityComparer.Default.Equals(ClassComponents.TypeOf(m), p.Type)) return null;
            map[i] = m;
        }
        return map;
    }

    /// <summary><c>public P(double x, double v) { X = x; this.V = v; }</c>: one plain assignment per member, each from its own parameter.</summary>
    private static ISymbol[]? Assigning(IMethodSymbol constructor, List<ISymbol> members)
    {
        if (constructor.DeclaringSyntaxReferences.Length != 1 || constructor.DeclaringSyntaxReferences[0].GetSyntax() is not ConstructorDeclarationSyntax { Initializer: null, Body: { } body }) return null;
        AutoDiffGen.Generator.Helpers.BodyReads.Note(body.SyntaxTree);
        var map = new ISymbol?[constructor.Parameters.Length];
        var set = new HashSet<string>();
        foreach (var statement in body.Statements)
        {
            if (statement is not ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: var left, Right: IdentifierNameSyntax right } }) return null;
            string? target = left switch
            {
                IdentifierNameSyntax id => id.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax id } => id.Identifier.ValueText,
                _ => null,
            };
            var member = members.FirstOrDefault(m => m.Name == target);
            int index = -1;
            for (int i = 0; i < constructor.Parameters.Length; i++) if (constructor.Parameters[i].Name == right.Identifier.ValueText) index = i;
            if (member is null || index < 0 || map[index] is not null || !set.Add(member.Name)) return null;
            if (!SymbolEqualityComparer.Default.Equals(ClassComponents.TypeOf(member), constructor.Parameters[index].Type)) return null;
            map[index] = member;
        }
        return set.Count == members.Count && map.All(m => m is not null) ? map.Select(m => m!).ToArray() : null;
    }

    /// <summary>
    /// The C# that builds a value of <paramref name="type"/> from its components (<see cref="RealStructs.Components"/>
    /// order), <paramref name="part"/> giving each component's text: a System.Numerics constructor, a record's or a
    /// memberwise constructor, or an object initializer for a struct of settable members.
    /// </summary>
    public static string Build(ITypeSymbol type, System.Func<int, string> part)
    {
        int next = 0;
        return Build(type, part, ref next);
    }

    private static string Build(ITypeSymbol type, System.Func<int, string> part, ref int next)
    {
        string name = type.ToDisplayString(SymbolNames.TypeFormat);
        if (RealStructs.IsComplex(type))
        {
            // A reference assembly shows Complex's fields as a dummy: its components are (Real, Imaginary).
            string re = part(next++);
            return "new " + name + "(" + re + ", " + part(next++) + ")";
        }
        if (type is INamedTypeSymbol { IsTupleType: true } tuple)
        {
            // A tuple literal of its elements, in order: its members also list the named elements (x, y) beside Item1, Item2,
            // which an initializer would write twice, and a tuple type has no 'new (double x, double y) { … }' (idioms16b).
            var elements = new List<string>();
            foreach (var element in tuple.TupleElements)
            {
                elements.Add(element.Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single || RealStructs.IsDiscrete(element.Type) ? part(next++) : Build(element.Type, part, ref next));
            }
            return "(" + string.Join(", ", elements) + ")";
        }
        var fields = type.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst).ToList();
        var texts = new Dictionary<ISymbol, string>(SymbolEqualityComparer.Default);
        foreach (var field in fields)
        {
            var member = (ISymbol?)field.AssociatedSymbol ?? field;
            if (field.Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single || RealStructs.IsDiscrete(field.Type)) texts[member] = part(next++);
            else texts[member] = Build(field.Type, part, ref next);
        }
        if (RealStructs.IsNumericsVector(type))
        {
            return "new " + name + "(" + string.Join(", ", fields.Select(f => texts[(ISymbol?)f.AssociatedSymbol ?? f])) + ")";
        }
        if (IsBuiltWhole(type) && type is INamedTypeSymbol named && Memberwise(named) is { } memberwise)
        {
            return "new " + name + "(" + string.Join(", ", memberwise.Members.Select(m => texts[m])) + ")";
        }
        return "new " + name + " { " + string.Join(", ", fields.Select(f => ((ISymbol?)f.AssociatedSymbol ?? f).Name + " = " + texts[(ISymbol?)f.AssociatedSymbol ?? f])) + " }";
    }

    /// <summary>A <see cref="StructPacks"/> template (markers per component, then the paths) for a struct built whole.</summary>
    public static string Template(ITypeSymbol type, IReadOnlyList<string> paths) => StructPacks.FromText(Build(type, StructPacks.Marker), paths);

    /// <summary>The constructions of the built-whole struct types in <paramref name="types"/>, for the reverse sweep (<see cref="StructConstruction"/>).</summary>
    public static EquatableArray<StructConstruction> For(IEnumerable<ITypeSymbol> types) =>
        types.Where(t => IsBuiltWhole(t) && RealStructs.Components(t) is not null)
            .Select(t => new StructConstruction(t.ToDisplayString(SymbolNames.TypeFormat), Template(t, RealStructs.Components(t)!.Select(c => c.Path).ToList())))
            .Distinct().ToEquatableArray();
}
