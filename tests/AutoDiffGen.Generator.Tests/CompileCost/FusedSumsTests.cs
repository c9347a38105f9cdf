using AutoDiffGen.Generator.Differentiation;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Tests.Differentiation;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.CompileCost;

/// <summary>
/// <c>Differentiation/FusedSums</c>: an adjoint's declaration and the adds into it that follow in its block are one
/// declaration of their sum. The text shows it; the gradients are the hand-derived ones and central differences agree;
/// on random programs (branches, loops with break and return, calls, local arrays) the code with and without it
/// returns the same bits.
/// </summary>
public class FusedSumsTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class F
        {
            [Differentiable]
            public static double Fan(double x, double y)
            {
                double p = x * y;
                double s = Math.Sin(p);
                double q = p * s - y;
                return q * x + p;
            }
        }
        """;

    [Theory]
    [InlineData(0.7, 1.3)]
    [InlineData(-2.0, 0.4)]
    public void An_adjoint_and_the_adds_after_it_are_one_sum(double x, double y)
    {
        string code = BackwardEmitter.Emit(Programs.Model(Source, "Fan"));
        string plain = BackwardEmitter.Emit(Programs.Model(Source, "Fan"), fuseSums: false);
        // p is read by s, q and the return: its adjoint was declared and added into twice, now it is one sum.
        Assert.DoesNotContain("dP +=", code);
        Assert.Contains("dP +=", plain);
        Assert.True(code.Count(c => c == ';') < plain.Count(c => c == ';'));

        var fan = new Differentiated(GeneratorHarness.CompileAndLoad(Source), "F", "Fan");
        var (value, g) = fan.Backward(new[] { x, y });
        double p = x * y, s = Math.Sin(p), q = p * s - y;
        Assert.Equal(q * x + p, value);
        // By hand: dq/dp = s + p cos p; df/dp = x dq/dp + 1; df/dx = q + y df/dp; df/dy = x df/dp - x.
        double dp = x * (s + p * Math.Cos(p)) + 1.0;
        Assert.Equal(q + y * dp, g[0], 12);
        Assert.Equal(x * dp - x, g[1], 12);
        GradCheck.Check(v => fan.Value(v), new[] { x, y }, g).ThrowIfFailed();
    }

    [Theory]
    [InlineData("a", false)]
    [InlineData("a * b", false)]
    [InlineData("-a", true)]
    [InlineData("a - b", true)]
    [InlineData("global::System.Math.Cos(a) * (b + a)", false)]
    [InlineData("a > 0.0 ? b : 0.0", true)]
    [InlineData("a is double", true)]
    [InlineData("1E-05 * a", true)]
    public void A_right_operand_is_parenthesized_unless_it_binds_tighter_than_a_sum(string text, bool loose)
    {
        Assert.Equal(loose, FusedSums.Loose(text, right: true));
        // As the left operand, a sum or a leading minus groups as written.
        Assert.Equal(loose && text is not ("-a" or "a - b" or "1E-05 * a"), FusedSums.Loose(text, right: false));
    }

    /// <summary>
    /// Property: random programs of three generators (plain; widened: calls, switch, return from loops; written with
    /// arrays: breaks, local arrays, slices), each method's Backward written with and without the pass, compiled apart,
    /// called at the same points: the same value and gradient, bit for bit, or the same exception.
    /// </summary>
    [Theory]
    [InlineData(20261202, false, false)]
    [InlineData(20261203, true, false)]
    [InlineData(20261204, true, true)]
    public void Random_programs_give_the_same_bits_with_and_without_fused_sums(int seed, bool widened, bool arrays)
    {
        // The helpers that must fail (and those calling them) have no Backward.
        var (source, fused, plain, names) = TwoWays.EmitRandom(seed, widened, arrays, m => BackwardEmitter.Emit(m), m => BackwardEmitter.Emit(m, fuseSums: false));
        int changed = fused.Zip(plain).Count(t => t.First != t.Second);
        Assert.True(changed > names.Count / 8, changed + " of " + names.Count + " changed");
        Assert.True(TwoWays.Statements(fused) < TwoWays.Statements(plain));

        var withSums = TwoWays.Load(source, fused);
        var without = TwoWays.Load(source, plain);
        var points = new Random(seed);
        foreach (var name in names)
        {
            var a = new Differentiated(withSums, "Random.R", name);
            var b = new Differentiated(without, "Random.R", name);
            for (int k = 0; k < 3; k++)
            {
                var x = Enumerable.Range(0, 3).Select(_ => Math.Round(points.NextDouble() * 4 - 2, 3)).ToArray();
                var (ra, ea) = TwoWays.Call(() => a.Backward(x));
                var (rb, eb) = TwoWays.Call(() => b.Backward(x));
                Assert.Equal(eb, ea);
                if (eb is not null) continue;
                Assert.Equal(BitConverter.DoubleToInt64Bits(rb.Value), BitConverter.DoubleToInt64Bits(ra.Value));
                Assert.Equal(rb.Gradient.Select(BitConverter.DoubleToInt64Bits), ra.Gradient.Select(BitConverter.DoubleToInt64Bits));
            }
        }
    }
}
