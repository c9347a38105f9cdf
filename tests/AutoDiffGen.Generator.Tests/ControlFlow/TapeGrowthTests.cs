using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Internals;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>
/// Loops longer than a tape's first 256 entries: the forward sweep either starts over with a larger tape
/// (no calls in it) or grows the tape in place (it calls another method). Both must give the same exact
/// gradients, call after call, and nested Backward calls must not share a tape.
/// </summary>
public class TapeGrowthTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Long
        {
            // No calls in the forward sweep: a full tape restarts it.
            [Differentiable]
            public static double Horner(double[] c, double x)
            {
                double acc = 0;
                for (int i = c.Length - 1; i >= 0; i--) acc = acc * x + c[i];
                return acc;
            }

            // No calls, and c's adjoint reads acc: taped (Horner above carries x's derivative beside c's reverse sweep, a
            // mixed Backward, and tapes nothing).
            [Differentiable]
            public static double Taped(double[] c, double x)
            {
                double acc = 1;
                for (int i = c.Length - 1; i >= 0; i--) acc = acc * x + c[i] * acc;
                return acc;
            }

            // Calls Step (which has its own loop and tape) inside the loop: tapes grow in place,
            // and Step's Backward runs while this method holds its tapes. (Step is in another class: a small
            // helper of this class would be inlined, and the loop would have no call.)
            [Differentiable]
            // Two real inputs: a method of one scalar and a loop would carry its tangent instead (no tape: CarriedBackwards).
            public static double Chain(double x, double w, int n)
            {
                double s = x;
                for (int k = 0; k < n; k++) s = Steps.Step(s, 3) * 0.999 + 0.001 * w;
                return s;
            }

            // Calls a helper for a count: the helper might have effects, so the forward sweep is not rerun.
            [Differentiable]
            public static double Counted(double[] c, double x)
            {
                double acc = 0;
                for (int i = 0; i < Helpers.Count(c.Length); i++) acc = acc * x + c[i];
                return acc;
            }

            // Reads past the end of c when n > c.Length: an exception in the middle of the forward sweep.
            [Differentiable]
            public static double Prefix(double[] c, double x, int n)
            {
                double acc = 0;
                for (int i = 0; i < n; i++) acc = acc * x + c[i];
                return acc;
            }
        }

        public static partial class Steps
        {
            [Differentiable]
            public static double Step(double s, int m)
            {
                double t = s;
                for (int j = 0; j < m; j++) t = Math.Sin(t) * 0.5 + t * 0.5;
                return t;
            }
        }

        public static class Helpers
        {
            public static int Calls;
            // Takes the length, not the array: an array that carries a gradient may not flow into a helper
            // without a derivative (ADG0016).
            public static int Count(int length) { Calls++; return length; }
        }
        """;

    private delegate double HornerBackward(double[] c, double x, double[] dC, ref double dX, double dResult);
    private delegate double ChainBackward(double x, double w, int n, ref double dX, ref double dW, double dResult);
    private delegate double PrefixBackward(double[] c, double x, int n, double[] dC, ref double dX, double dResult);

    private static readonly Lazy<GeneratorOutput> Generated = new(() => GeneratorHarness.Run(Source));
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static T Backward<T>(string name) where T : Delegate =>
        Compiled.Value.GetType("Long")!.GetMethod(name + "Backward")!.CreateDelegate<T>();

    private static string Code(string method) => Generated.Value.Generated.Single(g => g.Key.StartsWith("Long." + method + "_", StringComparison.Ordinal)).Value;

    [Fact]
    public void ForwardSweepWithoutCalls_RestartsOnAFullTape_AndOneWithCalls_GrowsInPlace()
    {
        Assert.DoesNotContain("TapeWorkspace.Enter", Code("Horner"));
        Assert.Contains("goto growTapes;", Code("Taped"));
        // The loop's trip count is known at its entry: a reservation asks for its length before it, and a restart grows to it.
        Assert.Contains("tapeDouble = tapes.Grow(tapeDouble, 0, tapeDoubleWant);", Code("Taped"));
        // Its trip count stays in its local (the loop is directly in the body): no int tape to grow.
        Assert.DoesNotContain("tapeInt", Code("Taped"));
        Assert.DoesNotContain("goto", Code("Chain"));
        Assert.Contains("tapeDouble = tapes.Grow(tapeDouble, tapeDoubleTop);", Code("Chain"));
    }

    [Fact]
    public void ForwardSweepCallingAHelper_IsNotRerun_WhenItsTapeGrows()
    {
        Assert.DoesNotContain("goto", Code("Counted"));
        var counted = Compiled.Value.GetType("Long")!.GetMethod("CountedBackward")!.CreateDelegate<HornerBackward>();
        var calls = Compiled.Value.GetType("Helpers")!.GetField("Calls")!;
        var c = Enumerable.Range(0, 2000).Select(i => 1.0 / (i + 1)).ToArray();
        var dC = new double[2000];
        double dX = 0;
        calls.SetValue(null, 0);
        counted(c, 0.5, dC, ref dX, 1.0);
        Assert.Equal(2001, (int)calls.GetValue(null)!);   // the loop condition ran once per test, not again after growing
        Assert.Equal(1.0, dC[1999]);                       // acc = Σ c_i x^(n-1-i): x^0 and x^1 are exact
        Assert.Equal(0.5, dC[1998]);
    }

    [Theory]
    [InlineData(3000, 0.999)]
    [InlineData(700, -0.995)]
    public void Horner_BeyondTheFirstTape_IsExact_OnEveryCall(int n, double x)
    {
        var horner = Backward<HornerBackward>("Horner");
        var random = new Random(n);
        var c = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        double expectedValue = 0, expectedDx = 0, valueTerms = 0, dxTerms = 0;
        for (int k = 0; k < n; k++)
        {
            expectedValue += c[k] * Math.Pow(x, k);
            valueTerms += Math.Abs(c[k] * Math.Pow(x, k));
            if (k > 0) expectedDx += k * c[k] * Math.Pow(x, k - 1);   // p'(x), by hand
            if (k > 0) dxTerms += Math.Abs(k * c[k] * Math.Pow(x, k - 1));
        }

        // The first call grows the tapes (and restarts); later ones find them large enough.
        for (int call = 0; call < 3; call++)
        {
            var dC = new double[n];
            double dX = 0;
            double value = horner(c, x, dC, ref dX, 1.0);
            // Horner's rule: about 2n roundings per term, relative to Σ|term|; x^k is a product of n − k factors.
            Tolerance.AssertClose(expectedValue, value, Tolerance.ForSum(2 * n, valueTerms), "value");
            Tolerance.AssertClose(expectedDx, dX, Tolerance.ForSum(3 * n, dxTerms), "dX");
            for (int k = 0; k < n; k += 97) Tolerance.AssertClose(Math.Pow(x, k), dC[k], Tolerance.ForSum(n + 1, Math.Abs(Math.Pow(x, k))), $"dC[{k}]");   // ∂p/∂c_k = x^k
        }
    }

    [Theory]
    [InlineData(400)]
    [InlineData(90)]
    public void NestedBackwardsWithTheirOwnLoops_GrowInPlace_AndMatchCentralDifferences(int n)
    {
        var chain = Backward<ChainBackward>("Chain");
        var primal = Compiled.Value.GetType("Long")!.GetMethod("Chain")!;
        double Value(double x) => (double)primal.Invoke(null, new object[] { x, 0.5, n })!;
        foreach (double x in new[] { 0.3, -1.1, 2.0 })
        {
            double dX = 0, dW = 0;
            double value = chain(x, 0.5, n, ref dX, ref dW, 1.0);
            Assert.Equal(Value(x), value);
            GradCheck.Check(p => Value(p[0]), new[] { x }, new[] { dX }).ThrowIfFailed();
        }
    }

    [Fact]
    public void AnExceptionInTheForwardSweep_LeavesTheTapesUsable()
    {
        var prefix = Backward<PrefixBackward>("Prefix");
        var c = Enumerable.Range(0, 600).Select(i => 1.0 / (i + 1)).ToArray();
        double dX = 0;
        Assert.Throws<IndexOutOfRangeException>(() => prefix(c, 0.9, 601, new double[600], ref dX, 1.0));

        // The workspace was given back in the finally block: the next call takes the same one.
        var first = TapeWorkspace.Enter();
        first.Exit();
        var dC = new double[600];
        dX = 0;
        prefix(c, 0.9, 600, dC, ref dX, 1.0);
        var again = TapeWorkspace.Enter();
        again.Exit();
        Assert.Same(first, again);
        // acc = Σ c_i x^(n-1-i): ∂/∂c_i = x^(n-1-i)
        Assert.Equal(1.0, dC[599]);                                                        // x^0: exact
        Tolerance.AssertClose(Math.Pow(0.9, 10), dC[589], Tolerance.ForSum(10 + 1, Math.Pow(0.9, 10)), "dC[589]");   // 10 products
    }
}
