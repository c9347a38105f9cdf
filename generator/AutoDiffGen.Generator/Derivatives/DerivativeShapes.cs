using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Derivatives;

/// <summary>
/// The shapes a derivative of <c>R M(T1 p1, …)</c> may have, per the contract: Backward
/// <c>R MBackward(p…, adjoints…, R dResult)</c> and Pullback <c>void MPullback(p…, R result, R dResult, adjoints…)</c> for
/// the reverse mode, and Forward <c>R MForward(p…, tangents…, out R tResult)</c>, the generated <c>MForward</c>'s shape, for
/// forward mode. A derivative's form is told by its signature: void is a pullback, a last <c>out</c> parameter a forward one.
/// A derivative with an adjoint for each double[]/float[]/span parameter has, as its forward form, a tangent for each
/// (a <c>ReadOnlySpan</c> of the element type, as a generated <c>MForward</c> takes them).
/// </summary>
internal static class DerivativeShapes
{
    private static readonly SymbolDisplayFormat Format = SymbolDisplayFormat.MinimallyQualifiedFormat;

    public static bool Matches(IMethodSymbol derivative, IMethodSymbol method, out DerivativeForm form) => Matches(derivative, method, out form, out _);

    /// <summary>
    /// As <see cref="Matches(IMethodSymbol, IMethodSymbol, out DerivativeForm)"/>; <paramref name="collections"/> tells
    /// that the derivative also takes an adjoint for each double[]/float[]/span parameter (an array of the same type, a
    /// <c>Span&lt;T&gt;</c> for a span), as a generated Backward does. Without them (the first shape), such a parameter is
    /// a constant: passing it a value that carries a gradient is an error at the call.
    /// </summary>
    public static bool Matches(IMethodSymbol derivative, IMethodSymbol method, out DerivativeForm form, out bool collections)
    {
        collections = false;
        if (MatchesShape(derivative, method, out form, collections: false)) return true;
        collections = method.Parameters.Any(p => CollectionAdjointType(p) is not null);
        return collections && MatchesShape(derivative, method, out form, collections: true);
    }

    /// <summary>The adjoint type of a double[]/float[] (the same) or span parameter (Span of its element), else null.</summary>
    public static ITypeSymbol? CollectionAdjointType(IParameterSymbol p)
    {
        if (ValueKinds.BackwardPassing(p) != AdjointPassing.Collection) return null;
        if (p.Type is IArrayTypeSymbol) return p.Type;
        var span = (INamedTypeSymbol)p.Type;
        return span.ContainingNamespace.GetTypeMembers("Span", 1).FirstOrDefault()?.Construct(span.TypeArguments[0]);
    }

    private static bool MatchesShape(IMethodSymbol derivative, IMethodSymbol method, out DerivativeForm form, bool collections)
    {
        form = FormOf(derivative);
        if (Expected(method, form, collections) is not { } expected) return false;
        if (form != DerivativeForm.Pullback && !Same(derivative.ReturnType, method.ReturnType)) return false;
        if (derivative.Parameters.Length != expected.Count) return false;
        for (int i = 0; i < expected.Count; i++)
        {
            if (!Fits(derivative.Parameters[i], expected[i])) return false;
        }
        return true;
    }

    /// <summary>A derivative's parameter has the expected slot's type and passing.</summary>
    private static bool Fits(IParameterSymbol p, Slot e) => Passed(p) == e.Kind && (e.ReadOnlySpan ? IsReadOnlySpanOf(p.Type, e.Type) : Same(p.Type, e.Type));

