using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Arguments for a <c>double[]</c>/<c>float[]</c>/span parameter of a generated Backward, which takes an
/// adjoint array (or span) for it. An argument that carries a gradient passes its own adjoint: a parameter's
/// (<c>dXs</c>) or a local array's. One that carries none passes a scratch array of its length, zeroed, from
/// <c>TapeWorkspace.Scratch</c> (reused per thread: no allocation in steady state), whose contents are dropped.
/// </summary>
internal static class CollectionArguments
{
    /// <summary>An array passed where a span is expected keeps its adjoint array, which converts the same way.</summary>
    public static IOperation Unwrap(IOperation argument) =>
        argument is IConversionOperation { IsImplicit: true, Operand: { Type: IArrayTypeSymbol } operand } conversion &&
        conversion.Type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan" }
            ? operand
            : argument;

    /// <summary>A static readonly field: the same array wherever it is read, so it need not be saved for the reverse sweep.</summary>
    public static bool IsStable(IOperation value) => value is IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } };

    /// <summary>A parameter with an adjoint, or a version of a local array: the only values whose adjoint the caller holds whole.</summary>
    public static bool CarriesItsAdjoint(Node node) =>
        node.AdjointName.Length > 0 && (node is { Gate: GateKind.Parameter } || node.Type == ScalarType.Array);

    /// <summary>
    /// How the emitter makes the scratch adjoint (<see cref="CallInfo.Scratch"/>): "double[]" from an array
    /// argument (or null) by <c>Scratch&lt;double&gt;(array)</c>, "double" from a span by its length.
    /// </summary>
    public static string ScratchKind(IOperation argument, IParameterSymbol parameter)
    {
        ITypeSymbol? element = parameter.Type switch
        {
            IArrayTypeSymbol array => array.ElementType,
            INamedTypeSymbol { TypeArguments.Length: 1 } span => span.TypeArguments[0],
            _ => null,
        };
        string keyword = element?.SpecialType == SpecialType.System_Single ? "float" : "double";
        var value = argument is IConversionOperation { IsImplicit: true } c ? c.Operand : argument;
        return value.Type is null or IArrayTypeSymbol ? keyword + "[]" : keyword;
    }
}
