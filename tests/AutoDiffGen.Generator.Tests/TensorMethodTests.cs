using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Tensors;
using Xunit;

namespace AutoDiffGen.Generator.Tests;

/// <summary>
/// [Differentiable] methods over tensors: the generator finds the kernels' pullbacks through
/// [DerivativeOf] like any user derivative; it knows nothing tensor-specific.
/// </summary>
public class TensorMethodTests
{
    private const string Source = """
        using AutoDiffGen;
        using AutoDiffGen.Tensors;

        public static partial class Vectorized
        {
            /// The lecture's vectorized example f(W, x) = ‖W·x‖².
            [Differentiable]
            public static float NormSquared(Tensor W, Tensor x) => Tensor.SquaredL2Norm(Tensor.MatMul(W, x));

            /// Operators, a [NoDiff] input, a float parameter and a tensor-valued result.
            [Differentiable]
            public static Tensor Layer([NoDiff] Tensor x, Tensor w, Tensor b, float scale)
            {
                Tensor h = Tensor.AddBias(Tensor.MatMul(x, w), b);
                return Tensor.Scale(Tensor.Tanh(h) + h * h, scale);
            }

            /// The 2-layer net's loss, as samples/TwoLayerNet writes it.
            [Differentiable]
            public static float Loss([NoDiff] Tensor x, Tensor W1, Tensor b1, Tensor W2, Tensor b2, int[] labels) =>
                Tensor.SoftmaxCrossEntropy(Tensor.AddBias(Tensor.MatMul(Tensor.Relu(Tensor.AddBias(Tensor.MatMul(x, W1), b1)), W2), b2), labels);
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Vectorized")!.GetMethod(name)!;

    [Fact]
    public void NormSquared_MatchesTheLecture()
    {
        var W = Tensor.FromArray(new float[,] { { 0.1f, 0.5f }, { -0.3f, 0.8f } });
        var x = Tensor.FromArray(new[] { 0.2f, 0.4f });
        var dW = W.ZeroAdjoint();
        var dX = x.ZeroAdjoint();
        float f = (float)Method("NormSquaredBackward").Invoke(null, new object[] { W, x, dW, dX, 1f })!;

        // Float kernels: the inputs are rounded, q = W·x is a 2-term dot (q = (0.22, 0.26), Σ|term| = (0.22, 0.38)),
        // then squares summed, or dq = 2q and dW = dq·xᵀ, dx = Wᵀ·dq: about 6 roundings relative to each path's Σ|term|.
        double[] q = { 0.22, 0.26 }, qTerms = { 0.22, 0.38 }, xs = { 0.2, 0.4 };
        double[,] ws = { { 0.1, 0.5 }, { -0.3, 0.8 } };
        Tolerance.AssertClose(0.116, f, Tolerance.ForSum(8, (qTerms[0] * qTerms[0]) + (qTerms[1] * qTerms[1]), Tolerance.Float), "f");
        // ∂f/∂W = 2·q·xᵀ and ∂f/∂x = 2·Wᵀ·q.
        double[] expectedW = { 0.088, 0.176, 0.104, 0.208 }, expectedX = { -0.112, 0.636 };
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                Tolerance.AssertClose(expectedW[(2 * i) + j], dW[i, j], Tolerance.ForSum(6, 2 * qTerms[i] * xs[j], Tolerance.Float), $"dW[{i}, {j}]");
            }

            double terms = (Math.Abs(ws[0, i]) * 2 * qTerms[0]) + (Math.Abs(ws[1, i]) * 2 * qTerms[1]);
            Tolerance.AssertClose(expectedX[i], dX[i], Tolerance.ForSum(6, terms, Tolerance.Float), $"dx[{i}]");
            Tolerance.AssertFormula(expectedX[i], (ws[0, i] * 2 * q[0]) + (ws[1, i] * 2 * q[1]), "the lecture's ∂f/∂x by hand");
        }
    }

    [Fact]
    public void Layer_WithOperatorsAndATensorResult_MatchesCentralDifferences()
    {
        var random = new Random(7);
        var x = Tensor.RandomNormal(3, 4, 1f, random);
        var w = Tensor.RandomNormal(4, 2, 0.5f, random);
        var b = Tensor.FromArray(Tensor.RandomNormal(1, 2, 0.5f, random).ToArray());
        var seed = Tensor.RandomNormal(3, 2, 1f, random);
        float scale = 0.7f;

        var dW = w.ZeroAdjoint();
        var dB = b.ZeroAdjoint();
        var args = new object[] { x, w, b, scale, dW, dB, 0f, seed };
        Method("LayerBackward").Invoke(null, args);
        float dScale = (float)args[6];

        // Central differences of ⟨seed, Layer(…)⟩ in double around each parameter.
        double Objective(Tensor ww, Tensor bb, float s)
        {
            var y = (Tensor)Method("Layer").Invoke(null, new object[] { x, ww, bb, s })!;
            return y.ToArray().Zip(seed.ToArray(), (p, q) => (double)p * q).Sum();
        }
        AssertMatches(dW, w, t => Objective(t, b, scale));
        AssertMatches(dB, b, t => Objective(w, t, scale));
        double h = 1e-2;
        double numeric = (Objective(w, b, scale + (float)h) - Objective(w, b, scale - (float)h)) / (2 * h);
        AssertCentral(numeric, dScale);
    }

    [Fact]
    public void TwoLayerLoss_MatchesCentralDifferencesAndHasNoDataAdjoint()
    {
        var (x, p, labels) = Forward.TensorTangents.TwoLayerPoint(new Random(3));
        var (W1, b1, W2, b2) = (p[0], p[1], p[2], p[3]);
        var backward = Method("LossBackward");
        Assert.Equal(11, backward.GetParameters().Length); // 6 inputs, 4 adjoints (x is [NoDiff]), dResult

        var dW1 = W1.ZeroAdjoint(); var dB1 = b1.ZeroAdjoint(); var dW2 = W2.ZeroAdjoint(); var dB2 = b2.ZeroAdjoint();
        backward.Invoke(null, new object[] { x, W1, b1, W2, b2, labels, dW1, dB1, dW2, dB2, 1f });

        double Loss(Tensor w1, Tensor bb1, Tensor w2, Tensor bb2) => (float)Method("Loss").Invoke(null, new object[] { x, w1, bb1, w2, bb2, labels })!;
        AssertMatches(dW1, W1, t => Loss(t, b1, W2, b2));
        AssertMatches(dB1, b1, t => Loss(W1, t, W2, b2));
        AssertMatches(dW2, W2, t => Loss(W1, b1, t, b2));
        AssertMatches(dB2, b2, t => Loss(W1, b1, W2, t));
    }

    /// <summary>Central differences in float with a large step; tolerance fits float32 rounding.</summary>
    private static void AssertMatches(Tensor analytic, Tensor at, Func<Tensor, double> f)
    {
        var values = at.ToArray();
        var grad = analytic.ToArray();
        const float h = 1e-2f;
        for (int i = 0; i < values.Length; i++)
        {
            var plus = (float[])values.Clone(); plus[i] += h;
            var minus = (float[])values.Clone(); minus[i] -= h;
            double numeric = (f(Like(at, plus)) - f(Like(at, minus))) / (2 * h);
            AssertCentral(numeric, grad[i], $"component {i}");
        }
    }

    /// <summary>
    /// Float central differences: with h = 1e-2 the truncation error h²·|f‴|/6 is about 1e-5 relative; float
    /// rounding of the forward pass (a few ε per output, summed over at most a dozen outputs of O(1)) divided by
    /// 2h adds up to about 1e-4 absolute on either vector width. So 2e-3 absolute plus 2e-2 relative.
    /// </summary>
    private static void AssertCentral(double numeric, double analytic, string what = "derivative") =>
        Tolerance.AssertClose(numeric, analytic, 2e-3 + (2e-2 * Math.Abs(numeric)), what);

    private static Tensor Like(Tensor shape, float[] values) =>
        shape.Rank == 1 ? Tensor.FromArray(values) : Tensor.FromArray(shape.Rows, shape.Columns, values);
}
