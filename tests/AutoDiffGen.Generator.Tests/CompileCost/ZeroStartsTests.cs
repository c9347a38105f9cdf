using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Tests.Differentiation;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.CompileCost;

/// <summary>
/// <c>Differentiation/ZeroStarts</c>: an adjoint started at zero takes the first add of each path as its start. The text
/// shows it; the gradient is the hand-derived one and central differences agree; on random programs (branches, loops with
/// break and return, calls, local arrays), called at points and seeds that include ±0.0, the code with and without it
/// returns the same bits when the caller's adjoints start at +0.0, and the same numbers (a zero's sign aside) when they
/// start at −0.0.
/// </summary>
public class ZeroStartsTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Z
        {
            [Differentiable]
            public static double Fork(double x, double y)
            {
                double p = x * y;
                double r;
                if (x > y) r = p * x;
                else r = p - Math.Sin(y);
                double s = r;
                for (int i = 0; i < 3; i++) s = s * x + 1.0;
                return s;
            }
        }
        """;

    [Theory]
    [InlineData(0.7, 0.2)]
    [InlineData(-1.1, 0.4)]
    public void A_zero_start_is_the_first_add_of_each_side(double x, double y)
    {
        string code = BackwardEmitter.Emit(Programs.Model(Source, "Fork"));
        string plain = BackwardEmitter.Emit(Programs.Model(Source, "Fork"), foldZeroStarts: false);
        // p's adjoint was declared at zero before the reversed branch and added into on each side.
        Assert.True(plain.Contains("double dP = 0.0;"), plain);
        Assert.DoesNotContain("double dP = 0.0;", code);
        Assert.Contains("double dP;", code);
        Assert.True(code.Count(c => c == ';') < plain.Count(c => c == ';'));

        var fork = new Differentiated(GeneratorHarness.CompileAndLoad(Source), "Z", "Fork");
        var (value, g) = fork.Backward(new[] { x, y });
        double r = x > y ? x * y * x : x * y - Math.Sin(y);
        Assert.Equal(((r * x + 1.0) * x + 1.0) * x + 1.0, value);
        // By hand: s = r x³ + x² + x + 1; r = x²y (x > y) or xy − sin y.
        double drdx = x > y ? 2 * x * y : y, drdy = x > y ? x * x : x - Math.Cos(y);
        Assert.Equal(x * x * x * drdx + 3 * r * x * x + 2 * x + 1, g[0], 12);
        Assert.Equal(x * x * x * drdy, g[1], 12);
        GradCheck.Check(v => fork.Value(v), new[] { x, y }, g).ThrowIfFailed();
    }

    /// <summary>
    /// Property: random programs of three generators, each Backward written with and without the pass, compiled apart,
    /// called at points and seeds drawn with ±0.0 among them: with adjoints starting at +0.0 the same value and gradient
    /// bit for bit (or the same exception); starting at −0.0, the same numbers (NaN for NaN, either zero for a zero).
    /// </summary>
    [Theory]
    [InlineData(20261205, false, false)]
    [InlineData(20261206, true, false)]
    [InlineData(20261207, true, true)]
    public void Random_programs_give_the_same_bits_with_and_without_zero_starts(int seed, bool widened, bool arrays)
    {
        var (source, folded, plain, names) = TwoWays.EmitRandom(seed, widened, arrays, m => BackwardEmitter.Emit(m), m => BackwardEmitter.Emit(m, foldZeroStarts: false));
        int changed = folded.Zip(plain).Count(t => t.First != t.Second);
        // Few random programs start an adjoint at zero before a two-sided branch or a loop; each seed has some.
        Assert.True(changed >= 3, changed + " of " + names.Count + " changed");
        Assert.True(TwoWays.Statements(folded) < TwoWays.Statements(plain));

        var withFold = TwoWays.Load(source, folded);
        var without = TwoWays.Load(source, plain);
        var points = new Random(seed);
        double Draw() => points.Next(6) switch { 0 => 0.0, 1 => -0.0, _ => Math.Round(points.NextDouble() * 4 - 2, 3) };
        var seeds = new[] { 1.0, -0.0, 0.0, -1.5 };
        foreach (var name in names)
        {
            var a = new Differentiated(withFold, "Random.R", name);
            var b = new Differentiated(without, "Random.R", name);
            for (int k = 0; k < 4; k++)
            {
                var x = Enumerable.Range(0, 3).Select(_ => Draw()).ToArray();
                var (ra, ea) = TwoWays.Call(() => a.Backward(x, seeds[k]));
                var (rb, eb) = TwoWays.Call(() => b.Backward(x, seeds[k]));
                Assert.Equal(eb, ea);
                if (eb is not null) continue;
                Assert.Equal(BitConverter.DoubleToInt64Bits(rb.Value), BitConverter.DoubleToInt64Bits(ra.Value));
                Assert.Equal(rb.Gradient.Select(BitConverter.DoubleToInt64Bits), ra.Gradient.Select(BitConverter.DoubleToInt64Bits));

                var start = new[] { -0.0, -0.0, -0.0 };
                var (ia, _) = TwoWays.Call(() => (0.0, a.BackwardInto(x, start)));
                var (ib, _) = TwoWays.Call(() => (0.0, b.BackwardInto(x, start)));
                for (int i = 0; i < 3; i++) Assert.True(ia.Gradient[i] == ib.Gradient[i] || double.IsNaN(ia.Gradient[i]) && double.IsNaN(ib.Gradient[i]), name + ": " + ia.Gradient[i] + " vs " + ib.Gradient[i]);
            }
        }
    }
}
