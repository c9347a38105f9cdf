using System.Linq;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A method that is not [Differentiable] (<c>static double Mutate(double[] a) { a[0] += 1; return 0; }</c>, called with
/// constant arguments, so accepted as constant text) may write into an array it is passed as <c>T[]</c>, <c>Span&lt;T&gt;</c>,
/// <c>Array</c> or <c>object</c>, or by reference: such a call counts as a store into that array, so a view of it that the
/// reverse sweep would read again (a [NoDiff] array parameter, a model's array member) is copied at the call or diagnosed
/// instead (was a wrong gradient: the reverse sweep read the later values). A <c>ReadOnlySpan&lt;T&gt;</c>,
/// <c>IEnumerable&lt;T&gt;</c> or <c>in</c> parameter cannot write, nor can the slicing extension <c>AsSpan</c>.
/// </summary>
internal static class ForeignWrites
{
    public static bool MayWrite(IMethodSymbol method, IParameterSymbol parameter)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        if (definition.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == Derivatives.DerivativeResolver.DifferentiableAttribute)) return false;
        if (definition.Name is "AsSpan" or "AsMemory" && definition.ContainingType.ToDisplayString() == "System.MemoryExtensions") return false;
        if (parameter.RefKind is RefKind.Ref or RefKind.Out) return true;
        if (parameter.RefKind == RefKind.In) return false;
        var type = parameter.OriginalDefinition.Type;
        return type is IArrayTypeSymbol or ITypeParameterSymbol
            || type.SpecialType is SpecialType.System_Object or SpecialType.System_Array
            || type is INamedTypeSymbol { Name: "Span" or "Memory", TypeArguments.Length: 1 } named && named.ContainingNamespace.ToDisplayString() == "System";
    }
}
