using System.Linq;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// An array held by a field (or auto-property) of a constant parameter object, such as a model's
/// <c>model.BaseRelatives</c> or <c>data.Model.Weights</c>: read again in the reverse sweep it is the same array with the
/// same elements, so it is a view (<see cref="RecomputedViews"/>) and need not go on a tape, which holds only scalars. That
/// holds only while nothing in the method can replace the object, the member or the elements: the parameter is never
/// assigned or passed by reference, the member is never assigned and its elements never stored into (here or by a callee
/// that writes into that argument), and the object is passed to no method but [Differentiable] ones, which cannot assign
/// fields (ADG0007). Otherwise the member is a value computed by the method, as before.
/// </summary>
internal static class ConstantMembers
{
    /// <summary>Whether <paramref name="op"/> is a field or auto-property read of an object nothing in the method can change.</summary>
    public static bool IsOfUnchangedObject(IOperation op)
    {
        var root = OperationRoots.Of(op);
        return Unchanged(op, root, 0);
    }

    /// <summary>Whether the member's array is assigned, or its elements stored into, anywhere in the method (order aside).</summary>
    public static bool StoredInto(IOperation member, System.Func<IInvocationOperation, IArgumentOperation, bool> writes)
    {
        if (Member(member) is not { } symbol) return false;
        foreach (var (op, stored) in CollectionArguments.OperationsOfMethod(member))
        {
            var target = stored is IArrayElementReferenceOperation element ? element.ArrayReference : stored;
            if (target is not null && SymbolEqualityComparer.Default.Equals(Member(target), symbol)) return true;
            if (op is not IInvocationOperation call) continue;
            foreach (var argument in call.Arguments)
            {
                if (!SymbolEqualityComparer.Default.Equals(Member(CollectionArguments.Unwrap(argument.Value)), symbol)) continue;
                if (argument.Parameter is { RefKind: not RefKind.None and not RefKind.In } || writes(call, argument)) return true;
            }
        }
        return false;
    }

    private static bool Unchanged(IOperation op, IOperation root, int depth)
    {
        if (depth > 8) return false;
        switch (op)
        {
            case IFieldReferenceOperation { Field: { IsStatic: false } field, Instance: { } instance }:
                return (field.IsReadOnly || !Assigned(root, field)) && Unchanged(instance, root, depth + 1);
            case IPropertyReferenceOperation { Property: { IsStatic: false, IsIndexer: false } property, Instance: { } instance } when IsAutoProperty(property):
                return !Assigned(root, property) && Unchanged(instance, root, depth + 1);
            case IParameterReferenceOperation { Parameter: { RefKind: RefKind.None or RefKind.In } parameter } when depth > 0:
                return !ParameterChanged(root, parameter);
            default:
                return false;
        }
    }

    private static ISymbol? Member(IOperation op) => op switch
    {
        IFieldReferenceOperation f => f.Field,
        IPropertyReferenceOperation { Property.IsIndexer: false } p => p.Property,
        _ => null,
    };

    private static bool Assigned(IOperation root, ISymbol member) => root.DescendantsAndSelf().Any(op =>
        op switch
        {
            IAssignmentOperation a => SymbolEqualityComparer.Default.Equals(Member(a.Target), member),
            IIncrementOrDecrementOperation i => SymbolEqualityComparer.Default.Equals(Member(i.Target), member),
            IArgumentOperation { Parameter.RefKind: not RefKind.None and not RefKind.In } r => SymbolEqualityComparer.Default.Equals(Member(r.Value), member),
            _ => false,
        });

    /// <summary>Assigned, passed by reference, or handed (itself or an object member of it) to a method that is not [Differentiable].</summary>
    private static bool ParameterChanged(IOperation root, IParameterSymbol parameter)
    {
        foreach (var op in root.DescendantsAndSelf())
        {
            switch (op)
            {
                case IAssignmentOperation a when Reads(a.Target, parameter) && a.Target is IParameterReferenceOperation:
                case IArgumentOperation { Parameter.RefKind: not RefKind.None and not RefKind.In } r when Reads(r.Value, parameter):
                    return true;
                case IInvocationOperation call when !Derivatives.DerivativeResolver.IsDifferentiable(call.TargetMethod.OriginalDefinition):
                    if (call.Instance is { } instance && IsObjectOf(instance, parameter)) return true;
                    if (call.Arguments.Any(argument => IsObjectOf(argument.Value, parameter))) return true;
                    break;
            }
        }
        return false;
    }

    /// <summary>The parameter itself, or a member of it holding an object (not an array or a number).</summary>
    private static bool IsObjectOf(IOperation value, IParameterSymbol parameter)
    {
        while (value is IConversionOperation { IsImplicit: true } c) value = c.Operand;
        if (value.Type is IArrayTypeSymbol || value.Type?.SpecialType is not SpecialType.None) return false;
        return Reads(value, parameter);
    }

    private static bool Reads(IOperation value, IParameterSymbol parameter)
    {
        for (var op = value; ;)
        {
            switch (op)
            {
                case IParameterReferenceOperation p:
                    return SymbolEqualityComparer.Default.Equals(p.Parameter, parameter);
                case IFieldReferenceOperation { Instance: { } instance }:
                    op = instance;
                    break;
                case IPropertyReferenceOperation { Instance: { } instance }:
                    op = instance;
                    break;
                default:
                    return false;
            }
        }
    }

    /// <summary>{ get; } or { get; set; } / { get; init; } without bodies: reading it has no effect.</summary>
    private static bool IsAutoProperty(IPropertySymbol property)
    {
        if (property.DeclaringSyntaxReferences.Length != 1) return false;
        // Whether its accessors have bodies is read from another member's declaration: the analysis cache must know.
        AutoDiffGen.Generator.Helpers.BodyReads.Note(property.DeclaringSyntaxReferences[0].SyntaxTree);
        return property.DeclaringSyntaxReferences[0].GetSyntax() is PropertyDeclarationSyntax { ExpressionBody: null, AccessorList: { } accessors } &&
            accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null);
    }
}
