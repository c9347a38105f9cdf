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
        if (ThrowEffects.Of(value) is not { } thrown) return lower(value);
        return ThrowEffects.Add(_context, thrown) ? Throws : -1;
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
