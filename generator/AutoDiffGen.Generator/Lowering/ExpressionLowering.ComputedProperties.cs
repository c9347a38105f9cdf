using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A computed property of a struct of reals (<c>public double Speed =&gt; Math.Sqrt(Vx * Vx + Vy * Vy);</c>) read on a
/// struct value is inlined as a pure helper is: its body (one expression, or statements as a local function's) is read
/// from source and lowered where it is read, with <c>this</c> bound to the receiver's components. Inside it, <c>Vx</c>, <c>this.Vy</c> and
/// the struct's other computed properties are those components; anything else the body does is lowered as in any
/// method, so what is not supported there is reported there.
/// </summary>
internal sealed partial class ExpressionLowering
{
    private readonly List<(ISymbol Member, ITypeSymbol Type, int[] Nodes, LoweringContext.LiveReceiver? Live)> _receivers = new();

    /// <summary>The body of a struct of reals' computed property, or null when it is not one this inlines.</summary>
    private InlinedBody? ComputedBody(IPropertySymbol property)
    {
        if (property.IsStatic || property.IsIndexer || RealStructs.IsComponentMember(property) || property.GetMethod is not { } getter
            || !RealStructs.IsBoundaryStruct(property.ContainingType) && !ValueClasses.IsCarried(property.ContainingType) || RealStructs.IsNumericsVector(property.ContainingType)) return null;
        // A body in another compilation (a project reference in the IDE, a DLL in the build) is not read: as CalleeBodies.
        if (getter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not { } syntax || !_compilation.ContainsSyntaxTree(syntax.SyntaxTree)) return null;
        var model = SemanticModels.WithoutNullableAnalysis(_compilation, syntax.SyntaxTree);
        IOperation? body = syntax switch
        {
            ArrowExpressionClauseSyntax arrow => model.GetOperation(arrow),
            AccessorDeclarationSyntax accessor => model.GetOperation(accessor) is IMethodBodyBaseOperation m ? (IOperation?)m.ExpressionBody ?? m.BlockBody : null,
            _ => null,
        };
        return InlinedBody.Of(body as IBlockOperation, getter, "The property '" + property.ContainingType.Name + "." + property.Name + "'");
    }

    /// <summary>The receiver's components while a computed property of <paramref name="type"/> is inlined (<c>this</c> in its body), or null.</summary>
    private int[]? InlinedReceiver(ITypeSymbol? type) =>
        _receivers.Count > 0 && _receivers[_receivers.Count - 1] is var top && SymbolEqualityComparer.Default.Equals(top.Type, type) ? _context.ReceiverNodes(top.Type, top.Nodes, top.Live) : null;

    /// <summary><c>X</c> or <c>this.X</c> inside an inlined computed property's body: the member of the bound receiver.</summary>
    private static bool IsReceiverMember(IOperation op, out IOperation instance, out ISymbol member)
    {
        (instance, member) = op switch
        {
            IFieldReferenceOperation { Instance: IInstanceReferenceOperation i, Field: { IsStatic: false } f } => ((IOperation)i, (ISymbol)f),
            IPropertyReferenceOperation { Instance: IInstanceReferenceOperation i, Property: { IsStatic: false, IsIndexer: false } p } => (i, p),
            _ => (null!, null!),
        };
        return instance is not null;
    }

    /// <summary>
    /// <c>s.Speed</c> (or <c>Speed</c> inside another inlined property): the property's body over the receiver's
    /// components; -2 when <paramref name="op"/> is not such a read.
    /// </summary>
    private int InlineComputedProperty(IOperation op, string? userName)
    {
        if (op is not IPropertyReferenceOperation { Instance: { } instance, Property: var property } || ComputedBody(property) is not { } returned) return -2;
        if (RealStructs.IsRealStruct(property.Type)) return -2;
        if (instance is IInstanceReferenceOperation && InlinedReceiver(instance.Type) is null) return -2;
        var (ok, nodes) = WithReceiver(instance, property, op, () => LowerInlined(returned, op));
        return ok && nodes is { Length: 1 } ? Named(nodes[0], userName, op) : Placeholder(op);
    }

    /// <summary>A computed property holding a struct (<c>public Vector2 Velocity =&gt; new(Vx, Vy);</c>): its body's components.</summary>
    private (bool Handled, int[]? Nodes) InlineComputedStruct(IOperation op)
    {
        if (op is not IPropertyReferenceOperation { Instance: { } instance, Property: var property } || ComputedBody(property) is not { } returned) return (false, null);
        if (instance is IInstanceReferenceOperation && InlinedReceiver(instance.Type) is null) return (false, null);
        var (ok, nodes) = WithReceiver(instance, property, op, () => LowerInlined(returned, op));
        return (true, ok ? nodes : null);
    }

    private (bool Ok, int[]? Nodes) WithReceiver(IOperation instance, ISymbol property, IOperation at, System.Func<int[]?> body)
    {
        if (_receivers.Any(r => SymbolEqualityComparer.Default.Equals(r.Member, property)))
        {
            _context.ReportUnsupportedExpression(at, property is IMethodSymbol ? "A struct method that calls itself" : "A computed property that reads itself", "compute the value in the method");
            return (false, null);
        }
        var receiver = LowerStruct(instance);
        if (receiver is null) return (false, null);
        _receivers.Add((property, instance.Type!, receiver, null));
        _context.PushReceiver(instance.Type!, receiver);
        try
        {
            var nodes = body();
            return (nodes is not null && nodes.All(n => n >= 0), nodes);
        }
        finally
        {
            _receivers.RemoveAt(_receivers.Count - 1);
            _context.PopReceiver();
        }
    }
}
