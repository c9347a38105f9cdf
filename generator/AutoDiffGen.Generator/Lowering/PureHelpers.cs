using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A helper of the user's compilation that may take differentiated reals where its result is only compared or is
/// discrete (<c>if (a.AlmostEqual(b))</c>, <c>if (!IsValidParameterSet(shape, rate))</c>, <c>int m = Magnitude(x)</c>),
/// because its body provably has no effect that could carry a value on: a static method whose parameters are reals
/// or discrete values passed by value, whose body writes only its own locals and parameters, creates nothing but the
/// exception it throws, and calls only System.Math/MathF, double's and float's members, the zero-derivative library
/// calls (<see cref="PiecewiseConstant.IsKnownCall"/>) and other such helpers. Then, like Math.Sign, its result is a
/// piecewise-constant function of the inputs and the derivative through it is zero. Array parameters of reals or discrete
/// values are read-only tables (a segment search over the knots, natural15). Not BitConverter or unsafe code
/// (a round trip through the bits would carry the whole value), nor array writes, delegates (but a
/// message factory of a helper returning nothing, <see cref="IsMessage"/>, called only in what it throws), properties
/// (but an array's Length) or instance calls; reading an element of a table is allowed. An instance method of a type of
/// the compilation is one too when it is not virtual and, besides that, reads only its object's <c>readonly</c> fields
/// and calls only such methods on <c>this</c> (Math.NET's <c>LinearSpline.LeftSegmentIndex(t)</c>, a binary search of
/// <c>_x</c>): nothing it reads can change while the caller runs, and it writes nothing of the object.
/// </summary>
internal static class PureHelpers
{
    private const int MaxDepth = 4;

