using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A copy into an array that exists (<see cref="BulkCopies"/>): <c>Array.Copy(x, sx, y, sy, n)</c>, <c>x.CopyTo(y, i)</c>,
/// <c>x.AsSpan(a, n).CopyTo(y.AsSpan(b))</c>. It is a store of each element it copies: the next version of the
/// destination (a local array, or an array or span parameter the method writes into), a
/// <see cref="GateKind.CopyInto"/> over the source (a parameter or a local array, or a constant), the source's and the
/// destination's first indexes and the count. Slices of slices are one slice each, checked level by level as C# checks
/// them (<see cref="ComposedBounds"/>). In loops too, and in forward mode (the destination's tangent takes the source's); a
/// copy within one array or between element types is reported with what to write instead.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>Lowers the copy <paramref name="call"/> makes; false when it is no copy into an array the method follows (nothing reported).</summary>
    public bool LowerCopyInto(IInvocationOperation call)
    {
        if (BulkCopies.Match(call) is not { } parts) return false;
        bool span = parts.Form == BulkCopies.SpanCopyTo;
        if (BulkDestination(parts.Destination, span, out var destinationRoot, out var destinationLevels, out int before) is not { } destination) return false;
        var (sourceRoot, sourceLevels) = Endpoint(parts.Source, span);
        var source = BulkCopies.Variable(sourceRoot);
        if (source is not null && SymbolEqualityComparer.Default.Equals(ArrayAliases.Resolve(source, call), ArrayAliases.Resolve(destination, call)))
        {
            _context.ReportUnsupportedExpression(call, "A copy within one array",
                "copy into another local array first (var t = x.ToArray();), then from it, or move the elements in a for loop");
            return true;
        }
        if (sourceRoot.Type is IArrayTypeSymbol { Rank: > 1 } || destinationRoot!.Type is IArrayTypeSymbol { Rank: > 1 })
        {
            // Array.Copy(a, b, n) of double[,]: same element type, but a copy over a grid's row-major order (idioms25: it said
            // "different element types", untrue).
            var grid = sourceRoot.Type is IArrayTypeSymbol { Rank: > 1 } ? sourceRoot : destinationRoot;
            _context.ReportUnsupportedExpression(call, "A copy of or into the multidimensional array '" + Describe.Snippet(grid.Syntax) + "' (" + grid.Type!.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + ")",
                "copy it element by element in nested for loops (for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) b[i, j] = a[i, j];), which is differentiated");
            return true;
        }
        var sourceElement = ElementType(sourceRoot.Type);
        if (sourceElement is null || !SymbolEqualityComparer.Default.Equals(sourceElement, ElementType(destinationRoot!.Type)))
        {
            // "Different element types" only when both are real arrays or spans and differ; else name what they are.
            if (sourceElement is not null && ElementType(destinationRoot!.Type) is not null)
            {
                _context.ReportUnsupportedExpression(call, "A copy between arrays of different element types", "convert the elements in a for loop (y[i] = (float)x[i])");
            }
            else
            {
                string Of(IOperation o) => o.Type?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) ?? "?";
                _context.ReportUnsupportedExpression(call, "A copy from '" + Describe.Snippet(sourceRoot.Syntax) + "' (" + Of(sourceRoot) + ") into '" + Describe.Snippet(destinationRoot!.Syntax) + "' (" + Of(destinationRoot) + "), not a copy between double or float arrays or spans",
                    "copy the values that carry a gradient element by element in a for loop, or make both double[] (or float[])");
            }
            return true;
        }
        int from = Lower(sourceRoot, null);
        if (from < 0) return true;
        var sourceNode = _context.Nodes[from];
        if (sourceNode.Varied && !CollectionArguments.CarriesItsAdjoint(sourceNode))
        {
            _context.ReportUnsupportedExpression(parts.Source, "A copy of an array or span that carries a gradient, taken of anything but a parameter or a local array",
                "copy from the parameter or local array itself (Array.Copy(x, 0, y, 0, n), x.AsSpan(s, n).CopyTo(y))");
            return true;
        }
        // What the copy stores may have been computed after 'before' was read (a slice's bound reading the array): take the version now.
        before = _context.Current(destination);
        var target = _context.Nodes[before];
        if (target.AdjointName.Length == 0 && sourceNode.Varied)
        {
            _context.ReportUnsupportedExpression(call, "Copying a differentiated array into the [NoDiff] array '" + target.Name + "'",
                "remove [NoDiff] from the parameter, or copy into a local array");
            return true;
        }
        if (!Bounds(parts, sourceLevels, destinationLevels, sourceNode, target, from, before, out var ints)) return true;
        var inputs = new List<int> { before, from };
        inputs.AddRange(ints);
        string text = CopyIntoForms.Text(parts.Form, IsArrayText(sourceNode.TypeName), IsArrayText(target.TypeName), _context.Names.Fresh("k"));
        _context.Assign(destination, _context.AddArrayNode(GateKind.CopyInto, target.TypeName, target.Name, target.AdjointName, isInline: true, inputs.ToArray(), text));
        return true;
    }

    /// <summary>The root of a copy's source or destination, and for the span form its slices (outermost first), or null for none.</summary>
    private static (IOperation Root, List<SliceLevel>? Levels) Endpoint(IOperation value, bool span)
    {
        value = BulkCopies.Value(value);
        if (!span || !TrySlice(value, out var receiver, out var start, out var length, out var range)) return (value, null);
        var levels = SliceLevels(new SliceLevel(start, length, range), CollectionArguments.Unwrap(receiver), out var root);
        return (BulkCopies.Value(root), levels);
    }

    /// <summary>
    /// The int nodes of the source's first index, the destination's, the count and (a span destination's slice with a
    /// length) the destination's length. False after an error (reported).
    /// </summary>
    private bool Bounds(BulkCopies.Parts parts, List<SliceLevel>? sourceLevels, List<SliceLevel>? destinationLevels, Node sourceNode, Node target,
        int from, int before, out List<int> ints)
    {
        ints = new List<int>();
        var renderer = new ConstantRenderer(_context);
        var dependencies = new List<int> { from, before };
        string sourceLength = sourceNode.Name + ".Length";
        string? Render(IOperation? op)
        {
            if (op is null) return "0";
            string? text = renderer.Render(op);
            dependencies.AddRange(renderer.Dependencies);
            return text;
        }
        string? sourceStart, destinationStart, count;
        string? destinationLength = null;
        switch (parts.Form)
        {
            case BulkCopies.SpanCopyTo:
                sourceStart = "0";
                count = sourceLength;
                if (sourceLevels is not null)
                {
                    if (!ComposedBounds(sourceLevels, sourceLength, renderer, dependencies, out sourceStart, out string? length)) return false;
                    count = length ?? sourceLength + " - (" + sourceStart + ")";
                }
                destinationStart = "0";
                if (destinationLevels is not null && !ComposedBounds(destinationLevels, target.Name + ".Length", renderer, dependencies, out destinationStart, out destinationLength)) return false;
                break;
            case BulkCopies.ArrayCopyTo:
                sourceStart = "0";
                destinationStart = Render(parts.DestinationIndex);
                count = sourceLength;
                break;
            default:
                sourceStart = Render(parts.SourceIndex);
                destinationStart = Render(parts.DestinationIndex);
                count = Render(parts.Length);
                break;
        }
        if (sourceStart is null || destinationStart is null || count is null) return false;
        foreach (string text in destinationLength is null ? new[] { sourceStart, destinationStart, count } : new[] { sourceStart, destinationStart, count, destinationLength })
        {
            ints.Add(IntOperand(text, dependencies));
        }
        return true;
    }

    /// <summary>An int index or count of a bulk write: a literal is written as it is, in both sweeps (nothing to tape); else a constant over <paramref name="dependencies"/>.</summary>
    private int IntOperand(string text, List<int> dependencies) =>
        text.Length > 0 && text.All(char.IsDigit) ? _context.AddConstant(text, ScalarType.Other, "int", null, isAtom: true)
            : _context.AddConstant(text, ScalarType.Other, "int", null, isAtom: false, new List<int>(dependencies));

    /// <summary>
    /// The array a bulk or in-place write goes into, as written (<paramref name="value"/>, a slice of it for the span forms):
    /// a local array or a by-value array or span parameter the method follows, and its current version. Null when it is none.
    /// </summary>
    private ISymbol? BulkDestination(IOperation value, bool span, out IOperation root, out List<SliceLevel>? levels, out int before)
    {
        (root, levels) = Endpoint(value, span);
        var variable = BulkCopies.Variable(root);
        before = -1;
        if (variable is null || root is IParameterReferenceOperation { Parameter.RefKind: not RefKind.None }) return null;
        before = _context.Current(variable);
        return before >= 0 && _context.Nodes[before].Type == ScalarType.Array ? variable : null;
    }

    private static bool IsArrayText(string typeName) => typeName.EndsWith("]", System.StringComparison.Ordinal);

    private static ITypeSymbol? ElementType(ITypeSymbol? type) => type switch
    {
        IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double or SpecialType.System_Single } a => a.ElementType,
        INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", TypeArguments: [{ SpecialType: SpecialType.System_Double or SpecialType.System_Single } e] } => e,
        _ => null,
    };
}
