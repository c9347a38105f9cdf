using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// The soundness half of activity analysis. Text that the forward sweep computes without
/// differentiating (a condition, an index, an int) may read differentiated values only through
/// operations whose derivative is provably zero: comparisons, casts to discrete types, Math's rounding
/// functions, double's predicates, array lengths, and [Differentiable] callees (pure). Anything else
/// would carry the gradient somewhere the reverse sweep cannot follow, so it is an ADG0016 error at
/// the value that carries it.
/// </summary>
internal sealed class GradientLeaks(LoweringContext context)
{
    /// <summary>A built-in operator: a comparison of differentiated values is a zero-derivative cut.</summary>
    public void Binary(IBinaryOperation binary)
    {
        if (PiecewiseConstant.IsDiscrete(binary.Type) && (context.IsActive(binary.LeftOperand) || context.IsActive(binary.RightOperand)))
        {
            context.NoteCut(binary);
        }
    }

    /// <summary>False (after reporting) when a differentiated value is converted to a type that could carry it on.</summary>
    public bool Conversion(IConversionOperation conversion)
    {
        if (!context.IsActive(conversion.Operand)) return true;
        if (conversion.OperatorMethod is null && PiecewiseConstant.IsDiscrete(conversion.Type))
        {
            context.NoteCut(conversion);
            return true;
        }
        if (conversion.OperatorMethod is null && PiecewiseConstant.IsReal(conversion.Type) && PiecewiseConstant.IsReal(conversion.Operand.Type)) return true;
        // v > best with best a double?: v lifted for a comparison, whose derivative is zero.
        if (conversion.OperatorMethod is null && NullableReals.Is(conversion.Type) && PiecewiseConstant.IsReal(conversion.Operand.Type)
            && conversion.Parent is IBinaryOperation { Type: var compared } && PiecewiseConstant.IsDiscrete(compared))
        {
            return true;
        }
        // a == null on an array: a reference comparison reads no element.
        if (conversion.IsImplicit && conversion.Type?.SpecialType == SpecialType.System_Object && conversion.Operand.Type is IArrayTypeSymbol &&
            conversion.Parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals })
        {
            return true;
        }
        // if (data == null) throw …; on an IEnumerable<double> or List<double> parameter (Math.NET's guard): the parameter is
        // in every generated method as passed, and a reference compared with null reads no element.
        if (IsNullGuardOfSequenceParameter(conversion)) return true;
        ReportConversion(context, conversion);
        return false;
    }

    /// <summary><c>data == null</c> or <c>null != data</c> on a list or sequence parameter of reals: the parameter converted to object.</summary>
    public static bool IsNullGuardOfSequenceParameter(IOperation? operation) =>
        operation is IConversionOperation conversion && conversion.IsImplicit && conversion.Type?.SpecialType == SpecialType.System_Object
        && conversion.Operand is IParameterReferenceOperation { Type: { } type } && ValueKinds.IsRealList(type)
        && conversion.Parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals, OperatorMethod: null } binary
        && (binary.LeftOperand == conversion ? binary.RightOperand : binary.LeftOperand).ConstantValue is { HasValue: true, Value: null };

    /// <summary>ADG0016 for a conversion of a differentiated value to something other than a real or a discrete type.</summary>
    public static void ReportConversion(LoweringContext context, IConversionOperation conversion)
    {
        if (IsBroken(conversion, context)) return;
        string to = conversion.Type?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) ?? "another type";
        string how = conversion.OperatorMethod is not null ? "the user-defined conversion to '" + to + "'" : "a conversion to '" + to + "'";
        context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.GradientLost, conversion.Syntax,
            Describe.Snippet(conversion.Operand.Syntax), how,
            "only double and float values (and array or span parameters, read element by element) carry gradients; "
            + "index the elements and compute with them directly, or mark the parameter [NoDiff] if it should not be differentiated"));
    }

    /// <summary>
    /// A member of a differentiated value: only the shape of an array, span or tensor (Length, Rank, …) is
    /// allowed, because it does not depend on the values.
    /// </summary>
    public bool Member(IOperation? instance, ISymbol member, IOperation at)
    {
        // Under WithRespectToThis 'this' is active, but its members are judged one by one where they are read (StateVaried).
        if (instance is null or IInstanceReferenceOperation || !context.IsActive(instance)) return true;
        if (PiecewiseConstant.IsDiscrete(at.Type) && IsShaped(instance.Type)) return true;
        // A struct of reals' computed property (s.Speed) written as text where its value is only compared or made discrete:
        // its body is the user's own arithmetic over the members, as a condition on them would be.
        if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, SetMethod: null } property && (RealStructs.IsBoundaryStruct(instance.Type) || ValueClasses.IsCarried(instance.Type))
            && SymbolEqualityComparer.Default.Equals(property.ContainingType, instance.Type)
            && (IsOneExpression(property) || PureHelpers.IsPureGetter(property, at.SemanticModel?.Compilation))) return true;
        // |z| and arg z compared or made discrete (if (z.Magnitude > 4)): written as text, as a condition on the parts is.
        if (member is IPropertySymbol { Name: "Magnitude" or "Phase", IsStatic: false } && RealStructs.IsComplex(instance.Type)) return true;
        if (IsBroken(at, context)) return false;
        context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.GradientLost, at.Syntax,
            Describe.Snippet(instance.Syntax), "the member '" + member.Name + "'",
            "read its elements, or mark the parameter [NoDiff] if it should not be differentiated"));
        return false;
    }

    /// <summary>A getter of one expression (<c>=&gt; …</c>, <c>get =&gt; …</c>, <c>get { return …; }</c>) declared in source.</summary>
    private static bool IsOneExpression(IPropertySymbol property) =>
        Noted(property.GetMethod?.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax()) switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.ArrowExpressionClauseSyntax => true,
            Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax { ExpressionBody: not null } => true,
            Microsoft.CodeAnalysis.CSharp.Syntax.AccessorDeclarationSyntax { Body.Statements: { Count: 1 } statements } => statements[0] is Microsoft.CodeAnalysis.CSharp.Syntax.ReturnStatementSyntax,
            _ => false,
        };

    private static SyntaxNode? Noted(SyntaxNode? getter)
    {
        AutoDiffGen.Generator.Helpers.BodyReads.Note(getter?.SyntaxTree);
        return getter;
    }

    /// <summary>
    /// A call written out as constant text (its result is discrete, or only compared): its differentiated
    /// arguments must go into something known to be pure and piecewise constant.
    /// </summary>
    public bool Call(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        // [NoDiff] on the method: the user's stop-gradient. It may read differentiated values; it may not write one back.
        bool noDiff = NoDiffMethods.IsNoDiff(method);
        if (noDiff && invocation.Arguments.FirstOrDefault(a => a.Parameter?.RefKind is not (null or RefKind.None) && context.IsActive(a.Value)) is { } byReference)
        {
            if (IsBroken(byReference.Value, context)) return false;
            context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.GradientLost, byReference.Value.Syntax,
                Describe.Snippet(byReference.Value.Syntax), "the " + RefKindText(byReference.Parameter!.RefKind) + " parameter '" + byReference.Parameter.Name + "' of the [NoDiff] method '" + method.ContainingType.Name + "." + method.Name + "'",
                "a [NoDiff] method is a constant that only reads its arguments by value; pass the value by value and return the result, or remove [NoDiff] so that the method is differentiated"));
            return false;
        }
        bool known = noDiff || MathFunctions.IsMathType(method.ContainingType) || MathFunctions.TryGetGate(method, out _) || RealStructs.HasNumericsOperators(method.ContainingType) || PiecewiseConstant.IsKnownCall(method) || IsArrayShape(method) || IsDifferentiable(method)
            || invocation.Arguments.Any(a => context.IsActive(a.Value)) && PureHelpers.IsPure(method, invocation.SemanticModel?.Compilation);
        bool ok = true;
        if (invocation.Instance is { } instance && context.IsActive(instance))
        {
            if (known) context.NoteCut(invocation);
            else ok = Report(instance, method);
        }
        foreach (var argument in invocation.Arguments)
        {
            if (!context.IsActive(argument.Value)) continue;
            // The helper's author declares it only reads this value (ArgMax([NoDiff] double[] xs)); its result
            // here is discrete or only compared, so the derivative through it is zero.
            if (known || argument.Parameter is { } parameter && ValueKinds.IsNoDiff(parameter))
            {
                if (!MathFunctions.TryGetGate(method, out _) || PiecewiseConstant.IsDiscrete(invocation.Type)) context.NoteCut(invocation);
                continue;
            }
            ok = Report(argument.Value, method) && ok;
        }
        return ok;
    }

    /// <summary>
    /// A struct of discrete members made from differentiated values (<c>new Mask(x * y)</c>): it holds no real, so it is
    /// written as text, and its differentiated arguments must go into a construction without effect
    /// (<see cref="PureHelpers.IsPureConstruction"/>), else ADG0016 at the first of them.
    /// </summary>
    public bool Creation(IObjectCreationOperation creation)
    {
        if (!DiscreteStructs.Is(creation.Type)) return true;
        var active = creation.Arguments.Select(a => a.Value)
            .Concat(creation.Initializer?.Initializers.OfType<IAssignmentOperation>().Select(a => a.Value) ?? Enumerable.Empty<IOperation>())
            .FirstOrDefault(context.IsActive);
        if (active is null || PureHelpers.IsPureConstruction(creation, creation.SemanticModel?.Compilation))
        {
            if (active is not null) context.NoteCut(creation);
            return true;
        }
        if (IsBroken(active, context)) return false;
        string name = creation.Type!.Name;
        context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.GradientLost, active.Syntax,
            Describe.Snippet(active.Syntax), "the making of '" + name + "', whose constructor or initializer does more than set its own members",
            "make '" + name + "' from comparisons and discrete values (new " + name + " { Flag = x > 0 }), with a constructor that only assigns its members, or mark the parameter [NoDiff] if it should not be differentiated"));
        return false;
    }

    private static string RefKindText(RefKind kind) => kind switch { RefKind.Out => "out", RefKind.In => "in", RefKind.RefReadOnlyParameter => "ref readonly", _ => "ref" };

    private bool Report(IOperation value, IMethodSymbol method)
    {
        if (IsBroken(value, context)) return false;
        string name = method.ContainingType.Name + "." + method.Name;
        context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.GradientLost, value.Syntax,
            Describe.Snippet(value.Syntax), "the call to '" + name + "'",
            "compute it with operations AutoDiffGen differentiates, or mark '" + method.Name + "' [Differentiable] or give it a [DerivativeOf]; "
            + "if '" + method.Name + "' only reads the value and its result is an int, a bool or is only compared, mark that parameter of '" + method.Name + "' [NoDiff]"));
        return false;
    }

    private static bool IsDifferentiable(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == DerivativeResolver.DifferentiableAttribute) return true;
        }
        return false;
    }

    /// <summary>xs.GetLength(0) and friends: the shape of an array, not its values.</summary>
    private static bool IsArrayShape(IMethodSymbol method) =>
        method.ContainingType?.SpecialType == SpecialType.System_Array && method.Name is "GetLength" or "GetLongLength" or "GetLowerBound" or "GetUpperBound";

    private static bool IsShaped(ITypeSymbol? type) =>
        type is IArrayTypeSymbol ||
        type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", ContainingNamespace.Name: "System" } ||
        ValueKinds.Of(type) == ScalarType.Adjointable;

    /// <summary>Code that does not compile already has the compiler's error (and gets no output).</summary>
    private static bool IsBroken(IOperation op, LoweringContext context)
    {
        if (op is not IInvalidOperation && op.Type is not IErrorTypeSymbol) return false;
        context.ReportUnsupportedExpression(op, null);
        return true;
    }
}
