using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Lowering;
using AutoDiffGen.Generator.Model;
using AutoDiffGen.Generator.Tests.Differentiation;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace AutoDiffGen.Generator.Tests.CompileCost;

/// <summary>
/// <c>Emit/ForwardInlining</c>: a forward value read once, by the next gate or phi copy of its block and never by the
/// reverse sweep, is written into its reader. The text shows it; the gradients are the hand-derived ones, central
/// differences agree, and on random programs the code with and without it returns the same bits.
/// </summary>
public class ForwardInliningTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class F
        {
            [Differentiable]
            public static double Chain(double x, double y)
            {
                double p = x * y;
                double q = p + 1.5;
                double s = Math.Sqrt(q * q + 1.0);
                return s - (y - x);
            }

            [Differentiable]
            public static double Branchy(double x, double y)
            {
                double r;
                if (x > 0.5) r = x * y + Math.Sin(x);
                else r = y - x * x;
                return r * y;
            }

            [Differentiable]
            public static double Loop(double[] w, double b)
            {
                double acc = 0.0;
                for (int i = 0; i < w.Length; i++) acc = acc * b + w[i] * w[i];
                return acc;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    [Theory]
    [InlineData(0.7, 1.3)]
    [InlineData(-2.0, 0.4)]
    public void A_value_read_once_is_written_into_its_reader(double x, double y)
    {
        string code = Backward("Chain");
        // p = x * y and q * q + 1.0 are read once, by the next gate: no locals of their own.
        Assert.DoesNotMatch(@"double p\b", code);
        Assert.Contains("double q = x * y + 1.5;", code);
        // The reverse sweep reads q (d/dq of q * q) and s's argument is under the root: those stay or go by the same rule.
        Assert.Contains("global::System.Math.Sqrt(q * q + 1.0)", code);

        var chain = new Differentiated(Compiled.Value, "F", "Chain");
        var (value, g) = chain.Backward(new[] { x, y });
        double q = x * y + 1.5, s = Math.Sqrt(q * q + 1.0);
        Assert.Equal(s - (y - x), value);
        // By hand: ds/dq = q / s; dq/dx = y, dq/dy = x; the rest is ∓1.
        Assert.Equal(y * (q / s) + 1.0, g[0], 12);
        Assert.Equal(x * (q / s) - 1.0, g[1], 12);
        GradCheck.Check(v => chain.Value(v), new[] { x, y }, g).ThrowIfFailed();
    }

    [Theory]
    [InlineData(0.9, 1.2)]
    [InlineData(0.1, -0.8)]
    public void A_phi_copy_takes_the_value_it_copies(double x, double y)
    {
        string code = Backward("Branchy");
        // The branch values are read once, by the phi's copy: r_… = y - x * x; instead of a local and a copy.
        Assert.Matches(@"r\w* = y - x \* x;", code);
        var branchy = new Differentiated(Compiled.Value, "F", "Branchy");
        var (_, g) = branchy.Backward(new[] { x, y });
        double r = x > 0.5 ? x * y + Math.Sin(x) : y - x * x;
        double dr = x > 0.5 ? y + Math.Cos(x) : -2 * x;
        Assert.Equal(y * dr, g[0], 12);
        Assert.Equal(r + y * (x > 0.5 ? x : 1.0), g[1], 12);
        GradCheck.Check(v => branchy.Value(v), new[] { x, y }, g).ThrowIfFailed();
    }

    [Fact]
    public void A_loop_value_is_inlined_only_past_steps_that_leave_its_inputs_alone()
    {
        string code = Backward("Loop");
        // acc * b + w[i] * w[i]: b's derivative is carried forward beside w's reverse sweep (a mixed Backward,
        // Lowering/CarriedBackwards), and the tangent written after acc * b ends the block's candidates, so the product keeps
        // its local now; the square of the element is still written into the sum that the phi copy takes.
        Assert.True(AutoDiffGen.Generator.Tests.Forward.CarriedSeeds.Adds(code, "dB"), code);
        Assert.DoesNotContain("double prod2", code);
        var loop = GeneratorHarness.CompileAndLoad(Source).GetType("F")!.GetMethod("LoopBackward")!;
        double[] w = { 0.5, -1.25, 2.0 }, dW = new double[3];
        object[] args = { w, 0.75, dW, 0.0, 1.0 };
        double value = (double)loop.Invoke(null, args)!;
        // By hand: acc3 = ((w0² b + w1²) b + w2²); d/dwi = 2 wi b^(2-i); d/db = 2 w0² b + w1².
        double b = 0.75;
        Assert.Equal((w[0] * w[0] * b + w[1] * w[1]) * b + w[2] * w[2], value, 12);
        Assert.Equal(2 * w[0] * b * b, dW[0], 12);
        Assert.Equal(2 * w[1] * b, dW[1], 12);
        Assert.Equal(2 * w[2], dW[2], 12);
        Assert.Equal(2 * w[0] * w[0] * b + w[1] * w[1], (double)args[3], 12);
    }

    /// <summary>
    /// Property: random programs (branches, loops, every scalar gate), each method's Backward written with and without
    /// inlining, compiled apart and called at the same points: the same value and gradient, bit for bit.
    /// </summary>
    [Fact]
    public void Random_programs_give_the_same_bits_with_and_without_inlining()
    {
        var generator = new RandomProgramGenerator(20261202);
        var programs = Enumerable.Range(0, 80).Select(i => generator.Next("P" + i)).Where(p => !p.MustBeDiagnosed).ToList();
        string source = RandomProgram.Source("R", programs);
        var (inlined, plain, names) = TwoWays.Emit(source, m => BackwardEmitter.Emit(m), m => BackwardEmitter.Emit(m, inlineForward: false));
        Assert.True(names.Count > 60, names.Count + " programs analysed");
        int changed = inlined.Zip(plain).Count(t => t.First != t.Second);
        Assert.True(changed > names.Count / 3, changed + " of " + names.Count + " changed");
        Assert.True(TwoWays.Statements(inlined) < TwoWays.Statements(plain));

        var withInlining = TwoWays.Load(source, inlined);
        var without = TwoWays.Load(source, plain);
        var points = new Random(7);
        foreach (var name in names)
        {
            var a = new Differentiated(withInlining, "Random.R", name);
            var b = new Differentiated(without, "Random.R", name);
            for (int k = 0; k < 3; k++)
            {
                var x = Enumerable.Range(0, 3).Select(_ => Math.Round(points.NextDouble() * 4 - 2, 3)).ToArray();
                var (va, ga) = a.Backward(x);
                var (vb, gb) = b.Backward(x);
                Assert.Equal(BitConverter.DoubleToInt64Bits(vb), BitConverter.DoubleToInt64Bits(va));
                Assert.Equal(gb.Select(BitConverter.DoubleToInt64Bits), ga.Select(BitConverter.DoubleToInt64Bits));
            }
        }
    }

    private static string Backward(string method) =>
        BackwardEmitter.Emit(Programs.Model(Source, method));
}
