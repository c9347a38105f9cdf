using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
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
    /// <summary>
    /// ADG0019 at the first parameter the method writes into that Hessian mode cannot follow, and whether there was none.
    /// Since hess11 a one-dimensional array (of the result's type when it carries a gradient: <c>double[]</c> in a
    /// <c>double</c> method) is followed: the product runs from its entry values and leaves it as the method does, and
    /// <c>MHessian</c> restores its entry copy before each row. Since hess12 a written <c>Span&lt;T&gt;</c> of the result's
    /// type is followed the same way. A <c>double[,]</c>, an array of another type than the result, or a method that keeps
    /// the second-order path is not.
    /// </summary>
    public static bool Check(IMethodSymbol method, MethodDeclarationSyntax syntax, IEnumerable<int> written, IReadOnlyList<ParameterModel> parameters,
        string productBlocked, ScalarType returnType, List<DiagnosticInfo> diagnostics)
    {
        string element = returnType == ScalarType.Float ? "float" : "double";
        foreach (int ordinal in written.OrderBy(i => i))
        {
            var parameter = method.Parameters[ordinal];
            // A Span<T> is followed as a T[] is (hess12): MHessian keeps its entry values in an array and copies them back.
            // A double[,] since hess13: its tangents, adjoint and their tangents are matrices of its shape.
            var held = parameter.Type switch
            {
                IArrayTypeSymbol { Rank: 1 or 2 } array => array.ElementType,
                INamedTypeSymbol { Name: "Span", ContainingNamespace.Name: "System", TypeArguments.Length: 1 } span => span.TypeArguments[0],
                _ => null,
            };
            string why = held is null
                 ? "it is a " + parameter.Type.ToDisplayString() + ", and Hessian mode follows writes into a one-dimensional array, a span or a double[,] parameter only (it keeps a copy of what it held on entry for each product)"
                : parameters[ordinal].IsDifferentiable && held.ToDisplayString() != element
                    ? "it holds " + held.ToDisplayString() + "s in a " + element + " method, and Hessian mode follows a written array of the result's type only"
                    : productBlocked.Length > 0 ? productBlocked + " (which follows no written array)" : "";
            if (why.Length == 0) continue;
            var at = (SyntaxNode?)syntax.ParameterList.Parameters.ElementAtOrDefault(ordinal) ?? syntax;
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, at, "The parameter '" + parameter.Name + "'",
                "'" + method.Name + "' writes into it (itself or through a callee), and " + why,
                "copy it into a local array first (" + Copy(parameter) + ") and write the copy, keep the method that writes '" + parameter.Name
                    + "' without Hessian = true, or remove Hessian = true"));
            return false;
        }
        return true;
    }

    /// <summary>
    /// The reason and fix for ADG0019 at a call that writes into an array it is passed (<paramref name="written"/>, per argument),
    /// or null when the product follows it (hess12; in loops too since hess13): each written array is a <c>double[]</c> (<c>float[]</c>
    /// in a float method) of the callee's result type that carries a gradient before the call. The callee's
    /// <c>MBackwardTangent</c> then takes the array's tangents in/out beside its in/out adjoint and adjoint tangents
    /// (HessianVectorEmitter), and the caller keeps a copy of the array and of its tangents for the reverse sweep.
    /// </summary>
    public static (string Why, string Fix)? CallBlocked(LoweringContext context, IMethodSymbol callee, IReadOnlyList<int> inputs, ISymbol?[] written)
    {
        string name = System.Array.Find(written, w => w is not null)!.Name;
        string element = callee.ReturnType.SpecialType == SpecialType.System_Single ? "float" : "double";
        string copy = "have '" + callee.Name + "' copy the array into a local one and write that (it then only reads '" + name + "'), compute what the caller reads afterwards in the caller, or remove Hessian = true";
        // Its MBackwardTangent is seeded through its result: a void callee has none.
        if (callee.ReturnsVoid)
            return ("it writes into the array '" + name + "' it is passed and returns nothing, and Hessian mode differentiates a writing call through the callee's result",
                "make '" + callee.Name + "' return a double (what it computes, or 0), " + copy);
        // In a loop (hess13) the product keeps each iteration's copy of the array and of its tangents on two array tapes
        // (Differentiator.KeptArrays), as MBackward keeps the array's.
        for (int i = 0; i < written.Length && i < inputs.Count && i < callee.Parameters.Length; i++)
        {
            if (written[i] is null) continue;
            var node = context.Nodes[inputs[i]];
            // A callee declaring the array double[]? (hess13): its MBackwardTangent would dereference a maybe-null array.
            if (callee.Parameters[i].NullableAnnotation == NullableAnnotation.Annotated)
                return ("it writes into the array '" + node.Name + "', which '" + callee.Name + "' declares nullable (" + callee.Parameters[i].Type.ToDisplayString() + "), and Hessian mode follows a callee writing an array it declares non-nullable only",
                    "declare the parameter '" + callee.Parameters[i].Name + "' non-nullable (" + element + "[]), " + copy);
            if (callee.Parameters[i].Type.ToDisplayString() != element + "[]" || node.TypeName != element + "[]")
                return ("it writes into the array '" + node.Name + "' (a " + callee.Parameters[i].Type.ToDisplayString() + "), and Hessian mode follows a callee writing a " + element + "[] in a " + element + " callee only", copy);
            // Its tangents are an array the callee writes as it writes the values: a constant array has none to write.
            if (!node.Varied)
                return ("it writes into the array '" + node.Name + "', which carries no gradient before the call, and Hessian mode follows a callee writing an array that carries one only",
                    "store a value that carries a gradient into '" + node.Name + "' before the call, " + copy);
        }
        return null;
    }

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
