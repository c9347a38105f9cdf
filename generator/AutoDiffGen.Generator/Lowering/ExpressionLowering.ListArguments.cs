using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A list or sequence passed to a <c>[Differentiable]</c> callee's <c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c>,
/// <c>IReadOnlyList&lt;T&gt;</c>, <c>ICollection&lt;T&gt;</c>, <c>IReadOnlyCollection&lt;T&gt;</c> or <c>IEnumerable&lt;T&gt;</c>
/// parameter (docs/supported.md, "Lists and sequences between methods"). The call is passed a new list of the argument's
/// elements, made at the call as <c>ToList()</c> makes one (<see cref="LowerToList"/>'s loop), and the callee's Backward
/// (or Forward) is called with that list and its adjoint (tangent). A copy rather than the caller's own list, because the
/// callee's Backward runs in the caller's reverse sweep: a local list may hold later values then (an <c>Add</c> or a store
/// after the call) and be longer (its adjoint is sized when the reverse sweep starts, and the callee checks its adjoint's
/// length against the Count it is passed); a sequence parameter's buffer is an <c>IReadOnlyList&lt;T&gt;</c>, which is not
/// every parameter type. The copy is never changed, its adjoint has exactly its Count, and a <c>List&lt;T&gt;</c> is every
/// one of those types. Called rather than inlined: the callee's generated methods already take a list and a <c>T[]</c>
/// adjoint, and a callee reading the sequence several times reads its own buffer. One list per call, as an array passed
/// and stored into later is copied at the call.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>The copy of a list or sequence argument passed to a list parameter of a [Differentiable] callee; -1 after a report.</summary>
    private int ListArgument(IOperation argument, IParameterSymbol parameter)
    {
        var value = CopiedList(LinqCalls.Unwrap(argument));
        string element = ScalarLiterals.TypeKeyword(TypeOf(((INamedTypeSymbol)parameter.Type).TypeArguments[0]));
        if (ListLocals.Tracked(_context, value) is null && value.Type is not IArrayTypeSymbol && !IsLinqChain(value))
        {
            // A list or sequence the method does not follow (a [NoDiff] one, a field, one a method returned): the callee's
            // Backward would be passed it again in the reverse sweep, after whatever changed it.
            _context.ReportUnsupportedExpression(argument, "A sequence passed to the " + parameter.Type.Name + " parameter of the [Differentiable] method '" + ((IMethodSymbol)parameter.ContainingSymbol).Name
                + "' that is not a list or sequence parameter of this method, a local list, an array or a LINQ chain over them",
                "make a local copy first (var l = new List<" + element + ">(); l.AddRange(…);) and pass it");
            return -1;
        }
        if (Sequence(value) is not { } sequence) return -1;
        var copy = new LoweringContext.HiddenVariable(_context.Names.Fresh(parameter.Name.TrimStart('@') + "Passed"));
        var count = new LoweringContext.HiddenVariable(copy.Name + "Count");
        NewList(copy, copy.Name, element, count, Capacity(sequence), _context.LoopDepth > 0);
        return Loop(argument, sequence, new object[] { copy, count }, Describe.Source(argument.Syntax), (_, e) => AppendToList(copy, count, e)) ? _context.Current(copy) : -1;
    }

    /// <summary>
    /// <c>F(l.ToArray())</c> of a list the method follows, passed to an array or span parameter: the array <c>var a = l.ToArray();</c>
    /// would make, made at the call, whose adjoint goes back into the list's; -2 when <paramref name="value"/> is no such copy.
    /// </summary>
    private int ListCopyArgument(IOperation value)
    {
        if (value.Type is not IArrayTypeSymbol type) return -2;
        string name = _context.Names.Fresh("copied");
        return ListToArray(value, type, name, _context.Names.Fresh(NameAllocator.AdjointBase(name)));
    }

    /// <summary>The list a copy is taken of (<c>l.ToArray()</c>, <c>l.ToList()</c> of a list the method follows): the call copies it anyway.</summary>
    private IOperation CopiedList(IOperation value)
    {
        if (value is not IInvocationOperation { TargetMethod.Name: "ToArray" or "ToList" } call) return value;
        var source = call.Arguments.Length == 0 ? call.Instance : call.Arguments.Length == 1 && LinqCalls.IsEnumerable(call.TargetMethod) ? call.Arguments[0].Value : null;
        return source is not null && ListLocals.Tracked(_context, source) is not null ? LinqCalls.Unwrap(source) : value;
    }

    /// <summary>A LINQ chain <see cref="Sequence"/> walks (<c>Select</c>, <c>Where</c>, <c>Zip</c>, <c>Range</c>).</summary>
    private static bool IsLinqChain(IOperation value) =>
        value is IInvocationOperation { Instance: null } call && LinqCalls.IsEnumerable(call.TargetMethod);

    /// <summary>The argument goes to a list or sequence parameter of a [Differentiable] callee, which takes a copy of it (<see cref="ListArgument"/>).</summary>
    private static bool PassedAsList(IInvocationOperation call, IArgumentOperation argument) =>
        argument.Parameter is { } p && Derivatives.ValueKinds.ListPassing(p) is not null && Derivatives.DerivativeResolver.IsDifferentiable(call.TargetMethod);
}
