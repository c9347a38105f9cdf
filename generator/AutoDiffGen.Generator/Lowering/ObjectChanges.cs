using System.Linq;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A call that changes a class object (<c>g.Bump()</c> writing <c>g</c>'s fields, <see cref="StatefulCalls"/>) in a method
/// that also calls a [Differentiable] instance method on an object of a related class (<c>g.Value(x)</c>, or
/// <c>Value(x)</c> on <c>this</c>). The reverse sweep calls <c>g.ValueBackward</c> after every forward call, and that
/// Backward computes with the object's fields as they are then: changed, wherever the change stands, for a call before
/// it in a loop or after it. Found by the held-out check 3: <c>var g = new G(); double a = g.Value(x); double b =
/// g.Bump(); return a + b;</c> gave 4x for the derivative 2x. An error at the changing call. Receivers of unrelated
/// classes cannot be the same object; an interface or <c>object</c> could be any. A call on <c>this</c>, a static call
/// and a call handed a class object may reach any object (through this object's fields, static fields, the argument).
/// </summary>
internal static class ObjectChanges
{
    /// <summary>Reports <paramref name="op"/> and returns true when it changes such an object.</summary>
    public static bool Report(IOperation op, IOperation? instance, LoweringContext context, System.Func<Compilation?, bool> changes)
    {
        var changed = IsObject(instance?.Type) ? instance!.Type : null;
        // A method of this object, a static method, or one handed an object may reach the object through fields or the
        // argument (found by idioms16b: 'double b = Poke();' with Poke calling g_.Bump() gave 4x for 2x, as did
        // 'H.Bump2(g)'); what such a call changes is then any object's.
        bool reachesAny = instance is IInstanceReferenceOperation
                          || op is IInvocationOperation made && (made.TargetMethod.IsStatic || made.Arguments.Any(a => IsObject(a.Value.Type) || a.Value.Type is IArrayTypeSymbol { ElementType.IsValueType: false }));
        if (changed is null && !reachesAny) return false;
        var root = OperationRoots.Of(op);
        var differentiated = root.DescendantsAndSelf().OfType<IInvocationOperation>().FirstOrDefault(call =>
            call.Instance?.Type is { IsReferenceType: true } receiver && Derivatives.DerivativeResolver.IsDifferentiable(call.TargetMethod)
            && (reachesAny || Related(receiver, changed!)));
        if (differentiated is null || !changes(op.SemanticModel?.Compilation)) return false;
        string callee = "'" + differentiated.TargetMethod.ContainingType.Name + "." + differentiated.TargetMethod.Name + "'";
        context.ReportUnsupportedExpression(op,
            changed is not null && Related(differentiated.Instance!.Type!, changed)
                ? "A call that changes the object it is made on, in a method that calls the [Differentiable] " + callee + " on an object of the same class (its Backward, in the reverse sweep, would read the changed object),"
                : "A call that changes state (of this object, a static field or an object it is handed), in a method that calls the [Differentiable] " + callee + " on an object it may reach (its Backward, in the reverse sweep, would read the changed object),",
            "change the object before or after the [Differentiable] method, or pass what the change computes as an argument");
        return true;
    }

    /// <summary>A class object or interface a call could change: not a string, an array or a delegate.</summary>
    private static bool IsObject(ITypeSymbol? type) =>
        type is { IsReferenceType: true } && type.SpecialType != SpecialType.System_String && type is not IArrayTypeSymbol && type.TypeKind != TypeKind.Delegate;

    private static bool Related(ITypeSymbol a, ITypeSymbol b) =>
        a.TypeKind == TypeKind.Interface || b.TypeKind == TypeKind.Interface || a.SpecialType == SpecialType.System_Object || b.SpecialType == SpecialType.System_Object
        || Derives(a, b) || Derives(b, a);

    private static bool Derives(ITypeSymbol type, ITypeSymbol from)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t, from)) return true;
        }
        return false;
    }
}
