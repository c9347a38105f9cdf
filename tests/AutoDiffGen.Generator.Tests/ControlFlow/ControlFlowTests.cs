using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>
/// Branches, early returns and loops: every method at several random points against central
/// differences, and against a hand derivation where one is short.
/// </summary>
public class ControlFlowTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(ControlFlowExamples.Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("Flow")!.GetMethod(name)!;

    public static IEnumerable<object[]> ScalarPoints()
    {
        var random = new Random(11);
        foreach (var name in new[] { "Piecewise", "Ternary", "EarlyReturn" })
        {
            for (int i = 0; i < 12; i++) yield return new object[] { name, random.NextDouble() * 6 - 3, random.NextDouble() * 6 - 3 };
        }
    }

    [Theory]
    [MemberData(nameof(ScalarPoints))]
    public void Branches_MatchCentralDifferences(string name, double x, double y)
    {
        var method = new Differentiated(Compiled.Value, "Flow", name);
        var (value, g) = method.Backward(new[] { x, y });
        Assert.Equal(method.Value(x, y), value);
        // Skip points within the finite-difference step of a branch boundary.
        if (Math.Abs(Math.Abs(x) - 1) < 1e-4 || Math.Abs(x - y) < 1e-4 || Math.Abs(x * y - 2) < 1e-4 || Math.Abs(x * y + x) < 1e-4) return;
        GradCheck.Check(p => method.Value(p), new[] { x, y }, g).ThrowIfFailed();
    }

    [Fact]
    public void Branches_FollowTheTakenPath_ByHand()
    {
        var piecewise = new Differentiated(Compiled.Value, "Flow", "Piecewise");
        Assert.Equal(new[] { 3.0, 2.0 + 1 }, piecewise.Backward(new[] { 2.0, 3.0 }).Gradient);           // x·y + y
        Assert.Equal(new[] { 2 * 0.5, 1.0 + 1 }, piecewise.Backward(new[] { 0.5, 3.0 }).Gradient);     // x² + y + y
        var early = new Differentiated(Compiled.Value, "Flow", "EarlyReturn");
        // a = 6 > 2: (x·y)² → (2·a·y, 2·a·x)
        Assert.Equal(new[] { 2 * 6.0 * 3, 2 * 6.0 * 2 }, early.Backward(new[] { 2.0, 3.0 }).Gradient);
    }

    [Theory]
    [InlineData(0.3, 1.0)]
    [InlineData(-2.5, 1.0)]
    [InlineData(1.7, 0.5)]
    public void Huber_MatchesItsDefinition(double r, double delta)
    {
        var args = new object[] { r, delta, 0.0, 1.0 };
        Get("HuberBackward").Invoke(null, args);
        double expected = Math.Abs(r) <= delta ? r : delta * Math.Sign(r);
        Tolerance.AssertFormula(expected, (double)args[2]);
    }

    [Theory]
    [InlineData(5, 0.7)]
    [InlineData(64, -0.97)]
    [InlineData(1, 2.0)]
    public void Horner_GradientIsPowersOfX_AndPolynomialDerivative(int n, double x)
    {
        var random = new Random(n);
        var c = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var dC = new double[n];
        var args = new object[] { c, x, dC, 0.0, 1.0 };
        double value = (double)Get("HornerBackward").Invoke(null, args)!;
        // Horner's rule rounds each term about 2n times, relative to the sum of the terms' magnitudes;
        // ∂p/∂c_k = x^k is a product of up to n factors.
        double expectedValue = 0, expectedDx = 0, valueTerms = 0, dxTerms = 0;
        for (int k = 0; k < n; k++)
        {
            expectedValue += c[k] * Math.Pow(x, k);
            valueTerms += Math.Abs(c[k] * Math.Pow(x, k));
            if (k > 0) expectedDx += k * c[k] * Math.Pow(x, k - 1);
            if (k > 0) dxTerms += Math.Abs(k * c[k] * Math.Pow(x, k - 1));
            Tolerance.AssertClose(Math.Pow(x, k), dC[k], Tolerance.ForSum(n + 1, Math.Abs(Math.Pow(x, k))), $"dC[{k}]");   // ∂p/∂c_k = x^k
        }
        Tolerance.AssertClose(expectedValue, value, Tolerance.ForSum(2 * n, valueTerms), "value");
        Tolerance.AssertClose(expectedDx, (double)args[3], Tolerance.ForSum(3 * n, dxTerms), "dX");
    }

    [Theory]
    [InlineData("Rastrigin")]
    [InlineData("StyblinskiTang")]
    [InlineData("LogSumExp")]
    public void ArrayFunctions_MatchHandDerivationsAndCentralDifferences(string name)
    {
        var random = new Random(name.Length);
        for (int trial = 0; trial < 5; trial++)
        {
            var x = Enumerable.Range(0, 2 + trial).Select(_ => random.NextDouble() * 4 - 2).ToArray();
            var dX = new double[x.Length];
            double Call(double[] p, double[] d)
            {
                if (name == "Rastrigin")
                {
                    var backward = Compiled.Value.GetType("Flow")!.GetMethod("RastriginBackward")!;
                    return InvokeSpan(p, d);
                }
                return (double)Get(name + "Backward").Invoke(null, new object[] { p, d, 1.0 })!;
            }
            Call(x, dX);
            double[] expected = name switch
            {
                "Rastrigin" => x.Select(v => 2 * v + 20 * Math.PI * Math.Sin(2 * Math.PI * v)).ToArray(),
                "StyblinskiTang" => x.Select(v => (4 * v * v * v - 32 * v + 5) / 2).ToArray(),
                _ => x.Select(v => Math.Exp(v) / x.Sum(Math.Exp)).ToArray(),
            };
            // Σ|term| of each closed form (the softmax's denominator sums n positive terms, so |expected| is its scale).
            double[] terms = name switch
            {
                "Rastrigin" => x.Select(v => Math.Abs(2 * v) + Math.Abs(20 * Math.PI * Math.Sin(2 * Math.PI * v))).ToArray(),
                "StyblinskiTang" => x.Select(v => (Math.Abs(4 * v * v * v) + Math.Abs(32 * v) + 5) / 2).ToArray(),
                _ => expected.Select(Math.Abs).ToArray(),
            };
            for (int i = 0; i < x.Length; i++) Tolerance.AssertClose(expected[i], dX[i], Tolerance.ForSum(32 + x.Length, terms[i]), $"dX[{i}]");
            GradCheck.Check(p => Call(p, new double[p.Length]), x, dX).ThrowIfFailed();
        }
    }

    private static double InvokeSpan(double[] x, double[] dX) => SpanInvoker.Rastrigin(Compiled.Value, x, dX);

    [Fact]
    public void LogisticLoss_NestedLoops_MatchesHandDerivation()
    {
        var random = new Random(5);
        int n = 7, d = 3;
        var w = Enumerable.Range(0, d).Select(_ => random.NextDouble() - 0.5).ToArray();
        var xs = Enumerable.Range(0, n * d).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var labels = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? 1 : -1).ToArray();
        var dW = new double[d];
        Get("LogisticLossBackward").Invoke(null, new object[] { w, xs, labels, dW, 1.0 });
        var expected = new double[d];
        var terms = new double[d];
        for (int s = 0; s < n; s++)
        {
            double z = 0;
            for (int j = 0; j < d; j++) z += w[j] * xs[s * d + j];
            double sig = 1 / (1 + Math.Exp(labels[s] * z));  // σ(−y·z)
            for (int j = 0; j < d; j++) expected[j] += -labels[s] * xs[s * d + j] * sig / n;
            for (int j = 0; j < d; j++) terms[j] += Math.Abs(xs[s * d + j] * sig / n);
        }

        // n samples summed, each term after a d-term dot, exp and a division: (n + d + 8) roundings at most.
        for (int j = 0; j < d; j++) Tolerance.AssertClose(expected[j], dW[j], Tolerance.ForSum(n + d + 8, terms[j]), $"dW[{j}]");
    }

    [Theory]
    [InlineData(0.3, 1)]
    [InlineData(0.9, 4)]
    [InlineData(-0.4, 7)]
    [InlineData(1.2, 3)]
    public void LoopsWithBranchesAndNesting_MatchCentralDifferences(double x, int steps)
    {
        foreach (var name in new[] { "Iterate", "Nested" })
        {
            var primal = Get(name);
            var args = new object[] { x, steps, 0.0, 1.0 };
            double value = (double)Get(name + "Backward").Invoke(null, args)!;
            Assert.Equal((double)primal.Invoke(null, new object[] { x, steps })!, value);
            GradCheck.Check(p => (double)primal.Invoke(null, new object[] { p[0], steps })!, new[] { x }, new[] { (double)args[2] }).ThrowIfFailed();
        }
    }

    [Fact]
    public void ForEach_OverArrayAndSpan_MatchesHandDerivation()
    {
        var x = new[] { 0.5, -1.25, 2.0 };
        var dX = new double[3];
        double value = (double)Get("SumOfSquaresBackward").Invoke(null, new object[] { x, dX, 1.0 })!;
        Assert.Equal(0.25 + 1.5625 + 4, value);   // binary fractions: every square and sum is exact
        Assert.Equal(new[] { 1.0, -2.5, 4.0 }, dX);

        double w = 0.7;
        var dXs = new double[3];
        double dW = SpanInvoker.SineFeatures(Compiled.Value, x, w, dXs);
        for (int i = 0; i < 3; i++) Tolerance.AssertFormula(Math.Cos(x[i] * w) * w, dXs[i], $"dXs[{i}]");
        Tolerance.AssertClose(x.Sum(v => Math.Cos(v * w) * v), dW, Tolerance.ForSum(3 + 4, x.Sum(v => Math.Abs(Math.Cos(v * w) * v))), "dW");
    }

    [Fact]
    public void FloatLoop_AccumulatesInFloat()
    {
        var x = new[] { 1.5f, -2f, 0.25f };
        var dX = new float[3];
        float value = (float)Get("SumSquaresFBackward").Invoke(null, new object[] { x, dX, 1f })!;
        Assert.Equal(1.5f * 1.5f + 4f + 0.0625f, value);
        Assert.Equal(new[] { 3f, -4f, 0.5f }, dX);
    }
}
