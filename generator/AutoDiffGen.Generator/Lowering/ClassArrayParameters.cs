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
    /// <summary>
    /// The element class of a one-dimensional array, or of a <c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c> or
    /// <c>IReadOnlyList&lt;T&gt;</c> of class objects (read by index and Count as an array is), or null.
    /// </summary>
    public static INamedTypeSymbol? Element(ITypeSymbol type) =>
        type is IArrayTypeSymbol { Rank: 1, ElementType: INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } element } ? element : ListElement(type);

    private static readonly string[] Lists = { "List", "IList", "IReadOnlyList" };

    private static readonly string[] Sequences = { "IEnumerable", "ICollection", "IReadOnlyCollection" };

    /// <summary>The element class of a <c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c> or <c>IReadOnlyList&lt;T&gt;</c> of class objects, or null.</summary>
    public static INamedTypeSymbol? ListElement(ITypeSymbol type) => Generic(type, Lists);

    /// <summary>The element class of an <c>IEnumerable&lt;T&gt;</c> or collection interface (not a list) of class objects, or null: no index to read it by.</summary>
    public static INamedTypeSymbol? SequenceElement(ITypeSymbol type) => Generic(type, Sequences);

    private static INamedTypeSymbol? Generic(ITypeSymbol type, string[] names) =>
        type is INamedTypeSymbol { IsGenericType: true, TypeArguments: [INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } element] } named
        && System.Array.IndexOf(names, named.Name) >= 0 && named.ContainingNamespace?.ToDisplayString() is "System.Collections.Generic" ? element : null;

    /// <summary>A <c>[WithRespectTo]</c> array or list of class objects the generator differentiates.</summary>
    public static bool IsInput(IParameterSymbol p) => ClassParameters.IsOptedIn(p) && Element(p.Type) is not null && ClassParameters.Refusal(p) is null;

    /// <summary>
    /// The adjoint type of a class array or list input: an array of the class (<c>Asset[]</c>) for both. A list's is an
    /// array too, as a <c>List&lt;double&gt;</c>'s is a <c>double[]</c>: a record's gradient replaces the slot
    /// (<c>dAssets[i] = dAssets[i] with { … }</c>), which an <c>IReadOnlyList&lt;T&gt;</c> could not take, and one shape
    /// serves the three list types.
    /// </summary>
    public static string AdjointType(IParameterSymbol p) => Element(p.Type)!.ToDisplayString(SymbolNames.TypeFormat) + "[]";

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
        if (p.RefKind != RefKind.None) return ("a '" + name + "' marked [WithRespectTo] passed by " + ByReferenceParameters.Keyword(p), "pass it by value (its adjoint is an array '" + elementName + "[] " + NameAllocator.AdjointBase(p.Name) + "')");
        if (p.HasExplicitDefaultValue) return ("a '" + name + "' marked [WithRespectTo] with a default value", "remove the default");
        var declaredElement = p.Type is IArrayTypeSymbol array ? array.ElementType : ((INamedTypeSymbol)p.Type).TypeArguments[0];
        if (p.NullableAnnotation == NullableAnnotation.Annotated || declaredElement.NullableAnnotation == NullableAnnotation.Annotated)
        {
            string declared = p.Type is IArrayTypeSymbol ? elementName.TrimEnd('?') + "[]" : ((INamedTypeSymbol)p.Type).Name + "<" + elementName.TrimEnd('?') + ">";
            return ("a '" + name + "' marked [WithRespectTo] declared nullable (the " + (p.Type is IArrayTypeSymbol ? "array" : "list") + " or its elements)", "declare it " + declared + " (every element's members are read as the generated methods start)");
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
    /// ADG0003 (Jacobian) at a class array input: MJacobian has no column order for an array of objects yet. ADG0018
    /// (Forward) in a void method (its MForward carries no array of structs either). ADG0019
    /// (Hessian) where MHessian would not take the forward-over-reverse product (<paramref name="blocked"/>, the reason),
    /// or where a Hessian-mode caller calls this method's MBackwardTangent (<paramref name="derivedTangent"/>), which takes
    /// no array of objects. MForward and MHessian carry it as an array of structs is (one array per real member). False
    /// when one was reported.
    /// </summary>
    public static bool CheckModes(IMethodSymbol method, MethodDeclarationSyntax syntax, bool forward, bool hessian, bool jacobian, string blocked, bool derivedTangent, List<DiagnosticInfo> diagnostics)
    {
        bool ok = true;
        foreach (var p in method.Parameters.Where(IsInput))
        {
            var at = ((SyntaxNode?)syntax.ParameterList.Parameters.ElementAtOrDefault(p.Ordinal) ?? syntax).GetLocation();
            string what = "The [WithRespectTo] array of class objects '" + p.Name + "'";
            const string fix = "pass the members as a double[] per member (or an array of a record struct of reals), or remove ";
            if (jacobian)
            {
                diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedExpression, at, "Jacobian = true with " + what.Substring(4),
                    "MJacobian has no column order for an array of objects yet (MBackward, MForward and MHessian carry it); " + fix + "Jacobian = true"));
                ok = false;
            }
            if (forward && method.ReturnsVoid)
            {
                diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.ForwardUnsupported, at, what,
                    "MForward carries an array of objects (as an array of structs) only in a method that returns a value", fix + "Forward = true"));
                ok = false;
            }
            if (hessian && (derivedTangent || blocked.Length > 0))
            {
                string why = derivedTangent ? "a callee's MBackwardTangent (the tangent of its Backward that a Hessian-mode caller calls) takes no array of objects yet"
                    : "MHessian carries an array of objects only in the forward-over-reverse product, which this method does not take: " + blocked;
                diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, at, what, why, fix + "Hessian = true"));
                ok = false;
            }
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

    private static readonly string[] Changes = { "Add", "AddRange", "Insert", "InsertRange", "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "Clear", "Sort", "Reverse" };

    /// <summary>
    /// ADG0007 at each call that grows, shrinks or reorders a class list input (<c>assets.Add(…)</c>, <c>assets.RemoveAt(0)</c>):
    /// its component arrays were copied as the method started, at the caller's count. True when one was reported.
    /// </summary>
    public static bool ReportListChanges(IOperation body, IParameterSymbol p, List<DiagnosticInfo> diagnostics)
    {
        if (ListElement(p.Type) is null) return false;
        bool reported = false;
        foreach (var call in body.Descendants().OfType<IInvocationOperation>())
        {
            if (System.Array.IndexOf(Changes, call.TargetMethod.Name) < 0 || call.TargetMethod.IsStatic || StructArrayStores.Root(call.Instance) is not IParameterSymbol list
                || !SymbolEqualityComparer.Default.Equals(list, p)) continue;
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.SideEffect, call.Syntax.GetLocation(), "'" + Describe.Snippet(call.Syntax) + "'",
                "the [WithRespectTo] list of class objects '" + p.Name + "' (the caller's list, whose elements the generated code reads at the count it came in with); copy it into a local list first (var copy = " + p.Name + ".ToList();) and change the copy, or return the new values"));
            reported = true;
        }
        return reported;
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
