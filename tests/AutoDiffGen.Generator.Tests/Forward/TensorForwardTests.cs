using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Tensors;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// <c>MForward</c> of <c>[Differentiable(Forward = true)]</c> tensor methods (issue 14, modes8): one tangent tensor per
/// differentiable tensor parameter, of its shape, and a scalar or tensor <c>tResult</c> as the result is. Each is checked
/// by hand on a tiny case, against central differences of the primal along the tangent, and against the same method's
/// reverse mode: ⟨MForward(t), s⟩ = ⟨t, MBackward(seed s)⟩.
/// </summary>
public class TensorForwardTests
{
    internal const string Source = """
        using AutoDiffGen;
        using AutoDiffGen.Tensors;

        public static partial class TensorJvp
        {
            [Differentiable(Forward = true)]
            public static float Tiny(Tensor W, Tensor x) => Tensor.Sum(Tensor.Relu(Tensor.MatMul(W, x)));

            [Differentiable(Forward = true)]
            public static float TwoLayer([NoDiff] Tensor x, Tensor W1, Tensor b1, Tensor W2, Tensor b2, int[] labels)
            {
                Tensor hidden = Tensor.Relu(Tensor.AddBias(Tensor.MatMul(x, W1), b1));
                Tensor scores = Tensor.AddBias(Tensor.MatMul(hidden, W2), b2);
                return Tensor.SoftmaxCrossEntropy(scores, labels);
            }

            [Differentiable(Forward = true)]
            public static Tensor Layer([NoDiff] Tensor x, Tensor w, Tensor b, float scale)
            {
                Tensor h = Tensor.AddBias(Tensor.MatMul(x, w), b);
                return Tensor.Scale(Tensor.Tanh(h) + h * h, scale);
            }

            [Differentiable(Forward = true)]
            public static float ReluOfSum(Tensor a, Tensor b) => Tensor.SquaredL2Norm(Tensor.Relu(a + b)) - Tensor.Mean(Tensor.Sigmoid(a - b));

            [Differentiable(Forward = true)]
            public static float Branch(Tensor a, Tensor b, bool flip)
            {
                Tensor h = a;
                if (flip) h = Tensor.Relu(a * b);
                return Tensor.Sum(h) + Tensor.SquaredL2Norm(-b);
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    internal static MethodInfo Method(string name) => Compiled.Value.GetType("TensorJvp")!.GetMethod(name)!;

    [Fact]
    public void Tiny_MatMulAndRelu_ByHand()
    {
        // W·x = [[1 − 0.5, 0.5 − 2], [0.5 + 0.25, 0.25 + 1]] = [[0.5, −1.5], [0.75, 1.25]]: ReLU keeps three, f = 2.5.
        // tC = tW·x + W·tx with tW = I, tx = [[0, 1], [1, 0]]: x + [[−2, 1], [1, 0.5]] = [[−1, 1.5], [1.25, 1.5]];
        // masked by the positive entries: −1 + 1.25 + 1.5 = 1.75. Every number is a short binary fraction: exact in float.
        var W = Tensor.FromArray(new float[,] { { 1f, -2f }, { 0.5f, 1f } });
        var x = Tensor.FromArray(new float[,] { { 1f, 0.5f }, { 0.25f, 1f } });
        var tW = Tensor.FromArray(new float[,] { { 1f, 0f }, { 0f, 1f } });
        var tx = Tensor.FromArray(new float[,] { { 0f, 1f }, { 1f, 0f } });
        var args = new object?[] { W, x, tW, tx, null };
        float f = (float)Method("TinyForward").Invoke(null, args)!;
        Assert.Equal(2.5f, f);
        Assert.Equal(1.75f, (float)args[4]!);

        // The same number from the reverse mode: ⟨tW, dW⟩ + ⟨tx, dX⟩, dW = mask·xᵀ, dX = Wᵀ·mask (mask = [[1, 0], [1, 1]]).
        var dW = W.ZeroAdjoint();
        var dX = x.ZeroAdjoint();
        Method("TinyBackward").Invoke(null, new object[] { W, x, dW, dX, 1f });
        Assert.Equal(new[] { 1f, 0.25f, 1.5f, 1.25f }, dW.ToArray());
        Assert.Equal(new[] { 1.5f, 0.5f, -1f, 1f }, dX.ToArray());
        Assert.Equal(1.75, Dot(tW, dW) + Dot(tx, dX));

        // And central differences of the primal along (tW, tx): no entry of W·x is within 0.1 of ReLU's kink.
        double along = Along(s => (float)Method("Tiny").Invoke(null, new object[] { Shifted(W, tW, s), Shifted(x, tx, s) })!);
        TensorTangents.AssertCentral(along, 1.75, "Tiny along (tW, tx)");
    }

    [Fact]
    public void TwoLayerLoss_MatchesCentralDifferencesAndTheReverseMode()
    {
        var random = new Random(11);
        var (x, p, labels) = TensorTangents.TwoLayerPoint(random);
        var (W1, b1, W2, b2) = (p[0], p[1], p[2], p[3]);
        Tensor[] t = p.Select(q => TensorTangents.Like(q, random)).ToArray();

        var forward = Method("TwoLayerForward");
        Assert.Equal(11, forward.GetParameters().Length); // 6 inputs, 4 tangents (x is [NoDiff]), tResult
        var args = new object?[] { x, W1, b1, W2, b2, labels, t[0], t[1], t[2], t[3], null };
        float value = (float)forward.Invoke(null, args)!;
        float jvp = (float)args[10]!;
        Assert.Equal((float)Method("TwoLayer").Invoke(null, new object[] { x, W1, b1, W2, b2, labels })!, value);

        var d = p.Select(q => q.ZeroAdjoint()).ToArray();
        Method("TwoLayerBackward").Invoke(null, new object[] { x, W1, b1, W2, b2, labels, d[0], d[1], d[2], d[3], 1f });
        TensorTangents.AssertDual(jvp, t, d, "TwoLayer: MForward against ⟨t, MBackward⟩");

        double Loss(Tensor[] q) => (float)Method("TwoLayer").Invoke(null, new object[] { x, q[0], q[1], q[2], q[3], labels })!;
        TensorTangents.AssertCentral(Along(s => Loss(p.Select((q, i) => Shifted(q, t[i], s)).ToArray())), jvp, "TwoLayer along t");
    }

    [Fact]
    public void Layer_TensorResult_HasATensorTangent()
    {
        var random = new Random(5);
        var x = Tensor.RandomNormal(3, 4, 1f, random);
        var w = Tensor.RandomNormal(4, 2, 0.5f, random);
        var b = TensorTangents.Vector(2, 0.5f, random);
        var (tw, tb) = (TensorTangents.Like(w, random), TensorTangents.Like(b, random));
        float scale = 0.7f, tScale = -0.4f;
        var args = new object?[] { x, w, b, scale, tw, tb, tScale, null };
        var y = (Tensor)Method("LayerForward").Invoke(null, args)!;
        var ty = (Tensor)args[7]!;
        Assert.True(ty.HasSameShape(y));

        // Every element of the result's tangent, by central differences of that element along (tw, tb, tScale).
        for (int k = 0; k < y.Length; k++)
        {
            int element = k;
            double along = Along(s => ((Tensor)Method("Layer").Invoke(null, new object[] { x, Shifted(w, tw, s), Shifted(b, tb, s), scale + (float)s * tScale })!)[element]);
            TensorTangents.AssertCentral(along, ty[k], $"tResult[{k}]");
        }

        // ⟨tResult, seed⟩ = ⟨t, MBackward(seed)⟩ for a random seed.
        var seed = Tensor.RandomNormal(3, 2, 1f, random);
        var dw = w.ZeroAdjoint();
        var db = b.ZeroAdjoint();
        var back = new object[] { x, w, b, scale, dw, db, 0f, seed };
        Method("LayerBackward").Invoke(null, back);
        double reverse = Dot(tw, dw) + Dot(tb, db) + ((double)tScale * (float)back[6]);
        double sum = TensorTangents.Magnitude(new[] { tw, tb }, new[] { dw, db }) + Math.Abs((double)tScale * (float)back[6]);
        Tolerance.AssertClose(reverse, Dot(ty, seed), Tolerance.ForSum(64, sum + TensorTangents.Magnitude(new[] { ty }, new[] { seed }), Tolerance.Float), "Layer: ⟨tResult, seed⟩ against ⟨t, MBackward(seed)⟩");
    }

    [Theory]
    [InlineData("ReluOfSum", 2)]
    [InlineData("Branch", 2)]
    public void SmallMethods_MatchCentralDifferencesAndTheReverseMode(string name, int tensors)
    {
        var random = new Random(name.Length);
        foreach (bool flip in new[] { true, false })
        {
            var p = Enumerable.Range(0, tensors).Select(_ => Tensor.RandomNormal(3, 2, 1f, random)).ToArray();
            var t = Enumerable.Range(0, tensors).Select(_ => Tensor.RandomNormal(3, 2, 1f, random)).ToArray();
            object[] Primal(Tensor[] q) => name == "Branch" ? new object[] { q[0], q[1], flip } : q.Cast<object>().ToArray();
            var args = Primal(p).Cast<object?>().Concat(t).Append(null).ToArray();
            Method(name + "Forward").Invoke(null, args);
            float jvp = (float)args[^1]!;
            TensorTangents.AssertCentral(Along(s => (float)Method(name).Invoke(null, Primal(p.Select((q, i) => Shifted(q, t[i], s)).ToArray()))!), jvp, name + " along t, flip " + flip);

            var d = p.Select(q => q.ZeroAdjoint()).ToArray();
            Method(name + "Backward").Invoke(null, Primal(p).Concat(d).Append(1f).ToArray());
            TensorTangents.AssertDual(jvp, t, d, name + ": MForward against ⟨t, MBackward⟩, flip " + flip);
        }
    }

    [Fact]
    public void NullTangent_IsAZeroDirection()
    {
        // A null tangent is read as zero by the ops' forward derivatives: only b's direction counts.
        var a = Tensor.FromArray(new float[,] { { 1f, -2f } });
        var b = Tensor.FromArray(new float[,] { { 0.5f, 0.5f } });
        var tb = Tensor.FromArray(new float[,] { { 1f, 0f } });
        var args = new object?[] { a, b, null, tb, null };
        Method("ReluOfSumForward").Invoke(null, args);
        // a + b = (1.5, −1.5): ∂/∂b₀ of ReLU(a+b)₀² is 2·1.5 = 3; of −mean σ(a − b): σ(0.5)·(1 − σ(0.5))/2 (b enters with −).
        double s = 1 / (1 + Math.Exp(-0.5));
        Tolerance.AssertClose(3 + (s * (1 - s) / 2), (float)args[4]!, Tolerance.ForSum(8, 4, Tolerance.Float), "tResult");
    }

    internal static double Dot(Tensor a, Tensor b) => a.ToArray().Zip(b.ToArray(), (p, q) => (double)p * q).Sum();

    /// <summary>q + s·t, a new tensor of q's shape.</summary>
    internal static Tensor Shifted(Tensor q, Tensor t, double s)
    {
        var values = q.ToArray().Zip(t.ToArray(), (v, d) => (float)(v + (s * d))).ToArray();
        return q.Rank == 1 ? Tensor.FromArray(values) : Tensor.FromArray(q.Rows, q.Columns, values);
    }

    /// <summary>
    /// The central difference (g(h) − g(−h)) / 2h of a float function along a direction, h = 1e-3: a random direction moves
    /// every parameter at once, and at h = 1e-2 the two-layer loss's step crossed a ReLU kink (0.0271 where smaller steps
    /// all give 0.1078, the tangent); float rounding over 2h stays near 1e-4 of |f|.
    /// </summary>
    internal static double Along(Func<double, double> g)
    {
        const double h = 1e-3;
        return (g(h) - g(-h)) / (2 * h);
    }
}
