using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A <c>List&lt;double&gt;</c>, <c>IList&lt;double&gt;</c> or <c>IReadOnlyList&lt;double&gt;</c> parameter (float too) that carries a
/// gradient (docs/supported.md, "List parameters"). It is read as a list local is (<see cref="ListLocals"/>): <c>xs[i]</c>,
/// <c>xs[^k]</c>, <c>Count</c>, <c>foreach</c>, LINQ; its count is <c>xs.Count</c> read once at entry. Its adjoint is a
/// <c>T[]</c> of that Count (as a <c>T[]</c> parameter's is), its tangent a <c>ReadOnlySpan&lt;T&gt;</c>. A method writing into it
/// is refused at the write (ADG0003): the caller's list would change under the reverse sweep.
/// </summary>
internal static class ListParameters
{
    /// <summary>The adjoint type of a list parameter that carries a gradient (<c>double[]</c>), or null for any other parameter.</summary>
    public static string? AdjointType(IParameterSymbol p) =>
        p.RefKind == RefKind.None && Derivatives.ValueKinds.IsRealList(p.Type)
            ? ScalarLiterals.TypeKeyword(ExpressionLowering.TypeOf(((INamedTypeSymbol)p.Type).TypeArguments[0])) + "[]"
            : null;

    /// <summary>The parameter's node (a list read by index, named as the parameter) and its count variable, read once at entry.</summary>
    public static int Declare(LoweringContext lowering, IParameterSymbol parameter, ParameterModel model)
    {
        string element = ScalarLiterals.TypeKeyword(ExpressionLowering.TypeOf(((INamedTypeSymbol)parameter.Type).TypeArguments[0]));
        // Its graph type is List<T>'s whatever the declared interface: the graph renders its length as .Count and its
        // elements as xs[i], which IList<T> and IReadOnlyList<T> have too; the signature keeps the declared type.
        // A sequence's node is its buffer (an IReadOnlyList<T>, Emit/SequenceBuffers), which the generated code reads instead.
        int node = lowering.AddParameter(model.ValuesText, ScalarType.Other, ListTypes.Of(element), true, model.AdjointName!);
        lowering.Assign(parameter, node);
        var count = lowering.DeclareList(parameter);
        lowering.Assign(count, lowering.AddConstant(model.ValuesText + ".Count", ScalarType.Other, "int", lowering.Names.Fresh(parameter.Name + "Count"), isAtom: false, new[] { node }));
        return node;
    }

    /// <summary>What the diagnostic says of a write into a list parameter.</summary>
    public static string Write(string what, ISymbol list) =>
        what + " the List parameter '" + list.Name + "', which carries a gradient (the caller's list would change under the reverse sweep)";

    /// <summary>What to write instead.</summary>
    public const string WriteHint = "copy it into a local list first (var copy = xs.ToList();) and change the copy, or return the new values";
}
