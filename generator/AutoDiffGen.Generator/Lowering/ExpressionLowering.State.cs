using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>Reads of the object's members under <c>[Differentiable(WithRespectToThis = true)]</c> (see <see cref="ThisState"/>).</summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>A member of this object that is an input (its node varies), or one that holds reals without being one.</summary>
    private bool StateVaried(ISymbol member, ITypeSymbol? type)
    {
        if (member.IsStatic) return false;
        int node = _context.Current(member);
        return node >= 0 ? IsVariedNode(node) : type is not null && !PiecewiseConstant.IsDiscrete(type) && ThisState.IsUnaccountedRealMember(member, type);
    }

    /// <summary>A varied read of a member of this object: its parameter node, or an error naming why it has none.</summary>
    private int StateMember(ISymbol member, IOperation op, string? userName)
    {
        int node = _context.Current(member);
        if (node >= 0) return Reference(node, op, userName);
        if (ThisState.IsDifferentiableType(member is IFieldSymbol f ? f.Type : ((IPropertySymbol)member).Type) && !ThisState.Settable(member) && (member is not IPropertySymbol auto || IsAutoProperty(auto)))
        {
            _context.ReportUnsupportedExpression(op, "A read of the " + (member is IFieldSymbol ? "readonly field '" : "get-only property '") + member.Name
                + "' in a method with WithRespectToThis (its gradient cannot be added into dThis." + member.Name + ")",
                "make it settable, or mark it [NoDiff] to keep it a constant");
            return Placeholder(op);
        }
        string kind = member is IPropertySymbol p && !IsAutoProperty(p) ? "the computed property '" : member is IPropertySymbol ? "the property '" : "the field '";
        _context.ReportUnsupportedExpression(op, "A read of " + kind + member.Name + "', whose type '"
            + op.Type?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "' has no gradient in dThis (WithRespectToThis gives one to settable double, float, double[] and float[] fields and auto-properties)",
            "read the fields it is made of, or mark the member [NoDiff] to keep it a constant");
        return Placeholder(op);
    }

    /// <summary>The member of this object an array expression reads (<c>W</c>, <c>this.W</c>), under the opt-in.</summary>
    private ISymbol? StateSymbol(IOperation array) => !_context.WithRespectToThis ? null : array switch
    {
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation, Field: { IsStatic: false } f } => f,
        IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Property: { IsStatic: false, IsIndexer: false } p } => p,
        _ => null,
    };

    /// <summary>
    /// Under the opt-in, a call to an instance method of this object may read its state: the callee's Backward would not
    /// return that part of the gradient, so the call is reported rather than differentiated without it.
    /// </summary>
    private bool ReportStateCall(IMethodSymbol method, IOperation? instance, IOperation at)
    {
        if (!_context.WithRespectToThis || method.IsStatic || instance is not IInstanceReferenceOperation) return false;
        _context.ReportUnsupportedExpression(at, "A call to the instance method '" + method.Name + "' of this object in a method with WithRespectToThis (it may read the object's state, whose gradient its Backward does not return)",
            "make the helper static and pass it the fields it reads (Dot(W, x)), or write its body inline");
        return true;
    }

    private static bool IsAutoProperty(IPropertySymbol property)
    {
        foreach (var m in property.ContainingType.GetMembers())
        {
            if (m is IFieldSymbol f && SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property)) return true;
        }
        return false;
    }
}
