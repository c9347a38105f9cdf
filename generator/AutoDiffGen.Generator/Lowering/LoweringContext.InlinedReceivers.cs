using System.Collections.Generic;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// The receivers of the struct methods and computed properties being inlined (ExpressionLowering.InstanceMethods),
/// innermost last: where a part of an inlined body is written as text (a condition, an index), <c>X</c> or
/// <c>this.X</c> there is the receiver's member, not the generated method's <c>this</c> (a static method has none).
/// </summary>
internal sealed partial class LoweringContext
{
    private readonly List<(ITypeSymbol Type, int[] Nodes)> _inlinedReceivers = new();

    public void PushReceiver(ITypeSymbol type, int[] nodes) => _inlinedReceivers.Add((type, nodes));

    public void PopReceiver() => _inlinedReceivers.RemoveAt(_inlinedReceivers.Count - 1);

    /// <summary>True while a body whose receiver has the type <paramref name="type"/> is inlined.</summary>
    public bool InlinesReceiverOf(ITypeSymbol? type) =>
        _inlinedReceivers.Count > 0 && SymbolEqualityComparer.Default.Equals(_inlinedReceivers[_inlinedReceivers.Count - 1].Type, type);

    /// <summary>The node of <c>X</c>/<c>this.X</c> (a real member) of the receiver being inlined, or -1.</summary>
    public int InlinedMember(IOperation op)
    {
        var (instance, member) = op switch
        {
            IFieldReferenceOperation { Instance: IInstanceReferenceOperation i, Field: { IsStatic: false } f } => ((IOperation?)i, RealStructs.MemberName(f)),
            IPropertyReferenceOperation { Instance: IInstanceReferenceOperation i, Property: { IsStatic: false, IsIndexer: false } p } => (i, p.Name),
            _ => (null, ""),
        };
        if (instance is null || !InlinesReceiverOf(instance.Type) || RealStructs.Components(instance.Type) is not { } components) return -1;
        var indices = StructPaths.Under(components, member);
        return indices.Count == 1 ? _inlinedReceivers[_inlinedReceivers.Count - 1].Nodes[indices[0]] : -1;
    }
}
