using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// [Differentiable] methods in a class hierarchy (Clad's ClassMethodCall.C and VirtualMethodsCall.C: <c>B.vm</c> overrides
/// <c>A.vm</c>, both marked). The generated <c>vmBackward</c>, <c>vmForward</c>, … are not virtual: a call of them binds
/// to the static type's. A call the runtime dispatches (<c>this.vm(x)</c> in <c>A</c>, <c>a.vm(x)</c> on an <c>A</c>
/// that holds a <c>B</c>) runs <c>B.vm</c> forward, so calling <c>A.vmBackward</c> for it would be a wrong gradient: it
/// is refused at the call, as any virtual call is (<see cref="ObjectReceivers.DispatchRefusal"/>). A call on an object
/// made in the call (<c>new B().vm(x)</c>) runs the type's own body and is kept.
/// </summary>
internal static class VirtualCalls
{
    /// <summary>A call the runtime dispatches to a body the generated code cannot name.</summary>
    public static bool IsDispatched(IOperation at, IMethodSymbol method, IOperation? instance) =>
        at is IInvocationOperation { IsVirtual: true } && instance is not (null or IObjectCreationOperation)
        && ObjectReceivers.DispatchRefusal(method) is not null;

    /// <summary>
    /// <c>base.F(x)</c> where the caller's class (or a class between it and F's) declares a [Differentiable] <c>F</c> of its
    /// own (an override or a <c>new</c> method): the generated call <c>FBackward(…)</c> binds to that class's generated
    /// member, which hides the base's, so it would differentiate the derived body while the forward sweep runs the base's
    /// (the lead's probe, 2026-12-06: a wrong gradient). The generated code has no <c>base.</c> form of the call: refused.
    /// </summary>
    public static bool IsBaseCallToAHiddenMember(IMethodSymbol method, IOperation? instance, INamedTypeSymbol caller)
    {
        if (instance is not IInstanceReferenceOperation { Syntax: Microsoft.CodeAnalysis.CSharp.Syntax.BaseExpressionSyntax }) return false;
        for (var t = caller; t is not null && !SymbolEqualityComparer.Default.Equals(t, method.ContainingType); t = t.BaseType)
        {
            if (t.GetMembers(method.Name).OfType<IMethodSymbol>().Any(m => Derivatives.DerivativeResolver.IsDifferentiable(m))) return true;
        }
        return false;
    }

    /// <summary>
    /// A base class declares a member whose name starts with the method's: the generated members may hide one of them
    /// (CS0108), which a derived class's override or <c>new</c> method means to do.
    /// </summary>
    public static bool HidesInherited(IMethodSymbol method)
    {
        if (method.ContainingType is not { TypeKind: TypeKind.Class } type) return false;
        for (var b = type.BaseType; b is not null && b.SpecialType != SpecialType.System_Object; b = b.BaseType)
        {
            if (b.GetMembers().Any(m => m.Name.StartsWith(method.Name, StringComparison.Ordinal))) return true;
        }
        return false;
    }
}
