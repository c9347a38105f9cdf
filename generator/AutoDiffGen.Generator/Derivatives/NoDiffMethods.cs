using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Derivatives;

/// <summary>
/// A method the user marked <c>[NoDiff]</c> (issue 13: Clad's non_differentiable, JAX's stop_gradient): a call to it
/// is evaluated in the forward sweep and its result is a constant in every mode; no adjoint or tangent flows into
/// its arguments.
/// </summary>
internal static class NoDiffMethods
{
    private const string NoDiffAttribute = "AutoDiffGen.NoDiffAttribute";

    /// <summary>The method itself (not only a parameter) carries [NoDiff]; a reduced extension call reads its definition.</summary>
    public static bool IsNoDiff(IMethodSymbol? method)
    {
        if (method is null) return false;
        var declared = method.ReducedFrom ?? method.OriginalDefinition;
        foreach (var attribute in declared.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == NoDiffAttribute) return true;
        }
        return false;
    }
}
