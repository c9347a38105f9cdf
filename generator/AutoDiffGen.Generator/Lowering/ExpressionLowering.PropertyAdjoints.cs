namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// An argument whose adjoint is a property (<c>dP.X</c> of a record struct, <c>dThis.W</c>): C# passes no property by
/// <c>ref</c> (CS0206), so the callee's Backward adds into a zeroed local that the reverse sweep then adds into the property.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>The scratch local's name: <c>dP_X</c> for <c>dP.X</c>.</summary>
    private string PropertyScratch(int node) => _context.Names.Fresh(_context.Nodes[node].AdjointName.Replace('.', '_'));
}
