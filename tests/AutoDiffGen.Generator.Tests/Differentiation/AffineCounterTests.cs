using System.Reflection;
using AutoDiffGen.Generator.Differentiation;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Differentiation;

/// <summary>
/// A loop counter stepped by a constant is recomputed from the reverse loop's countdown instead of taped; every other
/// int the reverse sweep reads stays on the tape. Gradients against hand-derived values and central differences.
/// </summary>
public class AffineCounterTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class A
        {
            // i-- from c.Length - 1: p(x) by Horner.
            [Differentiable]
            public static double Horner(double[] c, double x)
            {
                double acc = 0;
                for (int i = c.Length - 1; i >= 0; i--) acc = acc * x + c[i];
                return acc;
            }

            // i += 2 from a constant, two reads per iteration.
            [Differentiable]
            public static double Strided(double[] c, double x)
            {
                double s = 0;
                for (int i = 1; i < c.Length; i += 2) s = s * x + c[i] * c[i - 1];
                return s;
            }

            // The inner counter is in another loop, from an entry the outer loop carries and halves (not affine): the
            // entry is taped per outer iteration. The outer counter is recomputed. (From `c.Length - 1` the entry is
            // computed again instead: ReverseTripTests.)
            [Differentiable]
            public static double Nested(double[] c, double x)
            {
                double s = 0;
                int jStart = c.Length - 1;
                for (int i = 0; i < 3; i++)
                {
                    for (int j = jStart; j >= 0; j--) s = s * x + c[j] * i;
                    jStart = jStart / 2;
                }
                return s;
            }

            // Stepped only on one path: taped.
            [Differentiable]
            public static double Skipping(double[] c, double x)
            {
                double s = 0;
                int i = 0;
                while (i < c.Length)
                {
                    s = s * x + c[i];
                    if (c[i] > 0) i += 1; else i += 2;
                }
                return s;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static (List<Step> Forward, List<Step> Reverse) Loops(string method)
    {
        var program = Programs.Backward(Programs.Model(Source, method));
        var all = Programs.All(program.Body).ToList();
        var forward = all.OfType<ForwardLoop>().SelectMany(l => Programs.All(l.Body)).ToList();
        var reverse = all.OfType<ReverseLoop>().SelectMany(l => Programs.All(l.Body)).ToList();
        return (forward, reverse);
    }

    [Theory]
    [InlineData("Horner")]
    [InlineData("Strided")]
    public void A_counter_stepped_by_a_constant_is_recomputed_not_taped(string method)
    {
        var (forward, reverse) = Loops(method);
        // Recomputed from the countdown, or (a lone counter stepped by 1 from c.Length - 1) the reverse loop's own walk.
        var recomputed = reverse.OfType<SetLocal>().Where(s => s.Value.StartsWith("unchecked(", StringComparison.Ordinal)).Select(s => s.Name)
            .Concat(Programs.All(Programs.Backward(Programs.Model(Source, method)).Body).OfType<ReverseLoop>().Where(r => r.Walk is not null).Select(r => r.Walk!.Counter))
            .ToList();
        Assert.Single(recomputed);
        // The counter is neither pushed nor popped (Strided still tapes i - 1, another value).
        Assert.DoesNotContain(forward.OfType<TapePush>().SelectMany(p => p.Values), v => v.Value == recomputed[0]);
        if (method == "Horner")
        {
            Assert.DoesNotContain(forward.OfType<TapePush>().SelectMany(p => p.Values), v => v.Tape.TypeName == "int");
            Assert.DoesNotContain(reverse.OfType<TapePop>(), p => p.Tape.TypeName == "int");
        }
    }

    [Fact]
    public void A_counter_in_another_loop_or_stepped_on_one_path_stays_taped()
    {
        var (nestedForward, _) = Loops("Nested");
        Assert.Contains(nestedForward.OfType<TapePush>().SelectMany(p => p.Values), v => v.Tape.TypeName == "int" && v.Value.StartsWith("j", StringComparison.Ordinal));
        var (skipForward, skipReverse) = Loops("Skipping");
        Assert.Contains(skipForward.OfType<TapePush>().SelectMany(p => p.Values), v => v.Tape.TypeName == "int");
        Assert.DoesNotContain(skipReverse.OfType<SetLocal>(), s => s.Value.StartsWith("unchecked(", StringComparison.Ordinal));
    }

    public static IEnumerable<object[]> Cases() => new[]
    {
        new object[] { "Horner", new[] { 1.0, -2.0, 0.5, 3.0 }, 1.5 },
        new object[] { "Horner", new[] { 0.25 }, -0.75 },
        new object[] { "Horner", Array.Empty<double>(), 2.0 },
        new object[] { "Strided", new[] { 1.0, -2.0, 0.5, 3.0, 4.0 }, 0.75 },
        new object[] { "Strided", new[] { 2.0, 1.5, -1.0, 0.5 }, -1.25 },
        new object[] { "Nested", new[] { 1.0, -2.0, 0.5 }, 0.8 },
        new object[] { "Skipping", new[] { 1.0, -2.0, 0.5, 3.0, -1.0 }, 0.9 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradients_match_central_differences(string method, double[] c, double x)
    {
        var type = Compiled.Value.GetType("A")!;
        var primal = type.GetMethod(method)!;
        var backward = type.GetMethod(method + "Backward")!;
        double F(double[] v) => (double)primal.Invoke(null, new object[] { v.Take(c.Length).ToArray(), v[c.Length] })!;
        var dC = new double[c.Length];
        object[] args = { c.ToArray(), x, dC, 0.0, 1.0 };
        double value = (double)backward.Invoke(null, args)!;
        Assert.Equal(F(c.Append(x).ToArray()), value);
        var gradient = dC.Append((double)args[3]).ToArray();
        GradCheck.Check(F, c.Append(x).ToArray(), gradient).ThrowIfFailed();
        if (method == "Horner")
        {
            // p(x) = Σ c_k x^k: dp/dc_k = x^k, dp/dx = Σ k c_k x^(k−1).
            for (int k = 0; k < c.Length; k++) Tolerance.AssertFormula(Math.Pow(x, k), dC[k]);
            Tolerance.AssertFormula(Enumerable.Range(1, Math.Max(c.Length - 1, 0)).Sum(k => k * c[k] * Math.Pow(x, k - 1)), (double)args[3]);
        }
    }
}
