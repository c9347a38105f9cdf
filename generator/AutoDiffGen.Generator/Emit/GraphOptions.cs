using System;
using System.Linq;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AutoDiffGen.Generator.Emit;

/// <summary>The two opt-ins for the graph file: <c>[Differentiable(Graph = true)]</c> and <c>build_property.AutoDiffGenEmitGraphs</c>.</summary>
internal static class GraphOptions
{
    public const string MSBuildProperty = "build_property.AutoDiffGenEmitGraphs";

    /// <summary>Tracking names of the graph pipeline's steps, for caching tests.</summary>
    public const string OptionStep = "GraphOption";

    /// <inheritdoc cref="OptionStep"/>
    public const string ModelsStep = "GraphModels";

    /// <summary>Records <c>Graph = true</c> of the method's attribute in its model (plain data: the model stays equatable).</summary>
    public static GenerationResult WithAttribute(GenerationResult result, GeneratorAttributeSyntaxContext context)
    {
        if (result.Model is null) return result;
        bool graph = context.Attributes.Any(a => a.NamedArguments.Any(n => n.Key == "Graph" && n.Value.Value is true));
        return graph ? result with { Model = result.Model with { EmitGraph = true } } : result;
    }

    /// <summary>True when the project sets <c>&lt;AutoDiffGenEmitGraphs&gt;true&lt;/AutoDiffGenEmitGraphs&gt;</c> (and makes it compiler-visible).</summary>
    public static bool FromMSBuild(AnalyzerConfigOptionsProvider options) =>
        options.GlobalOptions.TryGetValue(MSBuildProperty, out var value) && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
