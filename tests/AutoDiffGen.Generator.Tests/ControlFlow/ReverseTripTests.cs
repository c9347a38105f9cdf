using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>
/// An inner loop <c>for (j = e; j &lt; b; j++)</c> (or <c>j &gt; b; j--</c>) whose test is only that comparison has its
/// trip count computed by its reverse walk (<c>e &lt; b ? b − e : 0</c>) instead of pushed per run, and a literal or
/// re-readable entry (<c>int j = 0</c>, <c>i + 1</c>) is computed again instead of taped (Differentiation/AffineCounters.Trips,
/// Differentiator.Needed). Hand-derived gradients and central differences; loops with a <c>break</c>, an inclusive test
/// or a step of 2 keep their taped trip counts. The random programs: ReverseTripPropertyTests.
/// </summary>
public class ReverseTripTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class R
        {
            // Σ over pairs i < j of a_i·a_j = ½((Σa)² − Σa²): the triangle loop, counting up from i + 1 to n.
            [Differentiable]
            public static double Triangle(double[] a, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                    for (int j = i + 1; j < n; j++) s += a[i] * a[j];
                return s;
            }

            // The same pairs, the inner loop counting down from n − 1 to i + 1 (no trips for the last i).
            [Differentiable]
            public static double TriangleDown(double[] a, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                    for (int j = n - 1; j > i; j--) s += a[i] * a[j];
                return s;
            }

            // Σ over j ≤ i of a_i·a_j = ½((Σa)² + Σa²), cut by a break: the trip count stays on the tape.
            [Differentiable]
            public static double Clipped(double[] a, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        if (j > i) break;
                        s += a[i] * a[j];
                    }
                }
                return s;
            }
        }
        """;

    private static readonly Lazy<GeneratorOutput> Run = new(() => GeneratorHarness.RunForLoad(Source));
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.Load(Run.Value));

    private static string Generated(string method) => Run.Value.Generated.First(kv => kv.Key.Contains("R." + method + "_", StringComparison.Ordinal)).Value;

    [Theory]
    [InlineData("Triangle")]
    [InlineData("TriangleDown")]
    public void An_inner_loop_counted_to_its_bound_pushes_no_int(string method)
    {
        string text = Generated(method);
        Assert.DoesNotContain("tapeInt", text, StringComparison.Ordinal);
        Assert.Contains(" ? unchecked(", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inner_loop_with_a_break_keeps_its_trip_count_on_the_tape()
    {
        string text = Generated("Clipped");
        Assert.Contains("tapeInt[tapeIntTop++] = trip", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" ? unchecked(", text, StringComparison.Ordinal);
        // The break also makes its counter's step conditional: the counter is popped, not recomputed.
        Assert.Contains("j_1 = tapeInt[--tapeIntTop];", text, StringComparison.Ordinal);
    }

    public static IEnumerable<object[]> Cases() => new[]
    {
        new object[] { "Triangle", new[] { 0.5, -1.25, 2.0, 0.75 }, 4 },
        new object[] { "Triangle", new[] { 0.5, -1.25, 2.0, 0.75 }, 2 },
        new object[] { "TriangleDown", new[] { 0.5, -1.25, 2.0, 0.75, -0.3 }, 5 },
        new object[] { "TriangleDown", new[] { 1.5 }, 1 },
        new object[] { "Clipped", new[] { 0.5, -1.25, 2.0, 0.75 }, 4 },
        new object[] { "Triangle", new[] { 0.5, -1.25 }, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradients_match_the_hand_derived_ones_and_central_differences(string method, double[] a, int n)
    {
        var type = Compiled.Value.GetType("R")!;
        var backward = type.GetMethod(method + "Backward")!;
        var dA = new double[a.Length];
        object[] args = { a.ToArray(), n, dA, 1.0 };
        double value = (double)backward.Invoke(null, args)!;
        double sum = a.Take(n).Sum(), squares = a.Take(n).Sum(v => v * v);
        bool clipped = method == "Clipped";
        // ½((Σa)² ∓ Σa²), so ∂/∂a_k = Σa ∓ a_k for k < n, and 0 beyond n.
        Tolerance.AssertFormula(0.5 * (sum * sum + (clipped ? squares : -squares)), value);
        for (int k = 0; k < a.Length; k++) Tolerance.AssertFormula(k < n ? sum + (clipped ? a[k] : -a[k]) : 0.0, dA[k], "dA[" + k + "]");
        CentralDifferenceRunner.Check(type.GetMethod(method)!, null, new object[] { a.ToArray(), n });
    }
}
