using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AutoDiffGen.Generator.GraphView;

/// <summary>The two opt-ins for the graph file: <c>[Differentiable(Graph = true)]</c> and <c>build_property.AutoDiffGenEmitGraphs</c>.</summary>
internal static class GraphOptions
{
    public const string MSBuildProperty = "build_property.AutoDiffGenEmitGraphs";

    /// <summary>Tracking names of the graph pipeline's steps, for caching tests.</summary>
    public const string OptionStep = "GraphOption";

    /// <inheritdoc cref="OptionStep"/>
    public const string ModelsStep = "GraphModels";

    /// <summary>Records <c>Graph = true</c> of the method's attribute in its model (plain data: the model stays equatable).</summary>
    public static MethodAnalysis WithAttribute(MethodAnalysis analysis, GeneratorAttributeSyntaxContext context)
    {
        if (analysis.Result.Model is not { } model) return analysis;
        bool graph = context.Attributes.Any(a => a.NamedArguments.Any(n => n.Key == "Graph" && n.Value.Value is true));
        return graph ? analysis with { Result = analysis.Result with { Model = model with { EmitGraph = true } } } : analysis;
    }

    /// <summary>
    /// The model as the graph file sees it once the MSBuild opt-in is known: a name taken only under
    /// the property (an earlier overload's graph) is taken or free.
    /// </summary>
    public static MethodModel Resolve(MethodModel model, bool emitAll)
    {
        var graph = Resolve(model.GraphNameTaken, emitAll);
        var trace = Resolve(model.TraceNameTaken, emitAll);
        return graph == model.GraphNameTaken && trace == model.TraceNameTaken ? model : model with { GraphNameTaken = graph, TraceNameTaken = trace };
    }

    private static GraphClash Resolve(GraphClash clash, bool emitAll) =>
        clash == GraphClash.UnderMSBuild ? (emitAll ? GraphClash.Always : GraphClash.None) : clash;

    /// <summary>The graph file's diagnostics (ADG0015) that apply: none when the method gets no graph file (<paramref name="result"/> after the callee gate).</summary>
    public static IEnumerable<DiagnosticInfo> Diagnostics(GenerationResult result, EquatableArray<GraphDiagnostic> diagnostics, bool emitAll)
    {
        if (result.Model is not { } model || !(model.EmitGraph || emitAll) || diagnostics.IsEmpty) return Enumerable.Empty<DiagnosticInfo>();
        bool? traced = null;
        bool Traced() => traced ??= TraceEmitter.Supports(model, new Activity(model.Graph));
        return diagnostics.Where(d => (emitAll || !d.UnderMSBuildOnly) && (!d.TraceOnly || Traced())).Select(d => d.Info);
    }

    /// <summary>True when the project sets <c>&lt;AutoDiffGenEmitGraphs&gt;true&lt;/AutoDiffGenEmitGraphs&gt;</c> (and makes it compiler-visible).</summary>
    public static bool FromMSBuild(AnalyzerConfigOptionsProvider options) =>
        MSBuildProperties.IsTrue(options, MSBuildProperty);
}
