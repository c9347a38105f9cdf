using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A local double[]/float[] as people create it: <c>new T[n]</c>, an initializer (<c>new[] { x, y }</c>,
/// <c>new double[] { … }</c>, <c>double[] a = { … }</c>), a collection expression (<c>[x, y]</c>, C# 12), or the array
/// an expanded <c>params</c> call builds, or a <c>stackalloc</c> span (<see cref="StackAllocSpans"/>). Each is <c>new T[n]</c> followed by one store per element, so the element
/// values get the same reverse rule as <c>a[i] = v</c>. Inside a loop the array is fresh every iteration; the
/// reverse sweep takes each iteration's array back from a stack (named in the node's text) when it needs it.
/// </summary>
internal static class ArrayCreation
{
    /// <summary>
    /// Lowers <paramref name="value"/> into a new local array named <paramref name="name"/>; returns its last version,
    /// or -1 after reporting why it cannot.
    /// </summary>
    public static int Lower(LoweringContext context, ExpressionLowering expressions, IArrayTypeSymbol type, IOperation value, string name, string adjoint, bool inLoop)
    {
        var creation = Unwrap(value);
        // new T[n], an initializer or a collection expression; else a stackalloc, a copy, or a form reported here.
        if (!TryRead(value, out var size, out var elements))
        {
            switch (creation)
            {
                case ICollectionExpressionOperation collection when collection.Elements.FirstOrDefault(e => e is ISpreadOperation) is { } spread:
                    context.ReportUnsupportedExpression(spread, "A spread element in a collection expression",
                        "list the elements one by one, or create the array with new double[n] and copy the values in a loop");
                    return -1;
                case var _ when StackAllocSpans.TryRead(creation, out var stackSize, out var stackElements):
                    // Span<double> a = stackalloc double[n]: the generated code keeps it as a local array (StackAllocSpans).
                    size = stackSize;
                    elements = stackElements;
                    break;
                case IArrayElementReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: true } when !context.IsActive(creation):
                    // var x = features[n] over a [NoDiff] list or jagged array: the row is a constant, read where it is.
                    context.ReportUnsupportedExpression(value, "A local array naming a row of a constant collection",
                        "read its elements through the collection where they are used (" + Describe.Snippet(creation.Syntax) + "[j]), or copy them into a local array created with new double[n]");
                    return -1;
                default:
                    // A copy of an array or span: an array of its own whose adjoint goes back into the original's (ExpressionLowering.Copies).
                    if (expressions.LowerCopy(value, type, name, adjoint) is var copy && copy != -2) return copy;
                    // x.Select(v => f(v)).ToArray(), x.OrderBy(v => v).ToArray(): the loop LINQ runs, into a new array (ExpressionLowering.LinqArrays).
                    if (expressions.LowerLinqArray(value, type, name, adjoint) is var linq && linq != -2) return linq;
                    if (creation is IParameterReferenceOperation or ILocalReferenceOperation)
                    {
                        // Another name for the same array: a store through one would change what the other reads, which the graph does not follow.
                        context.ReportUnsupportedExpression(value, "A second name for the array '" + creation.Syntax + "' (both would name the same array)",
                            "use '" + creation.Syntax + "' itself, or copy it: var copy = (double[])" + creation.Syntax + ".Clone(); (or " + creation.Syntax + ".ToArray()), whose writes leave the original alone");
                        return -1;
                    }
                    // double[] r = ToRadians(a): a plain helper returning a new array, inlined; the array it made is this local (idioms16a).
                    if (expressions.LowerArrayHelper(creation) is var returned && returned != -2) return returned;
                    if (creation is IInvocationOperation { TargetMethod: { DeclaringSyntaxReferences.Length: > 0 } helper } made && !Derivatives.DerivativeResolver.IsDifferentiable(helper))
                    {
                        // double[] sigmaW = Multiply(cov, w) (natural15): say how to write the helper so that it is differentiated in place.
                        context.ReportUnsupportedExpression(value, "A local array returned by the helper '" + helper.ContainingType.Name + "." + helper.Name + "' (a helper returning a new array is not differentiated yet)",
                            "make it void and pass it the array to fill: double[] " + name + " = new double[n]; " + helper.Name + "(" + string.Join(", ", made.Arguments.Select(a => Describe.Snippet(a.Value.Syntax)).Concat(new[] { name })) + "); a void helper writing into the arrays it is passed is differentiated in place");
                        return -1;
                    }
                    context.ReportUnsupportedExpression(value, "A local array not created as 'new T[n]', an initializer, a collection expression or a copy",
                        "create it where it is declared: new double[n], new[] { x, y } or [x, y], or copy an array or span that carries a gradient: (double[])x.Clone(), x.ToArray(), x.AsSpan(s, n).ToArray(), x[a..b]");
                    return -1;
            }
        }

        string typeName = type.ToDisplayString(SymbolNames.TypeFormat);
        int sizeNode = SizeNode(context, size, elements?.Count ?? 0);
        if (sizeNode < 0) return -1;
        string stack = inLoop ? context.Names.Fresh(name + "Arrays") : "";
        int array = context.AddArrayNode(GateKind.NewArray, typeName, name, adjoint, isInline: false, new[] { sizeNode }, stack);
        if (elements is null) return array;

        var elementType = ExpressionLowering.TypeOf(type.ElementType);
        for (int i = 0; i < elements.Count; i++)
        {
            int index = context.AddConstant(i.ToString(CultureInfo.InvariantCulture), ScalarType.Other, "int", null, isAtom: true);
            int stored = expressions.Lower(elements[i], null);
            if (context.Nodes[stored].Type != elementType && context.Nodes[stored].Type is ScalarType.Double or ScalarType.Float)
            {
                stored = context.AddGate(GateKind.Convert, elementType, null, stored);
            }
            array = context.AddArrayNode(GateKind.Store, typeName, name, adjoint, isInline: true, new[] { array, index, stored });
        }
        return array;
    }

    /// <summary>
    /// The forms of a new array: <c>new T[n]</c> (its size), an initializer or a collection expression without a spread
    /// (its elements); false for anything else.
    /// </summary>
    public static bool TryRead(IOperation value, out IOperation? size, out IReadOnlyList<IOperation>? elements)
    {
        (size, elements) = Unwrap(value) switch
        {
            IArrayCreationOperation { DimensionSizes.Length: 1, Initializer: null } sized => (sized.DimensionSizes[0], (IReadOnlyList<IOperation>?)null),
            IArrayCreationOperation { DimensionSizes.Length: 1, Initializer: { } initializer } => (null, initializer.ElementValues),
            ICollectionExpressionOperation collection when !collection.Elements.Any(e => e is ISpreadOperation) => (null, collection.Elements),
            _ => (null, null),
        };
        return size is not null || elements is not null;
    }

    /// <summary>The node of a new array's length: <paramref name="size"/> rendered as a constant, or <paramref name="count"/> elements; -1 after a report.</summary>
    public static int SizeNode(LoweringContext context, IOperation? size, int count)
    {
        if (size is null) return context.AddConstant(count.ToString(CultureInfo.InvariantCulture), ScalarType.Other, "int", null, isAtom: true);
        var renderer = new ConstantRenderer(context);
        string? text = renderer.Render(size);
        return text is null ? -1 : context.AddConstant(text, ScalarType.Other, "int", null, isAtom: true, renderer.Dependencies);
    }

    /// <summary>The creation behind the implicit conversions the compiler adds (a collection expression's target type).</summary>
    private static IOperation Unwrap(IOperation value)
    {
        while (value is IConversionOperation { IsImplicit: true } c && (c.Operand.Type is null or IArrayTypeSymbol || c.Operand is ICollectionExpressionOperation))
        {
            value = c.Operand;
        }
        return value;
    }
}
