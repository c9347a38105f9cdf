using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// ConstantRenderer: <c>data is double[] array</c> on a list or sequence parameter that carries a gradient
/// (<see cref="SequenceDispatch"/>, idioms14a). The test is the parameter's run-time type, written as it is (every
/// generated method has the parameter); the variable is bound to a copy of the elements, made before the test.
/// </summary>
internal sealed partial class ConstantRenderer
{
    private string? SequenceTest(IIsPatternOperation test)
    {
        var matched = SequenceDispatch.MatchedArray(test.Pattern)!;
        var tested = SequenceDispatch.Strip(test.Value);
        string text = SequenceDispatch.TestText(tested, matched);
        if (test.Pattern is not IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol named } declaration) return text;
        int copy = _context.CopySequence?.Invoke(test.Value, named, matched) ?? -1;
        if (copy < 0) return Rejected(declaration, "A type test of the sequence '" + Describe.Snippet(tested.Syntax) + "' the method does not follow as a list", "keep the sequence path only (foreach over it)");
        // Bound even where refused below, so the variable's uses bring no follow-up error.
        _context.Assign(named, copy);
        if (SequenceDispatch.WriteThrough(named, test, OnlyReads) is { } write)
        {
            return Unsupported(declaration, "A type test of the sequence '" + Describe.Snippet(tested.Syntax) + "', which carries a gradient, whose array '" + named.Name
                + "' is then written ('" + Describe.Snippet(write.Syntax) + "': the array is the caller's, which the sequence path would see changed)",
                "copy it first (var copy = " + named.Name + ".ToArray();) and write the copy, or keep the sequence path only");
        }
        return text;
    }

    /// <summary>
    /// A call that only reads the array it is passed: LINQ, or a method in source the write scan finds never writing that
    /// parameter, neither as a call nor inlined (a plain helper writing its array argument is inlined since idioms14b, so
    /// its own refusal no longer stands between the write and the copy).
    /// </summary>
    private bool OnlyReads(IInvocationOperation call, IArgumentOperation argument) =>
        LinqCalls.IsEnumerable(call.TargetMethod)
        || argument.Parameter is { } p && call.TargetMethod.DeclaringSyntaxReferences.Length > 0 && _context.Writes is { } writes
            && !writes.WritesCalledOrInlined(call.TargetMethod, p.Ordinal);
}
