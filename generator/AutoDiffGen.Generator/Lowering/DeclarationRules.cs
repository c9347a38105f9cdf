using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// The rules a [Differentiable] method's declaration must meet, before its body is read: ADG0001 (containing
/// type not partial), ADG0005 (return type), ADG0006 (parameter), ADG0008 (Backward name taken), ADG0009
/// (no body), ADG0010 (generic), ADG0012 (adjoint name clash).
/// <para>
/// One source for both sides: <c>DeclarationAnalyzer</c> reports them, as you type and with code fixes;
/// the generator asks only <see cref="AnyApplies"/> and, when one does, generates nothing for the method and
/// reports nothing, so no rule is reported twice and no broken code is emitted.
/// </para>
/// </summary>
internal static class DeclarationRules
{
    /// <summary>The ids of the rules above: the analyzer's, never the generator's.</summary>
    public static readonly ImmutableArray<string> Ids = ImmutableArray.Create("ADG0001", "ADG0005", "ADG0006", "ADG0008", "ADG0009", "ADG0010", "ADG0012", "ADG0031");

    /// <summary>
    /// Where the generator's own files are in a compilation: an analyzer sees the generated <c>MBackward</c>,
    /// which is not a clash. Generated trees are named <c>AssemblyName/GeneratorTypeName/HintName</c>.
    /// </summary>
    private const string GeneratorPathSegment = "AutoDiffGen.Generator.DifferentiableGenerator";

