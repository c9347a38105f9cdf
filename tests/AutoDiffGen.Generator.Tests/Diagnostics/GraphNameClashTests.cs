using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Diagnostics;

/// <summary>
/// ADG0015: when the graph file's <c>MGraph</c> or <c>MTrace</c> is already a member of the type (or an
/// earlier overload's graph takes <c>MGraph</c>), the generator reports a warning at the method's name
/// and leaves out that member only, instead of generating code that fails with CS0102.
/// </summary>
public class GraphNameClashTests
{
    private const string Usings = "using System; using AutoDiffGen;\n";

    private static string Underlined(Diagnostic d) =>
        d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);

    private static Diagnostic SingleClash(GeneratorOutput result)
    {
        var clash = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "ADG0015");
        Assert.Equal(DiagnosticSeverity.Warning, clash.Severity);
        Assert.EndsWith("docs/diagnostics/ADG0015.md", clash.Descriptor.HelpLinkUri);
        return clash;
    }

    /// <summary>Nothing but the ADG0015 warnings: no other generator diagnostic, no compile error or warning (no CS0102).</summary>
    private static void AssertOnlyClashWarnings(GeneratorOutput result)
    {
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal("ADG0015", d.Id));
        Assert.True(result.CompileDiagnostics.All(d => d.Id == "ADG0015"), result.Dump());
    }

    private static string GraphFile(GeneratorOutput result) => Assert.Single(result.Generated, g => g.Key.EndsWith(".Graph.g.cs", StringComparison.Ordinal)).Value;

    [Fact]
    public void DeclaredGraphMember_IsReportedAtTheMethodName_AndOnlyMGraphIsLeftOut()
    {
        const string source = Usings + """
            public static partial class C
            {
                [Differentiable(Graph = true)]
                public static double Neuron(double w, double x) => 1.0 / (1.0 + Math.Exp(-(w * x)));

                public static string NeuronGraph => "mine";
            }
            """;
        var result = GeneratorHarness.Run(source);
        AssertOnlyClashWarnings(result);
        var clash = SingleClash(result);
        Assert.Equal("Neuron", Underlined(clash));
        int start = source.IndexOf("Neuron(double", StringComparison.Ordinal);
        Assert.Equal(start, clash.Location.SourceSpan.Start);
        Assert.Equal("Neuron".Length, clash.Location.SourceSpan.Length);
        Assert.Equal(4, clash.Location.GetLineSpan().StartLinePosition.Line); // 0-based: usings, class, {, attribute, method
        string message = clash.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'C' already has a member named 'NeuronGraph' (declared in source)", message);
        Assert.Contains("graph property of 'Neuron' is not generated", message);
        Assert.Contains("rename the existing member", message);

        // MTrace and MBackward are still generated, MGraph is not.
        string graphFile = GraphFile(result);
        Assert.DoesNotContain("NeuronGraph {", graphFile);
        Assert.Contains("GraphTrace NeuronTrace(double w, double x", graphFile);
        Assert.Contains(result.Generated.Values, v => v.Contains("NeuronBackward(double w, double x, ref double dW, ref double dX"));
        var backwardOnly = GeneratorHarness.Run(source.Replace("Graph = true", ""));
        Assert.Equal(
            backwardOnly.Generated.Single().Value,
            result.Generated.Single(g => !g.Key.EndsWith(".Graph.g.cs", StringComparison.Ordinal)).Value);
    }

    [Fact]
    public void DeclaredTraceMember_LeavesOutOnlyMTrace()
    {
        const string source = Usings + """
            public static partial class C
            {
                [Differentiable(Graph = true)]
                public static double F(double x, double y) => (x + y) * y;

                public static int FTrace(int k) => k;
            }
            """;
        var result = GeneratorHarness.Run(source);
        AssertOnlyClashWarnings(result);
        var clash = SingleClash(result);
        Assert.Equal("F", Underlined(clash));
        Assert.Contains("'C' already has a member named 'FTrace' (declared in source), so the traced run of 'F' is not generated", clash.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        string graphFile = GraphFile(result);
        Assert.Contains("GraphView FGraph {", graphFile);
        Assert.DoesNotContain("FTrace(", graphFile);
    }

    [Fact]
    public void BothTaken_NoGraphFile_TwoWarnings()
    {
        const string source = Usings + """
            public partial class C
            {
                [Differentiable(Graph = true)]
                public double F(double x) => x * x;

                public object FGraph = new object();
                public void FTrace() { }
            }
            """;
        var result = GeneratorHarness.Run(source);
        AssertOnlyClashWarnings(result);
        var clashes = result.GeneratorDiagnostics.Where(d => d.Id == "ADG0015").ToList();
        Assert.Equal(2, clashes.Count);
        Assert.All(clashes, d => Assert.Equal("F", Underlined(d)));
        Assert.DoesNotContain(result.Generated.Keys, k => k.EndsWith(".Graph.g.cs", StringComparison.Ordinal));
        Assert.Single(result.Generated);
    }

    [Fact]
    public void TraceNameTaken_ButTheMethodGetsNoTrace_IsNoClash()
    {
        // A loop: no MTrace is generated for it, so a member named MTrace clashes with nothing.
        const string source = Usings + """
            public static partial class C
            {
                [Differentiable(Graph = true)]
                public static double Power(double x, int n)
                {
                    double p = 1.0;
                    for (int i = 0; i < n; i++) p *= x;
                    return p;
                }

                public static double PowerTrace => 0;
            }
            """;
        var result = GeneratorHarness.Run(source);
        result.AssertClean();
        Assert.Contains("GraphView PowerGraph {", GraphFile(result));
    }

    [Fact]
    public void WithoutOptIn_NothingIsReported()
    {
        const string source = Usings + """
            public static partial class C
            {
                [Differentiable]
                public static double F(double x) => x * x;

                public static int FGraph = 1;
                public static int FTrace = 2;
            }
            """;
        var result = GeneratorHarness.Run(source);
        result.AssertClean();
        Assert.Single(result.Generated);

        // The same project with the MSBuild property: now F gets a graph file and the clashes count.
        var drawn = GeneratorHarness.Run(FakeOptions.EmitGraphs, source);
        AssertOnlyClashWarnings(drawn);
        Assert.Equal(2, drawn.GeneratorDiagnostics.Count(d => d.Id == "ADG0015"));
        Assert.DoesNotContain(drawn.Generated.Keys, k => k.EndsWith(".Graph.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Overloads_TheFirstKeepsMGraph_TheLaterOneIsReported_BothAreTraced()
    {
        const string source = Usings + """
            public static partial class C
            {
                [Differentiable(Graph = true)]
                public static double F(double x) => x * x;

                [Differentiable(Graph = true)]
                public static double F(double x, double y) => x * y;
            }
            """;
        var result = GeneratorHarness.Run(source);
        AssertOnlyClashWarnings(result);
        var clash = SingleClash(result);
        Assert.Equal(source.IndexOf("F(double x, double y)", StringComparison.Ordinal), clash.Location.SourceSpan.Start);
        string message = clash.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'C' already has a member named 'FGraph' (the graph of the overload 'C.F(double)', declared earlier)", message);
        Assert.Contains("graph property of 'C.F(double, double)' is not generated", message);

        var graphFiles = result.Generated.Where(g => g.Key.EndsWith(".Graph.g.cs", StringComparison.Ordinal)).Select(g => g.Value).ToList();
        Assert.Equal(2, graphFiles.Count);
        Assert.Equal(1, graphFiles.Count(f => f.Contains("GraphView FGraph {")));
        Assert.Single(graphFiles, f => f.Contains("GraphView FGraph {") && f.Contains("FTrace(double x, double dResult"));
        Assert.Single(graphFiles, f => !f.Contains("GraphView FGraph {") && f.Contains("FTrace(double x, double y, double dResult") && f.Contains("ADG0015"));

        // The kept graph is the first overload's: one parameter, one multiply.
        var type = GeneratorHarness.CompileAndLoadAllowing(source, "ADG0015").GetType("C", throwOnError: true)!;
        var view = (AutoDiffGen.GraphView)type.GetProperty("FGraph")!.GetValue(null)!;
        Assert.Equal(new[] { "x" }, view.Nodes.Where(n => n.Kind == GraphNodeKind.Parameter).Select(n => n.Label));
    }

    [Fact]
    public void Overloads_OnlyTheLaterOneDrawn_KeepsMGraph_UntilTheMSBuildPropertyDrawsBoth()
    {
        const string source = Usings + """
            public static partial class C
            {
                [Differentiable]
                public static double F(double x) => x * x;

                [Differentiable(Graph = true)]
                public static double F(double x, double y) => x * y;
            }
            """;
        var attributeOnly = GeneratorHarness.Run(source);
        attributeOnly.AssertClean();
        Assert.Contains("GraphView FGraph {", GraphFile(attributeOnly));
        Assert.Contains("FTrace(double x, double y, double dResult", GraphFile(attributeOnly));

        var everything = GeneratorHarness.Run(FakeOptions.EmitGraphs, source);
        AssertOnlyClashWarnings(everything);
        var clash = SingleClash(everything);
        Assert.Equal(source.IndexOf("F(double x, double y)", StringComparison.Ordinal), clash.Location.SourceSpan.Start);
        Assert.Equal(1, everything.Generated.Values.Count(v => v.Contains("GraphView FGraph {")));
    }

    [Fact]
    public void Warning_ObeysPragma()
    {
        const string source = Usings + """
            public static partial class C
            {
            #pragma warning disable ADG0015
                [Differentiable(Graph = true)] public static double F(double x) => x * x;
            #pragma warning restore ADG0015
                [Differentiable(Graph = true)] public static double G(double x) => x * x;
                public static int FGraph, GGraph;
            }
            """;
        var result = GeneratorHarness.Run(source);
        var active = result.GeneratorDiagnostics.Where(d => d.Id == "ADG0015" && !d.IsSuppressed).ToList();
        Assert.Equal("G", Underlined(Assert.Single(active)));
        Assert.Equal(2, result.GeneratorDiagnostics.Count(d => d.Id == "ADG0015"));
    }
}
