using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Which plain helpers (static methods of the user's compilation that are not [Differentiable] and have no
/// [DerivativeOf]) a [Differentiable] body may call with a differentiated argument (issue 13: <c>Sigmoid(w * x)</c>,
/// Black–Scholes' <c>Cnd(d1)</c>, <c>Dot(w, x)</c> over <c>double[]</c>), and why not when they may not. Such a call is
/// inlined (ExpressionLowering.PlainHelpers), as a small [Differentiable] callee of the caller's type is: a plain helper
/// has no generated Backward to call, and it may live in a type that is not partial, so there is nowhere to emit one.
/// This class judges the helper's shape only; its body is lowered as any method's is, and what that refuses is this
/// call's error.
/// </summary>
internal static class PlainHelpers
{
    /// <summary>Helpers calling helpers deeper than this are refused: each level is inlined at every call.</summary>
    public const int MaxDepth = 6;

    /// <summary>A larger body is refused (it would be inlined at every call): mark it [Differentiable] to get a Backward.</summary>
    public const int MaxOperations = 600;

    /// <summary>
    /// True when <paramref name="method"/> has the shape of a plain helper: static, ordinary, non-generic, not
    /// [Differentiable], returning a double or float, every parameter a real, a discrete value (int, bool, enum), a
    /// <c>double[]</c>/<c>float[]</c> or a <c>ReadOnlySpan</c> of them, or a struct of reals (<c>Vector3</c>, a user's
    /// readonly struct: hunt13), by value or by <c>in</c>/<c>ref readonly</c>. Anything else keeps the call's existing
    /// diagnostic (ADG0004: no derivative known; ADG0003 for a struct).
    /// </summary>
    public static bool HasShape(IMethodSymbol method) => PiecewiseConstant.IsReal(method.ReturnType) && Inlinable(method);

    /// <summary>
    /// <see cref="HasShape"/> but returning a tuple of reals (<c>(double Sum, double Product) Both(a, b)</c>, idioms12):
    /// inlined for its elements where it is deconstructed or an element is read (ExpressionLowering.Tuples).
    /// </summary>
    public static bool HasTupleShape(IMethodSymbol method) => RealStructs.IsRealTuple(method.ReturnType) && !method.ReturnsByRef && !method.ReturnsByRefReadonly && Inlinable(method);

    /// <summary>
    /// Neither [Differentiable] (it has its own Backward) nor [NoDiff] (a stop-gradient the user asked for): only such a
    /// method is inlined as a plain, Try-shaped or void ref helper.
    /// </summary>
    /// <summary>A static, ordinary, void method of the user's source that is neither [Differentiable] nor [NoDiff]: a plain void helper.</summary>
    public static bool IsPlainVoidHelper(IMethodSymbol method) =>
        method.ReturnsVoid && method.IsStatic && method.MethodKind == MethodKind.Ordinary && IsUnmarked(method) && method.Locations.Any(l => l.IsInSource);

    public static bool IsUnmarked(IMethodSymbol method) => !DerivativeResolver.IsDifferentiable(method) && !NoDiffMethods.IsNoDiff(method);

    /// <summary>
    /// <see cref="HasShape"/> but returning a struct of reals (a record struct, <c>Vector2</c>, <c>Complex</c>, a struct with
    /// an int member, structs14): inlined for its components where a struct value is lowered (ExpressionLowering.Structs).
    /// </summary>
    public static bool HasStructShape(IMethodSymbol method) => RealStructs.IsBoundaryStruct(method.ReturnType) && !method.ReturnsByRef && !method.ReturnsByRefReadonly && Inlinable(method);

    /// <summary>
    /// A void helper that may write into the arrays it is passed (<c>static void AddScaled(double[] acc, double[] v, double s)</c>,
    /// idioms13b): <see cref="HasShape"/>'s parameters but no spans, inlined as a statement with its array parameters
    /// standing for the caller's arrays (ExpressionLowering.PlainRefHelpers).
    /// </summary>
    public static bool HasArrayWriterShape(IMethodSymbol method) => method.ReturnsVoid && Inlinable(method);

    /// <summary>Everything <see cref="HasShape"/> asks but the result's type.</summary>
    public static bool Inlinable(IMethodSymbol method) => InlinableWith(method, null);

    /// <summary><see cref="Inlinable(IMethodSymbol)"/>, a parameter of a type <paramref name="also"/> accepts counting as inlinable too.</summary>
    public static bool InlinableWith(IMethodSymbol method, System.Func<ITypeSymbol, bool>? also)
    {
        if (!method.IsStatic || method.MethodKind != MethodKind.Ordinary || method.IsGenericMethod || method.IsExtern || method.IsAbstract || method.IsVirtual) return false;
        if (method.ContainingType is null || method.ContainingType.IsGenericType || !IsUnmarked(method)) return false;
        // A params array (Evaluate.Polynomial(z, params double[] coefficients), natural20) is an array parameter: the call's
        // argument is the array passed, or in expanded form the array C# builds from the trailing arguments.
        return method.Parameters.All(p => IsInlinableParameter(p) || also?.Invoke(p.Type) == true);
    }

    /// <summary>
    /// A parameter an inlined helper may have: by value (or a read-only reference), a real, a discrete value, a real array,
    /// a <c>ReadOnlySpan</c> of reals, a <c>double[,]</c> or a struct of reals; a params array only of one dimension.
    /// </summary>
    public static bool IsInlinableParameter(IParameterSymbol p) =>
        (p.RefKind == RefKind.None || IsReadOnlyReference(p)) && (!p.IsParams || p.Type is IArrayTypeSymbol { Rank: 1 })
        && (PiecewiseConstant.IsReal(p.Type) || DiscreteStructs.IsCut(p.Type) || IsRealSequence(p.Type) || IsRealGrid(p.Type) || IsRealJagged(p.Type) || IsStruct(p));

    /// <summary>
    /// A <c>double[,]</c>/<c>float[,]</c> (<c>static void Multiply(double[,] cov, double[] w, double[] result)</c>, natural15):
    /// bound to the caller's matrix and read as <c>cov[i, j]</c> there; a helper writing into it is refused (<see cref="WriteIn"/>).
    /// </summary>
    public static bool IsRealGrid(ITypeSymbol type) => type is IArrayTypeSymbol { Rank: 2 } grid && PiecewiseConstant.IsReal(grid.ElementType);

    /// <summary>
    /// A jagged <c>double[][]</c>/<c>float[][]</c> (natural21's B07, <c>static void Cell(double[][] weight, double[][] bias, …)</c>,
    /// idioms24): bound to the caller's jagged array (a parameter, a tracked local jagged array, a member), read as
    /// <c>weight[k][i]</c> there; a void helper may write its elements when the caller's array is a local jagged array
    /// (ExpressionLowering.JaggedParameters).
    /// </summary>
    public static bool IsRealJagged(ITypeSymbol type) => type is IArrayTypeSymbol { Rank: 1, ElementType: IArrayTypeSymbol { Rank: 1 } row } && PiecewiseConstant.IsReal(row.ElementType);

    /// <summary>
    /// An <c>in</c> or <c>ref readonly</c> parameter (hunt13: <c>Weighted(in x, y)</c>, <c>Perimeter(in s)</c>): the body cannot
    /// write it, and <see cref="WriteIn"/> refuses a body that writes a static field the caller could have passed, so inside
    /// the helper it holds the argument's value throughout and is bound to that value, as a by-value parameter is.
    /// </summary>
    public static bool IsReadOnlyReference(IParameterSymbol p) => p.RefKind is RefKind.In or RefKind.RefReadOnlyParameter;

    /// <summary>
    /// A struct of reals (by value or read-only reference): bound member by member, as an inlined struct method's argument
    /// is. A Complex is its two parts; an int/bool/enum member (<c>struct Sample { int Id; double W; }</c>) is carried as
    /// a constant for differentiation, as in a struct local (structs14).
    /// </summary>
    public static bool IsStruct(IParameterSymbol p) => RealStructs.IsBoundaryStruct(p.Type);

    /// <summary>
    /// A static call (no receiver) to a plain helper (scalar or tuple result) one of whose parameters is a struct of reals:
    /// it passes no struct adjoint, so the refusal of calls taking a struct is not for it (its body is inlined).
    /// </summary>
    public static bool TakesStruct(IMethodSymbol method, IOperation? instance) => instance is null && method.Parameters.Any(IsStruct) && (HasShape(method) || HasTupleShape(method));

    /// <summary>Whether <paramref name="parameter"/> of <paramref name="method"/> is a read-only reference the plain-helper inliner binds by value.</summary>
    public static bool BindsByValue(IMethodSymbol method, IParameterSymbol parameter) =>
        IsReadOnlyReference(parameter) && (HasShape(method) || HasTupleShape(method));

    /// <summary>
    /// A <c>double[]</c>/<c>float[]</c>, or a <c>ReadOnlySpan</c> or <c>Span</c> of them (bound to a view of what the caller
    /// passes, ExpressionLowering.SpanParameters): read by the body, written only where <see cref="WriteIn"/> lets it.
    /// </summary>
    public static bool IsRealSequence(ITypeSymbol type) =>
        type is IArrayTypeSymbol { Rank: 1 } array && PiecewiseConstant.IsReal(array.ElementType)
        || type is INamedTypeSymbol { Name: "ReadOnlySpan" or "Span", TypeArguments.Length: 1 } span && span.ContainingNamespace?.ToDisplayString() == "System" && PiecewiseConstant.IsReal(span.TypeArguments[0]);

    /// <summary>
    /// What in <paramref name="body"/> makes the helper write anything but its own locals and scalar parameters (a
    /// static field, a property, an element of an array it is passed), as the text of the refusal; null when it writes
    /// nothing else. Inlined, such a write would become the caller's, which a helper's caller does not expect (and an
    /// array argument written by a helper would need the in/out adjoint only [Differentiable] callees have).
    /// </summary>
    /// <param name="method">The helper.</param>
    /// <param name="body">Its body.</param>
    /// <param name="arrayParameters">An element of a by-value real array parameter of its own may be written too (a helper
    /// inlined where it is called, whose array parameter stands for the caller's array: PlainTryHelpers.WritesArrayParameter).</param>
    public static string? WriteIn(IMethodSymbol method, IOperation body, bool arrayParameters = false)
    {
        foreach (var op in body.Descendants())
        {
            IOperation? target = op switch
            {
                IAssignmentOperation a => a.Target,
                IIncrementOrDecrementOperation i => i.Target,
                _ => null,
            };
            if (op is IDeconstructionAssignmentOperation d)
            {
                foreach (var element in d.Target.DescendantsAndSelf().Where(e => e.Parent is ITupleOperation))
                {
                    if (Refused(method, element, arrayParameters) is { } why) return why;
                }
                continue;
            }
            if (op is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument) target = argument.Value;
            if (target is not null && Refused(method, target, arrayParameters) is { } refused) return refused;
        }
        return null;
    }

    /// <summary>
    /// A member or type <paramref name="body"/> names that the caller's type cannot access (a private field or helper of
    /// the helper's own class), as the text of the refusal; null when there is none. The inlined body is written into
    /// the caller's generated code, where such a name would not compile (CS0122). A constant is written as its value.
    /// </summary>
    public static string? InaccessibleIn(IOperation body, INamedTypeSymbol within, Compilation compilation)
    {
        foreach (var op in body.Descendants())
        {
            if (op.ConstantValue.HasValue) continue;
            ISymbol? member = op switch
            {
                IInvocationOperation i => i.TargetMethod,
                IFieldReferenceOperation f => f.Field,
                IPropertyReferenceOperation p => p.Property,
                IMethodReferenceOperation m => m.Method,
                IObjectCreationOperation o => o.Constructor,
                _ => null,
            };
            if (member is not null && !compilation.IsSymbolAccessibleWithin(member, within))
                return "it uses '" + member.ContainingType?.Name + "." + member.Name + "', which '" + within.Name + "' (where the generated code is) cannot access: make it internal or public";
            if (op.Type is { TypeKind: not TypeKind.Error } type && !compilation.IsSymbolAccessibleWithin(type, within))
                return "it uses the type '" + type.Name + "', which '" + within.Name + "' (where the generated code is) cannot access: make it internal or public";
        }
        return null;
    }

    private static string? Refused(IMethodSymbol method, IOperation target, bool arrayParameters)
    {
        switch (target)
        {
            case ILocalReferenceOperation or IDiscardOperation or IDeclarationExpressionOperation:
                return null;
            // result[i] = … through its own Span<double> parameter: a store into the caller's array it views (SpanParameters).
            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: IParameterReferenceOperation { Parameter: var ownSpan } } when arrayParameters
                && SymbolEqualityComparer.Default.Equals(ownSpan.ContainingSymbol, method) && ArrayWrites.IsRealSpan(ownSpan.Type):
                return null;
            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: IParameterReferenceOperation { Parameter: var spanParameter } } when ArrayWrites.IsRealSpan(spanParameter.Type):
                return "writes into an element of its span argument '" + spanParameter.Name + "'";
            case IMemberReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } }:
                // A member set in an object or 'with' initializer (p with { X = p.X + d }, structs14): part of the new value.
                return null;
            case IMemberReferenceOperation { Instance: ILocalReferenceOperation { Local: { IsRef: true } alias } }:
                // Through a ref local the struct may be the caller's (an element of an array it is passed).
                return "writes a member of the struct the ref local '" + alias.Name + "' refers to";
            case IMemberReferenceOperation { Instance: { Type.IsValueType: true } owner }:
                // A member of a struct is part of the variable holding it: q.X = … writes q, judged as q is.
                return Refused(method, owner, arrayParameters);
            case IParameterReferenceOperation { Parameter: var p }:
                return SymbolEqualityComparer.Default.Equals(p.ContainingSymbol, method) && !IsRealSequence(p.Type) && !IsRealGrid(p.Type) ? null : "assigns its parameter '" + p.Name + "'";
            case IFieldReferenceOperation { Field: var f }:
                return "writes the " + (f.IsStatic ? "static " : "") + "field '" + f.Name + "'";
            case IPropertyReferenceOperation { Property: var property }:
                return "sets the property '" + property.Name + "'";
            case IArrayElementReferenceOperation { ArrayReference: IParameterReferenceOperation { Parameter: var grid } } when IsRealGrid(grid.Type):
                return "writes into an element of its matrix argument '" + grid.Name + "'";
            case IArrayElementReferenceOperation { ArrayReference: IParameterReferenceOperation { Parameter: var own } } when arrayParameters
                && SymbolEqualityComparer.Default.Equals(own.ContainingSymbol, method) && ArrayWrites.IsWritableArray(own):
                return null;
            case IArrayElementReferenceOperation { ArrayReference: var array }:
                return array is ILocalReferenceOperation ? null : "writes into an element of " + Named(array);
            default:
                return "writes into '" + target.Syntax + "'";
        }
    }

    private static string Named(IOperation array) => array switch
    {
        IParameterReferenceOperation { Parameter: var p } => "its array argument '" + p.Name + "'",
        IFieldReferenceOperation { Field: var f } => "the array in the field '" + f.Name + "'",
        _ => "'" + array.Syntax + "'",
    };
}
