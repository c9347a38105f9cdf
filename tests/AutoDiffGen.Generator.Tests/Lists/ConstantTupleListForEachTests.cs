using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Lists;

/// <summary>
/// <c>foreach (var (x, y) in data)</c> over data that carries no gradient: a [NoDiff] <c>IReadOnlyList&lt;(double X, double Y)&gt;</c>,
/// a <c>List</c> of them, an array of <c>(double, int)</c> (natural15's T02, a Poisson GLM over pairs, after the one change
/// ADG0006 asks for; before, the loop was ADG0002). Each local reads its element of <c>data[i]</c>, a constant. Checked by
/// hand and by central differences; a list that is not [NoDiff] stays ADG0006 at its parameter, and a nested tuple ADG0002
/// at the loop.
/// </summary>
public class ConstantTupleListForEachTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using AutoDiffGen;

        public static partial class Pairs
        {
            [Differentiable]
            public static double Poisson(double a, double b, [NoDiff] IReadOnlyList<(double X, double Y)> data)
            {
                double nll = 0;
                foreach (var (x, y) in data) nll += Math.Exp(a + b * x) - y * (a + b * x);
                return nll / data.Count;
            }

            [Differentiable]
            public static double Weighted(double w, [NoDiff] List<(double Value, double Weight)> data)
            {
                double s = 0;
                foreach ((double v, var _) in data) s += Math.Sin(w * v);
                foreach (var (_, weight) in data) s += weight * w * w;
                return s;
            }

            // Natural/Batch/U04_Stats.cs's Likelihoods.LineFit, word for word (pinned ADG0002 before natural15).
            static readonly (double X, double Y)[] Points = { (0.0, 1.1), (1.0, 2.9), (2.0, 5.2), (3.0, 7.1) };

            [Differentiable]
            public static double LineFit(double slope, double intercept)
            {
                double sse = 0;
                foreach (var (x, y) in Points)
                {
                    double r = y - (slope * x + intercept);
                    sse += r * r;
                }
                return sse;
            }

            [Differentiable]
            public static double Counts(double rate, [NoDiff] (double T, int K)[] events)
            {
                double ll = 0;
                foreach (var (t, k) in events)
                {
                    if (k == 0) continue;
                    ll += k * Math.Log(rate * t) - rate * t;
                }
                return ll;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Pairs")!.GetMethod(name)!;

    [Fact]
    public void PoissonOverPairs_TheScoreByHand()
    {
        var data = new List<(double X, double Y)> { (0.0, 1), (0.5, 3), (1.2, 2), (2.0, 6) };
        var r = CentralDifferenceRunner.Check(Method("Poisson"), null, new object[] { 0.3, 0.5, data });
        Tolerance.AssertFormula(data.Average(p => Math.Exp(0.3 + (0.5 * p.X)) - p.Y), r.Gradient[0]![0], "∂/∂a");
        Tolerance.AssertFormula(data.Average(p => (Math.Exp(0.3 + (0.5 * p.X)) - p.Y) * p.X), r.Gradient[1]![0], "∂/∂b");
    }

    [Fact]
    public void StaticTupleTable_TheNaturalBatchsLineFit_ByHand()
    {
        var points = new[] { (0.0, 1.1), (1.0, 2.9), (2.0, 5.2), (3.0, 7.1) };
        var r = CentralDifferenceRunner.Check(Method("LineFit"), null, new object[] { 1.8, 1.2 });
        // sse = Σ r², r = y − (s x + b): ∂/∂s = −2 Σ r x, ∂/∂b = −2 Σ r.
        Tolerance.AssertFormula(-2 * points.Sum(p => (p.Item2 - ((1.8 * p.Item1) + 1.2)) * p.Item1), r.Gradient[0]![0], "∂/∂slope");
        Tolerance.AssertFormula(-2 * points.Sum(p => p.Item2 - ((1.8 * p.Item1) + 1.2)), r.Gradient[1]![0], "∂/∂intercept");
    }

    [Fact]
    public void DiscardsAndTwoLoops_ByHand()
    {
        var data = new List<(double Value, double Weight)> { (0.4, 2.0), (-1.1, 0.5), (2.3, 1.5) };
        var r = CentralDifferenceRunner.Check(Method("Weighted"), null, new object[] { 0.7, data });
        // ∂/∂w = Σ v cos(w v) + 2 w Σ weight.
        Tolerance.AssertFormula(data.Sum(p => p.Value * Math.Cos(0.7 * p.Value)) + (2 * 0.7 * data.Sum(p => p.Weight)), r.Gradient[0]![0], "∂/∂w");
    }

    [Fact]
    public void AnArrayOfRealIntPairs_WithContinue_ByHand()
    {
        var events = new[] { (1.5, 2), (0.7, 0), (2.2, 3) };
        var r = CentralDifferenceRunner.Check(Method("Counts"), null, new object[] { 0.8, events });
        // ∂/∂rate = Σ_{k>0} (k / rate − t).
        Tolerance.AssertFormula(((2 / 0.8) - 1.5) + ((3 / 0.8) - 2.2), r.Gradient[0]![0], "∂/∂rate");
    }

    [Theory]
    [InlineData("[Differentiable] public static double F(double a, IReadOnlyList<(double X, double Y)> data) { double s = 0; foreach (var (x, y) in data) s += a * x; return s; }", "ADG0006", "IReadOnlyList<(double X, double Y)> data")]
    [InlineData("[Differentiable] public static double F(double a, [NoDiff] List<((double, double), int)> data) { double s = 0; foreach (var ((x, y), k) in data) s += a * x; return s; }", "ADG0002", "foreach")]
    // KeyValuePair's Deconstruct (not a tuple): before natural15 the loop bound 'key' to the whole element (CS0029 in the
    // generated code), as it did for a [NoDiff] (double, int)[] (AnArrayOfRealIntPairs_WithContinue_ByHand).
    [InlineData("[Differentiable] public static double F(double a, [NoDiff] KeyValuePair<double, double>[] kv) { double s = 0; foreach (var (key, value) in kv) s += a * key; return s; }", "ADG0002", "foreach")]
    public void JustOutside_IsDiagnosedAtTheConstruct(string method, string id, string at)
    {
        string source = "using System;\nusing System.Collections.Generic;\nusing AutoDiffGen;\npublic static partial class C\n{\n    " + method + "\n}\n";
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Exceptions);
        // ADG0006 comes from the declaration analyzer, ADG0002 from the generator: both are in Diagnostics.
        var errors = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Any(d => d.Id == id && d.Location.SourceSpan.Start == source.IndexOf(at, StringComparison.Ordinal)), string.Join("\n", errors));
        Assert.DoesNotContain(run.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }
}
