using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.GraphView;

/// <summary>
/// Property test: the random programs of the Backward property test (locals, reassignment, every
/// scalar gate, branches, loops), all drawn with the MSBuild property. Every program without a loop
/// gets an MTrace that compiles, returns the method's value, and gives each parameter the gradient
/// MBackward gives it; a node with a gradient has a value. (Programs whose result is
/// constant get the ADG0011 warning, and still a graph and a trace.)
/// </summary>
public class TraceRandomProgramTests(ITestOutputHelper output)
{
    [Fact]
    public void Trace_AgreesWithBackward_OnRandomPrograms()
    {
        // Drawn from the generator's stream: 240 with branches and no loop (a third of them use the branch
        // in their result, so it is drawn), 40 with loops, 80 others.
        var generator = new RandomProgramGenerator(20261126);
        var stream = Enumerable.Range(0, 3000).Select(i => generator.Next("P" + i)).ToList();
        bool HasLoop(RandomProgram p) => p.Statements.Any(s => s.Wrapper is "loop" or "break");
        var programs = stream.Where(p => !HasLoop(p) && p.Statements.Any(s => s.Wrapper == "if")).Take(240)
            .Concat(stream.Where(HasLoop).Take(40))
            .Concat(stream.Where(p => p.Statements.All(s => s.Wrapper.Length == 0)).Take(80))
            .ToList();
        int count = programs.Count;
        var result = GeneratorHarness.RunForLoad(FakeOptions.EmitGraphs, RandomProgram.Source("Traced", programs));
        // Random user code draws its own warnings (unused locals, unreachable code, Max(a, a)) and so does the
        // Backward that mirrors it; no errors anywhere, and the graph files add nothing of their own.
        Assert.True(result.Exceptions.IsEmpty && result.GeneratorDiagnostics.All(d => d.Id == "ADG0011"), result.Dump());
        Assert.DoesNotContain(result.CompileDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        var graphWarnings = result.CompileDiagnostics.Where(d => d.Location.GetLineSpan().Path.EndsWith(".Graph.g.cs", StringComparison.Ordinal)).ToList();
        var backwardWarnings = result.CompileDiagnostics.Where(d => d.Location.GetLineSpan().Path.EndsWith(".g.cs", StringComparison.Ordinal)).Except(graphWarnings).ToList();
        output.WriteLine("graph file warnings: " + string.Join("; ", graphWarnings));
        Assert.All(graphWarnings, d => Assert.Contains(backwardWarnings, b => b.Id == d.Id));
        Assert.Equal(count, result.Generated.Keys.Count(k => k.EndsWith(".Graph.g.cs", StringComparison.Ordinal)));
        var type = GeneratorHarness.Load(result).GetType("Random.Traced", throwOnError: true)!;
        var random = new Random(7);
        int traced = 0, withBranches = 0, untraced = 0, points = 0;
        foreach (var program in programs)
        {
            var trace = type.GetMethod(program.Name + "Trace");
            var graph = (AutoDiffGen.GraphView)type.GetProperty(program.Name + "Graph")!.GetValue(null)!;
            Assert.Equal(HasLoop(program), trace is null);
            if (trace is null)
            {
                untraced++;
                continue;
            }
            traced++;
            if (graph.Clusters.Count > 0) withBranches++;
            var backward = type.GetMethod(program.Name + "Backward")!;
            for (int k = 0; k < 3; k++)
            {
                double[] x = Enumerable.Range(0, 3).Select(_ => Math.Round(random.NextDouble() * 4 - 2, 6)).ToArray();
                var args = new object[] { x[0], x[1], x[2], 0.0, 0.0, 0.0, 1.0 };
                double value = (double)backward.Invoke(null, args)!;
                var t = (GraphTrace)trace.Invoke(null, new object[] { x[0], x[1], x[2], 1.0 })!;
                Assert.Equal(graph.Nodes.Count, t.Values.Count);
                // A result that is a literal (return 2.0;) is folded away: no output node to check.
                if (graph.Output >= 0) Assert.Equal(value, t.Value(graph.Output));
                for (int p = 0; p < 3; p++)
                {
                    int node = graph.IndexOf(RandomProgram.Parameters[p]);
                    if (node < 0) continue; // a parameter the program never reads is not drawn
                    // The same number (NaN included, where the arithmetic gives NaN), or NaN in the trace for a
                    // parameter with no gradient path to the result (it feeds only conditions, Floor, …), where
                    // MBackward adds exactly zero.
                    double expected = (double)args[3 + p], inTrace = t.Gradient(node);
                    Assert.True(expected.Equals(inTrace) || (double.IsNaN(inTrace) && expected == 0),
                        $"{program.Name} at ({string.Join(", ", x)}): d{RandomProgram.Parameters[p]} is {expected} in Backward, {inTrace} in the trace");
                }
                // A node with a gradient ran, so it has a value (unless the value itself is NaN, which would reach the result).
                if (double.IsFinite(value))
                {
                    foreach (var n in graph.Nodes.Where(n => !double.IsNaN(t.Gradient(n.Id))))
                    {
                        Assert.False(double.IsNaN(t.Value(n.Id)), program.Name + ": node " + n.Id + " (" + n.Label + ") has a gradient but no value");
                    }
                }
                points++;
            }
        }
        output.WriteLine($"{traced} traced programs ({withBranches} with branches), {untraced} with loops and no trace, {points} points");
        Assert.Equal(360, count);
        Assert.True(withBranches >= 60, $"only {withBranches} traced programs had branches drawn");
        Assert.Equal(40, untraced);
    }
}
