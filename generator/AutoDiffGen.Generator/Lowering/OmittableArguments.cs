using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Trailing optional parameters (<c>double dt = 0.01</c>, a <c>params double[]</c>) that a caller may leave out of
/// <c>MBackward</c> and <c>MForward</c> as they leave them out of the method. The full <c>MBackward</c> cannot keep the
/// defaults (its adjoints follow them, and C# wants optional parameters last), so each shorter form is an overload
/// that passes the defaults on and drops the left-out parameters' gradients (docs/supported.md, "Optional parameters").
/// </summary>
internal static class OmittableArguments
{
    /// <summary>The C# text a left-out argument takes (<see cref="NullText"/> for null), or null when it cannot be left out.</summary>
    public static string? ValueText(IParameterSymbol p)
    {
        if (p.IsParams) return p.Type is IArrayTypeSymbol { Rank: 1 } array ? "new " + array.ElementType.ToDisplayString(SymbolNames.TypeFormat) + "[0]" : null;
        if (!p.HasExplicitDefaultValue || p.RefKind is RefKind.Ref or RefKind.Out) return null;
        string type = p.Type.ToDisplayString(SymbolNames.TypeFormat);
        object? value = p.ExplicitDefaultValue;
        if (value is null) return p.Type.IsReferenceType ? NullText : "default(" + type + ")";
        if (p.Type.TypeKind == TypeKind.Enum) return "(" + type + ")(" + Primitive(value) + ")";
        return value switch
        {
            double d => p.Type.SpecialType == SpecialType.System_Double ? Literals.Double(d) : "(" + type + ")(" + Literals.Double(d) + ")",
            float f => p.Type.SpecialType == SpecialType.System_Single ? Literals.Float(f) : "(" + type + ")(" + Literals.Float(f) + ")",
            bool b => b ? "true" : "false",
            string s => SymbolDisplay.FormatLiteral(s, quote: true),
            char c => SymbolDisplay.FormatLiteral(c, quote: true),
            decimal m => m.ToString(CultureInfo.InvariantCulture) + "m",
            _ => "(" + type + ")(" + Primitive(value) + ")",
        };
    }

    private const string NullText = ParameterModel.NullDefault;

    private static string Primitive(object value) => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "0";

    /// <summary>
    /// How many parameters each shorter form keeps, longest first: one per trailing optional parameter that can be left out,
    /// none that keeps no differentiable parameter, none when the method is overloaded in its type (another overload's forms could then take the same arguments), and
    /// without a form some call could bind as well as it binds another form (<see cref="MayOverlap"/>).
    /// </summary>
    public static EquatableArray<int> Forms(IMethodSymbol method, IReadOnlyList<ParameterModel> parameters, string? thisAdjointType, string? seedType, bool seedOptional)
    {
        if (method.IsGenericMethod || method.ContainingType.GetMembers(method.Name).Count(m => m is IMethodSymbol) > 1) return default;
        int first = parameters.Count;
        while (first > 0 && parameters[first - 1].Omitted is { } omitted && (!parameters[first - 1].IsDifferentiable || LeavableAdjoint(parameters[first - 1], omitted))) first--;
        var forms = new List<int>();
        var kept = new List<List<Slot>> { Signature(parameters, parameters.Count, thisAdjointType, seedType, seedOptional) };
        for (int count = parameters.Count - 1; count >= first; count--)
        {
            // A form that returns no gradient at all (every differentiable parameter left out) is of no use.
            if (thisAdjointType is null && !parameters.Take(count).Any(p => p.IsDifferentiable)) break;
            var signature = Signature(parameters, count, thisAdjointType, seedType, seedOptional);
            if (kept.Any(k => MayOverlap(k, signature) || MayOverlap(signature, k))) continue;
            kept.Add(signature);
            forms.Add(count);
        }
        return forms.ToEquatableArray();
    }

