using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
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
    /// <summary>
    /// An array passed where a span is expected keeps its adjoint array, which converts the same way; so does a
    /// <c>Span</c> passed where a <c>ReadOnlySpan</c> is (a span parameter, or a stackalloc span local).
    /// </summary>
    public static IOperation Unwrap(IOperation argument) =>
        argument is IConversionOperation { IsImplicit: true, Operand: { Type: IArrayTypeSymbol or INamedTypeSymbol { Name: "Span" } } operand } conversion &&
        conversion.Type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan" }
            ? operand
            : argument;

    /// <summary>
    /// Whether an array or span that carries a gradient (<paramref name="varied"/>) flows into the value, other
    /// than through its Length or an element read (which give numbers, not the array).
    /// </summary>
    public static bool ActiveArrays(IOperation value, System.Func<ISymbol, bool> varied)
    {
        foreach (var op in value.DescendantsAndSelf())
        {
            ISymbol? symbol = op switch
            {
                IParameterReferenceOperation p => p.Parameter,
                ILocalReferenceOperation l => l.Local,
                _ => null,
            };
            if (symbol is null || op.Type is null || !Derivatives.ValueKinds.IsCollection(op.Type) || !varied(symbol)) continue;
            if (op.Parent is IPropertyReferenceOperation || op.Parent is IArrayElementReferenceOperation element && element.ArrayReference == op) continue;
            return true;
        }
        return false;
    }

    /// <summary>
    /// Every operation of the method that holds <paramref name="anyInMethod"/>, with what it stores into when it is an
    /// assignment or an increment (null otherwise): the walk the scans for later stores share.
    /// </summary>
    internal static System.Collections.Generic.IEnumerable<(IOperation Op, IOperation? Target)> OperationsOfMethod(IOperation anyInMethod)
    {
        var root = OperationRoots.Of(anyInMethod);
        foreach (var op in root.DescendantsAndSelf())
        {
            yield return (op, op switch
            {
                IAssignmentOperation a => a.Target,
                IIncrementOrDecrementOperation i => i.Target,
                // (a[i], a[j]) = (…): an element among a deconstruction's targets is stored into too.
                { Parent: ITupleOperation tuple } when ArrayWrites.IsDeconstructionTarget(tuple) => op,
                _ => null,
            });
        }
    }

    /// <summary>
    /// A local array or array parameter passed here and stored into later (after the call, or anywhere in a loop around
    /// it that the array outlives), by a store or by a call that writes into it: the reverse sweep passes the array again,
    /// when it holds the later values, so the callee's Backward needs a copy taken at the call. An array declared inside
    /// the loop is a new one every iteration.
    /// </summary>
    /// <param name="value">The argument.</param>
    /// <param name="writes">Whether a call writes into the array it passes for an argument (<see cref="ArrayWrites"/>): such a call is a store too.</param>
    public static bool StoredLater(IOperation value, System.Func<IInvocationOperation, IArgumentOperation, bool> writes)
    {
        // An array parameter the method writes into (ParameterOutputs) is such an array too.
        ISymbol? local = value switch
        {
            ILocalReferenceOperation l => l.Local,
            IParameterReferenceOperation p => p.Parameter,
            _ => null,
        };
        if (local is null) return false;
        // double[] a = workingData: a store through either name is a store into the one array (ArrayAliases).
        local = ArrayAliases.Resolve(local, value);
        foreach (var (op, target) in OperationsOfMethod(value))
        {
            ISymbol? stored = target is IArrayElementReferenceOperation { ArrayReference: var array } ? SymbolOf(array)
                : target is IPropertyReferenceOperation { Property.IsIndexer: true, Instance: ILocalReferenceOperation span } ? span.Local // a stackalloc span's element
                : target is IPropertyReferenceOperation { Property.IsIndexer: true, Instance: IParameterReferenceOperation spanParameter } ? spanParameter.Parameter // a written Span parameter's element
                : null;
            // Array.Copy(x, y, n), x.AsSpan().CopyTo(y): a store into y (BulkCopies).
            if (op is IInvocationOperation copy && BulkCopies.Variable(BulkCopies.DestinationRoot(copy)) is { } into) stored = into;
            if (op is IInvocationOperation call && !call.Arguments.Any(a => a.Value == value))
            {
                foreach (var argument in call.Arguments)
                {
                    if ((SymbolOf(Unwrap(argument.Value)) ?? SymbolOf(AsBase(argument.Value))) is { } passed && SymbolEqualityComparer.Default.Equals(ArrayAliases.Resolve(passed, value), local) && writes(call, argument)) stored = passed;
                }
            }
            if (stored is not null) stored = ArrayAliases.Resolve(stored, value);
            if (stored is null || !SymbolEqualityComparer.Default.Equals(stored, local)) continue;
            if (op.Syntax.SpanStart > value.Syntax.SpanStart || SharesALoop(op, value, stored)) return true;
        }
        return false;
    }

    /// <summary>An array passed as <c>object</c>, <c>Array</c> or an interface (a helper that is not [Differentiable] may write through it).</summary>
    private static IOperation? AsBase(IOperation argument) =>
        argument is IConversionOperation { IsImplicit: true, Operand: { Type: IArrayTypeSymbol } operand } ? operand : null;

    private static ISymbol? SymbolOf(IOperation? array) => array switch
    {
        ILocalReferenceOperation l => l.Local,
        IParameterReferenceOperation p => p.Parameter,
        _ => null,
    };

    private static bool SharesALoop(IOperation a, IOperation b, ISymbol local)
    {
        var declared = local.DeclaringSyntaxReferences.Length > 0 ? local.DeclaringSyntaxReferences[0].Span : default;
        for (var p = b.Parent; p is not null; p = p.Parent)
        {
            if (p is ILoopOperation && p.Syntax.Span.Contains(a.Syntax.Span) && !p.Syntax.Span.Contains(declared)) return true;
        }
        return false;
    }

    /// <summary>A static readonly field: the same array wherever it is read, so it need not be saved for the reverse sweep.</summary>
    public static bool IsStable(IOperation value) => value is IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } };

    /// <summary>A parameter with an adjoint, or a version of a local array: the only values whose adjoint the caller holds whole.</summary>
    public static bool CarriesItsAdjoint(Node node) =>
        node.AdjointName.Length > 0 && (node is { Gate: GateKind.Parameter } || node.Type == ScalarType.Array);

    /// <summary>
    /// How the emitter makes the scratch adjoint (<see cref="CallInfo.Scratch"/>): "double[]" from an array
    /// argument (or null) by <c>Scratch&lt;double&gt;(array)</c>, "double" from a span by its length. <paramref name="view"/>:
    /// the argument is passed as a span of an array (a slice, also <c>v[1..]</c> of an array, whose type is an array).
    /// </summary>
    public static string ScratchKind(IOperation argument, IParameterSymbol parameter, bool view = false)
    {
        // A double[,] or jagged parameter: a fresh zeroed array of the argument's shape (GridScratch.Like).
        if (Derivatives.ValueKinds.IsGrid(parameter.Type)) return Graph.ScratchKinds.Grid;
        // A list or sequence parameter: the argument is a list (the copy made at the call, ExpressionLowering.ListArguments).
        if (Derivatives.ValueKinds.IsRealList(parameter.Type)) return Graph.ScratchKinds.List(((INamedTypeSymbol)parameter.Type).TypeArguments[0].SpecialType == SpecialType.System_Single ? "float" : "double");
        ITypeSymbol? element = parameter.Type switch
        {
            IArrayTypeSymbol array => array.ElementType,
            INamedTypeSymbol { TypeArguments.Length: 1 } span => span.TypeArguments[0],
            _ => null,
        };
        // An array or span of structs (Vector3[], Complex[]): a zeroed array of the struct, the callee's adjoint shape.
        string keyword = Derivatives.ValueKinds.CarriedElement(parameter.Type) is { } structElement ? structElement.ToDisplayString(Helpers.SymbolNames.TypeFormat)
            : element?.SpecialType == SpecialType.System_Single ? "float" : "double";
        var value = argument is IConversionOperation { IsImplicit: true } c ? c.Operand : argument;
        // A view passed for a span parameter is a span in the generated code, whatever its C# type (v[1..] is an array).
        return !(view && parameter.Type is not IArrayTypeSymbol) && value.Type is null or IArrayTypeSymbol ? keyword + "[]" : keyword;
    }
}
