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
            var p = derivative.Parameters[i];
            if (!Same(p.Type, expected[i].Type) || Passed(p) != expected[i].Kind) return false;
        }
        return true;
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
    /// its type, by value; arrays, spans and other values are constants, as in a Backward without <paramref name="collections"/>,
    /// which has no forward form).
    /// </summary>
    private static List<(ITypeSymbol Type, RefKind Kind, string Name)>? Expected(IMethodSymbol method, DerivativeForm form, bool collections = false)
    {
        var list = method.Parameters.Select(p => (p.Type, RefKind.None, p.Name)).ToList();
        if (form == DerivativeForm.Pullback)
        {
            list.Add((method.ReturnType, RefKind.None, "result"));
            list.Add((method.ReturnType, RefKind.None, "dResult"));
        }
        if (form == DerivativeForm.Forward)
        {
            if (collections || method.ReturnType.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single)
                || method.Parameters.Any(p => p.RefKind != RefKind.None || ValueKinds.Passing(p) == AdjointPassing.Value)) return null;
            foreach (var p in method.Parameters)
            {
                if (ValueKinds.Passing(p) == AdjointPassing.Ref) list.Add((p.Type, RefKind.None, TangentName(p.Name)));
            }
            list.Add((method.ReturnType, RefKind.Out, "tResult"));
            return list;
        }
        foreach (var p in method.Parameters)
        {
            var passing = ValueKinds.Passing(p);
            // An in real (double or float, as Lowering's ByReferenceParameters supports) is read, not written: its adjoint
            // is ref, as in a generated Backward (ExpressionLowering.RefCalls).
            if (passing == AdjointPassing.None && p.RefKind is RefKind.In or RefKind.RefReadOnlyParameter
                && p.Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single && !ValueKinds.IsNoDiff(p)) passing = AdjointPassing.Ref;
            if (passing != AdjointPassing.None) list.Add((p.Type, passing == AdjointPassing.Ref ? RefKind.Ref : RefKind.None, AdjointName(p.Name)));
            else if (collections && CollectionAdjointType(p) is { } adjoint) list.Add((adjoint, RefKind.None, AdjointName(p.Name)));
        }
        if (form == DerivativeForm.Backward) list.Add((method.ReturnType, RefKind.None, "dResult"));
        return list;
    }

    /// <summary>The expected signature as C# text, for diagnostics that ask the user to write it.</summary>
    /// <param name="method">The method to differentiate.</param>
    /// <param name="form">Backward or Pullback.</param>
    /// <param name="format">How types are written: short by default; the code fix writes them fully qualified.</param>
    public static string Text(IMethodSymbol method, DerivativeForm form, SymbolDisplayFormat? format = null)
    {
        format ??= Format;
        var parameters = (Expected(method, form) ?? new List<(ITypeSymbol Type, RefKind Kind, string Name)>()).Select(e =>
            Prefix(e.Kind) + e.Type.ToDisplayString(format) + (MayBeNull(e) ? "?" : "") + " " + e.Name);
        string ret = form == DerivativeForm.Pullback ? "void" : method.ReturnType.ToDisplayString(format);
        return (method.IsStatic ? "static " : "") + ret + " " + method.Name + form + "(" + string.Join(", ", parameters) + ")";
    }

    /// <summary>The forms <paramref name="method"/> may have a derivative of (Forward only for a double or float result).</summary>
    public static IEnumerable<DerivativeForm> FormsOf(IMethodSymbol method)
    {
        yield return DerivativeForm.Backward;
        yield return DerivativeForm.Pullback;
        if (Expected(method, DerivativeForm.Forward) is not null) yield return DerivativeForm.Forward;
    }

    private static string Prefix(RefKind kind) => kind == RefKind.None ? "" : kind.ToString().ToLowerInvariant() + " ";

    /// <summary>
    /// A by-value adjoint of a reference type may be null (for a [NoDiff] argument). On a struct, '?'
    /// would mean Nullable&lt;T&gt;, a different type, so it is never printed there.
    /// </summary>
    private static bool MayBeNull((ITypeSymbol Type, RefKind Kind, string Name) e) =>
        ValueKinds.Of(e.Type) == ScalarType.Adjointable && e.Type.IsReferenceType && e.Kind == RefKind.None && e.Name.StartsWith("d") && e.Name != "dResult";

    /// <summary>
    /// The first place where <paramref name="derivative"/> departs from the shape its own form (<see cref="FormOf"/>) has
    /// for <paramref name="method"/>, in words.
    /// </summary>
    public static string Difference(IMethodSymbol derivative, IMethodSymbol method)
    {
        var form = FormOf(derivative);
        if (Expected(method, form) is not { } expected)
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
            if (Same(p.Type, e.Type) && Passed(p) == e.Kind) continue;
            string actual = Prefix(p.RefKind) + Quoted(p.Type, e.Type);
            string wanted = Prefix(e.Kind) + Quoted(e.Type, p.Type);
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
