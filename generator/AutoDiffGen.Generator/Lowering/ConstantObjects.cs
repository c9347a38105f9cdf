using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A class object made from constants (<c>var rng = new Random(42);</c>, a generator class of the user's): a constant of
/// the forward sweep, like a <c>[NoDiff]</c> object parameter. What its methods return carries no gradient and is kept
/// (taped in loops), never computed again, and a call whose value changes from call to call makes the method one that
/// callers and the Jacobian and Hessian matrices must not run again (<see cref="StatefulCalls"/>, ADG0032). Not an
/// object that could hold a differentiated value: every argument is constant, no initializer, no lambda, and not a
/// collection (a <c>List&lt;double&gt;</c> filled later would carry values the gradient must see).
/// </summary>
internal static class ConstantObjects
{
    public static bool IsConstant(IObjectCreationOperation creation, System.Func<IOperation, bool> isActive) =>
        creation.Type is INamedTypeSymbol { TypeKind: TypeKind.Class } type
        && creation.Initializer is null
        && !IsCollection(type)
        && !creation.Arguments.Any(a => isActive(a.Value) || a.Value.DescendantsAndSelf().Any(d => d is IAnonymousFunctionOperation or IDelegateCreationOperation));

    private static bool IsCollection(INamedTypeSymbol type) =>
        type.AllInterfaces.Any(i => i.ToDisplayString() == "System.Collections.IEnumerable");
}
