using System.Linq;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Derivatives;

/// <summary>The contract's shape of a derivative, as text for diagnostics that ask the user to write one.</summary>
internal static class ExpectedSignatures
{
    private static readonly SymbolDisplayFormat Format = SymbolDisplayFormat.MinimallyQualifiedFormat;

    public static string Backward(IMethodSymbol method)
    {
        string ret = method.ReturnType.ToDisplayString(Format);
        var parameters = method.Parameters.Select(p => p.Type.ToDisplayString(Format) + " " + p.Name).ToList();
        foreach (var p in method.Parameters)
        {
            string? adjoint = AdjointType(p.Type);
            if (adjoint is not null) parameters.Add(adjoint + " d" + char.ToUpperInvariant(p.Name[0]) + p.Name.Substring(1));
        }
        parameters.Add(ret + " dResult = 1");
        return (method.IsStatic ? "static " : "") + ret + " " + method.Name + "Backward(" + string.Join(", ", parameters) + ")";
    }

    private static string? AdjointType(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Double => "ref double",
        SpecialType.System_Single => "ref float",
        _ => null,
    };
}
