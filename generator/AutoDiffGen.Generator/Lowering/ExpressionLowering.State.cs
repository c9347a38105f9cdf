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
            + op.Type?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "' has no gradient in dThis (WithRespectToThis gives one to double, float, double[], double[,] and double[][] fields and auto-properties, and their float twins)",
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
    /// A call to an instance method of this object may read its state. Under the opt-in it is differentiated only when the
    /// callee opts in too (its Backward then adds into the caller's dThis); a callee that opts in is called only that way,
    /// since its Backward takes a dThis. Anything else is reported rather than differentiated without the object's gradient.
    /// </summary>
    private bool ReportStateCall(IMethodSymbol method, IOperation? instance, IOperation at)
    {
        bool calleeState = !method.IsStatic && ThisState.IsOptedIn(method);
        if (PassesState(method, instance)) return false;
        if (calleeState)
        {
            _context.ReportUnsupportedExpression(at, "A call to '" + method.Name + "', which differentiates with respect to its object (WithRespectToThis), "
                + (_context.WithRespectToThis ? "on another object than this one" : "from a method without WithRespectToThis"),
                _context.WithRespectToThis ? "call it on this object (its gradient goes into dThis)" : "add WithRespectToThis = true to this method too, so that the object's gradient flows through the call");
            return true;
        }
        if (!_context.WithRespectToThis || method.IsStatic || instance is not IInstanceReferenceOperation) return false;
        _context.ReportUnsupportedExpression(at, "A call to the instance method '" + method.Name + "' of this object in a method with WithRespectToThis (it may read the object's state, whose gradient its Backward does not return)",
            "mark it [Differentiable(WithRespectToThis = true)], or make it static and pass it the fields it reads (Dot(W, x)), or write its body inline");
        return true;
    }

    /// <summary>A call on this object to a callee that opts in, from a caller that does: its Backward takes the caller's dThis.</summary>
    private bool PassesState(IMethodSymbol method, IOperation? instance) =>
        _context.WithRespectToThis && !method.IsStatic && instance is IInstanceReferenceOperation && ThisState.IsOptedIn(method);

    /// <summary>One varied node that stands for the whole state as a call's input (never read: its adjoint is dThis itself).</summary>
    private int StateInput() => _context.StateNode;

    private static bool IsAutoProperty(IPropertySymbol property)
    {
        foreach (var m in property.ContainingType.GetMembers())
        {
            if (m is IFieldSymbol f && SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property)) return true;
        }
        return false;
    }
}
