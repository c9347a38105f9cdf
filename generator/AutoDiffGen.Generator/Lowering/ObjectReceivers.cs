using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// The receivers of a [Differentiable] instance call besides a local or a parameter (issue 13, QLNet's
/// <c>gaussian_.value(z)</c> and <c>new CumulativeNormalDistribution().derivative(d1)</c>). The reverse sweep calls the
/// callee's Backward on the receiver again, so it must be the object the forward call saw: a <c>readonly</c> field of
/// <c>this</c> names the same object wherever the method reads it (only a constructor assigns it), and an object made in
/// the call is kept as a local's is. What a call in the method changes in that object is <see cref="ObjectChanges"/>'
/// check, made for every receiver of a related class. A field that is not readonly could name another object by the
/// time the Backward runs (the method or any call may assign it), so it keeps the refusal, saying why, unless it is
/// settled (<see cref="SettledFields"/>: private, given only new objects by constructors, of a class no call can change).
/// </summary>
internal static class ObjectReceivers
{
    /// <summary><c>g</c> or <c>this.g</c>: a readonly instance field of this object holding a class object.</summary>
    public static bool IsReadonlyField(IOperation instance) =>
        instance is IFieldReferenceOperation { Field: { IsStatic: false, IsReadOnly: true }, Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }, Type.IsReferenceType: true };

    /// <summary>A readonly field of this, or one as good as readonly (<see cref="SettledFields"/>): the reverse sweep reads it again.</summary>
    public static bool IsHeldField(IOperation instance, Compilation? compilation) =>
        IsReadonlyField(instance) || SettledFields.IsSettled(instance, compilation);

    /// <summary><c>new G(…).Value(x)</c> on a class object made in the call.</summary>
    public static bool IsCreated(IOperation instance) =>
        instance is IObjectCreationOperation { Type: { TypeKind: TypeKind.Class } };

    /// <summary>Why a receiver is refused, and what to write instead (null: the construct's usual hint).</summary>
    public static (string What, string? Instead) Refusal(IOperation instance, IMethodSymbol method) =>
        DispatchRefusal(method) ?? ReceiverRefusal(instance);

    /// <summary>
    /// A virtual, abstract or interface member (G10's <c>parts[i].Energy(x)</c> on an abstract base, natural19): which body
    /// runs is chosen at run time by the object's class, so there is no one method to differentiate; say so and what to write.
    /// </summary>
    public static (string What, string? Instead)? DispatchRefusal(IMethodSymbol method)
    {
        bool dispatched = method.IsVirtual || method.IsAbstract || method.IsOverride && !method.IsSealed && !method.ContainingType.IsSealed
            || method.ContainingType?.TypeKind == TypeKind.Interface;
        if (!dispatched) return null;
        string name = method.ContainingType!.Name + "." + method.Name;
        string kind = method.ContainingType.TypeKind == TypeKind.Interface ? "an interface member" : method.IsAbstract ? "an abstract method" : "a virtual method";
        return ("A call to '" + name + "', " + kind + ", whose body is chosen at run time by the object's class (virtual dispatch cannot be differentiated: there is no one body to differentiate)",
            "call a static or sealed helper per kind instead (a [Differentiable] static double " + method.Name + "(…) of each class, chosen by an if or a switch on the kind), or give the call a derivative with a [DerivativeOf] method");
    }

    private static (string What, string? Instead) ReceiverRefusal(IOperation instance) => instance switch
    {
        IFieldReferenceOperation { Field: { IsStatic: false, IsReadOnly: false } field, Instance: IInstanceReferenceOperation } => (
            "An instance call on the field '" + field.Name + "', which is not readonly (the reverse sweep calls the method's Backward on the field again, and an assignment in between would make it another object; a private field that only constructors give new objects of a class with no state a call could change is taken)",
            "make the field readonly, or copy it into a local before the call (var g = " + field.Name + ";)"),
        IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: false } field } => (
            "An instance call on the static field '" + field.Name + "', which is not readonly (the reverse sweep calls the method's Backward on the field again, and an assignment in between would make it another object)",
            "make the field readonly, or copy it into a local before the call (var g = " + field.Name + ";)"),
        _ => ("An instance call on a computed or differentiated receiver", null),
    };
}
