using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A field of <c>this</c> that is not readonly but is as good as readonly for a [Differentiable] instance call on it
/// (issue 13, QLNet's <c>private NormalDistribution gaussian_ = new NormalDistribution();</c> read by
/// <c>gaussian_.value(z)</c>): the reverse sweep calls the callee's Backward on the field again, which is right when the
/// field still names the same object, in the same state, as at the forward call. That holds when (1) the field is private
/// and nothing in its class (nested types included) assigns it, passes it by reference or deconstructs into it, but a
/// constructor of the class on its own object; (2) every value it is given (its initializer, those constructors'
/// assignments) is an object made there, <c>new T(…)</c>; and (3) each such <c>T</c> has no state a call could change:
/// its fields, and its base classes', are readonly or private ones only its own constructors assign, of immutable
/// types (reals, integers, bools, enums, strings), and no auto-property has a setter. Anything
/// else keeps the refusal (<see cref="ObjectReceivers.Refusal"/>). Judged from the source, so only types of the compilation.
/// </summary>
internal static class SettledFields
{
        /// <summary><c>g</c> or <c>this.g</c>: a private instance field of this object, not readonly, settled as above.</summary>
    public static bool IsSettled(IOperation instance, Compilation? compilation) =>
        compilation is not null
        && instance is IFieldReferenceOperation { Field: { IsStatic: false, IsReadOnly: false, DeclaredAccessibility: Accessibility.Private } field, Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }, Type.IsReferenceType: true }
        && Values(field, compilation) is { } made
        && made.All(type => IsUnchanging(type, compilation));

    /// <summary>The classes of the objects the field is given, or null when it is written in any other way.</summary>
    private static List<ITypeSymbol>? Values(IFieldSymbol field, Compilation compilation)
    {
        var made = new List<ITypeSymbol>();
        foreach (var (settled, value) in Writes(field, compilation))
        {
            if (!settled || Created(value) is not { } type) return null;
            made.Add(type);
        }
        return made;
    }

    /// <summary>
    /// Every write of <paramref name="field"/> in its class: settled when it is the field's initializer or a plain
    /// assignment in a constructor of the class on its own object (not in a lambda or local function there), with the
    /// value stored; not settled for anything else (a method, a property, a compound assignment, ++, ref, out, a
    /// deconstruction, another object's field), and for a class declared outside the compilation.
    /// </summary>
    private static IEnumerable<(bool Settled, IOperation? Value)> Writes(IFieldSymbol field, Compilation compilation)
    {
        var owner = field.ContainingType;
        foreach (var reference in owner.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax();
            if (!compilation.ContainsSyntaxTree(declaration.SyntaxTree))
            {
                yield return (false, null);
                yield break;
            }
            var model = SemanticModels.WithoutNullableAnalysis(compilation, declaration.SyntaxTree);
            foreach (var node in declaration.DescendantNodes())
            {
                switch (node)
                {
                    case VariableDeclaratorSyntax { Initializer: { } initializer } declarator when SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(declarator), field):
                        yield return (true, model.GetOperation(initializer.Value));
                        break;
                    case IdentifierNameSyntax name when name.Identifier.ValueText == field.Name && Written(name) is { } write
                                                         && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name).Symbol, field):
                        bool settled = write is AssignmentExpressionSyntax assignment && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                                       && assignment.Left == OnThis(name) && InOwnConstructor(assignment, owner, model);
                        yield return (settled, settled ? model.GetOperation(((AssignmentExpressionSyntax)write).Right) : null);
                        break;
                }
            }
        }
    }

    /// <summary>The field's name as written on this object: itself, or <c>this.name</c>; null on another object.</summary>
    private static ExpressionSyntax? OnThis(IdentifierNameSyntax name) =>
        name.Parent is MemberAccessExpressionSyntax access && access.Name == name
            ? access.Expression is ThisExpressionSyntax ? access : null
            : name;

    /// <summary>The syntax that writes the field through <paramref name="name"/> (an assignment, ++, ref, out, a deconstruction), or null for a read.</summary>
    private static SyntaxNode? Written(IdentifierNameSyntax name)
    {
        // Up through o.name and ((name)); a member of it (name.X = 1) writes the object, which (3) judges.
        SyntaxNode up = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
        while (up.Parent is not null)
        {
            switch (up.Parent)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    up = parenthesized;
                    continue;
                // A deconstruction's left side, (name, other) = …: judged at the tuple.
                case ArgumentSyntax { Parent: TupleExpressionSyntax tuple }:
                    up = tuple;
                    continue;
                case AssignmentExpressionSyntax assignment when assignment.Left == up:
                    return assignment;
                case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.PreIncrementExpression) || unary.IsKind(SyntaxKind.PreDecrementExpression) || unary.IsKind(SyntaxKind.AddressOfExpression):
                    return unary;
                case PostfixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.PostIncrementExpression) || unary.IsKind(SyntaxKind.PostDecrementExpression):
                    return unary;
                case RefExpressionSyntax reference:
                    return reference;
                case ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None):
                    return argument;
                default:
                    return null;
            }
        }
        return null;
    }

    private static bool InOwnConstructor(SyntaxNode at, INamedTypeSymbol owner, SemanticModel model) =>
        at.FirstAncestorOrSelf<ConstructorDeclarationSyntax>() is { } constructor
        && !constructor.Modifiers.Any(SyntaxKind.StaticKeyword)
        && at.Ancestors().TakeWhile(a => a != constructor).All(a => a is not (LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or LocalFunctionStatementSyntax or TypeDeclarationSyntax))
        && SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(constructor)?.ContainingType, owner);

    /// <summary>The class a value makes (<c>new T(…)</c>, converted or not), or null.</summary>
    private static ITypeSymbol? Created(IOperation? value)
    {
        while (value is IConversionOperation { OperatorMethod: null } conversion) value = conversion.Operand;
        return value is IObjectCreationOperation { Type: { TypeKind: TypeKind.Class } type } ? type : null;
    }

    /// <summary>
    /// A class of the compilation whose objects no call can change, (3) above: every instance field, its base classes'
    /// too, is of an immutable type and readonly, or private and written only as (1) says.
    /// </summary>
    private static bool IsUnchanging(ITypeSymbol type, Compilation compilation)
    {
        for (var t = type as INamedTypeSymbol; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
        {
            if (t.IsGenericType || t.DeclaringSyntaxReferences.Length == 0) return false;
            foreach (var member in t.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst))
            {
                if (!IsImmutableValue(member.Type)) return false;
                if (member.IsReadOnly) continue;
                // A non-readonly auto-property's backing field: its setter may be called from anywhere.
                if (member.AssociatedSymbol is not null || member.DeclaredAccessibility != Accessibility.Private) return false;
                if (Writes(member, compilation).Any(w => !w.Settled)) return false;
            }
        }
        return true;
    }

    /// <summary>Reals, integers, bools, chars, enums and strings: a value, not an object a call could change.</summary>
    private static bool IsImmutableValue(ITypeSymbol type) =>
        type.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_String || type.TypeKind == TypeKind.Enum;
}
