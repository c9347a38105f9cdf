using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Lowering;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
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
        var results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "AutoDiffGen.DifferentiableAttribute",
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, token) => GraphOptions.WithAttribute(MethodAnalyzer.Analyze(ctx, token), ctx))
            .WithTrackingName(TrackingNames.Analyze);

        var models = results
            .Where(static r => r.Model is not null)
            .Select(static (r, _) => r.Model!)
            .WithTrackingName(TrackingNames.Models);

        context.RegisterSourceOutput(models, static (spc, model) =>
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

        // Opt-in graph file: [Differentiable(Graph = true)] or the MSBuild property AutoDiffGenEmitGraphs=true.
        // The property is selected down to a bool first, so an unrelated options change does not re-emit.
        var emitAllGraphs = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => GraphOptions.FromMSBuild(options))
            .WithTrackingName(GraphOptions.OptionStep);
        var graphModels = models
            .Combine(emitAllGraphs)
            .Where(static pair => pair.Left.EmitGraph || pair.Right)
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(GraphOptions.ModelsStep);

        context.RegisterSourceOutput(graphModels, static (spc, model) =>
        {
            try
            {
                spc.AddSource(GraphEmitter.HintName(model), GraphEmitter.Emit(model));
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

        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (spc, pair) =>
        {
            foreach (var list in pair.Left)
            {
                foreach (var info in list) spc.ReportDiagnostic(DiagnosticFactory.ToDiagnostic(info, pair.Right));
            }
        });
    }
}
