using System.Collections.Generic;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Arrays as arguments of [Differentiable] callees and [DerivativeOf] methods, beyond a plain array: slices
/// (<c>x.AsSpan(s, n)</c>, <c>x.AsSpan(s)</c>, <c>x[a..b]</c>, <c>span.Slice(s, n)</c>, <c>span[a..]</c>) passed as spans, whose
/// adjoint is the same slice of the array's adjoint; a local array stored into after the call, passed as a snapshot
/// (<see cref="GateKind.CopyArray"/>) so the callee's derivative sees the values the call saw; the array an expanded
/// <c>params</c> call builds (<see cref="ArrayCreation"/>); and <c>x[^k]</c>, read as <c>x[x.Length - k]</c>.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>Arguments already lowered (an expanded params array): <see cref="CollectionArgument"/> takes them as they are.</summary>
    private readonly Dictionary<IOperation, int> _preLowered = new();

    /// <summary>
    /// Lowers an expanded params argument list (<c>Sum(x, y, z)</c>) of a double[]/float[] parameter into a new local array;
    /// false when the parameter is of another type.
    /// </summary>
    private bool LowerParamsArray(IArgumentOperation argument, out int node)
    {
        node = -1;
        if (argument.Parameter?.Type is not IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double or SpecialType.System_Single } type) return false;
        string name = _context.Names.Fresh(argument.Parameter.Name);
        node = ArrayCreation.Lower(_context, this, type, argument.Value, name, _context.Names.Fresh(NameAllocator.AdjointBase(name)), _context.LoopDepth > 0);
        if (node >= 0) _preLowered[argument.Value] = node;
        return true;
    }

    /// <summary>
    /// An array created at the call for an array or span parameter (<c>Sum(new[] { x, y })</c>, <c>Sum(new double[] { … })</c>,
    /// <c>Sum([x, y])</c>, <c>SumSpan([x, y])</c>, <c>SumSpan(stackalloc double[] { x, y })</c>): lowered as a new local array, as an expanded params call is, so the
    /// callee's adjoint is that array's. Inside a loop it is fresh every iteration. -2 when <paramref name="argument"/>
    /// is no such creation, -1 after an error.
    /// </summary>
    private int TemporaryArrayArgument(IOperation argument, IParameterSymbol parameter)
    {
        var value = argument;
        while (value is IConversionOperation { IsImplicit: true } conversion) value = conversion.Operand;
        if (value is not (IArrayCreationOperation { DimensionSizes.Length: 1 } or ICollectionExpressionOperation) && !StackAllocSpans.IsStackAlloc(value)) return -2;
        ITypeSymbol? element = parameter.Type switch
        {
            IArrayTypeSymbol { Rank: 1 } array => array.ElementType,
            INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", TypeArguments.Length: 1 } span => span.TypeArguments[0],
            _ => null,
        };
        if (element?.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single)) return -2;
        var type = _compilation.CreateArrayTypeSymbol(element);
        string name = _context.Names.Fresh(parameter.Name);
        return ArrayCreation.Lower(_context, this, type, value, name, _context.Names.Fresh(NameAllocator.AdjointBase(name)), _context.LoopDepth > 0);
    }

    /// <summary>
    /// A slice passed for a span parameter: a <see cref="GateKind.View"/> over the array or span it is taken from;
    /// -2 when <paramref name="argument"/> is no slice, -1 after an error.
    /// </summary>
    private int SliceArgument(IOperation argument, IParameterSymbol parameter)
    {
        var value = argument;
        while (value is IConversionOperation { IsImplicit: true } conversion && IsArrayOrSpan(conversion.Operand.Type)) value = conversion.Operand;
        if (!TrySlice(value, out var receiver, out var start, out var length, out var range)) return -2;

        // A slice of a slice is one slice of the array it is finally taken of (ExpressionLowering.NestedSlices).
        var levels = SliceLevels(new SliceLevel(start, length, range), CollectionArguments.Unwrap(receiver), out var receiverValue);
        bool varied = IsVaried(receiverValue);
        if (parameter.Type is IArrayTypeSymbol)
        {
            if (!varied) return -2;
            _context.ReportUnsupportedExpression(argument, "A slice of an array that carries a gradient, passed where the callee takes an array (the slice is a copy)",
                "make the callee's parameter a ReadOnlySpan<double> and pass x.AsSpan(start, length): its adjoint is then that slice of the caller's");
            return -1;
        }
        int array = Lower(receiverValue, null);
        // Stored into after the call: the slice is taken of a copy made at the call (see Snapshot). A local array that
        // carries no gradient here lowers to a constant naming it, whose slice the reverse sweep would read with its later
        // values (a wrong gradient for the other arguments): its tracked version is copied, as CollectionArgument does.
        if (CollectionArguments.StoredLater(receiverValue, WritesInto) && (_context.Nodes[array] is { Type: ScalarType.Array } ? array : TrackedArray(receiverValue)) is { } stored)
        {
            array = Snapshot(stored, receiverValue);
        }
        // Hessian mode: a slice of a local array passed in a loop is taken of a copy made at the call, as the array itself would
        // be (hess18; CopiedInAHessianLoop, hess17), so the product keeps each iteration's values and tangents for its reverse sweep.
        else if (varied) array = CopiedInAHessianLoop(array, receiverValue);
        var arrayNode = _context.Nodes[array];
        if (varied && !CollectionArguments.CarriesItsAdjoint(arrayNode))
        {
            _context.ReportUnsupportedExpression(argument, "A slice of an array or span that carries a gradient, taken of anything but a parameter or a local array");
            return -1;
        }
        string of = arrayNode.Name + ".Length";
        var dependencies = new List<int> { array };
        var renderer = new ConstantRenderer(_context);
        if (!ComposedBounds(levels, of, renderer, dependencies, out string startText, out string? lengthText)) return -1;
        var inputs = new List<int> { array, _context.AddConstant(startText, ScalarType.Other, "int", null, isAtom: false, dependencies) };
        if (lengthText is not null) inputs.Add(_context.AddConstant(lengthText, ScalarType.Other, "int", null, isAtom: false, dependencies));
        // A stackalloc span local is an array in the generated code: sliced as one.
        string method = receiverValue.Type is IArrayTypeSymbol || _context.Nodes[array].Type == ScalarType.Array ? "AsSpan" : "Slice";
        string typeName = value.Type?.ToDisplayString(SymbolNames.TypeFormat) ?? "global::System.Span<double>";
        return _context.AddView(typeName, method, inputs.ToArray());
    }

    /// <summary>
    /// A slice as written: <c>x.AsSpan(…)</c>, <c>span.Slice(…)</c>, <c>x[a..b]</c>; its receiver and its start, length
    /// or range (null where not written). False when <paramref name="value"/> is no slice.
    /// </summary>
    private static bool TrySlice(IOperation value, out IOperation receiver, out IOperation? start, out IOperation? length, out IOperation? range)
    {
        receiver = value;
        start = null;
        length = null;
        range = null;
        switch (value)
        {
            case IInvocationOperation { TargetMethod: { Name: "AsSpan", ContainingType.Name: "MemoryExtensions" } } call
                when call.Arguments.Length >= 1 && call.Arguments[0].Value.Type is IArrayTypeSymbol:
                receiver = call.Arguments[0].Value;
                foreach (var a in call.Arguments)
                {
                    if (a.Parameter is null || a.Parameter.Ordinal == 0) continue;
                    switch (a.Parameter.Type.Name)
                    {
                        case "Range": range = a.Value; break;
                        case "Index": start = a.Value; break;
                        default:
                            if (a.Parameter.Ordinal == 1) start = a.Value;
                            else length = a.Value;
                            break;
                    }
                }
                break;
            case IInvocationOperation { TargetMethod.Name: "Slice", Instance: { Type: INamedTypeSymbol { Name: "Span" or "ReadOnlySpan" } } instance } call:
                receiver = instance;
                start = call.Arguments.Length > 0 ? call.Arguments[0].Value : null;
                length = call.Arguments.Length > 1 ? call.Arguments[1].Value : null;
                break;
            case IArrayElementReferenceOperation { Indices.Length: 1 } element when element.Indices[0].Type?.Name == "Range":
                receiver = element.ArrayReference;
                range = element.Indices[0];
                break;
            case IImplicitIndexerReferenceOperation indexer when indexer.Argument.Type?.Name == "Range":
                receiver = indexer.Instance;
                range = indexer.Argument;
                break;
            default:
                return false;
        }
        return true;
    }

    /// <summary>
    /// The bounds of a slice of an array or span parameter or of a local array, for a foreach over it: the variable and
    /// the int nodes of its first index and of the index past its end; false when <paramref name="collection"/> is no
    /// such slice, or after an error (then <paramref name="failed"/>).
    /// </summary>
    public bool TrySliceOfArray(IOperation collection, out ISymbol? parameter, out int first, out int end, out bool failed)
    {
        parameter = null;
        first = end = -1;
        failed = false;
        var value = collection;
        while (value is IConversionOperation { IsImplicit: true } conversion && IsArrayOrSpan(conversion.Operand.Type)) value = conversion.Operand;
        if (!TrySlice(value, out var receiver, out var start, out var length, out var range)) return false;
        if (ForEachArray(CollectionArguments.Unwrap(receiver)) is not { } p) return false;
        int array = _context.Current(p);
        string of = _context.Nodes[array].Name + ".Length";
        var renderer = new ConstantRenderer(_context);
        var dependencies = new List<int> { array };
        if (!SliceBounds(start, length, range, of, renderer, dependencies, out string startText, out _, out string endText))
        {
            failed = true;
            return false;
        }
        first = _context.AddConstant(startText, ScalarType.Other, "int", _context.Names.Fresh("first"), isAtom: false, dependencies);
        // A slice out of bounds throws where the method would take it, with the exception the slice throws.
        string f = _context.Nodes[first].Name;
        string checkedEnd = "(uint)" + f + " <= (uint)(" + endText + ") && (uint)(" + endText + ") <= (uint)" + of
            + " ? " + endText + " : throw new global::System.ArgumentOutOfRangeException(\"" + p.Name + "\")";
        end = _context.AddConstant(checkedEnd, ScalarType.Other, "int", _context.Names.Fresh("end"), isAtom: false, new List<int>(dependencies) { first });
        parameter = p;
        return true;
    }

    /// <summary>
    /// What a foreach may walk: an array or span parameter, or a local double[]/float[] the method tracks as an array
    /// (created as <c>new T[n]</c>, an initializer, …); null for anything else.
    /// </summary>
    public ISymbol? ForEachArray(IOperation collection)
    {
        switch (collection)
        {
            case IParameterReferenceOperation { Parameter: var p } when p.Type is IArrayTypeSymbol { Rank: 1 } or INamedTypeSymbol { Name: "Span" or "ReadOnlySpan" }:
                return p;
            // A helper's IEnumerable<double> parameter passed an array (ExpressionLowering.SequenceHelperArguments).
            case IParameterReferenceOperation when SequenceStandingForArray(collection) is { } sequence:
                return sequence;
            // A stackalloc span local is carried as a local array too (StackAllocSpans).
            case ILocalReferenceOperation { Local: { IsRef: false, Type: IArrayTypeSymbol { Rank: 1 } or INamedTypeSymbol { Name: "Span" or "ReadOnlySpan" } } local }:
                int current = _context.Current(local);
                return current >= 0 && _context.Nodes[current].Type == ScalarType.Array ? local : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// A slice's bounds over <paramref name="of"/> elements, as C#: its first index, its length (null: to the end) and
    /// the index past its end. False after an error (reported).
    /// </summary>
    private bool SliceBounds(IOperation? start, IOperation? length, IOperation? range, string of, ConstantRenderer renderer,
        List<int> dependencies, out string startText, out string? lengthText, out string endText)
    {
        startText = endText = "";
        lengthText = null;
        // Each bound's dependencies are kept: each render clears the renderer's own list, so a start read only by the
        // slice (int ci = obs[i]; x.AsSpan(ci * 2, 2)) was not computed (CS0103 in the generated code).
        string? Kept(string? text)
        {
            dependencies.AddRange(renderer.Dependencies);
            return text;
        }
        if (range is not null)
        {
            if (UnwrapRange(range) is not { } r)
            {
                Unsupported(range);
                return false;
            }
            string? first = r.LeftOperand is null ? "0" : Kept(IndexText(r.LeftOperand, of, renderer));
            string? end = r.RightOperand is null ? of : Kept(IndexText(r.RightOperand, of, renderer));
            if (first is null || end is null) return false;
            (startText, endText, lengthText) = (first, end, "(" + end + ") - (" + first + ")");
            return true;
        }
        string? from = start is null ? "0" : Kept(IndexText(start, of, renderer));
        if (from is null) return false;
        if (length is not null && (lengthText = Kept(renderer.Render(length))) is null) return false;
        startText = from;
        endText = lengthText is null ? of : "(" + from + ") + (" + lengthText + ")";
        return true;
    }

    private int Unsupported(IOperation op)
    {
        _context.ReportUnsupportedExpression(op, null);
        return -1;
    }

    private static IRangeOperation? UnwrapRange(IOperation op) =>
        op switch
        {
            IRangeOperation r => r,
            IConversionOperation { IsImplicit: true, Operand: var inner } => UnwrapRange(inner),
            _ => null,
        };

    /// <summary>An index as an int: <c>^k</c> is <c>length - k</c>; an int converted to an Index is itself.</summary>
    private string? IndexText(IOperation index, string length, ConstantRenderer renderer)
    {
        while (index is IConversionOperation { IsImplicit: true } c) index = c.Operand;
        if (index is IUnaryOperation { OperatorKind: UnaryOperatorKind.Hat } hat)
        {
            string? k = renderer.Render(hat.Operand);
            return k is null ? null : length + " - " + (hat.Operand.ConstantValue.HasValue ? k : "(" + k + ")");
        }
        if (index.Type?.SpecialType != SpecialType.System_Int32)
        {
            _context.ReportUnsupportedExpression(index, "An index that is not an int or ^k");
            return null;
        }
        return renderer.Render(index);
    }

    /// <summary>
    /// The slot of an element read or store: <c>x[^k]</c> becomes <c>x[x.Length - k]</c>. <paramref name="lengthNode"/>, when
    /// given, is the node <paramref name="arrayName"/> names (an array of structs' component array), declared before the slot.
    /// </summary>
    public int LowerIndex(IOperation index, string arrayName, int lengthNode = -1)
    {
        var inner = index;
        while (inner is IConversionOperation { IsImplicit: true } c) inner = c.Operand;
        if (inner is not IUnaryOperation { OperatorKind: UnaryOperatorKind.Hat }) return Lower(index, null);
        var renderer = new ConstantRenderer(_context);
        string? text = IndexText(inner, arrayName + ".Length", renderer);
        if (lengthNode >= 0) renderer.Dependencies.Add(lengthNode);
        return text is null ? Placeholder(index) : _context.AddConstant(text, ScalarType.Other, "int", null, isAtom: false, renderer.Dependencies);
    }

    /// <summary>
    /// A local array or array parameter passed to a callee and stored into after the call: a copy taken at the call, so the reverse sweep
    /// passes the values the call saw. Inside a loop the copy is fresh every iteration, kept on a stack like a loop array.
    /// </summary>
    private int Snapshot(int array, IOperation at)
    {
        var a = _context.Nodes[array];
        if (a.TypeName.StartsWith("global::System.Span<", System.StringComparison.Ordinal))
        {
            // A written Span parameter has no Clone; its copy would be an array of another type than its versions.
            _context.ReportUnsupportedExpression(at, "Passing the Span parameter '" + a.Name + "', which this method writes into, to a call while it is written before or after",
                "take a double[] parameter for the output instead of a Span<double>, or pass the values through a local array");
            return array;
        }
        string name = _context.Names.Fresh(a.Name + "Seen");
        return _context.AddArrayNode(GateKind.CopyArray, a.TypeName, name, a.AdjointName, isInline: false, new[] { array },
            _context.LoopDepth > 0 ? _context.Names.Fresh(name + "Arrays") : "");
    }

    /// <summary>
    /// For a callee that writes every element of the array before reading it (<see cref="WrittenBeforeRead"/>): a spare
    /// array of the same length for its Backward, whose values nothing reads (<see cref="GateKind.SpareArray"/>), in place of a copy.
    /// </summary>
    private int Spare(int array)
    {
        var a = _context.Nodes[array];
        string name = _context.Names.Fresh(a.Name + "Spare");
        return _context.AddArrayNode(GateKind.SpareArray, a.TypeName, name, a.AdjointName, isInline: false, new[] { array },
            _context.LoopDepth > 0 ? _context.Names.Fresh(name + "Arrays") : "");
    }

    private static bool IsArrayOrSpan(ITypeSymbol? type) =>
        type is IArrayTypeSymbol || type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan" };
}
