using System.Collections.Immutable;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using View = AutoDiffGen.GraphView;

namespace AutoDiffGen.Generator.Tests.GraphView;

/// <summary>
/// Issue 7: the opt-in computational graph (MGraph: DOT and Mermaid) and the traced run (MTrace) that
/// writes values and gradients on the wires, checked on the lecture's sigmoid neuron and on a loop, a
/// branch and a call.
/// </summary>
public class GraphViewTests
{
    private static readonly Lazy<Type> Drawn = new(() => GeneratorHarness.CompileAndLoad(GraphExamples.Source).GetType("Graphs.Drawn", throwOnError: true)!);

    private static View Graph(string method) => (View)Drawn.Value.GetProperty(method + "Graph", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    private static GraphTrace Trace(string method, params object[] args) =>
        (GraphTrace)Drawn.Value.GetMethod(method + "Trace", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, args.Append(1.0).ToArray())!;

    private static readonly object[] NeuronPoint = { 2.0, -1.0, -3.0, -2.0, -3.0 };

    [Fact]
    public void Neuron_Graph_HasTheLectureGates()
    {
        var g = Graph("Neuron");
        Assert.Equal("Neuron", g.Name);
        Assert.Equal(new[] { "w0", "x0", "w1", "x1", "w2" }, g.Nodes.Where(n => n.Kind == GraphNodeKind.Parameter).Select(n => n.Label));
        Assert.Equal(new[] { "*", "*", "+", "+", "σ" }, g.Nodes.Where(n => n.Kind == GraphNodeKind.Gate).Select(n => n.Label));
        Assert.Single(g.Nodes, n => n.Kind == GraphNodeKind.Output);
        Assert.Equal(11, g.Nodes.Count);
        Assert.Equal(10, g.Edges.Count);
        Assert.Empty(g.Clusters);
        // Every gate reads two values except σ (one); the output reads σ.
        int sigma = g.IndexOf("f");
        Assert.Equal("σ", g.Nodes[sigma].Label);
        Assert.Contains(g.Edges, e => e.From == sigma && e.To == g.Output);

        string dot = g.ToDot();
        Assert.StartsWith("digraph \"Neuron\" {", dot);
        Assert.Equal(11, dot.Split('\n').Count(l => l.TrimStart().StartsWith("n") && !l.Contains(" -> ") && l.Contains("[label=")));
        Assert.Equal(10, dot.Split('\n').Count(l => l.Contains(" -> ")));
        Assert.Contains("n0 -> n5", dot);
        Assert.DoesNotContain("cluster", dot);

        string mermaid = g.ToMermaid();
        Assert.StartsWith("flowchart LR\n", mermaid);
        Assert.Equal(10, mermaid.Split('\n').Count(l => l.Contains("-->")));
        Assert.Contains("n0([\"w0\"])", mermaid);
        Assert.Contains("((\"σ<br/>f\"))", mermaid);
    }

    [Fact]
    public void Neuron_Trace_ShowsTheSlideNumbers()
    {
        var g = Graph("Neuron");
        var trace = Trace("Neuron", NeuronPoint);
        Tolerance.AssertClose(0.73, trace.Value(g.Output), Tolerance.HalfUnitOfTheSecondDecimal);
        Assert.Equal(1.0, trace.Gradient(g.Output));
        string[] names = { "w0", "x0", "w1", "x1", "w2" };
        double[] slide = { -0.20, 0.39, -0.39, -0.59, 0.20 };
        for (int i = 0; i < names.Length; i++)
        {
            Tolerance.AssertClose(slide[i], trace.Gradient(g.IndexOf(names[i])), Tolerance.HalfUnitOfTheSecondDecimal);
            Assert.Equal((double)NeuronPoint[i], trace.Value(g.IndexOf(names[i])));
        }

        string dot = g.ToDot(trace);
        Assert.Contains("n10 [label=\"Neuron\"", dot);
        Assert.Contains("n9 -> n10 [label=<<font color=\"darkgreen\">0.73</font><br/><font color=\"red\">1.00</font>>]", dot);
        Assert.Contains("n0 -> n5 [label=<<font color=\"darkgreen\">2.00</font><br/><font color=\"red\">-0.20</font>>]", dot);
        Assert.Contains("n1 -> n5 [label=<<font color=\"darkgreen\">-1.00</font><br/><font color=\"red\">0.39</font>>]", dot);
        Assert.Contains("n2 -> n6 [label=<<font color=\"darkgreen\">-3.00</font><br/><font color=\"red\">-0.39</font>>]", dot);
        Assert.Contains("n3 -> n6 [label=<<font color=\"darkgreen\">-2.00</font><br/><font color=\"red\">-0.59</font>>]", dot);
        Assert.Contains("n4 -> n8 [label=<<font color=\"darkgreen\">-3.00</font><br/><font color=\"red\">0.20</font>>]", dot);
        // dot = w0·x0 + w1·x1 + w2 = 1: the slide's value into σ.
        Assert.Contains("n8 -> n9 [label=<<font color=\"darkgreen\">1.00</font><br/><font color=\"red\">0.20</font>>]", dot);

        Assert.Contains("<font color=\"darkgreen\">0.7311</font>", g.ToDot(trace, "0.0000"));
        string mermaid = g.ToMermaid(trace);
        Assert.Contains("n0 -->|\"2.00<br/>∇ -0.20\"| n5", mermaid);
        Assert.Contains("n9 -->|\"0.73<br/>∇ 1.00\"| n10", mermaid);
    }

    [Fact]
    public void Trace_AgreesWithBackward_ForEveryStraightLineExample()
    {
        foreach (var (method, point) in new (string, double[])[]
                 {
                     ("Neuron", new[] { 2.0, -1, -3, -2, -3 }),
                     ("Simple", new[] { -2.0, 5, -4 }),
                     ("AddMulMax", new[] { 3.0, -4, 2, -1 }),
                     ("Caller", new[] { 0.5, -1.5 }),
                 })
        {
            var g = Graph(method);
            var trace = Trace(method, point.Cast<object>().ToArray());
            var backward = Drawn.Value.GetMethod(method + "Backward")!;
            var args = point.Cast<object>().Concat(point.Select(_ => (object)0.0)).Append(1.0).ToArray();
            double value = (double)backward.Invoke(null, args)!;
            Assert.Equal(value, trace.Value(g.Output));
            var parameters = g.Nodes.Where(n => n.Kind == GraphNodeKind.Parameter).ToList();
            Assert.Equal(point.Length, parameters.Count);
            for (int i = 0; i < point.Length; i++)
            {
                Tolerance.AssertFormula((double)args[point.Length + i], trace.Gradient(parameters[i].Id));
            }
        }
    }

    [Fact]
    public void Loop_IsOneCluster_NotUnrolled_AndHasNoTrace()
    {
        var g = Graph("PowerLoop");
        var loop = Assert.Single(g.Clusters);
        Assert.Equal(GraphClusterKind.Loop, loop.Kind);
        Assert.Equal("while (i < n)", loop.Label);
        // p's merge around the loop and the * that computes its next value are both p (not p_1, p_2).
        Assert.Contains(g.Nodes, n => n.Kind == GraphNodeKind.Merge && n.Name == "p" && n.Cluster == loop.Id);
        Assert.Contains(g.Nodes, n => n.Kind == GraphNodeKind.Gate && n.Name == "p" && n.Cluster == loop.Id);
        Assert.Single(g.Nodes, n => n.Kind == GraphNodeKind.Gate && n.Label == "*" && n.Cluster == loop.Id);
        Assert.Contains(g.Nodes, n => n.Kind == GraphNodeKind.Merge && n.Cluster == loop.Id);
        Assert.Contains(g.Edges, e => e.Kind == GraphEdgeKind.Condition);
        Assert.Null(Drawn.Value.GetMethod("PowerLoopTrace"));

        string dot = g.ToDot();
        Assert.Contains("subgraph cluster_0 {", dot);
        Assert.Contains("label=\"while (i < n)\";", dot);
        string mermaid = g.ToMermaid();
        Assert.Contains("subgraph c0 [\"while (", mermaid);
        Assert.Contains("#lt;", mermaid);
        Assert.Contains("\n  end\n", mermaid);
    }

    [Fact]
    public void Branch_IsAClusterWithThenAndElse()
    {
        var g = Graph("Branchy");
        Assert.Equal(new[] { GraphClusterKind.Branch, GraphClusterKind.Then, GraphClusterKind.Else }, g.Clusters.Select(c => c.Kind));
        Assert.Equal(new[] { "if (x > 0)", "then", "else" }, g.Clusters.Select(c => c.Label));
        // r is assigned in both branches and merged after them: all three are r.
        Assert.Equal(new[] { GraphNodeKind.Gate, GraphNodeKind.Gate, GraphNodeKind.Merge }, g.Nodes.Where(n => n.Name == "r").Select(n => n.Kind));
        Assert.Equal(0, g.Clusters[1].Parent);
        Assert.Equal(0, g.Clusters[2].Parent);
        Assert.Contains(g.Nodes, n => n.Label == "*" && n.Cluster == 1);
        Assert.Contains(g.Nodes, n => n.Label == "exp" && n.Cluster == 2);
        Assert.Contains(g.Nodes, n => n.Kind == GraphNodeKind.Merge && n.Cluster == 0);
        Assert.Contains(g.Nodes, n => n.Label == "+ 1.0");
        // Branches are traced (GraphTraceBranchTests checks the numbers); loops are not.
        Assert.NotNull(Drawn.Value.GetMethod("BranchyTrace"));
        string dot = g.ToDot();
        Assert.Equal(3, dot.Split('\n').Count(l => l.Contains("subgraph cluster_")));
        Assert.Equal(3, g.ToMermaid().Split('\n').Count(l => l.TrimStart().StartsWith("subgraph ")));
    }

    [Fact]
    public void Call_IsOneNode()
    {
        var g = Graph("Caller");
        var call = Assert.Single(g.Nodes, n => n.Kind == GraphNodeKind.Call);
        Assert.Contains("Square", call.Label);
        Assert.Single(g.Edges, e => e.To == call.Id);
        Assert.Contains("shape=box", g.ToDot().Split('\n').Single(l => l.TrimStart().StartsWith("n" + call.Id + " [")));
        Assert.Contains("n" + call.Id + "[[", g.ToMermaid());
        // Square itself has no Graph = true: nothing drawn for it.
        Assert.Null(Drawn.Value.GetProperty("SquareGraph"));
    }

    [Fact]
    public void WithoutOptIn_NothingIsGenerated()
    {
        var result = GeneratorHarness.Run(LectureExamples.Source);
        result.AssertClean();
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".Graph."));
        Assert.DoesNotContain(result.Generated.Values, v => v.Contains("GraphView") || v.Contains("GraphTrace"));

