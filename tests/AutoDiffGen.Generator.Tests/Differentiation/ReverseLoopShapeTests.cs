using System.Reflection;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Differentiation;

/// <summary>
/// The reverse loop's shape (docs/performance.md, "Reverse loops for the JIT", 2026-12-02): a loop directly in the method
/// body keeps its trip count in its local instead of on the int tape; a lone counter stepped by 1 from an entry that
/// cannot be the end of the int range walks the reverse loop itself. Entries that could be (an int parameter, a literal
/// at int.MaxValue) keep the countdown: the walk's step past its entry would wrap there and never end. Every method's
/// gradient is checked against central differences, and Horner's by hand.
/// </summary>
public class ReverseLoopShapeTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class W
        {
            // Counts down from c.Length - 1: the reverse loop walks i up to its entry.
            [Differentiable]
            public static double Down(double[] c, double x)
            {
                double acc = 0;
                for (int i = c.Length - 1; i >= 0; i--) acc = acc * x + c[i];
                return acc;
            }

            // Counts up from 0: the reverse loop walks i down to its entry.
            [Differentiable]
            public static double Up(double[] c, double x)
            {
                double s = 0;
                for (int i = 0; i < c.Length; i++) s = s * x + c[i] * c[i];
                return s;
            }

            // The entry is a parameter, which may be int.MinValue: the countdown stays.
            [Differentiable]
            public static double From(double[] c, double x, int start)
            {
                double s = 0;
                for (int i = start; i < c.Length; i++) s = Math.Sin(s * x + c[i]);
                return s;
            }

            // The entry is int.MaxValue: a walk up to it would wrap past it; the countdown stays.
            [Differentiable]
            public static double Top(double[] c, double x)
            {
                double s = 0;
                for (int i = 2147483647; i > 2147483647 - c.Length; i--) s = s * x + c[2147483647 - i];
                return s;
            }

            // Two counters stepped together: only one could be the loop's own, so the countdown stays.
            [Differentiable]
            public static double Pair(double[] c, double x)
            {
                double s = 0;
                int j = c.Length - 1;
                for (int i = 0; i < c.Length; i++) { s = s * x + c[i] * c[j]; j--; }
                return s;
            }

            // A loop inside a branch and a loop inside a loop push their trip counts; the outer one keeps its local.
            [Differentiable]
            public static double Nested(double[] c, double x)
            {
                double s = 0;
                if (x > 0)
                {
                    for (int i = 0; i < c.Length; i++) s += x * c[i];
                }
                for (int i = 0; i < c.Length; i++)
                {
                    for (int k = 0; k <= i; k++) s = s * x + c[k];
                }
                return s;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static string Backward(string name)
    {
        string text = GeneratorHarness.Run(Source).Generated.Single(g => g.Key.Contains("." + name + "_")).Value;
        return text.Substring(text.IndexOf(name + "Backward(", StringComparison.Ordinal));
    }

    [Fact]
    public void A_counter_from_a_length_walks_the_reverse_loop_and_no_trip_count_is_taped()
    {
        string down = Backward("Down");
        Assert.Matches(@"for \((i_\d+) = unchecked\(i - \(trip - 1\)\); \1 <= i; \1\+\+\)", down);
        Assert.DoesNotContain("tapeInt", down);
        Assert.DoesNotContain("iteration", down);

        string up = Backward("Up");
        Assert.Matches(@"for \((i_\d+) = unchecked\(i \+ \(trip - 1\)\); \1 >= i; \1--\)", up);
        Assert.DoesNotContain("tapeInt", up);
    }

    [Theory]
    [InlineData("From")]
    [InlineData("Top")]
    [InlineData("Pair")]
    public void Entries_that_could_wrap_and_two_counters_keep_the_countdown(string name)
    {
        string text = Backward(name);
        Assert.Matches(@"for \(int iteration\d* = trip\d*; iteration\d* > 0; iteration\d*--\)", text);
        Assert.DoesNotMatch(@"for \(i_\d+ = ", text);
    }

    [Fact]
    public void Loops_in_a_branch_or_in_a_loop_push_their_trip_counts()
    {
        string text = Backward("Nested");
        // The branch's loop and the inner loop push theirs; the outer loop at the top level does not.
        Assert.Equal(2, Regex.Matches(text, @"tapeInt\[tapeIntTop\+\+\] = trip\d*;").Count);
    }

    public static TheoryData<string, double[], double> Points() => new()
    {
        { "Down", new[] { 0.5, -1.25, 2.0, 0.75 }, 0.9 },
        { "Down", new double[0], 1.5 },
        { "Up", new[] { 0.5, -1.25, 2.0 }, -0.7 },
        { "Up", new[] { 0.3 }, 1.1 },
        { "Top", new[] { 0.5, -1.25, 2.0 }, 0.8 },
        { "Pair", new[] { 0.5, -1.25, 2.0, 0.1 }, 0.6 },
        { "Nested", new[] { 0.5, -1.25, 2.0 }, 0.6 },
        { "Nested", new[] { 0.5, -1.25, 2.0 }, -0.6 },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void Gradients_match_central_differences(string name, double[] c, double x)
    {
        var method = Compiled.Value.GetType("W")!.GetMethod(name)!;
        CentralDifferenceRunner.Check(method, null, new object[] { c, x });
    }

    [Theory]
    [InlineData(0, 0.8)]
    [InlineData(2, -0.6)]
    [InlineData(3, 0.4)]
    [InlineData(5, 0.4)]
    public void A_parameter_entry_matches_central_differences(int start, double x)
    {
        var method = Compiled.Value.GetType("W")!.GetMethod("From")!;
        CentralDifferenceRunner.Check(method, null, new object[] { new[] { 0.5, -1.25, 2.0, 0.3 }, x, start });
    }

    [Fact]
    public void Horner_by_hand()
    {
        // The loop runs from the last coefficient down: p(x) = Σ c_i xⁱ, ∂p/∂c_i = xⁱ, ∂p/∂x = Σ i c_i xⁱ⁻¹.
        var c = new[] { 0.5, -1.25, 2.0, 0.75 };
        const double x = 0.9;
        var backward = Compiled.Value.GetType("W")!.GetMethod("DownBackward")!;
        var dC = new double[c.Length];
        object[] args = { c, x, dC, 0.0, 1.0 };
        double value = (double)backward.Invoke(null, args)!;
        int n = c.Length;
        Tolerance.AssertFormula(Enumerable.Range(0, n).Sum(i => c[i] * Math.Pow(x, i)), value);
        for (int i = 0; i < n; i++) Tolerance.AssertFormula(Math.Pow(x, i), dC[i]);
        Tolerance.AssertFormula(Enumerable.Range(1, n - 1).Sum(i => i * c[i] * Math.Pow(x, i - 1)), (double)args[3]);
    }
}