    /// <summary>A left-out parameter's gradient is dropped: a scalar's or struct's into a local, a span's into an empty one, an array's or tensor's into null (only where null is a value the method accepts) or an empty array (<c>params</c>).</summary>
    private static bool LeavableAdjoint(ParameterModel p, string omitted) =>
        p.AdjointType.StartsWith("ref ", System.StringComparison.Ordinal)
        || p.AdjointType.StartsWith("global::System.Span<", System.StringComparison.Ordinal) && !p.IsOut
        || omitted != NullText && p.AdjointType.EndsWith("[]", System.StringComparison.Ordinal) && !p.AdjointType.EndsWith("[][]", System.StringComparison.Ordinal)
        || omitted == NullText && p.MayBeNull && !p.AdjointType.EndsWith("[,]", System.StringComparison.Ordinal) && !p.AdjointType.EndsWith("[][]", System.StringComparison.Ordinal);

    /// <summary>One parameter of a generated signature, as overload resolution sees it.</summary>
    private readonly record struct Slot(string RefKind, string Type, bool Optional);

    private static List<Slot> Signature(IReadOnlyList<ParameterModel> parameters, int count, string? thisAdjointType, string? seedType, bool seedOptional)
    {
        var slots = parameters.Take(count).Select(p => new Slot(p.RefKind, p.TypeName, false)).ToList();
        foreach (var p in parameters.Take(count).Where(p => p.IsDifferentiable))
        {
            bool byRef = p.AdjointType.StartsWith("ref ", System.StringComparison.Ordinal);
            slots.Add(new Slot(byRef ? "ref" : "", byRef ? p.AdjointType.Substring(4) : p.AdjointType, false));
        }
        if (thisAdjointType is not null)
        {
            bool byRef = thisAdjointType.StartsWith("ref ", System.StringComparison.Ordinal);
            slots.Add(new Slot(byRef ? "ref" : "", byRef ? thisAdjointType.Substring(4) : thisAdjointType, false));
        }
        if (seedType is not null) slots.Add(new Slot("", seedType, seedOptional));
        return slots;
    }

    /// <summary>
    /// Whether one argument list could apply to both signatures: as many arguments as each takes, and at every position
    /// the same passing (ref/out; <c>in</c> takes a value too) and types an argument could convert to both of
    /// (<see cref="Convertible"/>). Conservative: a form that might make a call ambiguous is not written.
    /// </summary>
    private static bool MayOverlap(List<Slot> a, List<Slot> b)
    {
        int aMin = a.Count(s => !s.Optional), bMin = b.Count(s => !s.Optional);
        for (int n = System.Math.Max(aMin, bMin); n <= System.Math.Min(a.Count, b.Count); n++)
        {
            bool all = true;
            for (int i = 0; i < n && all; i++) all = Convertible(a[i], b[i]);
            if (all) return true;
        }
        return false;
    }

    private static bool Convertible(Slot a, Slot b)
    {
        bool aValue = a.RefKind is "" or "in", bValue = b.RefKind is "" or "in";
        if (!aValue || !bValue) return a.RefKind == b.RefKind && a.Type == b.Type;
        if (a.Type == b.Type) return true;
        // A numeric argument (a literal) converts to every numeric type; an array to a span of its elements; null to any reference.
        return IsNumeric(a.Type) && IsNumeric(b.Type) || !IsNumeric(a.Type) && !IsNumeric(b.Type) && Element(a.Type) == Element(b.Type) && Element(a.Type) is not null
            || IsReference(a.Type) && IsReference(b.Type);
    }

    private static bool IsNumeric(string type) => type is "double" or "float" or "int" or "long" or "short" or "byte" or "sbyte" or "uint" or "ulong" or "ushort" or "decimal" or "char";

    private static bool IsReference(string type) => type.EndsWith("]", System.StringComparison.Ordinal) || type is "string" or "object"
        || !type.StartsWith("global::System.", System.StringComparison.Ordinal) && !IsNumeric(type) && type != "bool";

    private static string? Element(string type) =>
        type.EndsWith("[]", System.StringComparison.Ordinal) ? type.Substring(0, type.Length - 2)
        : type.StartsWith("global::System.Span<", System.StringComparison.Ordinal) ? type.Substring("global::System.Span<".Length).TrimEnd('>')
        : type.StartsWith("global::System.ReadOnlySpan<", System.StringComparison.Ordinal) ? type.Substring("global::System.ReadOnlySpan<".Length).TrimEnd('>')
        : null;
}
