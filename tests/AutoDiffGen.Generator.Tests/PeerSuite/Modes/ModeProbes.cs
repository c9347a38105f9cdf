using System.Text;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Tests.PeerSuite.Modes;

/// <summary>
/// C# callers of the generated mode methods, compiled with them: MForward, MHessian and MJacobian take spans, which
/// reflection cannot pass, so each case gets a static class whose methods take boxed arguments and arrays instead.
/// The call is spelled from the generated method's own parameter list, so a shape the docs do not promise fails to
/// compile here (a broken case) instead of being guessed around.
/// </summary>
internal static class ModeProbes
{
    public const string Namespace = "PeerModeProbes";

    /// <summary>
    /// The probe's source for <paramref name="c"/>, or null with <paramref name="why"/> when the generated method does
    /// not have the documented shape. Forward: <c>Run(object? r, object[] p, double[][] t)</c> returns {value, tResult}
    /// (t[i] is parameter i's tangent: one entry for a scalar, one per element for an array). Hessian:
    /// <c>Run(r, p, int n)</c> returns {value, H as double[]} and <c>Vector(r, p, double[] v)</c> returns H·v. Jacobian:
    /// <c>Run(r, p, int size)</c> returns {value, J as double[]}.
    /// </summary>
    public static string? Write(ModeCase c, int index, IMethodSymbol primal, IMethodSymbol generated, IMethodSymbol? vector, out string why)
    {
        why = "";
        var ps = primal.Parameters;
        // Forward mode passes a ref real and its tangent by ref (docs/ref-out.md): the probe copies both into locals.
        bool byRef = ps.Any(p => p.RefKind != RefKind.None);
        if (byRef && (c.Mode != PeerMode.Forward || ps.Any(p => p.RefKind is not (RefKind.None or RefKind.Ref)))) { why = "ref/out parameters are not probed"; return null; }
        string type = primal.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        string target = primal.IsStatic ? type : "((" + type + ")r!)";
        var s = new StringBuilder();
        s.AppendLine("#nullable enable");
        s.AppendLine("namespace " + Namespace + " {");
        s.AppendLine("public static class " + ClassName(index) + " {");
        string Arguments() => string.Join(", ", ps.Select((p, i) => p.RefKind == RefKind.Ref ? "ref a" + i : "(" + p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ")p[" + i + "]"));
        string RefLocals() => string.Concat(ps.Select((p, i) => p.RefKind == RefKind.Ref ? "var a" + i + " = (" + p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + ")p[" + i + "]; " : ""));
        var extra = generated.Parameters.Skip(ps.Length).ToList();
        if (!generated.Parameters.Take(ps.Length).Select(p => p.Type).SequenceEqual(ps.Select(p => p.Type), SymbolEqualityComparer.Default))
        {
            why = "its first parameters are not the method's";
            return null;
        }
        switch (c.Mode)
        {
            case PeerMode.Forward:
            {
                var active = Enumerable.Range(0, ps.Length).Where(i => IsReal(ps[i].Type) && !IsNoDiff(ps[i])).ToList();
                if (extra.Count != active.Count + 1 || extra[extra.Count - 1].RefKind != RefKind.Out)
                {
                    why = "MForward has " + extra.Count + " parameters after the method's, where " + active.Count + " tangents and out tResult were expected";
                    return null;
                }
                var tangents = new List<string>();
                string locals = RefLocals();
                for (int k = 0; k < active.Count; k++)
                {
                    string tangent = Tangent(extra[k].Type, "t[" + active[k] + "]");
                    if (extra[k].RefKind == RefKind.Ref) locals += "var t" + k + " = " + tangent + "; ";
                    tangents.Add(extra[k].RefKind == RefKind.Ref ? "ref t" + k : tangent);
                }
                s.AppendLine("public static object?[] Run(object? r, object[] p, double[][] t) { " + locals + "var value = " + target + "." + generated.Name + "(" + Join(Arguments(), string.Join(", ", tangents), "out var tResult") + "); return new object?[] { value, tResult }; }");
                break;
            }
            case PeerMode.Hessian:
            case PeerMode.Jacobian:
            {
                if (extra.Count != 1 || Element(extra[0].Type, "System.Span") is not { } element)
                {
                    why = generated.Name + " does not end with one Span<T> output";
                    return null;
                }
                // A void method's Jacobian (outputs written into its array parameters): its value is what it leaves in them, read by the judge.
                s.AppendLine(primal.ReturnsVoid
                    ? "public static object?[] Run(object? r, object[] p, int size) { var output = new " + element + "[size]; " + target + "." + generated.Name + "(" + Join(Arguments(), "output") + "); return new object?[] { null, output }; }"
                    : "public static object?[] Run(object? r, object[] p, int size) { var output = new " + element + "[size]; var value = " + target + "." + generated.Name + "(" + Join(Arguments(), "output") + "); return new object?[] { value, output }; }");
                if (vector is not null)
                {
                    s.AppendLine("public static double[] Vector(object? r, object[] p, double[] v) { var d = new " + element + "[v.Length]; for (int i = 0; i < v.Length; i++) d[i] = (" + element + ")v[i]; var hv = new " + element + "[v.Length]; "
                                 + target + "." + vector.Name + "(" + Join(Arguments(), "d", "hv") + "); var o = new double[v.Length]; for (int i = 0; i < v.Length; i++) o[i] = hv[i]; return o; }");
                }
                break;
            }
        }
        s.AppendLine("} }");
        return s.ToString();
    }

    public static string ClassName(int index) => "Probe" + index;

    private static string Join(params string[] parts) => string.Join(", ", parts.Where(p => p.Length > 0));

    /// <summary>The tangent argument for a parameter of type <paramref name="t"/> from the double[] <paramref name="source"/>.</summary>
    private static string Tangent(ITypeSymbol t, string source)
    {
        if (t.SpecialType == SpecialType.System_Double) return source + "[0]";
        if (t.SpecialType == SpecialType.System_Single) return "(float)" + source + "[0]";
        var element = Element(t, "System.ReadOnlySpan") ?? Element(t, "System.Span");
        if (element == "double") return "new " + t.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "(" + source + ")";
        if (element == "float") return "new " + t.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "(global::System.Array.ConvertAll(" + source + ", v => (float)v))";
        if (t is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Double }) return source;
        if (t is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Single }) return "global::System.Array.ConvertAll(" + source + ", v => (float)v)";
        return "default /* unprobed tangent type " + t.ToDisplayString() + " */";
    }

    /// <summary>"double" for Span&lt;double&gt; (when <paramref name="generic"/> is System.Span), etc.; null otherwise.</summary>
    private static string? Element(ITypeSymbol t, string generic) =>
        t is INamedTypeSymbol { IsGenericType: true } n && n.ConstructedFrom.ToDisplayString() == generic + "<T>" ? n.TypeArguments[0].ToDisplayString() : null;

    /// <summary>double, float, arrays and spans of them: the parameters with a tangent, a gradient entry or a Hessian row.</summary>
    public static bool IsReal(ITypeSymbol t) =>
        t.SpecialType is SpecialType.System_Double or SpecialType.System_Single
        || t is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double or SpecialType.System_Single };

    public static bool IsNoDiff(IParameterSymbol p) => p.GetAttributes().Any(a => a.AttributeClass?.Name == "NoDiffAttribute");
}
