using System.Reflection;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using View = AutoDiffGen.GraphView;

namespace AutoDiffGen.Generator.Tests.GraphView;

/// <summary>
/// The drawn graph speaks the source's language: values are named by the user's variables (acc, not
/// the SSA versions acc_1, acc_2), generated temporaries never show, and loops and branches are
/// captioned with their source (for (i ≥ 0), while (true), switch (mode): case 1). Nodes that share a
/// name stay apart by their ids.
/// </summary>
public class GraphLabelTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace Labels
        {
            public static partial class Drawn
            {
                [Differentiable(Graph = true)]
                public static double Horner(double[] coef, double x)
                {
                    double acc = 0;
                    for (int i = coef.Length - 1; i >= 0; i--)
                    {
                        acc = acc * x + coef[i];
                    }
                    return acc;
                }

                [Differentiable(Graph = true)]
                public static double Reassigned(double x, double y)
                {
                    double q = x * y;
                    q = q + x;
                    q = Math.Sin(q);
                    if (q > 0.5 && x < 2) q = q * 2;
                    else
                    {
                        double t = q * q;
                        q = t - 1;
                    }
                    return q;
                }

                [Differentiable(Graph = true)]
                public static double Breaks(double x, int n)
                {
                    double p = x;
                    int k = 0;
                    while (true)
                    {
                        p = p * x;
                        k++;
                        if (k >= n) break;
                    }
                    double s = 0;
                    do
                    {
                        s += p;
                        p = p / 2;
                    } while (p > 0.1);
                    return s;
                }

                [Differentiable(Graph = true)]
                public static double Switches(double x, int mode)
                {
                    double r = mode switch { 0 => x, > 5 when x > 0 => x * x, _ => Math.Exp(x) };
                    double z = x > 1 ? r : -r;
                    switch (mode)
                    {
                        case 0: return z;
                        case 1: case 2: return z * x;
                        default: return Math.Exp(z);
                    }
                }

                [Differentiable(Graph = true)]
                public static double Capped(double[] xs, double w)
                {
                    double s = 0;
                    for (int i = 0; i < xs.Length; i++)
                    {
                        if (s > 10) break;
                        s += xs[i] * w;
                    }
                    return s;
                }

                [Differentiable(Graph = true)]
                public static double Positive(double[] xs, double w)
                {
                    double s = 0;
                    foreach (var v in xs)
                    {
                        if (v < 0) continue;
                        s += v * w;
                    }
                    return s;
                }
            }
        }
        """;

    private static readonly string[] Methods = { "Horner", "Reassigned", "Breaks", "Switches", "Capped", "Positive" };

    private static readonly Lazy<Type> Drawn = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("Labels.Drawn", throwOnError: true)!);

    private static View Graph(string method) => (View)Drawn.Value.GetProperty(method + "Graph", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    /// <summary>The flags the generator adds for break/continue/return and foreach, shown under their own names.</summary>
    private static readonly string[] GeneratedVariables = { "broke", "jumped", "returned", "index", "result" };

    private static readonly HashSet<string> SourceIdentifiers =
        Regex.Matches(Source, "[A-Za-z_][A-Za-z0-9_]*").Select(m => m.Value).ToHashSet();

    /// <summary>An SSA version (acc_1) or a temporary the lowering names (c3, selector, choice, trip, iteration).</summary>
    private static readonly Regex Internal = new(@"\b[A-Za-z]+_\d+\b|\bc\d+\b|\b(selector|choice|trip|iteration)\d*\b");

    [Fact]
    public void EveryNodeName_IsAUserVariableOrAGeneratedFlag()
    {
        foreach (string method in Methods)
        {
            var g = Graph(method);
            foreach (var node in g.Nodes.Where(n => n.Name is not null))
            {
                Assert.True(SourceIdentifiers.Contains(node.Name!) || GeneratedVariables.Contains(node.Name),
                    method + ": node " + node.Id + " (" + node.Label + ") is named '" + node.Name + "', which the source does not have");
            }
        }
    }

    [Fact]
    public void NoLabelShowsAnSsaVersionOrAGeneratedTemporary()
    {
        foreach (string method in Methods)
        {
            var g = Graph(method);
            var texts = g.Nodes.Select(n => n.Label).Concat(g.Nodes.Select(n => n.Name ?? "")).Concat(g.Clusters.Select(c => c.Label)).ToList();
            Assert.NotEmpty(texts);
            foreach (string text in texts) Assert.False(Internal.IsMatch(text), method + ": '" + text + "' shows an internal name");
            // What the drawings write in quotes (captions and edge labels; not their own ids such as cluster_0 or c0).
            var quoted = Regex.Matches(g.ToDot() + "\n" + g.ToMermaid(), "\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.Contains(quoted, q => q.Contains('φ'));
            foreach (string text in quoted) Assert.False(Internal.IsMatch(text), method + ": the drawing writes '" + text + "'");
        }
    }

    [Fact]
    public void Horner_LoopIsCaptionedWithItsCondition_AndAccIsOneNameOnDistinctNodes()
    {
        var g = Graph("Horner");
        var loop = Assert.Single(g.Clusters);
        Assert.Equal(GraphClusterKind.Loop, loop.Kind);
        Assert.Equal("for (i ≥ 0)", loop.Label);

        // acc: its initial value, its merge around the loop and the + that computes the next one.
        var acc = g.Nodes.Where(n => n.Name == "acc").ToList();
        Assert.Equal(new[] { GraphNodeKind.Constant, GraphNodeKind.Gate, GraphNodeKind.Merge }, acc.Select(n => n.Kind).OrderBy(k => k));
        Assert.Equal(acc.Count, acc.Select(n => n.Id).Distinct().Count());
        Assert.Equal("+", acc.Single(n => n.Kind == GraphNodeKind.Gate).Label);
        Assert.Equal(new[] { "acc", "i" }, g.Nodes.Where(n => n.Kind == GraphNodeKind.Merge).Select(n => n.Name).OrderBy(n => n));
        Assert.Contains(g.Nodes, n => n.Kind == GraphNodeKind.Constant && n.Label == "i ≥ 0" && n.Cluster == loop.Id);
        Assert.Contains(g.Nodes, n => n.Kind == GraphNodeKind.Constant && n.Label == "i - 1" && n.Cluster == loop.Id);
        Assert.Contains(g.Nodes, n => n.Kind == GraphNodeKind.Constant && n.Label == "coef.Length - 1" && n.Cluster == -1);
        Assert.Equal(Enumerable.Range(0, g.Nodes.Count), g.Nodes.Select(n => n.Id));

        string dot = g.ToDot();
        Assert.Contains("label=\"for (i ≥ 0)\";", dot);
        Assert.Contains("[label=\"φ\\nacc\"", dot);
        Assert.Contains("[label=\"+\\nacc\"", dot);
        // Every node is declared once under its own id, whatever its name.
        var declared = Regex.Matches(dot, @"^\s*(n\d+) \[label=", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(g.Nodes.Count, declared.Count);
        Assert.Equal(declared.Count, declared.Distinct().Count());
        Assert.Contains("subgraph c0 [\"for (i ≥ 0)\"]", g.ToMermaid());
    }

    [Fact]
    public void Reassigned_EveryVersionOfQIsQ_AndTheBranchShowsItsSourceCondition()
    {
        var g = Graph("Reassigned");
        Assert.Equal(new[] { "*", "+", "sin", "* 2.0", "- 1.0" }, g.Nodes.Where(n => n.Name == "q" && n.Kind == GraphNodeKind.Gate).Select(n => n.Label));
        Assert.Single(g.Nodes, n => n.Name == "q" && n.Kind == GraphNodeKind.Merge);
        Assert.Single(g.Nodes, n => n.Name == "t");
        var branch = g.Clusters.Single(c => c.Kind == GraphClusterKind.Branch);
        Assert.Equal("if (q > 0.5 && x < 2)", branch.Label);
        var condition = g.Nodes.Single(n => n.Kind == GraphNodeKind.Constant && n.Label.Contains("0.5"));
        Assert.Equal("(q > 0.5) && (x < 2.0)", condition.Label);
    }

    [Fact]
    public void Breaks_WhileTrueAndDoWhile_AreCaptionedFromTheSource()
    {
        var g = Graph("Breaks");
        Assert.Equal(new[] { "while (true)", "if (k ≥ n)", "do … while (p > 0.1)" },
            g.Clusters.Where(c => c.Kind is GraphClusterKind.Loop or GraphClusterKind.Branch).Select(c => c.Label));
        // The loop's test with its hidden break flag: the temporary holding 'true' is shown as 'true'.
        Assert.Contains(g.Nodes, n => n.Kind == GraphNodeKind.Constant && n.Label == "!broke && true");
        Assert.Contains(g.Nodes, n => n.Kind == GraphNodeKind.Constant && n.Label == "k + 1");
        Assert.Equal(new[] { "broke", "k", "p", "p", "s" }, g.Nodes.Where(n => n.Kind == GraphNodeKind.Merge && n.Name is not null).Select(n => n.Name).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Switches_ArmsAndSectionsAreCaptionedWithTheirCases()
    {
        var g = Graph("Switches");
        Assert.Equal(
            new[] { "switch (mode): 0 =>", "switch (mode): > 5 when x > 0 =>", "x > 1 ? … : …", "switch (mode): case 0", "switch (mode): case 1 case 2" },
            g.Clusters.Where(c => c.Kind == GraphClusterKind.Branch).Select(c => c.Label));
        // The switched value is computed once into a temporary; conditions show the value itself.
        Assert.Contains(g.Nodes, n => n.Kind == GraphNodeKind.Constant && n.Label == "mode == 0");
        Assert.Contains(g.Nodes, n => n.Kind == GraphNodeKind.Constant && n.Label == "(mode == 1) || (mode == 2)");
        Assert.Contains(g.Nodes, n => n.Kind == GraphNodeKind.Merge && n.Name == "r");
        Assert.Contains(g.Nodes, n => n.Kind == GraphNodeKind.Merge && n.Name == "z");
    }

    [Fact]
    public void Foreach_IsCaptionedWithItsVariable_AndContinueGuardsTheRest()
    {
        var g = Graph("Positive");
        var loop = g.Clusters.Single(c => c.Kind == GraphClusterKind.Loop);
        Assert.Equal("foreach (v in xs)", loop.Label);
        Assert.Contains(g.Clusters, c => c.Kind == GraphClusterKind.Branch && c.Label == "if (v < 0)" && c.Parent == loop.Id);
        Assert.Contains(g.Clusters, c => c.Kind == GraphClusterKind.Branch && c.Label == "the rest, unless break/continue/return" && c.Parent == loop.Id);
        Assert.Contains(g.Nodes, n => n.Kind == GraphNodeKind.Gate && n.Name == "v" && n.Cluster == loop.Id);
        Assert.Contains(g.Nodes, n => n.Kind == GraphNodeKind.Constant && n.Label == "index < xs.Length");
    }

    [Fact]
    public void ForWithBreak_TheIncrementIsGuarded()
    {
        var g = Graph("Capped");
        var loop = g.Clusters.Single(c => c.Kind == GraphClusterKind.Loop);
        Assert.Equal("for (i < xs.Length)", loop.Label);
        Assert.Equal(new[] { "if (s > 10)", "the rest, unless break/continue/return", "the increment, unless break" },
            g.Clusters.Where(c => c.Kind == GraphClusterKind.Branch && c.Parent == loop.Id).Select(c => c.Label));
    }

    [Fact]
    public void Captions_IgnoreWhitespaceAndComments_SoTheModelDoesNotChange()
    {
        string spaced = Source.Replace("for (int i = coef.Length - 1; i >= 0; i--)", "for (int i = coef.Length - 1;\n i>=0 /* down to the constant term */; i--)");
        Assert.NotEqual(Source, spaced);
        var a = GeneratorHarness.Run(Source).Generated;
        var b = GeneratorHarness.Run(spaced).Generated;
        Assert.Equal(a.Keys.OrderBy(k => k), b.Keys.OrderBy(k => k));
        foreach (var (hint, text) in a) Assert.Equal(text, b[hint]);
    }
}
