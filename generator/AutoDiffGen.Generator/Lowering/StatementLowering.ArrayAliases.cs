using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: <c>double[] a = workingData;</c>, a second name for an array parameter or local array that
/// neither name leaves (<see cref="ArrayAliases"/>). The local is lowered as the array it names: no node of its own,
/// so its reads and stores are the array's versions.
/// </summary>
internal sealed partial class StatementLowering
{
    private bool TryAliasArray(ISymbol variable, IOperation value)
    {
        if (variable is not ILocalSymbol local || ArrayAliases.TargetOf(local, value) is not { } target) return false;
        if (_context.Current(target) < 0) return false;
        // Declared in a loop, it is met again each time the body is lowered.
        if (SymbolEqualityComparer.Default.Equals(_context.Resolve(local) as ISymbol, target)) return true;
        if (_context.Current(local) >= 0) return false;
        _context.Alias(local, target);
        return true;
    }
}
