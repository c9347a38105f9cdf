using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// <c>[WithRespectTo]</c> on an array of class objects (<c>[WithRespectTo] Asset[] assets</c>, issue 13 item 6): each
/// element's real members are inputs. While the method is lowered the element class is carried as an array of structs'
/// element is (<see cref="StructArrayParameters"/>: one component array per real member, <c>assetsRate</c>), and
/// <c>MBackward</c> takes <c>Asset[] dAssets</c>, one object per element supplied by the caller, into which each element's
/// gradient is added as into a single class parameter's (<see cref="ClassParameters"/>: in place, a record's <c>with</c>,
/// or its memberwise constructor).
/// </summary>
internal static class ClassArrayParameters
{
    /// <summary>The element class of a one-dimensional array, or null.</summary>
    public static INamedTypeSymbol? Element(ITypeSymbol type) =>
        type is IArrayTypeSymbol { Rank: 1, ElementType: INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } element } ? element : null;

    private static readonly string[] Sequences = { "List", "IList", "IReadOnlyList", "IEnumerable", "ICollection", "IReadOnlyCollection" };

    /// <summary>The element class of a <c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c>, <c>IReadOnlyList&lt;T&gt;</c>, <c>IEnumerable&lt;T&gt;</c> or collection of class objects, or null.</summary>
    public static INamedTypeSymbol? SequenceElement(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true, TypeArguments: [INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } element] } named
        && System.Array.IndexOf(Sequences, named.Name) >= 0 && named.ContainingNamespace?.ToDisplayString() is "System.Collections.Generic" ? element : null;

    /// <summary>A <c>[WithRespectTo]</c> array of class objects the generator differentiates.</summary>
    public static bool IsInput(IParameterSymbol p) => ClassParameters.IsOptedIn(p) && Element(p.Type) is not null && ClassParameters.Refusal(p) is null;

    /// <summary>The element classes of the method's class array inputs: carried as component arrays while it is lowered.</summary>
    public static List<ITypeSymbol> Types(IMethodSymbol method) =>
        method.Parameters.Where(IsInput).Select(p => (ITypeSymbol)Element(p.Type)!).Distinct<ITypeSymbol>(SymbolEqualityComparer.Default).ToList();

    /// <summary>
    /// Why a <c>[WithRespectTo]</c> array of class objects cannot be one, or null (its element class is checked as a single
    /// class parameter is, by <paramref name="elementWhy"/>).
    /// </summary>
    public static (string What, string Fix)? Refusal(IParameterSymbol p, INamedTypeSymbol element, System.Func<INamedTypeSymbol, (string What, string Fix)?> elementWhy)
    {
        string name = p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        string elementName = element.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        if (p.RefKind != RefKind.None) return ("a '" + name + "' marked [WithRespectTo] passed by " + ByReferenceParameters.Keyword(p), "pass it by value (its adjoint is an array '" + name + " " + NameAllocator.AdjointBase(p.Name) + "')");
        if (p.HasExplicitDefaultValue) return ("a '" + name + "' marked [WithRespectTo] with a default value", "remove the default");
        if (p.NullableAnnotation == NullableAnnotation.Annotated || ((IArrayTypeSymbol)p.Type).ElementType.NullableAnnotation == NullableAnnotation.Annotated)
        {
            return ("a '" + name + "' marked [WithRespectTo] declared nullable (the array or its elements)", "declare it " + elementName.TrimEnd('?') + "[] (every element's members are read as the generated methods start)");
        }
        if (elementWhy(element) is { } why) return ("a '" + name + "' marked [WithRespectTo] whose element class is " + why.What, why.Fix);
        var method = p.ContainingSymbol as IMethodSymbol;
        if (method?.Parameters.FirstOrDefault(q => !SymbolEqualityComparer.Default.Equals(q, p) && !ValueKinds.IsNoDiff(q) && !ClassParameters.IsOptedIn(q) && Mentions(q.Type, element)) is { } other)
        {
            // The element class is carried as components in this method: another parameter of it would be read as one too.
            return ("a '" + name + "' marked [WithRespectTo] beside the parameter '" + other.Name + "' of the same class without it", "mark '" + other.Name + "' [WithRespectTo] too, or [NoDiff] for a constant");
        }
        return null;
    }

    private static bool Mentions(ITypeSymbol type, ITypeSymbol element) =>
        SymbolEqualityComparer.Default.Equals(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), element)
        || type is IArrayTypeSymbol a && Mentions(a.ElementType, element)
        || type is INamedTypeSymbol { IsGenericType: true } g && g.TypeArguments.Any(t => Mentions(t, element));

    /// <summary>
    /// ADG0018 (Forward), ADG0019 (Hessian) or ADG0003 (Jacobian) at a class array input: its tangent would be an array of
    /// objects of tangents, which no mode has yet. False when one was reported.
    /// </summary>
    public static bool CheckModes(IMethodSymbol method, MethodDeclarationSyntax syntax, bool forward, bool hessian, bool jacobian, List<DiagnosticInfo> diagnostics)
    {
        bool ok = true;
        foreach (var p in method.Parameters.Where(IsInput))
        {
            var at = ((SyntaxNode?)syntax.ParameterList.Parameters.ElementAtOrDefault(p.Ordinal) ?? syntax).GetLocation();
            string what = "The [WithRespectTo] array of class objects '" + p.Name + "'";
            const string why = "only MBackward carries an array of class objects (its adjoint an array of the class); a tangent or a Hessian of its members is not generated yet";
            const string fix = "pass the members as a double[] per member (or an array of a record struct of reals, which every mode carries), or remove ";
            if (forward) diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.ForwardUnsupported, at, what, why, fix + "Forward = true"));
            if (hessian) diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, at, what, why, fix + "Hessian = true"));
            if (jacobian) diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedExpression, at, "Jacobian = true with " + what.Substring(4), why + "; " + fix + "Jacobian = true"));
            ok &= !forward && !hessian && !jacobian;
        }
        return ok;
    }

    /// <summary>
    /// The statement that adds element <paramref name="index"/> of the component adjoints into <c>dP[index]</c>, by the
    /// class's write path where the generated code is (<see cref="ClassAdjointWrites.Path"/>): <c>dP[k].X += dPX[k]</c>
    /// member by member, <c>dP[k] = dP[k] with { X = dP[k].X + dPX[k], … }</c>, or the memberwise constructor.
    /// </summary>
    public static string[] AddBack(IParameterSymbol p, string adjoint, string index, IReadOnlyList<StructComponent> components, IReadOnlyList<string> adjointArrays)
    {
        var element = Element(p.Type)!;
        var at = (p.ContainingSymbol as IMethodSymbol)?.ContainingType;
        string item = adjoint + "[" + index + "]";
        var real = Enumerable.Range(0, components.Count).Where(k => !components[k].IsDiscrete).ToList();
        var readPaths = real.Select(k => ClassAdjointWrites.ReadPath(element, components[k].Path, at)).ToList();
        var write = ClassAdjointWrites.Path(element, at) ?? ClassAdjointWrite.InPlace;
        if (write == ClassAdjointWrite.InPlace) return real.Select(k => item + "." + components[k].Path + " += " + adjointArrays[k] + "[" + index + "]").ToArray();
        string template = write == ClassAdjointWrite.With
            ? ClassParameters.WithTemplate(item, element, readPaths)
            : ClassAdjointWrites.ConstructorTemplate(item, element, at, real.Select(k => components[k].Path).ToList(), readPaths);
        return new[] { item + " = " + StructPacks.Text(template, j => item + "." + readPaths[j] + " + " + adjointArrays[real[j]] + "[" + index + "]") };
    }

    /// <summary>
    /// ADG0007 at each store into an element of a class array input (<c>assets[i] = …</c>): its objects are the caller's,
    /// read as they came in.
    /// </summary>
    public static void ReportStores(IOperation body, IParameterSymbol p, List<DiagnosticInfo> diagnostics)
    {
        foreach (var op in body.Descendants())
        {
            if (op is not (IAssignmentOperation or IIncrementOrDecrementOperation)) continue;
            var target = op is IAssignmentOperation a ? a.Target : ((IIncrementOrDecrementOperation)op).Target;
            if (!StructArrayStores.TryGet(target, out var array, out _, out _) || !SymbolEqualityComparer.Default.Equals(StructArrayStores.Root(array), p)) continue;
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.SideEffect, op.Syntax.GetLocation(), "'" + Describe.Snippet(op.Syntax) + "'",
                "an element of the [WithRespectTo] array of class objects '" + p.Name + "' (the caller's objects, whose members the generated code reads as they came in)"));
        }
    }

    /// <summary>
    /// ADG0003 at an argument passed to a callee's <c>[WithRespectTo]</c> array of class objects that is not this method's
    /// own such array as it received it (a <c>[NoDiff]</c> or plain array, a local): the callee's Backward adds into an
    /// adjoint array of objects that the caller would have to make. True when one was reported (the call gets no code).
    /// </summary>
    public static bool ReportArguments(IMethodSymbol callee, IOperation[] arguments, LoweringContext context)
    {
        bool reported = false;
        for (int i = 0; i < callee.Parameters.Length && i < arguments.Length; i++)
        {
            if (!IsInput(callee.Parameters[i])) continue;
            if (StructArrayStores.Root(arguments[i]) is IParameterSymbol own && IsInput(own) && context.StructArrays.ContainsKey(own)) continue;
            context.ReportUnsupportedExpression(arguments[i], "An array passed to the [WithRespectTo] array of class objects '" + callee.Parameters[i].Name + "' of '" + callee.Name + "' that is not this method's own [WithRespectTo] array",
                "mark this method's array parameter [WithRespectTo] and pass it as it is (its gradient then flows on), or call " + callee.Name + "Backward yourself, outside [Differentiable] code, with an adjoint array of objects");
            reported = true;
        }
        return reported;
    }

    /// <summary>A component's path as the copies read it from an element (a private field through the property that exposes it).</summary>
    public static string ReadPath(IParameterSymbol p, string path) =>
        ClassAdjointWrites.ReadPath(Element(p.Type)!, path, (p.ContainingSymbol as IMethodSymbol)?.ContainingType);
}
