using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// <c>Complex[]</c> and <c>(ReadOnly)Span&lt;Complex&gt;</c> parameters (<see cref="ComplexArrayParts"/>): adjoint <c>Complex[] dZ</c>
/// (a <c>Span&lt;Complex&gt;</c> for a span), each element (∂L/∂Re, ∂L/∂Im) as for a scalar Complex. Inside the method
/// such a parameter is read as <c>z[i]</c> and <c>z.Length</c> only; every other use is reported at it.
/// </summary>
internal static class ComplexArrayParameters
{
    /// <summary>The modes that do not carry such a parameter yet, reported at it; false when one applies.</summary>
    public static bool Check(IMethodSymbol method, MethodDeclarationSyntax syntax, List<ParameterModel> parameters, bool forward, bool hessian, bool jacobian, List<DiagnosticInfo> diagnostics)
    {
        bool ok = true;
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            if (!parameters[i].IsDifferentiable || !ValueKinds.IsComplexCollection(method.Parameters[i].Type)) continue;
            var at = ((SyntaxNode?)syntax.ParameterList.Parameters.ElementAtOrDefault(i) ?? syntax).GetLocation();
            string what = "The parameter '" + method.Parameters[i].Name + "'";
            string why = "a Complex[] or span of Complex is carried as two arrays of its parts in MBackward only";
            string fix = "pass the parts as two arrays, double[] re and double[] im, and write new Complex(re[i], im[i]) where an element is read, or remove ";
            if (forward) diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.ForwardUnsupported, at, what, why, fix + "Forward = true"));
            if (hessian) diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, at, what, why, fix + "Hessian = true"));
            if (jacobian) diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedExpression, at, "Jacobian = true with " + what.ToLowerInvariant(), why + "; " + fix + "Jacobian = true"));
            // A nullable Complex[] is a declaration rule (DeclarationRules): the analyzer reports it, and nothing is generated.
            ok &= !forward && !hessian && !jacobian && !parameters[i].IsNullable;
        }
        return ok;
    }

    /// <summary>
    /// Reports every use of a differentiated Complex[] parameter in <paramref name="body"/> but an element read
    /// (<c>z[i]</c> as a value) and <c>z.Length</c>: it would otherwise reach code that takes it for an array of reals.
    /// </summary>
    public static void CheckUses(IOperation body, LoweringContext context)
    {
        if (context.ComplexArrays.Count == 0) return;
        foreach (var op in body.Descendants())
        {
            if (op is not IParameterReferenceOperation { Parameter: var p } reference || !context.ComplexArrays.ContainsKey(p)) continue;
            if (IsAllowed(reference)) continue;
            context.ReportUnsupportedExpression(reference, "The Complex[] parameter '" + p.Name + "' used other than as z[i] (read) or z.Length",
                "read its elements as " + p.Name + "[i] in a for loop (for (int i = 0; i < " + p.Name + ".Length; i++)); a foreach, LINQ, a slice, a call that takes the array or a write into it are not carried yet");
        }
    }

    private static bool IsAllowed(IParameterReferenceOperation reference)
    {
        // Passed whole to a [Differentiable] callee that takes a Complex[] or span of Complex: the call passes the parameter
        // and its adjoint dZ, which the callee's MBackward adds into (an array seen as a span through a conversion too).
        var passed = reference.Parent is IConversionOperation { Parent: IArgumentOperation } conversion && ValueKinds.IsComplexCollection(conversion.Type!) ? conversion.Parent : reference.Parent;
        if (passed is IArgumentOperation { Parameter: { RefKind: RefKind.None } target, Parent: IInvocationOperation { TargetMethod: var callee } }
            && ValueKinds.IsComplexCollection(target.Type) && !ValueKinds.IsNoDiff(target)
            && callee.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "AutoDiffGen.DifferentiableAttribute"))
        {
            return true;
        }
        switch (reference.Parent)
        {
            case IPropertyReferenceOperation { Property.Name: "Length", Property.IsIndexer: false } length when length.Instance == reference:
                return true;
            case IArrayElementReferenceOperation { Indices.Length: 1 } element when element.ArrayReference == reference:
                return IsRead(element);
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer when indexer.Instance == reference && indexer.Arguments[0].Value.Type?.SpecialType == SpecialType.System_Int32:
                return IsRead(indexer);
            default:
                return false;
        }
    }

    /// <summary>An element read as a value: not written, not passed or bound by reference.</summary>
    private static bool IsRead(IOperation element) => element.Parent switch
    {
        IAssignmentOperation assignment when assignment.Target == element => false,
        IIncrementOrDecrementOperation => false,
        IArgumentOperation { Parameter.RefKind: not RefKind.None } => false,
        IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.IsRef: true } } => false,
        _ => element.Syntax.Parent is not RefExpressionSyntax,
    };

    /// <summary>The two part arrays' nodes of a differentiated Complex[] parameter, made and recorded for the graph.</summary>
    public static ComplexArrayParts Declare(LoweringContext lowering, IParameterSymbol parameter, ParameterModel model, NameAllocator names)
    {
        string name = parameter.Name;
        var parts = new ComplexArrayParts(model.Name, model.AdjointName!, names.Fresh(name + "Re"), names.Fresh(name + "Im"),
            names.Fresh(model.AdjointName + "Re"), names.Fresh(model.AdjointName + "Im"), names.Fresh("k"));
        int re = lowering.AddParameter(parts.Re, ScalarType.Other, "double[]", true, parts.AdjointRe);
        int im = lowering.AddParameter(parts.Im, ScalarType.Other, "double[]", true, parts.AdjointIm);
        lowering.ComplexArrays[parameter] = (re, im);
        return parts;
    }
}
