using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: <c>var w = weights ?? new[] { 1.0, 1.0 };</c> (<see cref="ArrayChoices"/>). The array made in the
/// choice is a local array of its own, kept under the chosen local's name and made before the choice, so the view's tag
/// can name it beside the parameter.
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>Makes the array created in the choice <paramref name="value"/>, if any; false after the error saying why not (reported).</summary>
    private bool DefineChoiceCreation(ILocalSymbol local, IOperation value)
    {
        if (ExpressionLowering.ChoiceCreation(value) is not { } creation) return true;
        if (_loop is not null)
        {
            _context.ReportUnsupportedExpression(creation, "An array created inside a choice between arrays ('" + local.Name + "'), inside a loop",
                "declare the local array before the loop and choose between the two arrays");
            _context.Reject(local);
            return false;
        }
        DefineArray(local, (IArrayTypeSymbol)local.Type, creation);
        return true;
    }
}