    public static bool IsPure(IMethodSymbol method, Compilation? compilation) =>
        compilation is not null && IsPure(method, compilation, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), 0);

    private static bool IsPure(IMethodSymbol method, Compilation compilation, HashSet<IMethodSymbol> visiting, int depth)
    {
        method = method.ReducedFrom ?? method;
        if (depth > MaxDepth || !(method.IsStatic || IsPlainInstance(method)) || method.IsExtern || method.IsGenericMethod || method.MethodKind != MethodKind.Ordinary) return false;
        if (!method.Parameters.All(p => p.RefKind == RefKind.None && (PiecewiseConstant.IsReal(p.Type) || DiscreteStructs.IsCut(p.Type) || IsTable(p.Type) || method.ReturnsVoid && IsMessage(p.Type)))) return false;
        if (!(method.ReturnsVoid || PiecewiseConstant.IsReal(method.ReturnType) || DiscreteStructs.IsCut(method.ReturnType))) return false;
        if (!visiting.Add(method)) return true; // recursion: judged by the rest of its body
        if (method.DeclaringSyntaxReferences.Length != 1) return false;
        var syntax = method.DeclaringSyntaxReferences[0].GetSyntax();
        if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree)) return false;
        var model = SemanticModels.WithoutNullableAnalysis(compilation, syntax.SyntaxTree);
        if (model.GetOperation(syntax) is not { } body) return false;
        foreach (var op in body.DescendantsAndSelf())
        {
            if (!Allowed(op, method, compilation, visiting, depth)) return false;
        }
        return true;
    }

    /// <summary>
    /// A getter of a struct of reals declared in source, of any number of statements (<c>get { double s = X * X + Y * Y;
    /// return Math.Sqrt(s); }</c>), that is pure as a helper above is, reading its own fields and auto-properties through
    /// <c>this</c>: where its value is only compared, it is the user's own arithmetic over the members, as a condition on
    /// them would be.
    /// </summary>
    public static bool IsPureGetter(IPropertySymbol property, Compilation? compilation)
    {
        if (compilation is null || property.GetMethod is not { DeclaringSyntaxReferences.Length: 1 } getter) return false;
        var syntax = getter.DeclaringSyntaxReferences[0].GetSyntax();
        if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree)) return false;
        var model = SemanticModels.WithoutNullableAnalysis(compilation, syntax.SyntaxTree);
        if (model.GetOperation(syntax) is not { } body) return false;
        var visiting = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { getter };
        foreach (var op in body.DescendantsAndSelf())
        {
            if (op is IInstanceReferenceOperation && op.Parent is IFieldReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: false }) continue;
            if (op is IPropertyReferenceOperation { Instance: IInstanceReferenceOperation, Property: var member } && IsStored(member)) continue;
            if (!Allowed(op, getter, compilation, visiting, 1)) return false;
        }
        return true;
    }

    /// <summary>An auto-property or a record's positional member: reading it reads a field.</summary>
    private static bool IsStored(IPropertySymbol property) =>
        property.GetMethod?.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax { Body: null, ExpressionBody: null } => true,
            Microsoft.CodeAnalysis.CSharp.Syntax.ParameterSyntax => true,
            _ => false,
        };

    private static bool Allowed(IOperation op, IMethodSymbol owner, Compilation compilation, HashSet<IMethodSymbol> visiting, int depth)
    {
        // What a guard throws (its message may format the value) leaves no value behind for the caller.
        for (var up = op.Parent; up is not null; up = up.Parent)
        {
            if (up is IThrowOperation) return op is not IInvalidOperation;
        }
        switch (op)
        {
            // A message factory read anywhere but in what is thrown could be called for its effects or its text kept.
            case IParameterReferenceOperation { Parameter.Type.TypeKind: TypeKind.Delegate }:
                return false;
            case IInvalidOperation:
            case IAnonymousFunctionOperation or IDelegateCreationOperation or ILocalFunctionOperation:
            case IAddressOfOperation or IEventAssignmentOperation or IDynamicInvocationOperation or IDynamicMemberReferenceOperation:
            // Reading a table (a static readonly double[] of powers) is pure; a write into it is an assignment, below.
            case IArrayElementReferenceOperation:
                return true;
            case IPropertyReferenceOperation { Property: { ContainingType.SpecialType: SpecialType.System_Array, Name: "Length" or "LongLength" or "Rank" } }:
                return true;
            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } self when !owner.IsStatic:
                // this._x with _x readonly, or this.Helper(t) judged as a helper itself (below); nothing else of the object.
                return self.Parent is IFieldReferenceOperation { Field: { IsReadOnly: true, IsStatic: false } } field && ReferenceEquals(field.Instance, self)
                    || self.Parent is IInvocationOperation call && ReferenceEquals(call.Instance, self) && SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, owner.ContainingType);
            // A stored member of a struct of discrete members (m.X of a Bool3, idioms20): a field read, which holds no real.
            case IPropertyReferenceOperation { Property: { IsStatic: false, IsIndexer: false } member, Instance.Type: var owned } when DiscreteStructs.Is(owned) && IsStored(member):
                return true;
            // The receiver of an initializer's member (new Flags { Clamp = true }, m with { X = false }) of such a struct.
            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver, Type: var made } when DiscreteStructs.Is(made):
                return true;
            case IArrayCreationOperation or IPropertyReferenceOperation:
            case IDeconstructionAssignmentOperation or IInstanceReferenceOperation:
                return false;
            case IAssignmentOperation assignment:
                return Writable(assignment.Target, owner);
            case IIncrementOrDecrementOperation step:
                return Writable(step.Target, owner);
            case IObjectCreationOperation creation:
                // The exception a guard throws, or a struct of discrete members (new Bool3(a > 0, b > 0, c > 0), idioms20)
                // whose constructor only sets its own members.
                return op.Parent is IThrowOperation || op.Parent is IConversionOperation { Parent: IThrowOperation }
                    || DiscreteStructs.Is(creation.Type) && MemberwiseConstructor(creation.Constructor, compilation, visiting, depth);
            case IInvocationOperation invocation:
                var target = invocation.TargetMethod;
                if (invocation.Instance is { } instance && !(PiecewiseConstant.IsReal(instance.Type) || PiecewiseConstant.IsDiscrete(instance.Type))
                    && !(instance is IInstanceReferenceOperation && !owner.IsStatic)) return false;
                if (PiecewiseConstant.IsKnownCall(target) || MathFunctions.IsMathType(target.ContainingType)) return true;
                // Debug.Assert(y >= 1) in a validation helper: it stops or goes on, and leaves no value behind.
                if (target.IsStatic && target.Name == "Assert" && target.ContainingType?.ToDisplayString() == "System.Diagnostics.Debug") return true;
                if (target.ContainingType?.SpecialType is SpecialType.System_Double or SpecialType.System_Single && target.IsStatic) return true;
                return IsPure(target, compilation, visiting, depth + 1);
            default:
                return true;
        }
    }

    /// <summary>
    /// The message of a validation helper that returns nothing (QLNet's <c>QL_REQUIRE(bool condition, Func&lt;string&gt;
    /// message)</c>, <c>QL_FAIL(string message)</c>): a string, or a delegate taking nothing and returning one, which the
    /// helper may only call in what it throws (above). A string reaches no value the caller keeps, since the helper
    /// returns none; a helper with a result stays limited to reals and discrete values (a string parsed back would carry
    /// the value without its gradient).
    /// </summary>
    private static bool IsMessage(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_String ||
        type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { Parameters.Length: 0, ReturnType.SpecialType: SpecialType.System_String } };

    /// <summary>
    /// An array of reals or discrete values, of any rank or jagged (<c>int Segment(double[] knots, double x)</c>, natural15):
    /// the body may only read it, since every write is an assignment (refused by <see cref="Writable"/>, as a write through a
    /// span's indexer or a ref local is), and handing it on is a call judged as this one (or a library call, which only the
    /// zero-derivative searches are). So the result is still a piecewise-constant function of the elements read.
    /// </summary>
    private static bool IsTable(ITypeSymbol type) =>
        type is IArrayTypeSymbol array && (PiecewiseConstant.IsReal(array.ElementType) || PiecewiseConstant.IsDiscrete(array.ElementType) || IsTable(array.ElementType));

    /// <summary>An instance method whose body is the one that runs: not virtual, abstract or an override, not of an interface.</summary>
    private static bool IsPlainInstance(IMethodSymbol method) =>
        !method.IsVirtual && !method.IsAbstract && !method.IsOverride && method.ContainingType is { TypeKind: TypeKind.Class or TypeKind.Struct };

    /// <summary>
    /// <c>new Mask(v)</c>, <c>new Flags { Clamp = c }</c> of a struct of discrete members (idioms20) with a differentiated value
    /// among its arguments: the value may go only where making the struct has no effect, a constructor that sets its own
    /// members (a static field it wrote would carry the value on, unseen) and an initializer that sets fields or
    /// auto-properties (a setter of its own could do anything).
    /// </summary>
    public static bool IsPureConstruction(IObjectCreationOperation creation, Compilation? compilation)
    {
        if (compilation is null || !DiscreteStructs.Is(creation.Type)) return false;
        if (!MemberwiseConstructor(creation.Constructor, compilation, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), 0)) return false;
        return creation.Initializer is null || creation.Initializer.Initializers.All(i => i is ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } && IsMemberStore(target));
    }

    /// <summary>A field or an auto-property: setting it stores the value and does nothing else.</summary>
    private static bool IsMemberStore(IMemberReferenceOperation member) =>
        member is IFieldReferenceOperation || member is IPropertyReferenceOperation { Property: var p } && IsStored(p);

    /// <summary>
    /// The constructor of a struct of discrete members that only sets that struct's own members from pure expressions (or
    /// the implicit one): making the value has no effect a caller could see.
    /// </summary>
    private static bool MemberwiseConstructor(IMethodSymbol? constructor, Compilation compilation, HashSet<IMethodSymbol> visiting, int depth)
    {
        if (constructor is null || constructor.IsImplicitlyDeclared) return true;
        if (constructor.DeclaringSyntaxReferences.Length != 1) return false;
        var syntax = constructor.DeclaringSyntaxReferences[0].GetSyntax();
        if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree)) return false;
        // A record struct's primary constructor is its parameter list: it only sets the members.
        if (syntax is not Microsoft.CodeAnalysis.CSharp.Syntax.ConstructorDeclarationSyntax) return syntax is Microsoft.CodeAnalysis.CSharp.Syntax.RecordDeclarationSyntax;
        var model = SemanticModels.WithoutNullableAnalysis(compilation, syntax.SyntaxTree);
        if (model.GetOperation(syntax) is not IConstructorBodyOperation { Initializer: null } body) return false;
        foreach (var op in body.DescendantsAndSelf())
        {
            if (op is IConstructorBodyOperation or IBlockOperation or IExpressionStatementOperation) continue;
            if (op is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } && op.Parent is IMemberReferenceOperation) continue;
            if (op is IFieldReferenceOperation { Instance: IInstanceReferenceOperation } || op is IPropertyReferenceOperation { Instance: IInstanceReferenceOperation, Property: var p } && IsStored(p)) continue;
            if (op is ISimpleAssignmentOperation { Target: IFieldReferenceOperation { Instance: IInstanceReferenceOperation } or IPropertyReferenceOperation { Instance: IInstanceReferenceOperation } } store && IsMemberStore((IMemberReferenceOperation)store.Target)) continue;
            if (!Allowed(op, constructor, compilation, visiting, depth + 1)) return false;
        }
        return true;
    }

    /// <summary>Only the helper's own locals and by-value parameters (and the members of a discrete struct it makes).</summary>
    private static bool Writable(IOperation target, IMethodSymbol owner) => target switch
    {
        IMemberReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver, Type: var made } } member => DiscreteStructs.Is(made) && IsMemberStore(member),
        // m.K = Kind.B on its own local (or a member of one) of a struct of discrete members: part of that local.
        IFieldReferenceOperation { Instance: { Type: var owned } holder } when DiscreteStructs.Is(owned) && holder is ILocalReferenceOperation { Local.RefKind: RefKind.None } or IFieldReferenceOperation => Writable(holder, owner),
        ILocalReferenceOperation { Local.RefKind: RefKind.None } => true,
        IParameterReferenceOperation { Parameter: var p } => p.RefKind == RefKind.None && SymbolEqualityComparer.Default.Equals(p.ContainingSymbol, owner),
        _ => false,
    };
}
