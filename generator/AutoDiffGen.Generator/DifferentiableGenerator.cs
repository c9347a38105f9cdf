using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.GraphView;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Lowering;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator;

/// <summary>
/// [Differentiable] method → computational graph → <c>…Backward</c> with the chain rule expanded.
/// The pipeline only: analysis lives in Lowering/, the output in Emit/.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DifferentiableGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var analyzed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "AutoDiffGen.DifferentiableAttribute",
                static (node, _) => node is MethodDeclarationSyntax,
                // The analysis is reused while only other files' method bodies change (AnalysisCache): the
                // transform runs again for every method on every edit. What is not reused, helper threads
                // analyse ahead of the driver (ParallelAnalysis).
                static (ctx, token) => GraphOptions.WithAttribute(AnalysisCache.GetOrAdd(ctx.TargetNode, ctx.SemanticModel.Compilation,
                    () => ParallelAnalysis.Take((MethodDeclarationSyntax)ctx.TargetNode, ctx.SemanticModel.Compilation, token, () => MethodAnalyzer.Analyze(ctx, token))), ctx))
            .WithTrackingName(TrackingNames.Analyze);

        // A caller of a [Differentiable] method that gets no Backward gets ADG0017 instead of code (CalleeGate).
        var unavailable = analyzed
            .Select(static (r, _) => CalleeGate.StatusOf(r))
            .Collect()
            .Select(static (all, _) => CalleeGate.Unavailables(all))
            .WithTrackingName(TrackingNames.Unavailable);
        var results = analyzed
            .Combine(unavailable)
            .Select(static (pair, _) => CalleeGate.Apply(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Gated);

        var models = results
            .Where(static r => r.Model is not null)
            .Select(static (r, _) => r.Model!)
            .WithTrackingName(TrackingNames.Models);

        // The consumer's language version decides whether generated files may say #nullable, T? and x!
        // (C# 8). Selected down to a bool, so a change of other parse options re-emits nothing.
        var nullableSyntax = context.ParseOptionsProvider
            .Select(static (options, _) => options is not CSharpParseOptions parse || parse.LanguageVersion >= LanguageVersion.CSharp8)
            .WithTrackingName(TrackingNames.LanguageVersion);
        var emitModels = models
            .Combine(nullableSyntax)
            .Select(static (pair, _) => pair.Left.NullableSyntax == pair.Right ? pair.Left : pair.Left with { NullableSyntax = pair.Right })
            .WithTrackingName(TrackingNames.EmitModels);

        context.RegisterSourceOutput(emitModels, static (spc, model) =>
        {
            try
            {
                spc.AddSource(model.HintName, BackwardEmitter.Emit(model));
            }
            catch (System.Exception e)
            {
                spc.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, model.MethodName, e.GetType().Name + ": " + e.Message));
            }
        });

        // [DerivativeOf] methods: checked on their own, and warned about when nothing calls them.
        var derivatives = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "AutoDiffGen.DerivativeOfAttribute",
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, token) => DerivativeAnalyzer.Analyze(ctx, token))
            .WithTrackingName(TrackingNames.Derivatives);

        var usedDerivatives = models
            .Select(static (m, _) => m.Graph.Nodes.Where(n => n.Call is { DerivativeKey.Length: > 0 }).Select(n => n.Call!.DerivativeKey).ToEquatableArray())
            .WithTrackingName(TrackingNames.UsedDerivatives)
            .Collect();

        var unused = derivatives.Collect().Combine(usedDerivatives)
            .Select(static (pair, _) => DerivativeAnalyzer.Unused(pair.Left, pair.Right.SelectMany(u => u)).ToEquatableArray());

        // Opt-in graph file: [Differentiable(Graph = true)] or the MSBuild property AutoDiffGenEmitGraphs=true.
        // The property is selected down to a bool first, so an unrelated options change does not re-emit.
        var emitAllGraphs = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => GraphOptions.FromMSBuild(options))
            .WithTrackingName(GraphOptions.OptionStep);
        var graphModels = emitModels
            .Combine(emitAllGraphs)
            .Where(static pair => pair.Left.EmitGraph || pair.Right)
            .Select(static (pair, _) => GraphOptions.Resolve(pair.Left, pair.Right))
            .WithTrackingName(GraphOptions.ModelsStep);

        context.RegisterSourceOutput(graphModels, static (spc, model) =>
        {
            try
            {
                if (GraphEmitter.Emit(model) is { } text) spc.AddSource(GraphEmitter.HintName(model), text);
            }
            catch (System.Exception e)
            {
                spc.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, model.MethodName, e.GetType().Name + ": " + e.Message));
            }
        });

        // Diagnostics travel as plain data; only at the sink are they tied back to their syntax tree,
        // so that #pragma warning disable applies to them.
        var diagnostics = results
            .Select(static (r, _) => r.Diagnostics)
            .Where(static d => !d.IsEmpty)
            .WithTrackingName(TrackingNames.Diagnostics)
            .Collect();
        // ADG0015 (MGraph/MTrace already taken) only where a graph file is emitted.
        var graphDiagnostics = results
            .Combine(emitAllGraphs)
            .Select(static (pair, _) => GraphOptions.Diagnostics(pair.Left, pair.Right))
            .Where(static d => !d.IsEmpty)
            .WithTrackingName(GraphOptions.DiagnosticsStep)
            .Collect();
        var derivativeDiagnostics = derivatives
            .Select(static (d, _) => d.Errors)
            .Where(static d => !d.IsEmpty)
            .Collect();

        context.RegisterSourceOutput(diagnostics.Combine(graphDiagnostics).Combine(derivativeDiagnostics).Combine(unused).Combine(context.CompilationProvider), static (spc, input) =>
        {
            var ((((methods, graphWarnings), derivativeErrors), unusedWarnings), compilation) = input;
            foreach (var info in methods.SelectMany(l => l).Concat(graphWarnings.SelectMany(l => l)).Concat(derivativeErrors.SelectMany(l => l)).Concat(unusedWarnings))
            {
                spc.ReportDiagnostic(DiagnosticFactory.ToDiagnostic(info, compilation));
            }
        });
    }
}
