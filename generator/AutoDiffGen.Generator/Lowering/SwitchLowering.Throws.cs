using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A switch expression's arm that throws (<c>_ =&gt; throw new ArgumentOutOfRangeException(nameof(link))</c>): the
/// throw stays in the forward sweep, in its branch, as a <c>throw</c> statement does (StatementLowering.Throws), and
/// the arm gives no value: where the branches meet, the expression is the other side's value, with no phi.
/// </summary>
internal sealed partial class SwitchLowering
{
    /// <summary>What an arm gives in place of a node when it throws.</summary>
    private const int Throws = -2;

    private int ArmValue(IOperation value, System.Func<IOperation, int> lower)
    {
        // The compiler converts a throw expression to the switch's type.
        var operand = value is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : value;
        if (operand is not IThrowOperation thrown) return lower(value);
        if (thrown.Exception is not { } exception)
        {
            _context.ReportUnsupportedExpression(thrown, "A rethrow ('throw;')", "move error handling out of the differentiable method");
            return -1;
        }
        if (exception is IConversionOperation { IsImplicit: true } toException) exception = toException.Operand;
        var renderer = new ConstantRenderer(_context);
        string? text = renderer.RenderEffect(exception);
        if (text is null) return -1;
        _context.AddEffect(GateKind.Throw, "throw " + text, renderer.Dependencies);
        return Throws;
    }

    private int OneSideThrows(int test, Block then, Block otherwise, int whenTrue, int whenFalse, string label)
    {
        if (whenTrue == Throws && whenFalse == Throws)
        {
            _context.AddItem(new IfItem(test, then, otherwise, EquatableArray<int>.Empty, label));
            return Throws;
        }
        int value = whenTrue == Throws ? whenFalse : whenTrue;
        if (value < 0) return -1;
        _context.AddItem(new IfItem(test, then, otherwise, EquatableArray<int>.Empty, label));
        return value;
    }
}