    /// <summary>System.ReadOnlySpan&lt;<paramref name="element"/>&gt;, wherever it is defined (System.Memory or the core library).</summary>
    private static bool IsReadOnlySpanOf(ITypeSymbol type, ITypeSymbol element) =>
        type is INamedTypeSymbol { Name: "ReadOnlySpan", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true }, TypeArguments: [var t] } && Same(t, element);

    /// <summary>
    /// One parameter of a derivative's shape. <paramref name="ReadOnlySpan"/>: the parameter is a
    /// <c>ReadOnlySpan</c> of <paramref name="Type"/> (an array or span's tangent), found by name, since a shape is worked
    /// out without a compilation to look the type up in.
    /// </summary>
    private readonly record struct Slot(ITypeSymbol Type, RefKind Kind, string Name, bool ReadOnlySpan = false)
    {
        public string Display(SymbolDisplayFormat format) => ReadOnlySpan ? "ReadOnlySpan<" + Type.ToDisplayString(format) + ">" : Type.ToDisplayString(format);
    }

    /// <summary>The form a derivative's own signature says it has: void is a pullback, a last <c>out</c> parameter a forward derivative.</summary>
    public static DerivativeForm FormOf(IMethodSymbol derivative) =>
        derivative.ReturnsVoid ? DerivativeForm.Pullback
        : derivative.Parameters.LastOrDefault()?.RefKind == RefKind.Out ? DerivativeForm.Forward
        : DerivativeForm.Backward;

    /// <summary>How a derivative's parameter is passed, for comparing with the shape: <c>in</c> reads like by value.</summary>
    private static RefKind Passed(IParameterSymbol p) => p.RefKind is RefKind.Ref or RefKind.Out ? p.RefKind : RefKind.None;

    private static bool Same(ITypeSymbol a, ITypeSymbol b) => SymbolEqualityComparer.Default.Equals(a, b);

    /// <summary>
    /// The parameters of <paramref name="form"/> for <paramref name="method"/>; null when the method has no such form (a
    /// forward derivative exists for a double or float result and by-value parameters: a double or float one has a tangent of
    /// its type, by value; with <paramref name="collections"/>, a double[]/float[] or span one a <c>ReadOnlySpan</c> of its
    /// element type; other values are constants; a grid or an array of structs has no hand-written forward form yet).
    /// </summary>
    private static List<Slot>? Expected(IMethodSymbol method, DerivativeForm form, bool collections = false)
    {
        var list = method.Parameters.Select(p => new Slot(p.Type, RefKind.None, p.Name)).ToList();
        if (form == DerivativeForm.Pullback)
        {
            list.Add(new Slot(method.ReturnType, RefKind.None, "result"));
            list.Add(new Slot(method.ReturnType, RefKind.None, "dResult"));
        }
        if (form == DerivativeForm.Forward)
        {
            // A tensor (an adjointable value) has a tangent of its own type, null for zero, and may be the result (modes8).
            if (method.ReturnType.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single) && ValueKinds.Of(method.ReturnType) != ScalarType.Adjointable
                || method.Parameters.Any(p => p.RefKind != RefKind.None)) return null;
            if (collections && method.Parameters.Any(p => CollectionAdjointType(p) is not null && !ValueKinds.IsCollection(p.Type))) return null;
            foreach (var p in method.Parameters)
            {
                if (ValueKinds.Passing(p) is AdjointPassing.Ref or AdjointPassing.Value) list.Add(new Slot(p.Type, RefKind.None, TangentName(p.Name)));
                else if (collections && CollectionAdjointType(p) is not null) list.Add(new Slot(ElementOf(p.Type), RefKind.None, TangentName(p.Name), ReadOnlySpan: true));
            }
            list.Add(new Slot(method.ReturnType, RefKind.Out, "tResult"));
            return list;
        }
        foreach (var p in method.Parameters)
        {
            var passing = ValueKinds.Passing(p);
            // An in real (double or float, as Lowering's ByReferenceParameters supports) is read, not written: its adjoint
            // is ref, as in a generated Backward (ExpressionLowering.RefCalls).
            if (passing == AdjointPassing.None && p.RefKind is RefKind.In or RefKind.RefReadOnlyParameter
                && p.Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single && !ValueKinds.IsNoDiff(p)) passing = AdjointPassing.Ref;
            if (passing != AdjointPassing.None) list.Add(new Slot(p.Type, passing == AdjointPassing.Ref ? RefKind.Ref : RefKind.None, AdjointName(p.Name)));
            else if (collections && CollectionAdjointType(p) is { } adjoint) list.Add(new Slot(adjoint, RefKind.None, AdjointName(p.Name)));
        }
        if (form == DerivativeForm.Backward) list.Add(new Slot(method.ReturnType, RefKind.None, "dResult"));
        return list;
    }

    /// <summary>The element type of a double[]/float[] or (ReadOnly)Span.</summary>
    private static ITypeSymbol ElementOf(ITypeSymbol type) => type is IArrayTypeSymbol array ? array.ElementType : ((INamedTypeSymbol)type).TypeArguments[0];

    /// <summary>A forward derivative of <paramref name="method"/> can be written (with tangents for its arrays and spans: <paramref name="collections"/>).</summary>
    public static bool HasForwardForm(IMethodSymbol method, bool collections) => Expected(method, DerivativeForm.Forward, collections) is not null;

    /// <summary>The method has double[]/float[]/span parameters, which a derivative may take adjoints or tangents for.</summary>
    public static bool HasCollections(IMethodSymbol method) => method.Parameters.Any(p => CollectionAdjointType(p) is not null);

    /// <summary>The expected signature as C# text, for diagnostics that ask the user to write it.</summary>
    /// <param name="method">The method to differentiate.</param>
    /// <param name="form">Backward or Pullback.</param>
    /// <param name="format">How types are written: short by default; the code fix writes them fully qualified.</param>
    /// <param name="collections">The shape with an adjoint (or tangent) for each double[]/float[]/span parameter.</param>
    public static string Text(IMethodSymbol method, DerivativeForm form, SymbolDisplayFormat? format = null, bool collections = false)
    {
        format ??= Format;
        var parameters = (Expected(method, form, collections) ?? new List<Slot>()).Select(e =>
            Prefix(e.Kind) + (e.ReadOnlySpan && format != Format ? "global::System." : "") + e.Display(format) + (MayBeNull(e) ? "?" : "") + " " + e.Name);
        string ret = form == DerivativeForm.Pullback ? "void" : method.ReturnType.ToDisplayString(format);
        return (method.IsStatic ? "static " : "") + ret + " " + method.Name + form + "(" + string.Join(", ", parameters) + ")";
    }

    /// <summary>The forms <paramref name="method"/> may have a derivative of (Forward only for a double or float result).</summary>
    public static IEnumerable<DerivativeForm> FormsOf(IMethodSymbol method)
    {
        yield return DerivativeForm.Backward;
        yield return DerivativeForm.Pullback;
        if (HasForwardForm(method, collections: false)) yield return DerivativeForm.Forward;
    }

    /// <summary>
    /// Every signature a derivative of <paramref name="method"/> may have, as C# text: <see cref="FormsOf"/>, then, for a
    /// method with arrays or spans, the Backward with their adjoints and the forward form with their tangents.
    /// </summary>
    public static IEnumerable<string> Texts(IMethodSymbol method)
    {
        foreach (var form in FormsOf(method)) yield return Text(method, form);
        if (!HasCollections(method)) yield break;
        yield return Text(method, DerivativeForm.Backward, collections: true);
        if (HasForwardForm(method, collections: true)) yield return Text(method, DerivativeForm.Forward, collections: true);
    }

    private static string Prefix(RefKind kind) => kind == RefKind.None ? "" : kind.ToString().ToLowerInvariant() + " ";

    /// <summary>
    /// A by-value adjoint of a reference type may be null (for a [NoDiff] argument). On a struct, '?'
    /// would mean Nullable&lt;T&gt;, a different type, so it is never printed there.
    /// </summary>
    private static bool MayBeNull(Slot e) =>
        !e.ReadOnlySpan && ValueKinds.Of(e.Type) == ScalarType.Adjointable && e.Type.IsReferenceType && e.Kind == RefKind.None && (e.Name.StartsWith("d") && e.Name != "dResult" || e.Name.StartsWith("t") && e.Name != "tResult");

    /// <summary>
    /// The first place where <paramref name="derivative"/> departs from the shape its own form (<see cref="FormOf"/>) has
    /// for <paramref name="method"/>, in words.
    /// </summary>
    public static string Difference(IMethodSymbol derivative, IMethodSymbol method)
    {
        var form = FormOf(derivative);
        // With arrays or spans: compared with the shape that has their adjoints or tangents when its length is the derivative's.
        var expected = HasCollections(method) && Expected(method, form, collections: true) is { } full && full.Count == derivative.Parameters.Length
            ? full : Expected(method, form);
        if (expected is null)
        {
            return "it takes an out parameter last, the forward shape, which '" + method.Name + "' has not (it needs a double or float result and no tensor, ref, out or in parameter)";
        }
        if (form != DerivativeForm.Pullback && !Same(derivative.ReturnType, method.ReturnType))
        {
            return "it returns " + Quoted(derivative.ReturnType, method.ReturnType) + " where " + Quoted(method.ReturnType, derivative.ReturnType) + " is expected";
        }
        for (int i = 0; i < expected.Count && i < derivative.Parameters.Length; i++)
        {
            var p = derivative.Parameters[i];
            var e = expected[i];
            if (Fits(p, e)) continue;
            string actual = Prefix(p.RefKind) + (e.ReadOnlySpan ? "'" + p.Type.ToDisplayString(Format) + "'" : Quoted(p.Type, e.Type));
            string wanted = Prefix(e.Kind) + (e.ReadOnlySpan ? "'" + e.Display(Format) + "'" : Quoted(e.Type, p.Type));
            return "its parameter " + (i + 1) + " ('" + p.Name + "') is " + actual + " where " + wanted + " ('" + e.Name + "') is expected";
        }
        return "it has " + derivative.Parameters.Length + " parameters where the " + (form == DerivativeForm.Backward ? "Backward" : form.ToString().ToLowerInvariant()) +
            " shape has " + expected.Count;
    }

    /// <summary>'T', spelled out where it would read the same as <paramref name="other"/> or hides Nullable&lt;T&gt;.</summary>
    private static string Quoted(ITypeSymbol type, ITypeSymbol other)
    {
        string text = type.ToDisplayString(Format);
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            return "'" + text + "' (Nullable<" + nullable.TypeArguments[0].ToDisplayString(Format) + ">)";
        }
        if (text == other.ToDisplayString(Format)) text = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return "'" + text + "'";
    }

    private static string AdjointName(string name) => "d" + char.ToUpperInvariant(name[0]) + name.Substring(1);

    private static string TangentName(string name) => "t" + char.ToUpperInvariant(name[0]) + name.Substring(1);
}
