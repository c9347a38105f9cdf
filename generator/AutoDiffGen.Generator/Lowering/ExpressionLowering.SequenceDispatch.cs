using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// ExpressionLowering: the array a sequence dispatch binds (<see cref="SequenceDispatch"/>), a copy of the list or
/// sequence parameter's elements made where the test is, as <c>var array = data.ToArray();</c> would make it.
/// </summary>
internal sealed partial class ExpressionLowering
{
    private int CopySequence(IOperation sequence, ILocalSymbol? variable, IArrayTypeSymbol type)
    {
        if (ListLocals.Tracked(_context, sequence) is not { } list || _context.ListCountOf(list) is not { } count) return -1;
        string name = variable is null ? _context.Names.Fresh("array") : _context.NameFor(variable);
        string adjoint = _context.Names.Fresh(NameAllocator.AdjointBase(name));
        return CopyListToArray(list, count, type.ToDisplayString(SymbolNames.TypeFormat), name, adjoint);
    }
}
