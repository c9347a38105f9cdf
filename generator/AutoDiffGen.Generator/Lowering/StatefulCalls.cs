using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Calls whose value may change from one call to the next because they change what the next call sees: an instance
/// method of an object (<c>rng.NextDouble()</c>, <c>Random.Shared.Next(3)</c>, a user's generator class), or a static
/// helper of the user's that makes such a call or writes a static field, or a constructor of the user's that does; a
/// property whose getter does; a method of a struct that lives on (a static field, an object's) writing its fields; a
/// delegate handed in (a field, a parameter). One forward sweep makes each call once and
/// keeps its value, so the method's own Backward is right; but anything that runs the forward sweep again sees other
/// values: a caller's Backward (the callee runs once for its value, then again inside its Backward), and the
/// Jacobian and Hessian matrices (one sweep per row). Those are refused (ADG0032). Reading an object is not a change
/// (<c>list.Contains(k)</c>, <c>dict.TryGetValue(k, out v)</c>), nor is a helper proved pure (<see cref="PureHelpers"/>).
/// </summary>
internal static class StatefulCalls
{
    private const int MaxDepth = 3;

    /// <summary>Members of the collection and object types that only read.</summary>
    private static readonly HashSet<string> Readers = new(System.StringComparer.Ordinal)
    {
        "Contains", "ContainsKey", "ContainsValue", "TryGetValue", "IndexOf", "LastIndexOf", "BinarySearch", "GetValueOrDefault",
        "Exists", "Find", "FindIndex", "FindLast", "FindLastIndex", "TrueForAll", "Equals", "GetHashCode", "ToString", "CompareTo", "GetType",
    };

    public static bool Changes(IInvocationOperation call, Compilation? compilation) => Changes(call, compilation, 0);

    private static bool Changes(IInvocationOperation call, Compilation? compilation, int depth)
    {
        var method = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
        // A constructor's initializer (: this(…), : base(…), and the implicit object() every class constructor starts with)
        // changes what the next call sees only if that constructor's body does (fuzz16: object() made every object made
        // by a constructor of the user's a stateful call, ADG0032 in Hessian mode).
        if (method.MethodKind == MethodKind.Constructor) return ChangesInBody(method, compilation, depth, ownFields: false);
        if (call.Instance is { Type: { } receiver } instance)
        {
            // A struct's method changes only a copy, unless the struct lives on: a static field, a member of an object.
            if (receiver.IsValueType) return !method.IsReadOnly && Lives(instance) && ChangesInBody(method, compilation, depth, ownFields: true);
            // A delegate made in the method is lowered with its body (checked there); one handed in may do anything.
            if (receiver.TypeKind == TypeKind.Delegate) return instance is not ILocalReferenceOperation;
            if (receiver.SpecialType == SpecialType.System_String || receiver is IArrayTypeSymbol) return false;
            if (Readers.Contains(method.Name) && IsLibrary(method)) return false;
            return !PureHelpers.IsPure(method, compilation);
        }
        return method.IsStatic && ChangesInBody(method, compilation, depth, ownFields: false);
    }

    /// <summary>
    /// A call that writes state (<see cref="ObjectChanges"/>): a method of the compilation whose body writes its own object's
    /// fields, a static one, or makes such a call; a library method when <see cref="Changes(IInvocationOperation, Compilation?)"/>
    /// says so. Unlike <see cref="Changes(IInvocationOperation, Compilation?)"/>, a getter-like method that only reads its
    /// object's fields (<c>double Peek() =&gt; s;</c>) changes nothing.
    /// </summary>
    public static bool Writes(IInvocationOperation call, Compilation? compilation)
    {
        var method = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
        return InSource(method, compilation)
            ? ChangesInBody(method, compilation, 0, ownFields: !method.IsStatic, deep: true)
            : Changes(call, compilation);
    }

    /// <summary>An object made by a constructor of the compilation that writes a static field or makes such a call (a counter of instances).</summary>
    public static bool Changes(IObjectCreationOperation creation, Compilation? compilation) =>
        creation.Constructor is { } constructor && ChangesInBody(constructor, compilation, 0, ownFields: false);

    /// <summary>
    /// A property of the compilation whose getter does (<c>public double Next { get { n++; return n * 0.1; } }</c> on an
    /// object, a static <c>Ticker.Now</c> counting its reads): reading it is a call. An instance getter that writes its own
    /// object's fields changes what the next read sees too. Auto-properties and library getters only read.
    /// </summary>
    public static bool Changes(IPropertyReferenceOperation read, Compilation? compilation) => Changes(read, compilation, 0);

