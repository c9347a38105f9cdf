using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Tensors;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>The checks of a tensor method's <c>MForward</c> (modes8): against float central differences and against its reverse mode.</summary>
internal static class TensorTangents
{
    /// <summary>
    /// A float central difference with h = 1e-3 (TensorForwardTests.Along) against the tangent: truncation h²·|f‴|/6 is
    /// about 1e-7 relative, float rounding of the primal (a few ε per output over a dozen O(1) outputs, ~1e-6·|f|) over 2h
    /// about 1e-3·|f|; so 2e-3 absolute plus 2e-2 relative, TensorMethodTests' bound.
    /// </summary>
    public static void AssertCentral(double numeric, double analytic, string what) =>
        Tolerance.AssertClose(numeric, analytic, 2e-3 + (2e-2 * Math.Abs(numeric)), what);

    /// <summary>A rank-1 tensor of n normal values of deviation <paramref name="std"/>.</summary>
    public static Tensor Vector(int n, float std, Random random) => Tensor.FromArray(Tensor.RandomNormal(1, n, std, random).ToArray());

    /// <summary>A tensor of <paramref name="q"/>'s shape, standard normal values: a random tangent for it.</summary>
    public static Tensor Like(Tensor q, Random random) => q.Rank == 1 ? Vector(q.Length, 1f, random) : Tensor.RandomNormal(q.Rows, q.Columns, 1f, random);

    /// <summary>The two-layer net's data x (5 × 3), parameters W1, b1, W2, b2 and labels, drawn in that order.</summary>
    public static (Tensor X, Tensor[] Parameters, int[] Labels) TwoLayerPoint(Random random)
    {
        var x = Tensor.RandomNormal(5, 3, 1f, random);
        var w1 = Tensor.RandomNormal(3, 4, 0.5f, random);
        var b1 = Vector(4, 0.1f, random);
        var w2 = Tensor.RandomNormal(4, 3, 0.5f, random);
        var b2 = Vector(3, 0.1f, random);
        return (x, new[] { w1, b1, w2, b2 }, new[] { 0, 2, 1, 1, 0 });
    }

    /// <summary>Σ |tᵢ·dᵢ| over every element of every pair.</summary>
    public static double Magnitude(IReadOnlyList<Tensor> t, IReadOnlyList<Tensor> d) =>
        t.Select((q, i) => q.ToArray().Zip(d[i].ToArray(), (a, b) => Math.Abs((double)a * b)).Sum()).Sum();

    /// <summary>
    /// ⟨MForward(t), 1⟩ = Σᵢ ⟨tᵢ, MBackward's dᵢ⟩: the two are sums of the same products, rounded in float along different
    /// orders, so they agree within n·ε·Σ|tᵢ·dᵢ| with n the number of elements plus the depth of the ops (64 stands for it).
    /// </summary>
    public static void AssertDual(double jvp, IReadOnlyList<Tensor> t, IReadOnlyList<Tensor> d, string what)
    {
        double reverse = t.Select((q, i) => TensorForwardTests.Dot(q, d[i])).Sum();
        int n = t.Sum(q => q.Length) + 64;
        Tolerance.AssertClose(reverse, jvp, Tolerance.ForSum(n, Magnitude(t, d) + Math.Abs(jvp), Tolerance.Float), what);
    }
}
