using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Arrays written in a <c>Hessian = true</c> method, by the method itself or by a callee, are ADG0019 with what to write
/// instead (issue 14, hess9). <c>MHessian</c> is n Hessian–vector products on the same arguments: a method that writes
/// its array parameter would leave each product the array as the last one left it, and a callee that writes an array
/// would need a second-order shape (tangent and adjoint tangent in/out) for what it leaves there, which
/// <c>MBackwardTangent</c> does not have yet. A copy written instead of the array is supported (local arrays are).
/// </summary>
internal static class HessianWrittenArrays
{
    /// <summary>ADG0019 at the array, span or matrix parameter <paramref name="ordinal"/> that the method writes into.</summary>
    public static void ReportParameter(IMethodSymbol method, MethodDeclarationSyntax syntax, int ordinal, List<DiagnosticInfo> diagnostics)
    {
        var parameter = method.Parameters[ordinal];
        var at = (SyntaxNode?)syntax.ParameterList.Parameters.ElementAtOrDefault(ordinal) ?? syntax;
        diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, at, "The parameter '" + parameter.Name + "'",
            "'" + method.Name + "' writes into it (itself or through a callee), and MHessian is the Hessian of the result with respect to what the parameters hold on entry, "
                + "computed by n products that would each see what the previous one left in it",
            "copy it into a local array first (" + Copy(parameter) + ") and write the copy, keep the method that writes '" + parameter.Name
                + "' without Hessian = true, or remove Hessian = true"));
    }

    /// <summary>The reason and fix for ADG0019 at a call that writes into the array <paramref name="name"/> it is passed.</summary>
    public static (string Why, string Fix) Call(IMethodSymbol callee, string name) =>
        ("it writes into the array '" + name + "' it is passed, and Hessian mode has no second-order shape yet for what a callee leaves in an array (its values, tangents and adjoints' tangents in and out)",
         "have '" + callee.Name + "' copy the array into a local one and write that (it then only reads '" + name + "'), compute what the caller reads afterwards in the caller, or remove Hessian = true");

    /// <summary>The statement that copies the parameter into a local array of its element type.</summary>
    private static string Copy(IParameterSymbol parameter)
    {
        string element = parameter.Type switch
        {
            IArrayTypeSymbol array => array.ElementType.ToDisplayString(),
            INamedTypeSymbol { TypeArguments.Length: 1 } span => span.TypeArguments[0].ToDisplayString(),
            _ => "double",
        };
        string name = parameter.Name;
        return parameter.Type is IArrayTypeSymbol { Rank: 2 }
            ? "var copy = new " + element + "[" + name + ".GetLength(0), " + name + ".GetLength(1)]; and a loop over its rows and columns copying " + name + "[i, j]"
            : "var copy = new " + element + "[" + name + ".Length]; for (int i = 0; i < " + name + ".Length; i++) copy[i] = " + name + "[i];";
    }
}
