using System.Linq;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Math.NET's dispatch on a sequence (issue 13, idioms14a): <c>data is double[] array ? ArrayStatistics.F(array) :
/// StreamingStatistics.F(data)</c> and <c>if (data is double[] arr) {…} else {…}</c>, where <c>data</c> is an
/// <c>IEnumerable&lt;double&gt;</c>, <c>IList&lt;double&gt;</c> (any list or sequence parameter) that carries a gradient.
/// The test is decided at run time, in the forward sweep, as an <c>if</c> on an int is: the same test on the same
/// parameter in every generated method. The array branch's variable is a copy of the sequence's elements (its buffer,
/// as <c>data.ToArray()</c> makes), whose adjoint goes back into the sequence's element by element: the same adjoint the
/// sequence path gives them. A copy rather than the caller's array: the reverse sweep reads the copy's values as they
/// were, whatever a callee does to it. C# names the caller's array itself, so the copy means the same only while nothing
/// writes through the variable; a write (a store, a call that writes its array argument, a ref to an element) keeps the
/// refusal at the pattern.
/// </summary>
internal static class SequenceDispatch
{
    /// <summary>
    /// True for <c>data is T[] v</c> or <c>data is T[]</c> (T the sequence's element type) on a list or sequence parameter
    /// of the method being lowered.
    /// </summary>
    public static bool Applies(IPatternOperation pattern, IOperation tested) => Applies(MatchedArray(pattern), tested);

    /// <summary>True for <c>data is T[]</c> (an is-type test, no pattern) on such a parameter.</summary>
    public static bool Applies(ITypeSymbol? matched, IOperation tested) =>
        Strip(tested) is IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } parameter }
        && Derivatives.ValueKinds.IsRealList(parameter.Type)
        // A List<T> is never an array (CS0184 in the generated test): only the interfaces an array implements.
        && parameter.Type is INamedTypeSymbol { TypeKind: TypeKind.Interface, TypeArguments: [var element] }
        && matched is IArrayTypeSymbol { Rank: 1 } array
        && SymbolEqualityComparer.Default.Equals(array.ElementType, element);

    /// <summary>The test as the generated code writes it: the parameter's run-time type, <c>(data is double[])</c>.</summary>
    public static string TestText(IOperation tested, ITypeSymbol matched) =>
        "(" + Strip(tested).Syntax + " is " + matched.ToDisplayString(Helpers.SymbolNames.TypeFormat) + ")";

    /// <summary>The array type a declaration or type pattern (not negated, not combined) tests for, or null.</summary>
    public static IArrayTypeSymbol? MatchedArray(IPatternOperation pattern) => pattern switch
    {
        IDeclarationPatternOperation { MatchesNull: false, MatchedType: IArrayTypeSymbol { Rank: 1 } array } => array,
        ITypePatternOperation { MatchedType: IArrayTypeSymbol { Rank: 1 } array } => array,
        _ => null,
    };

    /// <summary>
    /// The first operation that writes through <paramref name="variable"/> (a store into an element, <c>ref v[i]</c>, an
    /// assignment of the variable, passing it by ref or to a call that is not known to only read it), or null.
    /// <paramref name="reads"/> says whether a call only reads the array it is passed for an argument.
    /// </summary>
    public static IOperation? WriteThrough(ILocalSymbol variable, IOperation anyInMethod, System.Func<IInvocationOperation, IArgumentOperation, bool> reads)
    {
        var root = OperationRoots.Of(anyInMethod);
        foreach (var op in root.Descendants())
        {
            if (op is not ILocalReferenceOperation { Local: var local } reference || !SymbolEqualityComparer.Default.Equals(local, variable)) continue;
            var up = reference.Parent;
            while (up is IConversionOperation { IsImplicit: true }) up = up.Parent;
            switch (up)
            {
                case IArrayElementReferenceOperation element when IsWritten(element):
                    return element;
                case IAssignmentOperation assignment when assignment.Target == reference:
                    return assignment;
                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument:
                    return argument;
                case IArgumentOperation { Parent: IInvocationOperation call } argument when !reads(call, argument):
                    return argument;
                case IArgumentOperation { Parent: not IInvocationOperation } argument:
                    return argument;
            }
            if (reference.Syntax.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.RefExpressionSyntax) return reference;
        }
        return null;
    }

    private static bool IsWritten(IArrayElementReferenceOperation element)
    {
        var parent = element.Parent;
        if (parent is IAssignmentOperation assignment && assignment.Target == element) return true;
        if (parent is IIncrementOrDecrementOperation) return true;
        if (parent is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out }) return true;
        return element.Syntax.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.RefExpressionSyntax;
    }

    public static IOperation Strip(IOperation op)
    {
        while (op is IConversionOperation { IsImplicit: true } c) op = c.Operand;
        return op;
    }
}
