using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// ConstantRenderer: a type or declaration pattern on a value that carries a gradient (issue 13, idioms11). Where the test
/// is decided by the static type alone (<c>x is double d</c>, <c>x is var v</c>, <c>case double v:</c> with
/// <c>double x</c>) it is <c>true</c> and the variable is the tested value itself, gradient and all. A test the static type
/// does not decide (a nullable, an object, a sequence tested for <c>double[]</c>) would choose between paths by something
/// the gradient cannot see, so it stays ADG0003 at the pattern.
/// </summary>
internal sealed partial class ConstantRenderer
{
    /// <summary>True when <paramref name="declaration"/> matches every value of <paramref name="tested"/>'s static type.</summary>
    private bool AlwaysMatches(IOperation tested, IDeclarationPatternOperation declaration)
    {
        if (!TypePatterns.MatchesEveryValue(declaration)) return false;
        // 'case var v' on a differentiated switch selector: the selector's lowered node, of whatever type it carries.
        if (_activePatternValue >= 0) return true;
        return tested.Type is { SpecialType: SpecialType.System_Double or SpecialType.System_Single };
    }

    /// <summary>
    /// The node a differentiated local or parameter holds now, which the pattern's variable aliases; -1 for anything else
    /// (an element, arithmetic: not stored, so the caller asks for a local first).
    /// </summary>
    private int VariableNode(IOperation tested) => tested switch
    {
        ILocalReferenceOperation local => _context.Current(local.Local),
        IParameterReferenceOperation parameter when LambdaParameter(parameter.Parameter) is null => _context.Current(parameter.Parameter),
        _ => -1,
    };
}
