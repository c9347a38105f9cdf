using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Derivatives;

/// <summary>
/// Classes that a method may carry as a struct of reals (issue 13 item 1): <c>record Gaussian(double Mean, double StdDev)</c>,
/// a sealed class of get-only members set by its constructor. Inside a method that creates one from a differentiated value,
/// its locals are carried as their components, like a struct's. That is sound because nothing can tell the object from
/// a copy: no method of it writes its members, no member of it is virtual (the object's type is the one created), and the
/// method never lets it escape or compares references (<see cref="Lowering.ValueClassUses"/> refuses those uses).
/// </summary>
internal static class ValueClasses
{
    [ThreadStatic] private static HashSet<ITypeSymbol>? _carried;

    /// <summary>The classes of the method's <c>[WithRespectTo]</c> parameters (Lowering.ClassParameters), carried as their components too.</summary>
    [ThreadStatic] private static HashSet<ITypeSymbol>? _inputs;

    /// <summary>The element classes of the method's <c>[WithRespectTo]</c> arrays of class objects (Lowering.ClassArrayParameters), carried as arrays of structs.</summary>
    [ThreadStatic] private static HashSet<ITypeSymbol>? _arrayInputs;

    /// <summary>
    /// True while a method with a <c>[WithRespectTo]</c> array of <paramref name="type"/> objects is lowered: such an array
    /// is carried as one component array per real member, as an array of structs of reals is (ValueKinds.CarriedElement).
    /// </summary>
    public static bool IsArrayInput(ITypeSymbol? type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class } && _arrayInputs is { } inputs && inputs.Contains(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated));

    /// <summary>True while a method that carries <paramref name="type"/> as its components is lowered (<see cref="Carry"/>).</summary>
    public static bool IsCarried(ITypeSymbol? type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class } && (_carried is { } carried && carried.Contains(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)) || IsInput(type));

    /// <summary>
    /// True while a method with a <c>[WithRespectTo]</c> parameter of <paramref name="type"/> is lowered: its components are
    /// the class's own (ClassComponents.Components), which leave out the members that get no gradient.
    /// </summary>
    public static bool IsInput(ITypeSymbol? type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class } && _inputs is { } inputs && inputs.Contains(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated));

    /// <summary>The classes carried as components until the scope is disposed (one method's lowering, on this thread).</summary>
    /// <param name="types">Value classes the method creates (<see cref="Why"/> is null for each).</param>
    /// <param name="inputs">The classes of its <c>[WithRespectTo]</c> parameters, or null to keep those already set.</param>
    /// <param name="arrayInputs">The element classes of its <c>[WithRespectTo]</c> arrays (also among <paramref name="inputs"/>), or null to keep those already set.</param>
    public static IDisposable Carry(IEnumerable<ITypeSymbol> types, IEnumerable<ITypeSymbol>? inputs = null, IEnumerable<ITypeSymbol>? arrayInputs = null)
    {
        var previous = (_carried, _inputs, _arrayInputs);
        _carried = new HashSet<ITypeSymbol>(types.Select(t => t.WithNullableAnnotation(NullableAnnotation.NotAnnotated)), SymbolEqualityComparer.Default);
        if (inputs is not null) _inputs = new HashSet<ITypeSymbol>(inputs.Select(t => t.WithNullableAnnotation(NullableAnnotation.NotAnnotated)), SymbolEqualityComparer.Default);
        if (arrayInputs is not null) _arrayInputs = new HashSet<ITypeSymbol>(arrayInputs.Select(t => t.WithNullableAnnotation(NullableAnnotation.NotAnnotated)), SymbolEqualityComparer.Default);
        return new Restore(previous.Item1, previous.Item2, previous.Item3);
    }

    /// <summary>
    /// Null when <paramref name="type"/> is a class whose objects are values: declared in this compilation's source, derived
    /// from object only, not generic or abstract, every instance field a real, a discrete member or a struct of reals, no
    /// member written outside its constructors and initializers, no virtual member of its own unless sealed. Otherwise why not.
    /// </summary>
    public static string? Why(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class } named || named.IsStatic || named.IsAbstract || named.IsGenericType) return "not a class";
        if (named.BaseType is { SpecialType: not SpecialType.System_Object }) return "a class derived from '" + named.BaseType.Name + "'";
        var declarations = named.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>().ToList();
        if (declarations.Count == 0) return "a class from another assembly, whose constructor and members the generator cannot read";
        int reals = 0;
        foreach (var field in named.GetMembers().OfType<IFieldSymbol>())
        {
            if (field.IsStatic || field.IsConst) continue;
            var member = (ISymbol?)field.AssociatedSymbol ?? field;
            if (member.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal)) return "a class with the member '" + member.Name + "', which is not public or internal";
            if (field.Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single) reals++;
            else if (RealStructs.IsBoundaryStruct(field.Type) && !RealStructs.IsComplex(field.Type)) reals += RealStructs.Components(field.Type)!.Count;
            else if (!RealStructs.IsDiscrete(field.Type)) return "a class with the member '" + member.Name + "', which is not a real, a discrete value or a struct of reals";
        }
        if (reals == 0) return "a class without real members";
        if (!named.IsSealed && named.GetMembers().Any(m => !m.IsImplicitlyDeclared && (m.IsVirtual || m.IsOverride || m.IsAbstract)))
        {
            return "a class with virtual members that is not sealed";
        }
        var names = new HashSet<string>(named.GetMembers().Where(m => !m.IsStatic && m is IFieldSymbol or IPropertySymbol).Select(m => m.Name));
        foreach (var declaration in declarations)
        {
            foreach (var body in declaration.Members.Where(m => m is not ConstructorDeclarationSyntax and not FieldDeclarationSyntax))
            {
                if (WritesMember(body, names) is { } written) return "a class whose member '" + written + "' is written outside its constructors";
            }
        }
        return null;
    }

    /// <summary>The first member of <paramref name="names"/> a member's code assigns (<c>X = …</c>, <c>this.X += …</c>, <c>X++</c>), init accessors aside.</summary>
    private static string? WritesMember(MemberDeclarationSyntax member, HashSet<string> names)
    {
        foreach (var node in member.DescendantNodes())
        {
            if (node is AccessorDeclarationSyntax accessor && accessor.IsKind(SyntaxKind.InitAccessorDeclaration)) continue;
            if (node.Ancestors().OfType<AccessorDeclarationSyntax>().Any(a => a.IsKind(SyntaxKind.InitAccessorDeclaration))) continue;
            ExpressionSyntax? target = node switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left,
                PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression) => prefix.Operand,
                PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression) => postfix.Operand,
                ArgumentSyntax { RefKindKeyword.RawKind: not 0 } argument => argument.Expression,
                _ => null,
            };
            string? name = target switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access => access.Name.Identifier.ValueText,
                TupleExpressionSyntax => "(a tuple of members)",
                _ => null,
            };
            // A local or parameter of the same name is taken for the member: a refusal, never a wrong gradient.
            if (name is not null && (names.Contains(name) || name.StartsWith("(", StringComparison.Ordinal))) return name;
        }
        return null;
    }

    private sealed class Restore(HashSet<ITypeSymbol>? previous, HashSet<ITypeSymbol>? previousInputs, HashSet<ITypeSymbol>? previousArrayInputs) : IDisposable
    {
        public void Dispose()
        {
            _carried = previous;
            _inputs = previousInputs;
            _arrayInputs = previousArrayInputs;
        }
    }
}
