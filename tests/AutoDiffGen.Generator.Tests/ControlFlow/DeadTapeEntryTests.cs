using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>
/// Dead tape entries (Differentiator.Saved): an outer loop does not save an inner loop's carried value that only the
/// inner loop's gates read, and a loop does not save a carried value that only gates after it read. The entries are
/// gone from the generated code, and the gradients still match a hand derivation and central differences.
/// </summary>
public class DeadTapeEntryTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Dead
        {
            // h is carried by both loops; only the inner tanh reads it. The sum s is read after the loop only.
            [Differentiable]
            public static double Recurrent(double[] inputs, double w, double u, int passes)
            {
                double h = 0, s = 0;
                for (int p = 0; p < passes; p++)
                {
                    for (int t = 0; t < inputs.Length; t++) h = Math.Tanh(w * h + u * inputs[t]);
                    s += h;
                }
                return s * s;
            }

            // The inner product's running value is read after the inner loop (by the outer gate q * q): still saved.
            [Differentiable]
            public static double Squares(double[] x, int n)
            {
                double total = 0;
                for (int i = 0; i < n; i++)
                {
                    double q = 0;
                    for (int j = 0; j < x.Length; j++) q = q + x[j] * i;
                    total += q * q;
                }
                return total;
            }
        }
        """;

    private delegate double RecurrentBackward(double[] inputs, double w, double u, int passes, double[] dInputs, ref double dW, ref double dU, double dResult);
    private delegate double SquaresBackward(double[] x, int n, double[] dX, double dResult);

    private static readonly Lazy<GeneratorOutput> Generated = new(() => GeneratorHarness.Run(Source));
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static string Code(string method) => Generated.Value.Generated.Single(g => g.Key.StartsWith("Dead." + method + "_", StringComparison.Ordinal)).Value;

    private static double Primal(string name, params object[] args) =>
        (double)Compiled.Value.GetType("Dead")!.GetMethod(name)!.Invoke(null, args)!;

    private static int Pushes(string code, string value) =>
        code.Split('\n').Count(l => l.Trim().EndsWith("++] = " + value + ";", StringComparison.Ordinal));

    [Fact]
    public void InnerCarriedValues_AreSavedByTheInnerLoopOnly()
    {
        string code = Code("Recurrent");
        // h's inner-loop version (and the inner counter) are pushed once per inner iteration, not again per pass;
        // the sum s is read only after the loop: never pushed.
        Assert.Equal(1, Pushes(code, "h_2"));
        Assert.Equal(0, Pushes(code, "s_1"));
        // The inner exit value q is read by the outer gate q * q. Squares' outer loop only sums, so its MBackward is fused
        // (Differentiation/FusedLoops): each iteration's reverse reads q from its local, nothing pushes it.
        Assert.Equal(0, Pushes(Code("Squares"), "q_1"));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    [InlineData(0)]
    public void Recurrent_MatchesCentralDifferences(int passes)
    {
        var backward = Compiled.Value.GetType("Dead")!.GetMethod("RecurrentBackward")!.CreateDelegate<RecurrentBackward>();
        var inputs = new[] { 0.3, -0.7, 1.1, 0.2 };
        double dW = 0, dU = 0;
        var dInputs = new double[inputs.Length];
        double value = backward(inputs, 0.8, -0.6, passes, dInputs, ref dW, ref dU, 1.0);
        Assert.Equal(Primal("Recurrent", inputs, 0.8, -0.6, passes), value);
        GradCheck.Check(v => Primal("Recurrent", inputs, v[0], v[1], passes), new[] { 0.8, -0.6 }, new[] { dW, dU }).ThrowIfFailed();
        GradCheck.Check(v => Primal("Recurrent", v, 0.8, -0.6, passes), inputs, dInputs).ThrowIfFailed();
    }

    [Fact]
    public void Squares_MatchesItsHandDerivative()
    {
        // total = Σ_i (i·Σx)², so ∂/∂x_j = Σ_i 2·i²·Σx.
        var backward = Compiled.Value.GetType("Dead")!.GetMethod("SquaresBackward")!.CreateDelegate<SquaresBackward>();
        var x = new[] { 0.5, -1.25, 2.0 };
        var dX = new double[3];
        backward(x, 4, dX, 1.0);
        double sum = x.Sum(), expected = 0;
        for (int i = 0; i < 4; i++) expected += 2.0 * i * i * sum;
        foreach (double d in dX) Assert.Equal(expected, d, 1e-12);
    }
}
