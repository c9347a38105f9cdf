using AutoDiffGen.Generator.Differentiation;
using AutoDiffGen.Generator.Graph;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Differentiation;

/// <summary>
/// The Differentiation stage's output is data: equatable, deterministic, with each contribution traceable to the
/// gate and input it is the local gradient of; the Backward method and the trace are the same walk under two policies.
/// </summary>
public class AdjointProgramTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class P
        {
            [Differentiable]
            public static double Neuron(double w0, double x0, double w1, double x1, double b)
            {
                double z = w0 * x0 + w1 * x1 + b;
                return 1.0 / (1.0 + Math.Exp(-z));
            }

            [Differentiable]
            public static double Clipped(double x, double y)
            {
                double r;
                if (x * y > 1) r = Math.Log(x * y);
                else r = x * y - 1;
                return r * x;
            }

            [Differentiable]
            public static double Horner(double[] c, double x)
            {
                double acc = 0;
                for (int i = c.Length - 1; i >= 0; i--) acc = acc * x + c[i];
                return acc;
            }
        }
        """;

    [Theory]
    [InlineData("Neuron")]
    [InlineData("Clipped")]
    [InlineData("Horner")]
    public void Differentiating_twice_gives_equal_programs(string method)
    {
        // Two analyses of the same source: separate graphs, separate walks; records compare by value all the way down.
        var first = Programs.Backward(Programs.Model(Source, method));
        var second = Programs.Backward(Programs.Model(Source, method));
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Every_mul_gate_contributes_to_both_inputs_with_its_source()
    {
        var model = Programs.Model(Source, "Neuron");
        var program = Programs.Backward(model);
        var nodes = model.Graph.Nodes;
        var contributions = Programs.All(program.Body).OfType<Contribute>().Where(c => c.Source >= 0).ToList();
        foreach (var mul in nodes.Where(n => n.Gate == GateKind.Multiply))
        {
            var from = contributions.Where(c => c.Source == mul.Id).ToList();
            Assert.Equal(new[] { 0, 1 }, from.Select(c => c.Input).OrderBy(i => i));
            // Each goes to the input it differentiates, and its value reads the gate's adjoint.
            foreach (var c in from)
            {
                Assert.Equal(mul.Inputs[c.Input], c.Target);
                Assert.Contains(mul.Id, c.Value.Refs);
            }
        }
    }

    [Fact]
    public void The_trace_is_the_same_walk_with_every_adjoint_declared_first()
    {
        var model = Programs.Model(Source, "Clipped");
        var activity = new Activity(model.Graph);
        // The walk before the optimisations (which rewrite the Backward program only).
        var backward = Differentiator.Walk(model.Graph, activity, _ => false);
        var trace = Differentiator.Trace(model.Graph, activity, _ => null);
        static List<(int, int, int)> Gradients(AdjointProgram p) =>
            Programs.All(p.Body).OfType<Contribute>().Where(c => c.Source >= 0).Select(c => (c.Source, c.Input, c.Target)).ToList();
        // The same local gradients in the same order...
        Assert.Equal(Gradients(backward), Gradients(trace));
        Assert.NotEmpty(Gradients(trace));
        // ...but in the trace none declares: every adjoint was declared at zero before the reverse sweep.
        Assert.All(Programs.All(trace.Body).OfType<Contribute>().Where(c => c.Source >= 0), c => Assert.Equal(Accumulation.Add, c.How));
        Assert.Contains(Programs.All(backward.Body).OfType<Contribute>(), c => c.How == Accumulation.Declare && c.Source >= 0);
    }

    [Fact]
    public void A_loop_pushes_what_its_reverse_pops()
    {
        var program = Programs.Backward(Programs.Model(Source, "Horner"));
        var steps = Programs.All(program.Body).ToList();
        var pushed = steps.OfType<TapePush>().SelectMany(p => p.Values).Select(v => v.Tape.TypeName).ToList();
        var popped = steps.OfType<TapePop>().Select(p => p.Tape.TypeName)
            .Concat(steps.OfType<ReverseLoop>().Where(r => r.TripTape is not null).Select(r => r.TripTape!.TypeName)).ToList();
        Assert.Equal(pushed.OrderBy(t => t), popped.OrderBy(t => t));
        // A loop directly in the body: its trip count is read from its local, neither pushed nor popped.
        var loop = Assert.Single(steps.OfType<ReverseLoop>());
        Assert.Null(loop.TripTape);
        Assert.NotNull(loop.TripLocal);
        Assert.True(program.UsesTapes);
    }
}
