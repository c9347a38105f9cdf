using System.Linq;
using AutoDiffGen.Generator.Caching;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Differentiation;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.GenericMath;
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
/// <para>
/// Diagnostics, as System.Text.Json's generator reports them since dotnet/runtime#124994: the transform returns
/// a method's plain-data result and, beside it, its diagnostics with tree-backed locations (a syntax tree and a
/// span: only those obey <c>#pragma warning disable</c>, dotnet/roslyn#68291). The pipeline splits the two at
/// once. The model steps compare only plain data; each method's diagnostics are reported by a step of their own,
/// which re-runs when they move (an edit above them) without touching the model. No step combines with the
/// whole compilation, and no lookup by file path is needed: each location names its own tree.
/// </para>
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DifferentiableGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // 1. Each [Differentiable] method is analysed into a model and its diagnostics. The transform runs for
        //    every method whenever the compilation changes; AnalysisCache returns the previous analysis while
        //    only other files' member bodies have changed.
        var analyses = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "AutoDiffGen.DifferentiableAttribute",
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, token) => GraphOptions.WithAttribute(AnalysisCache.GetOrAdd(ctx, token, () => Analyze(ctx, token)), ctx))
            .WithTrackingName(TrackingNames.Transform);

        // 2. The plain-data half: what every model step below compares.
        var analyzed = analyses
            .Select(static (a, _) => a.Result)
            .WithTrackingName(TrackingNames.Analyze);

        // 3. A caller of a [Differentiable] method that gets no Backward gets ADG0017 instead of code (CalleeGate).
        var unavailable = analyzed
            .Select(static (r, _) => CalleeGate.StatusOf(r))
            .Collect()
            .Select(static (all, _) => CalleeGate.Unavailables(all))
            .WithTrackingName(TrackingNames.Unavailable);
        var results = analyzed
            .Combine(unavailable)
            .Select(static (pair, _) => CalleeGate.Apply(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Gated);

        // Generated file names must be unique ignoring case; the few that clash are renamed (HintNames).
        var withModel = results.Where(static r => r.Model is not null);
        var hintRenames = withModel
            .Select(static (r, _) => new HintClaim(r.Model!.HintName, r.Key))
            .Collect()
            .Select(static (all, _) => HintNames.Clashes(all))
            .WithTrackingName(TrackingNames.HintRenames);
        var models = withModel
            .Combine(hintRenames)
            .Select(static (pair, _) => HintNames.Apply(pair.Left.Model!, pair.Left.Key, pair.Right))
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.Models);

        // 4. The consumer's language version decides whether generated files may say #nullable, T? and x!
        //    (C# 8) and namespace N; (C# 10). Selected down to two bools, so a change of other parse options
        //    re-emits nothing.
        var syntaxLevel = context.ParseOptionsProvider
            .Select(static (options, _) => options is not CSharpParseOptions parse
                ? (Nullable: true, FileScoped: false)
                : (Nullable: parse.LanguageVersion >= LanguageVersion.CSharp8, FileScoped: parse.LanguageVersion >= LanguageVersion.CSharp10))
            .WithTrackingName(TrackingNames.LanguageVersion);
        //    The project may ask for nullable warnings in generated code (Emit/NullableDirectives), also a bool.
        var nullableWarnings = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => NullableDirectives.FromMSBuild(options))
            .WithTrackingName(NullableDirectives.OptionStep);
        var emitModels = models
            .Combine(syntaxLevel.Combine(nullableWarnings))
            .Select(static (pair, _) => pair.Left.NullableSyntax == pair.Right.Left.Nullable && pair.Left.FileScopedNamespace == pair.Right.Left.FileScoped
                    && pair.Left.NullableWarnings == pair.Right.Right
                ? pair.Left
                : pair.Left with { NullableSyntax = pair.Right.Left.Nullable, FileScopedNamespace = pair.Right.Left.FileScoped, NullableWarnings = pair.Right.Right })
            .WithTrackingName(TrackingNames.EmitModels);

        // The emitter's text is reused across drivers (a build through the compiler server makes a new one) for an
        // equal model, unless the project opts out of the analysis cache (the same symbol turns both off).
        var emissionCache = context.ParseOptionsProvider
            .Select(static (options, _) => !options.PreprocessorSymbolNames.Contains(AnalysisCache.OptOutSymbol))
            .WithTrackingName(TrackingNames.EmissionCache);
        //    One file per containing type (Emit/TypeFiles) unless the project asks for one per method; a generic-math
        //    method's file, written whole by the analysis, stays its own. Each method's members are a step of their own,
        //    so an edit writes only the edited method's; the files then join texts, and an unchanged type's file is equal.
        var filePerMethod = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => TypeFiles.FromMSBuild(options))
            .WithTrackingName(TypeFiles.OptionStep);
        var emitSettings = emitModels.Combine(emissionCache.Combine(filePerMethod));
        context.RegisterSourceOutput(emitSettings.Where(static p => p.Right.Right || !TypeFiles.Joins(p.Left)),
            static (spc, pair) => AddSource(spc, pair.Left, pair.Right.Left));
        var typeFiles = emitSettings
            .Where(static p => !p.Right.Right && TypeFiles.Joins(p.Left))
            .Select(static (p, _) => TypeFiles.Member(p.Left, p.Right.Left ? CachedMembers : BackwardEmitter.EmitMembers))
            .WithTrackingName(TypeFiles.MembersStep)
            .Collect()
            .SelectMany(static (all, _) => TypeFiles.Files(all))
            .WithTrackingName(TypeFiles.FilesStep);
        context.RegisterSourceOutput(typeFiles, static (spc, file) => AddSource(spc, file));

        //    Callees' forms that a caller needs and their attributes do not ask for (Lowering/DerivedForms): each once, in a file
        //    of its own, whichever callers need it.
        var derivedModels = emitModels
            .SelectMany(static (m, _) => m.Derived.Select(d => d with { NullableSyntax = m.NullableSyntax, FileScopedNamespace = m.FileScopedNamespace, NullableWarnings = m.NullableWarnings }))
            .Collect()
            .SelectMany(static (all, _) => all.GroupBy(d => d.HintName, System.StringComparer.OrdinalIgnoreCase).Select(g => g.First()))
            .WithTrackingName(TrackingNames.DerivedForms);
        context.RegisterSourceOutput(derivedModels.Combine(emissionCache), static (spc, pair) => AddSource(spc, pair.Left, pair.Right));

        // 5. Opt-in graph file: [Differentiable(Graph = true)] or the MSBuild property AutoDiffGenEmitGraphs=true.
        //    The property is selected down to a bool first, so an unrelated options change does not re-emit.
        var emitAllGraphs = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => GraphOptions.FromMSBuild(options))
            .WithTrackingName(GraphOptions.OptionStep);
        var graphModels = emitModels
            .Combine(emitAllGraphs)
            .Where(static pair => (pair.Left.EmitGraph || pair.Right) && pair.Left.GenericText is null)
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

        // 6. Each method's diagnostics, reported per method: its own, ADG0017 where the gate dropped its model,
        //    and ADG0015 where a graph file is emitted.
        var diagnostics = analyses
            .Combine(unavailable)
            .Combine(emitAllGraphs)
            .Select(static (input, _) => MethodDiagnostics(input.Left.Left, input.Left.Right, input.Right))
            .Where(static d => !d.IsEmpty)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, list) => Report(spc, list));

        // 7. [DerivativeOf] methods: checked on their own, and warned about when no generated method calls them.
        var derivatives = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                "AutoDiffGen.DerivativeOfAttribute",
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, token) => DerivativeAnalyzer.Analyze(ctx, token))
            .WithTrackingName(TrackingNames.Derivatives);
        var usedDerivatives = models
            .Select(static (m, _) => m.Graph.Nodes.Where(n => n.Call is not null).SelectMany(n => n.Call!.UsedDerivatives()).ToEquatableArray())
            .WithTrackingName(TrackingNames.UsedDerivatives)
            .Collect();
        var derivativeDiagnostics = derivatives
            .Combine(usedDerivatives)
            .Select(static (pair, _) => DerivativeAnalyzer.Diagnostics(pair.Left, pair.Right))
            .Where(static d => !d.IsEmpty)
            .WithTrackingName(TrackingNames.DerivativeDiagnostics);
        context.RegisterSourceOutput(derivativeDiagnostics, static (spc, list) => Report(spc, list));
    }

    /// <summary>Writes a model's file (its text reused for an equal model when <paramref name="cache"/>); a failure is ADG9999, never a throw.</summary>
    private static void AddSource(SourceProductionContext spc, MethodModel model, bool cache)
    {
        try
        {
            spc.AddSource(model.HintName, EmissionCache.GetOrAdd(model, cache, static m => BackwardEmitter.Emit(m)));
        }
        catch (System.Exception e)
        {
            spc.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, model.MethodName, e.GetType().Name + ": " + e.Message));
        }
    }

    /// <summary>A method's members for its type's file, reused for an equal model (Caching/EmissionCache).</summary>
    private static readonly System.Func<MethodModel, string> CachedMembers = static m => EmissionCache.GetOrAdd(m, true, BackwardEmitter.EmitMembers, members: true);

    /// <summary>Writes a type's file; each method whose members failed is ADG9999 (<see cref="TypeFiles.Member"/> caught it).</summary>
    private static void AddSource(SourceProductionContext spc, TypeFile file)
    {
        foreach (var failure in file.Failures)
        {
            spc.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, failure.MethodName, failure.Message));
        }
        if (file.Text is null) return;
        try
        {
            spc.AddSource(file.HintName, file.Text);
        }
        catch (System.Exception e)
        {
            spc.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalError, Location.None, file.HintName, e.GetType().Name + ": " + e.Message));
        }
    }

    /// <summary>A generic-math method is read over double first (GenericMath); every other one is analysed as it is.</summary>
    private static MethodAnalysis Analyze(GeneratorAttributeSyntaxContext context, System.Threading.CancellationToken token) =>
        context.TargetSymbol is IMethodSymbol method && GenericAnalysis.Applies(method)
            ? GenericAnalysis.Analyze((MethodDeclarationSyntax)context.TargetNode, method, context.SemanticModel, token)
            : MethodAnalyzer.Analyze(context, token, CarriedPlans.Choose);

    private static EquatableArray<DiagnosticInfo> MethodDiagnostics(MethodAnalysis analysis, EquatableArray<CalleeGate.Unavailable> unavailable, bool emitAllGraphs) =>
        analysis.Diagnostics
            .Concat(CalleeGate.Diagnostics(analysis, unavailable))
            .Concat(GraphOptions.Diagnostics(CalleeGate.Apply(analysis.Result, unavailable), analysis.GraphDiagnostics, emitAllGraphs))
            .ToEquatableArray();

    private static void Report(SourceProductionContext context, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var info in diagnostics) context.ReportDiagnostic(DiagnosticFactory.ToDiagnostic(info));
    }
}