    private static bool Changes(IPropertyReferenceOperation read, Compilation? compilation, int depth) =>
        read.Property.GetMethod is { } getter && !IsWritten(read) && ChangesInBody(getter, compilation, depth, ownFields: !getter.IsStatic);

    /// <summary>A struct that outlives the call: a writable static field, a field of an object or an element of an array (not a local's or a parameter's copy).</summary>
    private static bool Lives(IOperation instance) => instance switch
    {
        IFieldReferenceOperation field => !field.Field.IsReadOnly && (field.Field.IsStatic || field.Instance is { } owner && (owner.Type is { IsReferenceType: true } || Lives(owner))),
        IArrayElementReferenceOperation => true,
        ILocalReferenceOperation local => local.Local.IsRef,
        IParameterReferenceOperation parameter => parameter.Parameter.RefKind == RefKind.Ref,
        _ => false,
    };

    private static bool IsLibrary(IMethodSymbol method) =>
        method.ContainingNamespace?.ToDisplayString() is { } ns && (ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal));

    /// <summary>The target of an assignment (its setter runs, not its getter).</summary>
    private static bool IsWritten(IOperation op) =>
        op.Parent is IAssignmentOperation assignment && assignment.Target == op && op.Parent is not ICompoundAssignmentOperation;

    /// <summary>
    /// A method of the compilation (a static helper, a constructor, a getter) whose body makes such a call, reads such a
    /// property or writes state that outlives it: a static field or property, an element or member of what one holds
    /// (<c>buf[0] += 1</c> on a static array), and with <paramref name="ownFields"/> its own object's.
    /// </summary>
    private static bool ChangesInBody(IMethodSymbol method, Compilation? compilation, int depth, bool ownFields, bool deep = false)
    {
        if (compilation is null || method.DeclaringSyntaxReferences.Length != 1) return false;
        // Past the depth a deep judgement cannot tell: taken for a change.
        if (depth >= MaxDepth) return deep;
        var syntax = method.DeclaringSyntaxReferences[0].GetSyntax();
        if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree)) return false;
        if (PureHelpers.IsPure(method, compilation)) return false;
        var body = SemanticModels.WithoutNullableAnalysis(compilation, syntax.SyntaxTree).GetOperation(syntax);
        if (body is null) return false;
        return body.DescendantsAndSelf().Any(op => op switch
        {
            // A chained constructor (': this(0.0, 1.0)', the implicit object()) falls to Changes, which judges it by its body.
            // Deep (Writes): a call on an object of the compilation is judged by its body (g.Peek() reads, g.Bump() writes),
            // not taken for a change as any call on an object is where values must repeat.
            IInvocationOperation { Instance.Type: { IsReferenceType: true } receiver } inner when deep && receiver.SpecialType != SpecialType.System_String && receiver is not IArrayTypeSymbol
                                                                                              && receiver.TypeKind != TypeKind.Delegate && InSource(inner.TargetMethod, compilation)
                => ChangesInBody(inner.TargetMethod, compilation, depth + 1, ownFields: true, deep: true),
            IInvocationOperation { Instance: null } inner when deep && InSource(inner.TargetMethod, compilation)
                => ChangesInBody(inner.TargetMethod, compilation, depth + 1, ownFields: false, deep: true),
            IInvocationOperation inner => Changes(inner, compilation, depth + 1),
            IPropertyReferenceOperation property => Changes(property, compilation, depth + 1),
            IAssignmentOperation assignment => OutlivesCall(assignment.Target, ownFields),
            IIncrementOrDecrementOperation step => OutlivesCall(step.Target, ownFields),
            _ => false,
        });
    }

    private static bool InSource(IMethodSymbol method, Compilation? compilation) =>
        compilation is not null && method.DeclaringSyntaxReferences.Length == 1 && compilation.ContainsSyntaxTree(method.DeclaringSyntaxReferences[0].SyntaxTree);

    /// <summary>Written state that the next call sees: rooted at a static field or property, or at <c>this</c> with <paramref name="ownFields"/>.</summary>
    private static bool OutlivesCall(IOperation target, bool ownFields) => target switch
    {
        IFieldReferenceOperation field => field.Field.IsStatic || field.Instance is { } instance && OutlivesCall(instance, ownFields),
        IPropertyReferenceOperation property => property.Property.IsStatic || property.Instance is { } instance && OutlivesCall(instance, ownFields),
        IArrayElementReferenceOperation element => OutlivesCall(element.ArrayReference, ownFields),
        IInstanceReferenceOperation => ownFields,
        _ => false,
    };
}