    /// <summary>
    /// A method returning <c>ref double</c> (or float; ref readonly too) whose every return is <c>ref p</c> for one
    /// <c>ref</c>/<c>in</c> real parameter p, or <c>ref a[k]</c> for one by-value double[]/float[] parameter a and one
    /// integer literal k: p's (a's) ordinal and k (-1 for a whole parameter). The returned reference is then an alias of
    /// the caller's argument: its adjoint is that argument's (Clad and Enzyme do the same), so the method is
    /// differentiated as returning the value and a caller's <c>ref var y = ref M(ref x)</c> is a ref local of x.
    /// Null for any other ref return. Read from the syntax, so a caller in another file needs no semantic model of it.
    /// </summary>
    public static (int Parameter, int Index)? RefReturnAlias(IMethodSymbol method)
    {
        if (!(method.ReturnsByRef || method.ReturnsByRefReadonly) || method.ReturnType.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single)) return null;
        if (method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration) return null;
        var returned = new List<ExpressionSyntax?>();
        if (declaration.ExpressionBody is { } arrow) returned.Add(arrow.Expression);
        else if (declaration.Body is { } body)
        {
            returned.AddRange(body.DescendantNodes(n => n is not (LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)).OfType<ReturnStatementSyntax>().Select(r => r.Expression));
        }
        (int, int)? alias = null;
        foreach (var expression in returned)
        {
            var one = expression is RefExpressionSyntax { Expression: var referent } ? Referent(method, referent) : null;
            if (one is null || alias is not null && alias != one) return null;
            alias = one;
        }
        return alias;
    }

    private static (int, int)? Referent(IMethodSymbol method, ExpressionSyntax referent)
    {
        IParameterSymbol? Named(ExpressionSyntax e) =>
            e is IdentifierNameSyntax id ? method.Parameters.FirstOrDefault(q => q.Name == id.Identifier.ValueText) : null;
        if (Named(referent) is { RefKind: RefKind.Ref or RefKind.In or RefKind.RefReadOnlyParameter } p && p.Type.SpecialType == method.ReturnType.SpecialType) return (p.Ordinal, -1);
        if (referent is ElementAccessExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments } element
            && Named(element.Expression) is { RefKind: RefKind.None, Type: IArrayTypeSymbol { Rank: 1 } array } a && array.ElementType.SpecialType == method.ReturnType.SpecialType
            && arguments[0].Expression is LiteralExpressionSyntax { Token.Value: int k } && k >= 0)
        {
            return (a.Ordinal, k);
        }
        return null;
    }

    /// <summary>True when some rule applies: the generator then skips the method silently.</summary>
    public static bool AnyApplies(IMethodSymbol method, MethodDeclarationSyntax syntax) =>
        ContainingTypes(method).Any(t => !IsExtendable(t)) || ForMethod(method, syntax).Any();

    /// <summary>The types that contain <paramref name="method"/>, innermost first.</summary>
    private static IEnumerable<INamedTypeSymbol> ContainingTypes(IMethodSymbol method)
    {
        for (var type = method.ContainingType; type is not null; type = type.ContainingType) yield return type;
    }

    /// <summary>Declared in source, and one of its declarations says 'partial'.</summary>
    public static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>().Any(d => d.Modifiers.Any(SyntaxKind.PartialKeyword));

    /// <summary>
    /// Generated code can add to it: partial, and not file-local (a file-local type's parts must all be in one file, and
    /// the generator can only add files).
    /// </summary>
    public static bool IsExtendable(INamedTypeSymbol type) => IsPartial(type) && !type.IsFileLocal;

    /// <summary>
    /// ADG0001 for a type that is not partial (or is file-local), once per [Differentiable] method inside it (nested types' too), at
    /// the type's name: reported while the type is analysed, so the diagnostic is local to it (the IDE then offers
    /// its fix as you type). The method's name is an additional location: the code fix makes every type around it partial.
    /// </summary>
    public static IEnumerable<Diagnostic> ForType(INamedTypeSymbol type, TypeDeclarationSyntax declaration, IEnumerable<(IMethodSymbol Method, MethodDeclarationSyntax Syntax)> differentiable)
    {
        if (IsExtendable(type)) yield break;
        foreach (var (method, syntax) in differentiable)
        {
            string why = type.IsFileLocal
                ? "is file-local, and a file-local type's declarations must all be in one file while '" + method.Name + "Backward' is generated into another; remove 'file' (make the type internal) or move the method to another type"
                : "is not partial; add the 'partial' modifier so the generator can add '" + method.Name + "Backward' to it";
            yield return Diagnostic.Create(DiagnosticDescriptors.TypeNotPartial, declaration.Identifier.GetLocation(), new[] { syntax.Identifier.GetLocation() }, type.Name, method.Name, why);
        }
    }

    /// <summary>The rules of the method's own declaration, in this order: ADG0010, ADG0009, ADG0005, ADG0008, then per parameter ADG0006 and ADG0012.</summary>
    public static IEnumerable<Diagnostic> ForMethod(IMethodSymbol method, MethodDeclarationSyntax syntax)
    {
        var nameLocation = syntax.Identifier.GetLocation();

        string? notGeneric = method.IsGenericMethod ? GenericMethods.Why(method, (syntax.SyntaxTree.Options as CSharpParseOptions)?.LanguageVersion) : null;
        if (notGeneric is not null) yield return Rule(DiagnosticDescriptors.GenericMethod, nameLocation, method.Name, notGeneric);
        if (syntax.Body is null && syntax.ExpressionBody is null) yield return Rule(DiagnosticDescriptors.NoBody, nameLocation, method.Name);
        // 'double I.F(double x)': its name is 'I.F', and the generated methods (FBackward) would have no name to call it by.
        if (method.ExplicitInterfaceImplementations.FirstOrDefault() is { } implemented)
        {
            yield return Rule(DiagnosticDescriptors.ExplicitImplementation, nameLocation, method.Name, implemented.ContainingType.Name + "." + implemented.Name, syntax.Identifier.ValueText);
            yield break;
        }
        // A generic-math method the generator differentiates: the rest of the rules are checked, and reported by the
        // generator, on the same method read over double (GenericMath/GenericAnalysis), where T is a real type.
        if (method.IsGenericMethod && notGeneric is null) yield break;

        // A generic-math method (T Poly<T>(T x) where T : INumber<T>) is ADG0010 alone: its T result is not a second error.
        bool genericResult = method.IsGenericMethod && method.ReturnType is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method };
        // A void method is differentiated through what it writes (ref/out parameters, array parameters). A ref return is
        // supported when every return names the same ref parameter or constant element of an array parameter (RefReturnAlias).
        // A struct or tuple of reals is a vector-valued result: MBackward is its vector–Jacobian product.
        if ((method.ReturnsByRef || method.ReturnsByRefReadonly) && RefReturnAlias(method) is null
            || !method.ReturnsVoid && !method.ReturnsByRef && !method.ReturnsByRefReadonly && !genericResult && ValueKinds.Of(method.ReturnType) == Graph.ScalarType.Other && RealStructs.ResultComponents(method.ReturnType) is null)
        {
            // A ref return names its ref: "returns 'double'" would read as though double were refused.
            string returned = (method.ReturnsByRefReadonly ? "ref readonly " : method.ReturnsByRef ? "ref " : "") + method.ReturnType.ToDisplayString();
            yield return Rule(DiagnosticDescriptors.UnsupportedReturnType, syntax.ReturnType.GetLocation(), method.Name, returned);
        }

        string backwardName = method.Name + "Backward";
        foreach (var member in method.ContainingType.GetMembers(backwardName))
        {
            if (!member.IsImplicitlyDeclared && !IsGenerated(member))
            {
                yield return Rule(DiagnosticDescriptors.BackwardNameClash, InSource(member.Locations.FirstOrDefault()) ?? nameLocation, method.ContainingType.Name, backwardName, method.Name);
            }
        }

        foreach (var diagnostic in Parameters(method, syntax)) yield return diagnostic;
        if (ForwardCalls.IsForward(method))
        {
            foreach (var diagnostic in ForwardNames(method, syntax)) yield return diagnostic;
        }
        if (ForwardCalls.IsForward(method) || HessianMode.IsHessian(method))
        {
            // Hessian mode's products carry the same tangents (MHessianVector's locals, MBackwardTangent's parameters).
            string setter = method.Name + (ForwardCalls.IsForward(method) ? "Forward" : "BackwardTangent");
            foreach (var diagnostic in TangentNames(method, syntax, setter)) yield return diagnostic;
        }
        if (JacobianMode.IsRequested(method))
        {
            foreach (var diagnostic in JacobianNames(method, syntax)) yield return diagnostic;
        }
        if (HessianMode.IsHessian(method))
        {
            foreach (var diagnostic in HessianNames(method, syntax)) yield return diagnostic;
        }
    }

    /// <summary>With Jacobian = true: MJacobian and its span 'jacobian' must be free names too.</summary>
    private static IEnumerable<Diagnostic> JacobianNames(IMethodSymbol method, MethodDeclarationSyntax syntax)
    {
        string name = method.Name + "Jacobian";
        foreach (var member in method.ContainingType.GetMembers(name))
        {
            if (!member.IsImplicitlyDeclared && !IsGenerated(member))
            {
                yield return Rule(DiagnosticDescriptors.BackwardNameClash, InSource(member.Locations.FirstOrDefault()) ?? syntax.Identifier.GetLocation(),
                    method.ContainingType.Name, name, method.Name);
            }
        }
        foreach (var p in method.Parameters.Where(p => p.Name == "jacobian"))
        {
            var at = ((SyntaxNode?)syntax.ParameterList.Parameters.ElementAtOrDefault(p.Ordinal) ?? syntax).GetLocation();
            yield return Rule(DiagnosticDescriptors.AdjointNameClash, at, "The span that " + name + " writes", "jacobian", ParameterOf(method), "the parameter 'jacobian'");
        }
    }

    /// <summary>
    /// With Hessian = true: MHessian, MHessianVector and their parameters (hessian, direction, hessianVector), and
    /// MBackwardTangent's tdResult, must be free names too.
    /// </summary>
    private static IEnumerable<Diagnostic> HessianNames(IMethodSymbol method, MethodDeclarationSyntax syntax)
    {
        foreach (string generated in new[] { method.Name + "Hessian", method.Name + "HessianVector" })
        {
            foreach (var member in method.ContainingType.GetMembers(generated))
            {
                if (!member.IsImplicitlyDeclared && !IsGenerated(member))
                {
                    yield return Rule(DiagnosticDescriptors.BackwardNameClash, InSource(member.Locations.FirstOrDefault()) ?? syntax.Identifier.GetLocation(),
                        method.ContainingType.Name, generated, method.Name);
                }
            }
        }
        foreach (var p in method.Parameters)
        {
            string? what = p.Name switch
            {
                "hessian" => "The output that " + method.Name + "Hessian writes the Hessian into",
                "direction" => "The direction that " + method.Name + "HessianVector multiplies the Hessian by",
                "hessianVector" => "The output that " + method.Name + "HessianVector writes H·direction into",
                "tdResult" => "The seed's tangent that " + method.Name + "BackwardTangent takes (for Hessian-mode callers)",
                _ => null,
            };
            if (what is null) continue;
            var at = ((SyntaxNode?)syntax.ParameterList.Parameters.ElementAtOrDefault(p.Ordinal) ?? syntax).GetLocation();
            yield return Rule(DiagnosticDescriptors.AdjointNameClash, at, what, p.Name, ParameterOf(method), "the parameter '" + p.Name + "'");
        }
    }

    /// <summary>With Forward = true: MForward must be a free name too.</summary>
    private static IEnumerable<Diagnostic> ForwardNames(IMethodSymbol method, MethodDeclarationSyntax syntax)
    {
        string forwardName = method.Name + "Forward";
        foreach (var member in method.ContainingType.GetMembers(forwardName))
        {
            if (!member.IsImplicitlyDeclared && !IsGenerated(member))
            {
                yield return Rule(DiagnosticDescriptors.BackwardNameClash, InSource(member.Locations.FirstOrDefault()) ?? syntax.Identifier.GetLocation(),
                    method.ContainingType.Name, forwardName, method.Name);
            }
        }
    }

    /// <summary>
    /// With Forward = true or Hessian = true: the tangents (x → tX) and tResult, which <paramref name="setter"/> sets, must
    /// be free names too.
    /// </summary>
    private static IEnumerable<Diagnostic> TangentNames(IMethodSymbol method, MethodDeclarationSyntax syntax, string setter)
    {
        var names = new HashSet<string>(method.Parameters.Select(p => p.Name));
        var tangents = new Dictionary<string, string>();
        foreach (var p in method.Parameters)
        {
            var at = ((SyntaxNode?)syntax.ParameterList.Parameters.ElementAtOrDefault(p.Ordinal) ?? syntax).GetLocation();
            if (p.Name == "tResult")
            {
                yield return Rule(DiagnosticDescriptors.AdjointNameClash, at, "The tangent that " + setter + " sets for the result", "tResult", ParameterOf(method), "the parameter 'tResult'");
            }
            bool hasTangent = !ValueKinds.IsNoDiff(p) && (ValueKinds.Of(p.Type) != Graph.ScalarType.Other || ValueKinds.IsCollection(p.Type) || ValueKinds.IsGrid(p.Type) || ClassParameters.IsClassInput(p)
                || ValueKinds.IsRealList(p.Type) && p.RefKind == RefKind.None);
            string tangent = NameAllocator.TangentBase(p.Name);
            if (hasTangent && names.Contains(tangent))
            {
                yield return Rule(DiagnosticDescriptors.AdjointNameClash, at, "The tangent of parameter '" + p.Name + "'", tangent, ParameterOf(method), "one of them");
            }
            else if (hasTangent && tangents.TryGetValue(tangent, out var earlier))
            {
                yield return Rule(DiagnosticDescriptors.AdjointNameClash, at, "The tangent of parameter '" + p.Name + "'", tangent, "the tangent of parameter '" + earlier + "' of '" + method.Name + "'", "one of them");
            }
            if (hasTangent && !tangents.ContainsKey(tangent)) tangents.Add(tangent, p.Name);
        }
    }

    private static IEnumerable<Diagnostic> Parameters(IMethodSymbol method, MethodDeclarationSyntax syntax)
    {
        var names = new HashSet<string>(method.Parameters.Select(p => p.Name));
        var adjoints = new Dictionary<string, string>();
        foreach (var p in method.Parameters)
        {
            var at = ((SyntaxNode?)syntax.ParameterList.Parameters.ElementAtOrDefault(p.Ordinal) ?? syntax).GetLocation();
            bool noDiff = ValueKinds.IsNoDiff(p);
            if (p.RefKind != RefKind.None && !ByReferenceParameters.Supported(p) && !ByReferenceParameters.IsInStruct(p))
            {
                yield return Rule(DiagnosticDescriptors.UnsupportedParameter, at, p.Name, method.Name,
                    "a '" + p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "' passed by " + ByReferenceParameters.Keyword(p),
                    "ref, out and in are supported for double and float parameters, and in for a struct of reals; pass it by value or as 'in' (an array parameter's elements can be written without ref), or return the value");
            }
            else if (p.IsParams && p.Type is not IArrayTypeSymbol)
            {
                // A params array is an ordinary array inside the method (MBackward takes it without 'params', its
                // adjoint follows it); a C# 13 params collection (Span, IEnumerable, ...) is not carried yet.
                yield return Rule(DiagnosticDescriptors.UnsupportedParameter, at, p.Name, method.Name, "a params collection", "use a params array (params double[]) or remove 'params'");
            }
            if (!noDiff && p.RefKind == RefKind.None && ValueKinds.IsStructCollection(p.Type) && p.Type.NullableAnnotation == NullableAnnotation.Annotated)
            {
                // Its components are copied into arrays as MBackward starts: a null has no components to copy.
                string plain = p.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                yield return Rule(DiagnosticDescriptors.UnsupportedParameter, at, p.Name, method.Name,
                    "a " + plain + " declared nullable (" + plain + "?)", "declare it " + plain + " (its components are copied as MBackward starts), or mark it [NoDiff] if it is a constant");
            }
            if (!noDiff && p.RefKind == RefKind.None && ValueKinds.IsRealList(p.Type) && p.Type.NullableAnnotation == NullableAnnotation.Annotated)
            {
                // Its adjoint is an array of its Count: a null list has no Count to size it.
                string plain = p.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                yield return Rule(DiagnosticDescriptors.UnsupportedParameter, at, p.Name, method.Name,
                    "a " + plain + " declared nullable (" + plain + "?)", "declare it " + plain + " (its adjoint is an array of its Count), or mark it [NoDiff] if it is a constant");
            }
            if (ClassParameters.IsOptedIn(p) && (p.RefKind == RefKind.None || ByReferenceParameters.Supported(p) || ByReferenceParameters.IsInStruct(p)) && ClassParameters.Refusal(p) is { } refused)
            {
                // [WithRespectTo] where it cannot give an adjoint: never silently a constant.
                yield return Rule(DiagnosticDescriptors.UnsupportedParameter, at, p.Name, method.Name, refused.What, refused.Fix);
            }
            bool hasAdjoint = !noDiff && (ValueKinds.Of(p.Type) != Graph.ScalarType.Other || ValueKinds.IsCollection(p.Type) || ValueKinds.IsGrid(p.Type) || RealStructs.IsBoundaryStruct(p.Type) || ClassParameters.IsClassInput(p) || ClassArrayParameters.IsInput(p)
                || ValueKinds.IsRealList(p.Type) && p.RefKind == RefKind.None
                || ValueKinds.IsStructCollection(p.Type) && p.RefKind == RefKind.None);
            if (!noDiff && !hasAdjoint && p.RefKind == RefKind.None && !(p.IsParams && p.Type is not IArrayTypeSymbol) && p.Type.TypeKind == TypeKind.Struct && ValueKinds.CarriesReals(p.Type)
                && RealStructs.Why(p.Type) is { } why && p.Type.SpecialType == SpecialType.None && !ValueKinds.IsCollection(p.Type) && p.Type is INamedTypeSymbol { IsGenericType: false, IsTupleType: false })
            {
                // A struct of reals the generator cannot carry as its components: say what stands in the way.
                yield return Rule(DiagnosticDescriptors.UnsupportedParameter, at, p.Name, method.Name,
                    "a '" + p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "', " + why,
                    "a struct parameter is differentiated when every instance member is a settable public or internal double/float field or auto-property (or such a struct); mark it [NoDiff] if it is a constant, or pass its values as double/float parameters");
            }
            else if (!noDiff && !hasAdjoint && p.RefKind == RefKind.None && !(p.IsParams && p.Type is not IArrayTypeSymbol) && ValueKinds.CarriesReals(p.Type))
            {
                // Taking it as a constant would silently drop its gradient.
                yield return Rule(DiagnosticDescriptors.UnsupportedParameter, at, p.Name, method.Name,
                    "a '" + p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "', which holds real values that AutoDiffGen cannot differentiate yet"
                        + (ArrayElement(p.Type) is { TypeKind: TypeKind.Struct } item && !RealStructs.IsRealStruct(item) && RealStructs.Why(item) is { } itemWhy ? " (its element '" + item.Name + "' is " + itemWhy + ")" : ""),
                    ArrayElement(p.Type) is { } element && (RealStructs.IsComplex(element) || RealStructs.IsBoundaryStruct(element))
                        // Complex[] and Vector3[] are (StructArrayParameters); a grid or jagged array of them is not yet.
                        ? "mark it [NoDiff] if it is a constant (its elements are then read as constants), or pass the elements as a one-dimensional " + element.Name + "[] (index i * columns + j)"
                            + (RealStructs.IsComplex(element) ? ", or the parts as double arrays" : "")
                        : "mark it [NoDiff] if it is a constant, or pass its values as double/float, double[]/float[], double[,]/float[,], double[][]/float[][] or ReadOnlySpan<double>/ReadOnlySpan<float> parameters");
            }
            string? adjoint = hasAdjoint ? NameAllocator.AdjointBase(p.Name) : null;
            if (adjoint == "dResult" && !method.ReturnsVoid)
            {
                // MBackward's seed of the result is dResult too.
                yield return Rule(DiagnosticDescriptors.AdjointNameClash, at, "The adjoint of parameter '" + p.Name + "'", adjoint, ParameterOf(method), "the parameter");
            }
            else if (adjoint is not null && names.Contains(adjoint))
            {
                yield return Rule(DiagnosticDescriptors.AdjointNameClash, at, "The adjoint of parameter '" + p.Name + "'", adjoint, ParameterOf(method), "one of them");
            }
            else if (adjoint is not null && adjoints.TryGetValue(adjoint, out var earlier))
            {
                // x and X: C# tells them apart, the contract's names (dX) do not.
                yield return Rule(DiagnosticDescriptors.AdjointNameClash, at, "The adjoint of parameter '" + p.Name + "'", adjoint, "the adjoint of parameter '" + earlier + "' of '" + method.Name + "'", "one of them");
            }
            if (adjoint is not null && !adjoints.ContainsKey(adjoint)) adjoints.Add(adjoint, p.Name);
            if (p.Name == "dResult" && !method.ReturnsVoid)
            {
                yield return Rule(DiagnosticDescriptors.AdjointNameClash, at, "The upstream gradient that " + method.Name + "Backward takes for the result", "dResult", ParameterOf(method), "the parameter 'dResult'");
            }
            if (p.Name == ThisState.AdjointName && !method.IsStatic && ThisState.IsOptedIn(method))
            {
                yield return Rule(DiagnosticDescriptors.AdjointNameClash, at, "The adjoint of the object's state (WithRespectToThis)", ThisState.AdjointName, ParameterOf(method), "the parameter '" + ThisState.AdjointName + "'");
            }
        }
    }

    /// <summary>The innermost element type of an array (of arrays), or null for a type that is not an array.</summary>
    private static ITypeSymbol? ArrayElement(ITypeSymbol type)
    {
        if (type is not IArrayTypeSymbol) return null;
        while (type is IArrayTypeSymbol array) type = array.ElementType;
        return type;
    }

    /// <summary>The rule's diagnostic, with its message arguments also kept as properties ("0", "1", …): the generator re-reports a
    /// rule found on a generic method's double reading at the user's span (GenericMath/GenericAnalysis), which needs them.</summary>
    /// <summary>ADG0012's third argument where the name is taken by a parameter.</summary>
    private static string ParameterOf(IMethodSymbol method) => "the name of a parameter of '" + method.Name + "'";

    private static Diagnostic Rule(DiagnosticDescriptor descriptor, Location location, params string[] args)
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        for (int i = 0; i < args.Length; i++) properties.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture), args[i]);
        return Diagnostic.Create(descriptor, location, properties.ToImmutable(), args);
    }

    /// <summary>The message arguments of a diagnostic made by <see cref="Rule"/>.</summary>
    public static string[] Arguments(Diagnostic diagnostic) =>
        Enumerable.Range(0, diagnostic.Properties.Count).Select(i => diagnostic.Properties[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? "").ToArray();

    private static bool IsGenerated(ISymbol member) =>
        member.DeclaringSyntaxReferences.Length > 0 &&
        member.DeclaringSyntaxReferences.All(r => r.SyntaxTree.FilePath.Contains(GeneratorPathSegment));

    /// <summary>A metadata location is no place to report at.</summary>
    private static Location? InSource(Location? at) => at is { IsInSource: true } ? at : null;
}
