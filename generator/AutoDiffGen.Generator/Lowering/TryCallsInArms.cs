using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A Try-shaped plain helper called in a switch expression's arm (issue 13, idioms14a: <c>k switch { 0 =&gt;
/// TryG(x, out var r) ? r : 0, … }</c>). SwitchLowering lowers each arm's value in a block of its own (a branch of an
/// if/else chain, merged by a phi), so the call runs exactly where C# runs it. What it writes must stay in that arm: the
/// phi merges only the arm's value, so an out argument that is a variable declared in the arm (<c>out var r</c>, whose
/// scope is the arm) is fine, and one naming a variable outside (<c>out r</c>) keeps the refusal (call it in a
/// statement of its own, under an if).
/// </summary>
internal static class TryCallsInArms
{
    /// <summary>
    /// True when <paramref name="call"/> (of the static helper <paramref name="function"/>) is evaluated conditionally only
    /// because it is inside the value of the arm <paramref name="sometimes"/>, and writes nothing but variables declared there.
    /// </summary>
    public static bool ConfinedTo(IInvocationOperation call, IMethodSymbol function, IOperation sometimes) =>
        function.MethodKind == MethodKind.Ordinary && function.IsStatic && PlainTryHelpers.IsTryShaped(function)
        && InArmValues(call, sometimes)
        && call.Arguments.All(a => a.Parameter?.RefKind is not (RefKind.Ref or RefKind.Out) || a.Value is IDeclarationExpressionOperation);

    /// <summary>
    /// <paramref name="op"/> is in the value (not the guard) of <paramref name="sometimes"/>, an arm whose switch expression
    /// runs always, or in turn in an arm's value: anywhere else (<c>a ?? k switch { … }</c>) the arm itself runs only sometimes.
    /// </summary>
    private static bool InArmValues(IOperation op, IOperation? sometimes)
    {
        for (int depth = 0; depth < 16; depth++)
        {
            if (sometimes is null) return true;
            if (sometimes is not ISwitchExpressionArmOperation { Parent: { } @switch } arm || !arm.Value.Syntax.Span.Contains(op.Syntax.Span)) return false;
            op = @switch;
            sometimes = EmbeddedEffects.Conditionally(@switch);
        }
        return false;
    }
}
