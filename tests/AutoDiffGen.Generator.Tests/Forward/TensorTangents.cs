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
