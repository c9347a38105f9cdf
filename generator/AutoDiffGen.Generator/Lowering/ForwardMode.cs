using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// What <c>[Differentiable(Forward = true)]</c> adds to the analysis: the checks of the method's shape (its calls are
/// checked where they are lowered, <see cref="ForwardCalls"/>) and the names of the tangents.
/// </summary>
internal static class ForwardMode
{
    /// <summary>
    /// ADG0018 at a [NoDiff] ref or out parameter (the names MForward needs are DeclarationRules' to check). A struct of reals
    /// has its tangent by value (tP), a tensor a tensor of its shape (tW, modes8): its ops' forward [DerivativeOf]s carry it.
    /// </summary>
    public static void Check(IMethodSymbol method, MethodDeclarationSyntax syntax, List<ParameterModel> parameters, ScalarType returnType, List<DiagnosticInfo> diagnostics)
    {
        // A void method is checked once its writes are known (MethodAnalyzer): its array and span outputs have tangents.
        for (int i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            var at = (SyntaxNode?)syntax.ParameterList.Parameters.ElementAtOrDefault(i) ?? syntax;
            // A ref or out real has a tangent passed the same way (ref double x → ref double tX: in/out; out double y → out double tY).
            if (p.RefKind is "ref" or "out" && !p.IsDifferentiable)
            {
                diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.ForwardUnsupported, at, "The parameter '" + p.Name + "'",
                    "it is passed by " + p.RefKind + " and marked [NoDiff], and forward mode has no tangent for it", "remove [NoDiff], return the value, or remove Forward = true"));
            }
        }
    }

    /// <summary>
    /// Per node, its tangent's local: a differentiable parameter's tangent parameter (<c>x</c> → <c>tX</c>), a fresh name
    /// for every other value with an adjoint (a local array's versions share one, as they share their adjoint), else "".
    /// </summary>
    public static EquatableArray<string> TangentNames(ComputationGraph graph, NameAllocator names)
    {
        var byAdjoint = new Dictionary<string, string>();
        // A built-whole struct parameter's components have adjoint locals (dS_X): their tangents are tS's members (tS.X).
        foreach (var s in graph.StructLocals)
        {
            for (int k = 0; k < s.Locals.Length; k++) byAdjoint[s.Locals[k]] = "t" + s.Adjoint.Substring(1) + "." + s.Paths[k];
        }
        // An array of structs' component arrays are locals of MForward (Differentiator.DeclareStructArrayTangents): fresh names.
        var components = new HashSet<string>(graph.StructArrays.SelectMany(c => c.AdjointArrays).Where(a => a.Length > 0));
        var result = new string[graph.Nodes.Length];
        foreach (var node in graph.Nodes)
        {
            if (node.AdjointName.Length == 0)
            {
                result[node.Id] = "";
            }
            else if (!byAdjoint.TryGetValue(node.AdjointName, out var tangent))
            {
                tangent = node.Gate == GateKind.Parameter && !components.Contains(node.AdjointName) ? "t" + node.AdjointName.Substring(1) : names.Fresh("t" + node.AdjointName.Substring(1));
                byAdjoint.Add(node.AdjointName, tangent);
                result[node.Id] = tangent;
            }
            else
            {
                result[node.Id] = tangent;
            }
        }
        return new EquatableArray<string>(result);
    }
}
