using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Helpers;

/// <summary>The top of an operation tree: a method's body block, which per-method analyses are keyed and scanned by.</summary>
internal static class OperationRoots
{
    /// <summary>The operation at the top of <paramref name="op"/>'s tree (no parent).</summary>
    public static IOperation Of(IOperation op)
    {
        while (op.Parent is not null) op = op.Parent;
        return op;
    }
}
