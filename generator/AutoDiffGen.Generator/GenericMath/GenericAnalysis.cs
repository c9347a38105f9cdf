using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Lowering;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.GenericMath;

/// <summary>
/// The transform step for a generic-math [Differentiable] method (<see cref="GenericMethods"/>): it is analysed as the
/// same method over double (<see cref="GenericSource"/>), its Backward (and Forward) emitted for double, written back
/// over T (<see cref="GenericText"/>), and that text compiled against the user's compilation before it is kept. A
/// diagnostic of the double reading is reported at the same span of the user's method; a Backward over T that does
/// not compile (T's constraints lack a function the derivative calls) is ADG0025 with the compiler's reason, never
/// a broken build.
/// </summary>
internal static class GenericAnalysis
{
    /// <summary>True for a method this step analyses: a generic one (when it is not eligible, the analyzer says why and this step stays silent).</summary>
    public static bool Applies(IMethodSymbol method) => method.IsGenericMethod;

    public static MethodAnalysis Analyze(MethodDeclarationSyntax syntax, IMethodSymbol method, SemanticModel semanticModel, CancellationToken token)
    {
        string key = SymbolNames.MethodKey(method);
        var name = syntax.Identifier.GetLocation();
        try
        {
            // Not eligible, or another declaration rule: the analyzer reports it (DeclarationRules), the generator stays silent.
            if (DeclarationRules.AnyApplies(method, syntax)) return Nothing(key);
            var reading = GenericSource.Read(syntax, method, semanticModel, token, out var error);
            if (reading is null)
            {
                var at = error is { } e ? Location.Create(syntax.SyntaxTree, e.Span) : name;
                return Fail(key, at, method.Name, error?.Text ?? "its body does not read as the same method over double; write it for double");
            }
            var tree = syntax.SyntaxTree;
            Location? Map(Location? l) => l is { SourceTree: { } t } && t == reading.Syntax.SyntaxTree ? Location.Create(tree, l.SourceSpan) : l;

            // The declaration's rules, over double: the analyzer reports them (DeclarationAnalyzer reads the method the same way).
            if (DeclarationRules.AnyApplies(reading.Method, reading.Syntax)) return Nothing(key);
            if (Unsupported(reading.Method) is { } mode) return Fail(key, name, method.Name, mode);

            var analysis = MethodAnalyzer.Analyze(reading.Syntax, reading.Method, SemanticModels.WithoutNullableAnalysis(reading.Model), token);
            var diagnostics = analysis.Diagnostics.Select(d => d with { Location = Map(d.Location) }).ToEquatableArray();
            var sites = analysis.CalleeSites.Select(s => s with { At = Map(s.At)! }).ToEquatableArray();
            if (analysis.Result.Model is not { } model) return new MethodAnalysis(analysis.Result with { Key = key }, diagnostics, default, sites);

            var t = method.TypeParameters[0];
            // Without parameter copies (ParameterCopy): TapeWorkspace.Copy is written for double and float, not for T.
            string doubleText = BackwardEmitter.Emit(model with { NullableSyntax = true, NullableWarnings = true, Graph = model.Graph with { Copies = default } }, inlineForward: false, fuseSums: false);
            string text = GenericText.Rewrite(doubleText, reading.Compilation, t.Name, Constraints(t), token);
            string stubs = semanticModel.GetOperation(syntax, token) is { } body ? CalleeStubs.For(body) : "";
            if (FirstError(text, semanticModel.Compilation, (CSharpParseOptions)tree.Options, token, stubs) is { } failure)
            {
                return new MethodAnalysis(new GenerationResult(null, key), diagnostics.Concat(new[] { Info(name, method.Name,
                    "its derivative needs what " + t.Name + "'s constraints do not give (" + failure
                    + "); constrain it with IFloatingPointIeee754<" + t.Name + ">, which has every function, or write the method for double") }).ToEquatableArray());
            }
            // Named after the generic method (M_T_T.g.cs): a double overload M(double, double) has a file of its own.
            string hint = MethodAnalyzer.HintName(model.Hierarchy, method);
            var generic = model with { GenericText = text, HintName = hint, EmitGraph = false };
            return new MethodAnalysis(analysis.Result with { Model = generic, Key = key }, diagnostics, default, sites);
        }
        catch (System.OperationCanceledException)
        {
            throw;
        }
        catch (System.Exception e)
        {
            return new MethodAnalysis(new GenerationResult(null, key),
                new[] { DiagnosticFactory.Create(DiagnosticDescriptors.InternalError, name, method.Name, e.GetType().Name + ": " + e.Message) }.ToEquatableArray());
        }
    }

    /// <summary>The modes that are not written over T yet, each with what to write instead.</summary>
    private static string? Unsupported(IMethodSymbol method)
    {
        var attribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "AutoDiffGen.DifferentiableAttribute");
        if (attribute is null) return null;
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Value.Value is not true) continue;
            string? what = named.Key switch
            {
                "Hessian" => "Hessian = true",
                "Jacobian" => "Jacobian = true",
                "Checkpoint" => "Checkpoint = true",
                "WithRespectToThis" => "WithRespectToThis = true",
                "Graph" => "Graph = true",
                _ => null,
            };
            if (what is not null)
            {
                return what + " is not generated for a generic method (its Backward and Forward are); remove it, or write a double overload for that mode";
            }
        }
        return null;
    }

    /// <summary>The type parameter's constraints as C# clauses, fully qualified.</summary>
    private static IReadOnlyList<string> Constraints(ITypeParameterSymbol t)
    {
        var parts = new List<string>();
        if (t.HasReferenceTypeConstraint) parts.Add("class");
        if (t.HasUnmanagedTypeConstraint) parts.Add("unmanaged");
        else if (t.HasValueTypeConstraint) parts.Add("struct");
        if (t.HasNotNullConstraint) parts.Add("notnull");
        parts.AddRange(t.ConstraintTypes.Select(c => c.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)));
        if (t.HasConstructorConstraint) parts.Add("new()");
        return parts.Count == 0 ? new string[0] : new[] { "where " + t.Name + " : " + string.Join(", ", parts) };
    }

    /// <summary>The first error of <paramref name="text"/> in the user's compilation, with the code it is at; null when it compiles.</summary>
    private static string? FirstError(string text, Compilation compilation, CSharpParseOptions options, CancellationToken token, string stubs)
    {
        var tree = CSharpSyntaxTree.ParseText(text, options, cancellationToken: token);
        // Generic callees' generated methods (CalleeStubs), which the user's compilation does not have yet.
        if (stubs.Length > 0) compilation = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(stubs, options, cancellationToken: token));
        var model = compilation.AddSyntaxTrees(tree).GetSemanticModel(tree);
        var error = tree.GetDiagnostics(token).Concat(model.GetDiagnostics(null, token)).FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (error is null) return null;
        // 'T' alone says little: show the member it was asked for (T.Log).
        var node = tree.GetRoot(token).FindNode(error.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node.Parent is MemberAccessExpressionSyntax access && access.Expression == node) node = access;
        string code = node.ToString();
        if (code.Length > 80) code = code.Substring(0, 80) + "…";
        return error.Id + " at '" + code + "': " + error.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static MethodAnalysis Nothing(string key) => new(new GenerationResult(null, key), default);

    private static MethodAnalysis Fail(string key, Location at, string method, string why) =>
        new(new GenerationResult(null, key), new[] { Info(at, method, why) }.ToEquatableArray());

    private static DiagnosticInfo Info(Location at, string method, string why) => DiagnosticFactory.Create(DiagnosticDescriptors.GenericNotDifferentiated, at, method, why);
}
