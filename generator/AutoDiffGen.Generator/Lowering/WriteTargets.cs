using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// The variable or element an operation writes by itself: the target of an assignment (simple or compound) or of an
/// increment, or the value passed as a <c>ref</c>/<c>out</c> argument. Deconstructions and declarations are the callers'
/// to add, since each wants their targets in its own form.
/// </summary>
internal static class WriteTargets
{
    /// <summary>What <paramref name="op"/> writes, or null when it is none of the forms above.</summary>
    internal static IOperation? Of(IOperation op) => op switch
    {
        IAssignmentOperation a => a.Target,
        IIncrementOrDecrementOperation i => i.Target,
        IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => argument.Value,
        _ => null,
    };
}
