using System.Collections.Generic;
using System.Linq;
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
    private readonly List<(ITypeSymbol Type, int[] Nodes, LiveReceiver? Live)> _inlinedReceivers = new();

    public void PushReceiver(ITypeSymbol type, int[] nodes) => _inlinedReceivers.Add((type, nodes, null));

    /// <summary>
    /// The receiver of a struct method that writes its own members (<c>v.Scale(k);</c>), inlined: <c>this</c> is the
    /// caller's variable (a member of it under <paramref name="live"/>'s prefix), read and written where it is.
    /// </summary>
    public void PushReceiver(ITypeSymbol type, LiveReceiver live) => _inlinedReceivers.Add((type, new int[0], live));

    /// <summary>The caller's struct variable and the member path to the receiver (empty for the variable itself).</summary>
    internal sealed record LiveReceiver(ISymbol Variable, string Prefix)
    {
        public string PathOf(string member) => Prefix.Length == 0 ? member : member.Length == 0 ? Prefix : Prefix + "." + member;
    }

    /// <summary>The live receiver whose type is <paramref name="type"/> being inlined now, or null.</summary>
    public LiveReceiver? LiveReceiverOf(ITypeSymbol? type) =>
        InlinesReceiverOf(type) ? _inlinedReceivers[_inlinedReceivers.Count - 1].Live : null;

    /// <summary>The receiver's components now, in <see cref="RealStructs.Components"/> order (a live receiver's current versions).</summary>
    public int[] ReceiverNodes(ITypeSymbol type, int[] nodes, LiveReceiver? live) =>
        live is null || RealStructs.Components(type) is not { } components ? nodes
        : components.Select(c => Current(Component(live.Variable, live.PathOf(c.Path)))).ToArray();

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
        var top = _inlinedReceivers[_inlinedReceivers.Count - 1];
        return indices.Count == 1 ? ReceiverNodes(top.Type, top.Nodes, top.Live)[indices[0]] : -1;
    }
}