        var drawn = GeneratorHarness.Run(GraphExamples.Source);
        drawn.AssertClean();
        Assert.Equal(6, drawn.Generated.Keys.Count(k => k.EndsWith(".Graph.g.cs")));
        Assert.DoesNotContain(drawn.Generated.Keys, k => k.Contains("Square") && k.EndsWith(".Graph.g.cs"));
    }

    [Fact]
    public void OptIn_DoesNotChangeBackward()
    {
        string plain = GraphExamples.Source.Replace("[Differentiable(Graph = true)]", "[Differentiable]");
        var without = GeneratorHarness.Run(plain).Generated;
        var with = GeneratorHarness.Run(GraphExamples.Source).Generated;
        Assert.Equal(without.Count + 6, with.Count);
        foreach (var (hint, text) in without) Assert.Equal(text, with[hint]);
    }

    [Fact]
    public void MSBuildProperty_EmitsEveryGraph()
    {
        var compilation = GeneratorHarness.CreateCompilation(LectureExamples.Source);
        foreach (var (value, expected) in new[] { ("true", 5), ("True", 5), ("false", 0) })
        {
            var driver = CSharpGeneratorDriver.Create(
                new[] { new DifferentiableGenerator().AsSourceGenerator() },
                parseOptions: GeneratorHarness.ParseOptions,
                optionsProvider: new FakeOptions("build_property.AutoDiffGenEmitGraphs", value));
            var run = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics).GetRunResult();
            Assert.Empty(diagnostics);
            Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1591"));
            Assert.Equal(expected, run.Results.Single().GeneratedSources.Count(s => s.HintName.EndsWith(".Graph.g.cs")));
        }
    }

    [Fact]
    public void Numbers_AreInvariant_AndNegativeZeroIsZero()
    {
        var g = new View("t",
            new[] { new GraphNode(0, GraphNodeKind.Parameter, "a", "a", -1), new GraphNode(1, GraphNodeKind.Output, "t", null, -1) },
            new[] { new GraphEdge(0, 1, GraphEdgeKind.Value) },
            Array.Empty<GraphCluster>());
        var old = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            string dot = g.ToDot(new GraphTrace(new[] { 1234.5, 1234.5 }, new[] { -0.001, double.NaN }));
            Assert.Contains("<font color=\"darkgreen\">1234.50</font><br/><font color=\"red\">0.00</font>", dot);
            Assert.Throws<ArgumentException>(() => g.ToDot(new GraphTrace(new double[3], new double[3])));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = old;
        }
    }
}
