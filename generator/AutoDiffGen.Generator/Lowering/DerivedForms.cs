using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A caller with <c>Forward = true</c> or <c>Hessian = true</c> calls a [Differentiable] callee of the same compilation through
/// its <c>MForward</c> or <c>MBackwardTangent</c>. When the callee's attribute does not ask for that form, the generator reads
/// the callee's body and analyses it as if it did (<see cref="MethodAnalyzer"/> with a <see cref="DerivedForm"/>): the
/// caller's model carries that analysis, and the pipeline writes the form once, in a file of its own in the callee's type
/// (DifferentiableGenerator). A callee the form cannot be written for (in a referenced assembly, generic, or whose body the
/// mode refuses) is an error at the caller's call, which names why.
/// </summary>
internal static class DerivedForms
{
    /// <summary>The callees being analysed for a form on this flow (a recursive callee needs the form it is being given).</summary>
    private static readonly AsyncLocal<HashSet<string>?> s_inProgress = new();

    /// <summary>The most callees analysed inside one another for forms: deeper chains are refused rather than followed.</summary>
    private const int MaxDepth = 12;

    /// <summary>
    /// Null when the callee will have <paramref name="form"/> (its own attribute asks for it, or its analysis for it is added to
    /// <paramref name="context"/>'s <see cref="LoweringContext.Derived"/>); otherwise why it will not, for the caller's error.
    /// </summary>
    public static string? Require(LoweringContext context, IMethodSymbol callee, Compilation compilation, DerivedForm form)
    {
        var method = (callee.ReducedFrom ?? callee).OriginalDefinition;
        string name = method.ContainingType.Name + "." + method.Name;
        if (method.IsGenericMethod || method.ContainingType.IsGenericType)
            return "'" + name + "' is generic, and the generator writes a " + What(form) + " for a method whose attribute does not ask for it only when it is not";
        var syntax = method.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<MethodDeclarationSyntax>().FirstOrDefault();
        if (syntax is null)
            return "'" + name + "' is compiled in a referenced assembly without a " + What(form) + ", and the generator writes one only for a method whose body is in this compilation";
        string key = SymbolNames.MethodKey(method) + "|" + form;
        if (context.DerivedAnswers.TryGetValue(key, out var answer)) return answer;
        answer = Analyze(context, method, syntax, compilation, form, key, name);
        context.DerivedAnswers[key] = answer;
        return answer;
    }

    /// <summary>The callee analysed for <paramref name="form"/>: null when its form is added to the context's models, else why not.</summary>
    private static string? Analyze(LoweringContext context, IMethodSymbol method, MethodDeclarationSyntax syntax, Compilation compilation, DerivedForm form, string key, string name)
    {
        var inProgress = s_inProgress.Value;
        bool outermost = inProgress is null;
        if (outermost) s_inProgress.Value = inProgress = new HashSet<string>(System.StringComparer.Ordinal);
        try
        {
            // A recursive callee: the analysis already under way writes the form this call needs.
            if (inProgress!.Contains(key)) return null;
            if (inProgress.Count >= MaxDepth) return "'" + name + "' is reached through more than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " callees that are analysed for a " + What(form);
            inProgress.Add(key);
            try
            {
                var model = SemanticModels.WithoutNullableAnalysis(compilation, syntax.SyntaxTree);
                var analysis = MethodAnalyzer.Analyze(syntax, method, model, CancellationToken.None, form);
                var error = analysis.Diagnostics.FirstOrDefault(d => DiagnosticDescriptors.Get(d.Id).DefaultSeverity == DiagnosticSeverity.Error);
                if (error is not null) return "'" + name + "' has no " + What(form) + " of its own, and its body cannot be given one: " + Text(error);
                var derived = analysis.Result.Model;
                if (derived is null) return "'" + name + "' has no " + What(form) + " of its own, and its body cannot be given one";
                // HessianCalls.Resolve took only callees whose parameters a product can pass; the callee's own product must be
                // forward over reverse too (the emitter's rule, which Emit/BackwardEmitter checks again).
                if (form == DerivedForm.BackwardTangent && HessianCalls.ProductBlocked(method, derived.Parameters.ToList(), derived.ReturnType) is { Length: > 0 } blocked)
                    return "'" + name + "' has no " + What(form) + " of its own, and one cannot be written from its body: " + blocked;
                if (form == DerivedForm.Forward && !derived.Forward) return "'" + name + "' has no " + What(form) + " of its own, and its body cannot be given one";
                Add(context.Derived, derived with
                {
                    Emits = form,
                    HintName = derived.HintName.Substring(0, derived.HintName.Length - ".g.cs".Length) + "." + form + ".g.cs",
                    Derived = default,
                    EmitGraph = false,
                });
                foreach (var inner in derived.Derived) Add(context.Derived, inner);
                return null;
            }
            finally
            {
                inProgress.Remove(key);
            }
        }
        finally
        {
            if (outermost) s_inProgress.Value = null;
        }
    }

    /// <summary>The form's name in a message.</summary>
    public static string What(DerivedForm form) => form == DerivedForm.Forward ? "forward derivative (MForward)" : "tangent of its Backward (MBackwardTangent, for Hessian mode)";

    private static void Add(List<MethodModel> list, MethodModel model)
    {
        if (!list.Any(m => m.HintName == model.HintName)) list.Add(model);
    }

    /// <summary>The callee's error as its message says it, with where.</summary>
    private static string Text(DiagnosticInfo error)
    {
        string message = string.Format(CultureInfo.InvariantCulture, DiagnosticDescriptors.Get(error.Id).MessageFormat.ToString(CultureInfo.InvariantCulture), error.Arguments.Cast<object>().ToArray());
        var at = error.Location?.GetLineSpan();
        return error.Id + " " + (at is { } span ? "at line " + (span.StartLinePosition.Line + 1).ToString(CultureInfo.InvariantCulture) + " " : "") + "(" + message.TrimEnd('.') + ")";
    }
}
