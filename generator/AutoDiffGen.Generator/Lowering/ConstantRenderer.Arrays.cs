using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// ConstantRenderer: arrays created with their elements listed. At a call, for an array or span parameter; and a local
/// <c>int[]</c> or <c>bool[]</c> (<c>int[] range = { 1, 2, 3 };</c>), which carries no gradient: its elements are
/// indexes, counts and flags. Nothing can change such a local after it is created (a store into it, or a call made for
/// its effects, is reported), so the forward sweep's array is the one every later read sees.
/// </summary>
internal sealed partial class ConstantRenderer
{
    /// <summary>The elements of <c>new[] { … }</c>, <c>new T[] { … }</c> or <c>[…]</c> (no spread), or null for any other value.</summary>
    private static IEnumerable<IOperation>? ListedElements(IOperation value) => value switch
    {
        IArrayCreationOperation { DimensionSizes.Length: 1, Initializer: { } initializer } => initializer.ElementValues,
        ICollectionExpressionOperation collection when !collection.Elements.Any(e => e is ISpreadOperation) => collection.Elements,
        _ => null,
    };

    /// <summary><c>new T[] { … }</c> of the rendered elements (every language version reads it); null after an error.</summary>
    private string? NewArray(IEnumerable<IOperation> elements, ITypeSymbol element)
    {
        var parts = new List<string>();
        foreach (var e in elements)
        {
            string? part = RenderPart(e);
            if (part is null) return null;
            parts.Add(part);
        }
        return "new " + element.ToDisplayString(SymbolNames.TypeFormat) + "[] { " + string.Join(", ", parts) + " }";
    }

    /// <summary>
    /// An array created at the call for an array or span parameter, with its elements listed (<c>new[] { … }</c>,
    /// <c>new double[] { … }</c>, <c>[…]</c>): <c>new T[] { … }</c>, cast to the span type where the parameter is a span so
    /// the call binds to the same overload. Null when the argument is no such creation; Rendered false after an error.
    /// </summary>
    private (bool Rendered, string Text)? CreatedAtTheCall(IOperation value, IParameterSymbol parameter)
    {
        while (value is IConversionOperation { IsImplicit: true } c) value = c.Operand;
        ITypeSymbol? element = parameter.Type switch
        {
            IArrayTypeSymbol { Rank: 1 } arrayType => arrayType.ElementType,
            INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", TypeArguments.Length: 1 } span => span.TypeArguments[0],
            _ => null,
        };
        if (ListedElements(value) is not { } elements || element is null) return null;
        if (NewArray(elements, element) is not { } created) return (false, "");
        return (true, parameter.Type is IArrayTypeSymbol ? created : "(" + parameter.Type.ToDisplayString(SymbolNames.TypeFormat) + ")" + created);
    }
}
