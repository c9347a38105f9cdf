using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Derivatives;

/// <summary>
/// The two shapes a derivative of <c>R M(T1 p1, …)</c> may have, per the contract:
/// Backward <c>R MBackward(p…, adjoints…, R dResult)</c> and Pullback <c>void MPullback(p…, R result, R dResult, adjoints…)</c>.
/// </summary>
internal static class DerivativeShapes
{
    private static readonly SymbolDisplayFormat Format = SymbolDisplayFormat.MinimallyQualifiedFormat;

    public static bool Matches(IMethodSymbol derivative, IMethodSymbol method, out DerivativeForm form)
    {
        form = derivative.ReturnsVoid ? DerivativeForm.Pullback : DerivativeForm.Backward;
        var expected = Expected(method, form);
        if (form == DerivativeForm.Backward && !Same(derivative.ReturnType, method.ReturnType)) return false;
        if (derivative.Parameters.Length != expected.Count) return false;
        for (int i = 0; i < expected.Count; i++)
        {
            var p = derivative.Parameters[i];
            if (!Same(p.Type, expected[i].Type) || (p.RefKind == RefKind.Ref) != expected[i].ByRef) return false;
        }
        return true;
    }

    private static bool Same(ITypeSymbol a, ITypeSymbol b) => SymbolEqualityComparer.Default.Equals(a, b);

    private static List<(ITypeSymbol Type, bool ByRef, string Name)> Expected(IMethodSymbol method, DerivativeForm form)
    {
        var list = method.Parameters.Select(p => (p.Type, false, p.Name)).ToList();
        if (form == DerivativeForm.Pullback)
        {
            list.Add((method.ReturnType, false, "result"));
            list.Add((method.ReturnType, false, "dResult"));
        }
        foreach (var p in method.Parameters)
        {
            var passing = ValueKinds.Passing(p);
            if (passing != AdjointPassing.None) list.Add((p.Type, passing == AdjointPassing.Ref, AdjointName(p.Name)));
        }
        if (form == DerivativeForm.Backward) list.Add((method.ReturnType, false, "dResult"));
        return list;
    }

    /// <summary>The expected signature as C# text, for diagnostics that ask the user to write it.</summary>
    public static string Text(IMethodSymbol method, DerivativeForm form)
    {
        var parameters = Expected(method, form).Select(e =>
            (e.ByRef ? "ref " : "") + e.Type.ToDisplayString(Format) + (ValueKinds.Of(e.Type) == ScalarType.Adjointable && e.Name.StartsWith("d") && e.Name != "dResult" ? "?" : "") + " " + e.Name);
        string ret = form == DerivativeForm.Pullback ? "void" : method.ReturnType.ToDisplayString(Format);
        string name = method.Name + (form == DerivativeForm.Pullback ? "Pullback" : "Backward");
        return (method.IsStatic ? "static " : "") + ret + " " + name + "(" + string.Join(", ", parameters) + ")";
    }

    private static string AdjointName(string name) => "d" + char.ToUpperInvariant(name[0]) + name.Substring(1);
}
