using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A plain helper that returns a new object of a value class (issue 13, idioms16a: Meta.Numerics'
/// <c>Bessel_Asymptotic(n, x).FirstSolutionValue</c>, a helper ending in <c>return new SolutionPair(j, jp, y, yp);</c>).
/// The caller carries the result as its members, as it carries an object it creates itself (<see cref="ValueClasses"/>,
/// objects4): sound because nothing can tell the object from a copy of its members when the class is a value class, the
/// helper lets no other object of it out (every return creates one, <see cref="Refusal"/>) and the caller only reads its
/// members (<see cref="ValueClassUses"/> refuses every other use, at the call or the local).
/// </summary>
internal static class ObjectHelpers
{
    /// <summary>
    /// A call the caller carries as the members of its result: a plain helper returning a value class, given something
    /// other than constants (over constants only it is an object of the forward sweep, as <c>new G(1, 2)</c> is).
    /// </summary>
    public static bool IsObjectCall(IOperation op) =>
        op is IInvocationOperation { Instance: null, TargetMethod: var method } call && HasShape(method) && !call.Arguments.All(a => a.Value.ConstantValue.HasValue);

    /// <summary>
    /// A plain helper's shape (<see cref="PlainHelpers.Inlinable"/>) returning an object of a value class
    /// (<c>static SolutionPair Asymptotic(double n, double x)</c>).
    /// </summary>
    public static bool HasShape(IMethodSymbol method) => HelperClass(method) is { } type && ValueClasses.Why(type) is null;

    /// <summary>
    /// Why a plain helper returning an object of a class of this compilation does not return a value the caller can
    /// carry as its members (the class has a setter written, a virtual member, a base class, …), as the text added to
    /// the refusal at the call; null when it does, or when the method is no such helper.
    /// </summary>
    public static string? NotValue(IMethodSymbol method) =>
        HelperClass(method) is { } type && ValueClasses.Why(type) is { } why
            ? ": '" + method.ContainingType.Name + "." + method.Name + "' returns an object of the class '" + type.Name + "', " + why
              + ", which the caller cannot read as a copy of its members (it can when the class has no virtual members unless sealed, and only its constructor writes its real members)"
            : null;

    /// <summary>The class a plain-helper-shaped method returns, when it is a class declared in source; else null.</summary>
    private static INamedTypeSymbol? HelperClass(IMethodSymbol method) =>
        method.ReturnType is INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } type && !type.DeclaringSyntaxReferences.IsEmpty
        && !method.ReturnsByRef && !method.ReturnsByRefReadonly && PlainHelpers.Inlinable(method) ? type : null;

    /// <summary>
    /// Why the helper's result may be an object the caller cannot treat as its members (another object it was handed or
    /// keeps, one it reads back), as the text of the refusal; null when every return is <c>new T(…)</c> of the result's
    /// class and the body names no other object of that class.
    /// </summary>
    public static string? Refusal(IMethodSymbol method, IOperation body)
    {
        var type = method.ReturnType;
        foreach (var op in body.Descendants())
        {
            if (op is IReturnOperation { ReturnedValue: { } returned } && Owner(op) is null)
            {
                if (Unwrapped(returned) is not IObjectCreationOperation created || !Same(created.Type, type))
                    return "it returns '" + Describe.Snippet(returned.Syntax) + "', not a new object it creates ('return new " + type.Name + "(…);'), so the caller's object may be shared";
                continue;
            }
            if (!Same(op.Type, type) || op is IConversionOperation or IParenthesizedOperation || op is IObjectCreationOperation && Returned(op)) continue;
            return "it uses an object of the class '" + type.Name + "' ('" + Describe.Snippet(op.Syntax) + "') besides the one it returns (return a new object made from doubles instead)";
        }
        return null;
    }

    /// <summary>The lambda or local function a return belongs to, or null when it is the helper's own.</summary>
    private static IOperation? Owner(IOperation op)
    {
        for (var at = op.Parent; at is not null; at = at.Parent)
        {
            if (at is IAnonymousFunctionOperation or ILocalFunctionOperation) return at;
        }
        return null;
    }

    /// <summary>A creation returned through conversions and parentheses only.</summary>
    private static bool Returned(IOperation creation)
    {
        var at = creation.Parent;
        while (at is IConversionOperation or IParenthesizedOperation) at = at.Parent;
        return at is IReturnOperation && Owner(at) is null;
    }

    private static IOperation Unwrapped(IOperation op)
    {
        while (op is IConversionOperation { OperatorMethod: null } or IParenthesizedOperation)
            op = op is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)op).Operand;
        return op;
    }

    private static bool Same(ITypeSymbol? a, ITypeSymbol? b) =>
        a is not null && b is not null && SymbolEqualityComparer.Default.Equals(a.WithNullableAnnotation(NullableAnnotation.NotAnnotated), b.WithNullableAnnotation(NullableAnnotation.NotAnnotated));
}
