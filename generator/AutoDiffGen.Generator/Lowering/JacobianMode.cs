using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>What <c>[Differentiable(Jacobian = true)]</c> adds to the analysis: the check of the method's shape and the Jacobian's element type.</summary>
internal static class JacobianMode
{
    /// <summary>The method is [Differentiable(Jacobian = true)].</summary>
    public static bool IsRequested(IMethodSymbol method) =>
        method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == Derivatives.DerivativeResolver.DifferentiableAttribute
            && a.NamedArguments.Any(n => n.Key == "Jacobian" && n.Value.Value is true));

    /// <summary>ADG0003 at the method's name for a tensor parameter or result (MJacobian writes reals only); false then.</summary>
    public static bool Check(IMethodSymbol method, MethodDeclarationSyntax syntax, ComputationGraph graph, List<ParameterModel> parameters, ScalarType returnType, List<DiagnosticInfo> diagnostics)
    {
        if (WhyNot(method, graph) is { } why)
        {
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedExpression, syntax.Identifier.GetLocation(),
                "Jacobian = true on '" + method.Name + "', which " + why + ",",
                "a dense Jacobian is written for a method that returns its results (a double/float, or a struct or tuple of reals) from by-value parameters, leaves them in ref/out double/float parameters (beside a double/float result or none), or a void method that writes them into double[]/float[] or Span<double>/Span<float> parameters: remove Jacobian = true and call " + method.Name + "Backward"));
            return false;
        }
        if (returnType != ScalarType.Adjointable && !parameters.Any(p => p.IsDifferentiable && p.Scalar == ScalarType.Adjointable)) return true;
        diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedExpression, syntax.Identifier.GetLocation(),
            "Jacobian = true on '" + method.Name + "', which takes or returns a tensor,",
            "a dense Jacobian is written for double/float, struct-of-reals and array parameters and results: remove Jacobian = true and call " + method.Name + "Backward once per output, or with Forward = true " + method.Name + "Forward once per input direction"));
        return false;
    }

    /// <summary>
    /// Why MJacobian cannot be written for the method's shape, or null: it calls MBackward once per row with the
    /// parameters by value and a unit dResult; a void method's rows are its array outputs, ref/out reals' rows their values
    /// left (issue 14, hess24); WithRespectToThis (MBackward's extra dThis) is not covered.
    /// </summary>
    private static string? WhyNot(IMethodSymbol method, ComputationGraph graph)
    {
        // ref/out reals are rows (and a ref one a column too: Emit/JacobianRefOutEmitter), beside a double/float result or none.
        bool refOut = method.Parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.Out);
        if (refOut && graph.WritesArrays) return "has ref or out parameters and also writes into an array it is passed";
        if (refOut && graph.Vector is not null) return "has ref or out parameters and returns a struct or tuple";
        if (refOut && !method.Parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.Out && !Derivatives.ValueKinds.IsNoDiff(p)) && method.ReturnsVoid)
        {
            return "returns nothing and its ref and out parameters are all [NoDiff]";
        }
        if (!refOut && method.ReturnsVoid)
        {
            // Rows are the elements of the arrays and spans it writes (Emit/JacobianOutputsEmitter).
            if (graph.Outputs.IsEmpty) return "returns nothing and writes into no array or span parameter";
            foreach (var o in graph.Outputs)
            {
                var p = method.Parameters.FirstOrDefault(x => x.Name == graph.Nodes[o.Parameter].Name.TrimStart('@'));
                if (p is null || !o.IsArrayStore) return "returns nothing and leaves results where MJacobian cannot read them";
                if (p.Type is IArrayTypeSymbol { Rank: 2 }) return "writes its results into the double[,] parameter '" + p.Name + "' (write them into a double[] or Span<double> indexed i * columns + j)";
                if (Derivatives.ValueKinds.IsNoDiff(p)) return "writes its results into the [NoDiff] parameter '" + p.Name + "'";
            }
        }
        // Each row's MBackward would write the arrays again, so later rows would start from other values (a void
        // method's rows restore them: its outputs are the rows).
        else if (!refOut && !graph.Outputs.IsEmpty) return "returns a value and also writes into an array it is passed";
        if (ThisState.IsOptedIn(method)) return "also differentiates the object's state (WithRespectToThis)";
        // MJacobian's columns are the parameters' scalars; a class's members are not numbered among them yet.
        if (method.Parameters.FirstOrDefault(ClassParameters.IsClassInput) is { } input) return "takes the [WithRespectTo] class parameter '" + input.Name + "' (pass its reals as double parameters)";
        // Its rows would be the real members only; MJacobian seeds every member of the result (a bool has no 1).
        if (Derivatives.RealStructs.FirstDiscrete(method.ReturnType) is { } discrete)
        {
            return "returns a struct with the discrete member '" + discrete + "' (MJacobian has a row per member of the result, and a discrete member has no derivative)";
        }
        // MJacobian flattens each array adjoint as one span of its length; a double[,] or jagged one has no such layout yet
        // (it wrote code that did not compile).
        if (method.Parameters.FirstOrDefault(p => !Derivatives.ValueKinds.IsNoDiff(p) && Derivatives.ValueKinds.IsGrid(p.Type)) is { } grid)
        {
            return "takes the double[,] or jagged parameter '" + grid.Name + "' (pass its elements as a double[] indexed i * columns + j, or mark it [NoDiff])";
        }
        return null;
    }

    /// <summary>float when the result's components and every differentiable scalar are float; else double.</summary>
    public static ScalarType Element(ComputationGraph graph, ScalarType returnType)
    {
        bool resultFloat = graph.Vector is { } v ? v.Element == ScalarType.Float
            : graph.IsVoid ? graph.Outputs.All(o => o.IsArrayStore ? o.Parameter >= 0 && IsFloatArray(graph.Nodes[o.Parameter].TypeName) : graph.Nodes[o.Node].TypeName == "float")
            : returnType == ScalarType.Float;
        bool inputsFloat = graph.Nodes.Where(n => n.Gate == GateKind.Parameter && n.AdjointName.Length > 0)
            .All(n => n.TypeName == "float" || IsFloatArray(n.TypeName));
        return resultFloat && inputsFloat ? ScalarType.Float : ScalarType.Double;
    }

    private static bool IsFloatArray(string typeName) => typeName.EndsWith("<float>", System.StringComparison.Ordinal) || typeName == "float[]";
}
