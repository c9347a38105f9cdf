using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.AdBench;

/// <summary>
/// ADBench's LSTM as a C# developer writes it (<see cref="LstmSource"/>): the gradient of the loss matches central
/// differences on small seeded instances in ADBench's layout (main parameters 2·l·4·b, extra 3·b, state 2·l·b,
/// sequence c·b), and the sigmoid and ADBench's log-sum-exp match hand values and hand derivatives.
/// </summary>
public class LstmTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(LstmSource.Text));

    private static Type Lstm => Compiled.Value.GetType("Lstm")!;

    public static (double[] Main, double[] Extra, double[] State, double[] Sequence) Instance(int seed, int l, int c, int b)
    {
        var random = new Random(seed);
        double[] R(int n, double scale) => Enumerable.Range(0, n).Select(_ => scale * (2 * random.NextDouble() - 1)).ToArray();
        return (R(2 * l * 4 * b, 1), R(3 * b, 1), R(2 * l * b, 0.5), R(c * b, 1));
    }

    [Theory]
    [InlineData(1, 1, 3, 2)]
    [InlineData(2, 2, 4, 3)]
    [InlineData(3, 3, 3, 4)]
    public void Objective_GradientMatchesCentralDifferences(int seed, int l, int c, int b)
    {
        var (main, extra, state, sequence) = Instance(seed, l, c, b);
        var stateBefore = (double[])state.Clone();
        var result = CentralDifferenceRunner.Check(Lstm.GetMethod("Objective")!, null, new object[] { l, c, b, main, extra, state, sequence });
        Assert.True(double.IsFinite(result.Value));
        // Every layer's parameters reach the loss; the state is passed by value, as in ADBench.
        Assert.Contains(result.Gradient[3]!.AsSpan(0, 8 * b).ToArray(), g => g != 0);
        Assert.Contains(result.Gradient[3]!.AsSpan(8 * b * (l - 1), 8 * b).ToArray(), g => g != 0);
        Assert.All(result.Gradient[4]!, g => Assert.NotEqual(0, g));
        Assert.Equal(stateBefore, state);
    }

    [Fact]
    public void Sigmoid_ValueAndDerivative_AsByHand()
    {
        var backward = Lstm.GetMethod("SigmoidBackward")!;
        foreach (double x in new[] { 0.0, 1.5, -3.0 })
        {
            object[] args = { x, 0.0, 1.0 };
            double s = (double)backward.Invoke(null, args)!;
            Assert.Equal(1 / (1 + Math.Exp(-x)), s, 15);
            Assert.Equal(s * (1 - s), (double)args[1], 15);
        }
    }

    [Fact]
    public void LogSumExp_IsAdBenchs_WithTheHandGradient()
    {
        // ADBench's logsumexp adds 2 inside the log: log(e⁰ + e^ln2 + 2) = log 5, gradient (1/5, 2/5).
        var backward = Lstm.GetMethod("LogSumExpOfBackward")!;
        double[] v = { 0, Math.Log(2) };
        var dV = new double[2];
        double value = (double)backward.Invoke(null, new object[] { v, dV, 1.0 })!;
        Assert.Equal(Math.Log(5), value, 14);
        Assert.Equal(0.2, dV[0], 14);
        Assert.Equal(0.4, dV[1], 14);
    }
}
