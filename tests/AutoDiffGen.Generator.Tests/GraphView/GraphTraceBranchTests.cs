using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using View = AutoDiffGen.GraphView;

namespace AutoDiffGen.Generator.Tests.GraphView;

/// <summary>
/// MTrace beyond straight-line code: methods with branches (if/else, ternary, switch, early return)
/// and element reads of array and span parameters. The branch taken carries values and gradients, a
/// branch not taken is NaN (drawn without numbers). Every number is checked against a hand derivation
/// and against central differences of the method itself.
/// </summary>
public class GraphTraceBranchTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace Traced
        {
            public static partial class Drawn
            {
                [Differentiable(Graph = true)]
                public static double Branchy(double x, double y)
                {
                    double r;
                    if (x > 0)
                    {
                        r = x * y;
                    }
                    else
                    {
                        r = Math.Exp(y);
                    }
                    return r + 1.0;
                }

                // f = v[0]·w + v[n−1]·v[0]
                [Differentiable(Graph = true)]
                public static double Elements(double[] v, double w) => v[0] * w + v[v.Length - 1] * v[0];

                // mode 0: x·s[1]; otherwise t = x > 1 ? sin x : x², then mode 1: t + s[0], else exp(t)
                [Differentiable(Graph = true)]
                public static double Mixed(double x, ReadOnlySpan<double> s, int mode)
                {
                    if (mode == 0) return x * s[1];
                    double t = x > 1 ? Math.Sin(x) : x * x;
                    switch (mode)
                    {
                        case 1: return t + s[0];
                        default: return Math.Exp(t);
                    }
                }

                public static GraphTrace MixedTraceOf(double x, double[] s, int mode) => MixedTrace(x, s, mode);

                public static double MixedOf(double x, double[] s, int mode) => Mixed(x, s, mode);
            }
        }
        """;

    private static readonly Lazy<Type> Drawn = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("Traced.Drawn", throwOnError: true)!);

    private static View Graph(string method) => (View)Drawn.Value.GetProperty(method + "Graph", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    private static object? Call(string method, params object[] args) => Drawn.Value.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, args);

    private static double Central(Func<double, double> f, double x, double h = 1e-6) => (f(x + h) - f(x - h)) / (2 * h);

    private static IEnumerable<GraphNode> Gates(View g) => g.Nodes.Where(n => n.Kind is GraphNodeKind.Gate or GraphNodeKind.Merge or GraphNodeKind.Call);

    [Theory]
    [InlineData(2.0, 0.7)]
    [InlineData(-1.0, 0.7)]
    [InlineData(0.5, -1.2)]
    public void Branchy_TheTakenBranchCarriesNumbers_TheOtherNone(double x, double y)
    {
        var g = Graph("Branchy");
        var trace = (GraphTrace)Call("BranchyTrace", x, y, 1.0)!;
        Func<double, double, double> f = (a, b) => (double)Call("Branchy", a, b)!;

        // Hand derivation: then (x > 0): f = x·y + 1, ∂f/∂x = y, ∂f/∂y = x; else: f = exp(y) + 1, ∂f/∂x = 0, ∂f/∂y = exp(y).
        bool then = x > 0;
        double dx = then ? y : 0, dy = then ? x : Math.Exp(y);
        Tolerance.AssertFormula(then ? x * y + 1 : Math.Exp(y) + 1, trace.Value(g.Output));
        Tolerance.AssertFormula(dx, trace.Gradient(g.IndexOf("x")));
        Tolerance.AssertFormula(dy, trace.Gradient(g.IndexOf("y")));
        double fxy = f(x, y);
        Tolerance.AssertCentral(Central(a => f(a, y), x), trace.Gradient(g.IndexOf("x")), fxy, "∂f/∂x");
        Tolerance.AssertCentral(Central(b => f(x, b), y), trace.Gradient(g.IndexOf("y")), fxy, "∂f/∂y");

        var thenCluster = g.Clusters.Single(c => c.Kind == GraphClusterKind.Then).Id;
        var elseCluster = g.Clusters.Single(c => c.Kind == GraphClusterKind.Else).Id;
        var product = g.Nodes.Single(n => n.Label == "*" && n.Cluster == thenCluster);
        var exp = g.Nodes.Single(n => n.Label == "exp" && n.Cluster == elseCluster);
        var (taken, skipped) = then ? (product, exp) : (exp, product);
        Tolerance.AssertFormula(then ? x * y : Math.Exp(y), trace.Value(taken.Id));
        Tolerance.AssertFormula(1.0, trace.Gradient(taken.Id));
        Assert.True(double.IsNaN(trace.Value(skipped.Id)) && double.IsNaN(trace.Gradient(skipped.Id)), "the branch not taken has no numbers");

        // The merge takes the branch's value and passes the whole gradient on.
        var merge = g.Nodes.Single(n => n.Kind == GraphNodeKind.Merge);
        Assert.Equal(trace.Value(taken.Id), trace.Value(merge.Id));
        Tolerance.AssertFormula(1.0, trace.Gradient(merge.Id));

        string dot = g.ToDot(trace);
        string Edge(GraphNode from) => dot.Split('\n').Single(l => l.TrimStart().StartsWith("n" + from.Id + " -> n" + merge.Id, StringComparison.Ordinal));
        Assert.Contains("label=<<font color=\"darkgreen\">", Edge(taken));
        Assert.DoesNotContain("label=", Edge(skipped));
    }

    [Fact]
    public void Branchy_TraceAgreesWithBackward()
    {
        var g = Graph("Branchy");
        foreach (var (x, y) in new[] { (1.5, -0.3), (-0.4, 2.0) })
        {
            var trace = (GraphTrace)Call("BranchyTrace", x, y, 2.5)!;
            var args = new object[] { x, y, 0.0, 0.0, 2.5 };
            double value = (double)Call("BranchyBackward", args)!;
            Assert.Equal(value, trace.Value(g.Output));
            Tolerance.AssertFormula((double)args[2], trace.Gradient(g.IndexOf("x")));
            Tolerance.AssertFormula((double)args[3], trace.Gradient(g.IndexOf("y")));
        }
    }

    [Fact]
    public void Elements_EachReadCarriesItsSlotsValueAndGradient()
    {
        var g = Graph("Elements");
        double[] v = { 1.5, -2.0, 0.5 };
        const double w = 3.0;
        var trace = (GraphTrace)Call("ElementsTrace", v, w, 1.0)!;

        // f = v0·w + v2·v0 = 1.5·3 + 0.5·1.5 = 5.25; ∂f/∂w = v0 = 1.5, ∂f/∂v0 = w + v2 = 3.5, ∂f/∂v1 = 0, ∂f/∂v2 = v0 = 1.5.
        Tolerance.AssertFormula(5.25, trace.Value(g.Output));
        Tolerance.AssertFormula(1.5, trace.Gradient(g.IndexOf("w")));
        var reads = g.Nodes.Where(n => n.Kind == GraphNodeKind.Gate && n.Label.StartsWith('[')).ToList();
        Assert.Equal(3, reads.Count);
        var first = reads.Where(n => n.Label == "[0]").ToList();
        Assert.Equal(2, first.Count);
        Assert.All(first, n => Assert.Equal(1.5, trace.Value(n.Id)));
        var last = Assert.Single(reads, n => n.Label != "[0]");
        Assert.Equal(0.5, trace.Value(last.Id));

        // Each read's gradient is its share: v0 in v0·w gets w, v0 in v2·v0 gets v2; their sum is ∂f/∂v0.
        Assert.Equal(new[] { 0.5, 3.0 }, first.Select(n => trace.Gradient(n.Id)).OrderBy(d => d));
        Tolerance.AssertFormula(3.5, first.Sum(n => trace.Gradient(n.Id)));
        Tolerance.AssertFormula(1.5, trace.Gradient(last.Id));

        // Against central differences and Backward.
        double F(double[] a, double b) => (double)Call("Elements", a, b)!;
        double fv = F(v, w);
        Tolerance.AssertCentral(Central(t => F(new[] { t, v[1], v[2] }, w), v[0]), first.Sum(n => trace.Gradient(n.Id)), fv, "∂f/∂v0");
        Tolerance.AssertCentral(Central(t => F(new[] { v[0], v[1], t }, w), v[2]), trace.Gradient(last.Id), fv, "∂f/∂v2");
        Tolerance.AssertCentral(Central(t => F(v, t), w), trace.Gradient(g.IndexOf("w")), fv, "∂f/∂w");
        var dV = new double[3];
        var args = new object[] { v, w, dV, 0.0, 1.0 };
        Call("ElementsBackward", args);
        Tolerance.AssertFormula(dV[0], first.Sum(n => trace.Gradient(n.Id)));
        Tolerance.AssertFormula(dV[2], trace.Gradient(last.Id));

        // The array itself is no scalar: its node has no numbers, its wires show each read's.
        var array = g.Nodes[g.IndexOf("v")];
        Assert.True(double.IsNaN(trace.Value(array.Id)) && double.IsNaN(trace.Gradient(array.Id)));
    }

    [Theory]
    [InlineData(0.8, 0)]
    [InlineData(2.0, 1)]
    [InlineData(0.6, 1)]
    [InlineData(2.0, 2)]
    [InlineData(-0.7, 5)]
    public void Mixed_SpanElementsInsideBranches_MatchHandDerivationAndCentralDifferences(double x, int mode)
    {
        var g = Graph("Mixed");
        double[] s = { 0.25, -1.5 };
        var trace = (GraphTrace)Call("MixedTraceOf", x, s, mode)!;
        double F(double a, double[] b) => (double)Call("MixedOf", a, b, mode)!;

        // Hand derivation, by branch.
        double t = x > 1 ? Math.Sin(x) : x * x, dt = x > 1 ? Math.Cos(x) : 2 * x;
        (double value, double dx, double ds0, double ds1) = mode switch
        {
            0 => (x * s[1], s[1], 0.0, x),
            1 => (t + s[0], dt, 1.0, 0.0),
            _ => (Math.Exp(t), Math.Exp(t) * dt, 0.0, 0.0),
        };
        Tolerance.AssertFormula(value, trace.Value(g.Output));
        Tolerance.AssertFormula(dx, trace.Gradient(g.IndexOf("x")));
        Tolerance.AssertCentral(Central(a => F(a, s), x), trace.Gradient(g.IndexOf("x")), value, "∂f/∂x");

        // The span's reads: s[1] runs only in mode 0, s[0] only in mode 1; the others are NaN.
        var read0 = g.Nodes.Single(n => n.Label == "[0]");
        var read1 = g.Nodes.Single(n => n.Label == "[1]");
        AssertRead(read0, mode == 1, s[0], ds0, Central(u => F(a: x, b: new[] { u, s[1] }), s[0]));
        AssertRead(read1, mode == 0, s[1], ds1, Central(u => F(a: x, b: new[] { s[0], u }), s[1]));

        // Exactly the nodes of the branches taken have numbers.
        int numbered = Gates(g).Count(n => !double.IsNaN(trace.Value(n.Id)));
        int expected = mode switch
        {
            0 => 3,                     // s[1], x·s[1], the result's merge
            1 => 6,                     // sin or x², the merge t, s[0], +, two merges of the result
            _ => 5,                     // sin or x², the merge t, exp, two merges of the result
        };
        Assert.Equal(expected, numbered);
        Assert.All(Gates(g), n => Assert.Equal(double.IsNaN(trace.Value(n.Id)), double.IsNaN(trace.Gradient(n.Id))));

        void AssertRead(GraphNode read, bool runs, double slot, double gradient, double numeric)
        {
            if (!runs)
            {
                Assert.True(double.IsNaN(trace.Value(read.Id)) && double.IsNaN(trace.Gradient(read.Id)), read.Label + " did not run");
                Assert.Equal(0.0, numeric);   // f does not read the slot: f(u + h) and f(u − h) are the same number
                return;
            }
            Assert.Equal(slot, trace.Value(read.Id));
            Tolerance.AssertFormula(gradient, trace.Gradient(read.Id));
            Tolerance.AssertCentral(numeric, trace.Gradient(read.Id), value, read.Label);
        }
    }

    [Fact]
    public void LoopsStillHaveNoTrace()
    {
        var result = GeneratorHarness.Run("""
            using AutoDiffGen;
            public static partial class C
            {
                [Differentiable(Graph = true)]
                public static double Sum(double[] v) { double s = 0; for (int i = 0; i < v.Length; i++) s += v[i]; return s; }
            }
            """);
        result.AssertClean();
        string graphFile = result.Generated.Single(g => g.Key.EndsWith(".Graph.g.cs", StringComparison.Ordinal)).Value;
        Assert.Contains("SumGraph", graphFile);
        Assert.DoesNotContain("SumTrace", graphFile);
    }
}
