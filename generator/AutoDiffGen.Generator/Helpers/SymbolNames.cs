using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Helpers;

/// <summary>How symbols are named in generated code and in the keys that identify them across pipeline steps.</summary>
internal static class SymbolNames
{
    /// <summary>A type as generated code names it: global::-qualified, special types by keyword, keywords escaped.</summary>
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary>A method's identity across pipeline steps: its display string, parameters included, of the generic definition.</summary>
    public static string MethodKey(IMethodSymbol method) => (method.ReducedFrom ?? method).OriginalDefinition.ToDisplayString();
}
