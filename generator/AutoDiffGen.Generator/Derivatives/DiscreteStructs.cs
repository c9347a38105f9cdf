using System.Linq;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Derivatives;

/// <summary>
/// A struct whose every instance field, at any depth, is discrete (bool, char, an integer type or an enum): a
/// <c>Bool3</c> a <c>Step(a, b, c)</c> helper returns, a flags struct a helper takes (issue 13, idioms20). It cannot hold a
/// real, so a value of it carries no gradient, as a bool does: a function of reals into it is piecewise constant, and the
/// reals it chooses between route as a branch does (the gradient goes to the chosen operand only).
/// </summary>
internal static class DiscreteStructs
{
    private const int MaxDepth = 4;

    /// <summary>True for a non-generic, non-ref-like struct declared in source all of whose instance fields are discrete.</summary>
    public static bool Is(ITypeSymbol? type) => Is(type, 0);

    /// <summary>A discrete value (<see cref="PiecewiseConstant.IsDiscrete"/>) or a struct of them: the dependence stops there.</summary>
    public static bool IsCut(ITypeSymbol? type) => PiecewiseConstant.IsDiscrete(type) || Is(type);

    private static bool Is(ITypeSymbol? type, int depth)
    {
        if (depth > MaxDepth || type is not INamedTypeSymbol { TypeKind: TypeKind.Struct, SpecialType: SpecialType.None, IsGenericType: false, IsRefLikeType: false } named) return false;
        // Declared in source: a reference assembly shows a library struct's private fields as dummies (Complex's doubles
        // as an int), so only the user's own structs are known to hold no real.
        if (named.DeclaringSyntaxReferences.Length == 0) return false;
        var fields = named.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst).ToList();
        if (fields.Count == 0) return false;
        return fields.All(f => PiecewiseConstant.IsDiscrete(f.Type) || Is(f.Type, depth + 1));
    }
}
