using System.Reflection;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Tests.CompileCost;
using AutoDiffGen.Generator.Tests.FusedLoops;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ZeroAdjointArrays;

/// <summary>
/// A local adjoint array that only ever holds zero is not made, stored or loaded (<c>Differentiation/ZeroAdjointArrays</c>,
/// perf19, the GMM's <c>Gen17a</c>): in a point loop of the GMM's shape (centring, a product, a triangle over rows, a sum of
/// squares) the merged row walk holds the row's <c>dC[i]</c> in a local, so the program's only writes of <c>dC</c> are
/// zeroings (<c>Rows</c>); where <c>c</c> is also read after the loop its adjoint gets an add and must stay (<c>ReadAfter</c>).
/// Every gradient by hand and by central differences, the rule's effect in the generated text, and the same values with
/// the rule off.
/// </summary>
public class ZeroAdjointArrayTests
{
    internal const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Zaa
        {
            // Per point p of d: c = x_p − m, q = a ∘ c, q_j += 3·c_i for j > i (the triangle), f = Σ_p |q|².
            [Differentiable]
            public static double Rows(double[] a, double[] m, [NoDiff] double[] x)
            {
                int d = a.Length;
                var c = new double[d];
                var q = new double[d];
                double total = 0;
                for (int p = 0; p < x.Length / d; p++)
                {
                    for (int j = 0; j < d; j++) c[j] = x[p * d + j] - m[j];
                    for (int j = 0; j < d; j++) q[j] = a[j] * c[j];
                    for (int i = 0; i < d; i++)
                    {
                        for (int j = i + 1; j < d; j++) q[j] += 3.0 * c[i];
                    }
                    double sq = 0;
                    for (int j = 0; j < d; j++) sq += q[j] * q[j];
                    total += sq;
                }
                return total;
            }

            // Must not: the last point's c_0 is read after the loop, so dC gets an add there: f = Rows + c_0·a_0.
            [Differentiable]
            public static double ReadAfter(double[] a, double[] m, [NoDiff] double[] x)
            {
                int d = a.Length;
                var c = new double[d];
                var q = new double[d];
                double total = 0;
                for (int p = 0; p < x.Length / d; p++)
                {
                    for (int j = 0; j < d; j++) c[j] = x[p * d + j] - m[j];
                    for (int j = 0; j < d; j++) q[j] = a[j] * c[j];
                    for (int i = 0; i < d; i++)
                    {
                        for (int j = i + 1; j < d; j++) q[j] += 3.0 * c[i];
                    }
                    double sq = 0;
                    for (int j = 0; j < d; j++) sq += q[j] * q[j];
                    total += sq;
                }
                return total + c[0] * a[0];
            }
        }
        """;

    private static readonly string[] Names = ["Rows", "ReadAfter"];

    private static readonly Lazy<(Type Type, Dictionary<string, string> Texts)> Compiled = new(() => RuleTexts.Compile(Source, "Zaa", Names));

    private static readonly Lazy<(Type Type, Dictionary<string, string> Texts)> RuleOff = new(() =>
    {
        var (_, off, names) = TwoWays.Emit(Source, m => BackwardEmitter.Emit(m), m => BackwardEmitter.Emit(m, zeroArrays: false));
        var type = TwoWays.Load(Source, off).GetType("Zaa")!;
        return (type, Names.ToDictionary(n => n, n => off[names.IndexOf(n)]));
    });

    /// <summary>The array's adjoint is made (by <c>new</c> or lent by the workspace).</summary>
    internal static bool Made(string code, string adjoint) => code.Contains("var " + adjoint + " = ", StringComparison.Ordinal);

    /// <summary>Value and gradient of <c>double name(a, m, [NoDiff] x)</c> against by-hand values, central differences and the rule off.</summary>
    private static void AssertGradient(string name, double value, double[] dA, double[] dM, double[] a, double[] m, double[] x)
    {
        foreach (var type in new[] { Compiled.Value.Type, RuleOff.Value.Type })
        {
            var (v, gradient) = FusedLoopPropertyTests.Call(type.GetMethod(name + "Backward", BindingFlags.Public | BindingFlags.Static)!, [a, m, x]);
            Tolerance.AssertFormula(value, v);
            for (int j = 0; j < dA.Length; j++) Tolerance.AssertFormula(dA[j], gradient[j], "dA" + j);
            for (int j = 0; j < dM.Length; j++) Tolerance.AssertFormula(dM[j], gradient[dA.Length + j], "dM" + j);
        }
        CentralDifferenceRunner.Check(Compiled.Value.Type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!, null, [a, m, x]);
    }

    [Fact]
    public void An_adjoint_array_only_ever_zeroed_is_not_made_and_reads_fold_by_hand()
    {
        string text = Compiled.Value.Texts["Rows"], off = RuleOff.Value.Texts["Rows"];
        Assert.True(Made(off, "dC"), off);
        Assert.False(Made(text, "dC"), text);
        Assert.DoesNotContain("dC[", text);
        // q's adjoint gets real adds: it stays.
        Assert.True(Made(text, "dQ"), text);
        // a = (2, 1), m = (0.5, −1), x = ((1, 2), (0, 1)).
        // Point 1: c = (0.5, 3), q = (1, 3 + 1.5) = (1, 4.5), |q|² = 21.25. Point 2: c = (−0.5, 2), q = (−1, 2 − 1.5) = (−1, 0.5), |q|² = 1.25.
        // f = 22.5. ∂f/∂a_j = Σ_p 2q_j·c_j: a_0: 2·1·0.5 + 2·(−1)·(−0.5) = 2; a_1: 2·4.5·3 + 2·0.5·2 = 29.
        // ∂f/∂m_0 = −Σ_p (2q_0·a_0 + 2q_1·3) = −(4 + 27) − (−4 + 3) = −30; ∂f/∂m_1 = −Σ_p 2q_1·a_1 = −9 − 1 = −10.
        // Twice: the second call's lent arrays come back from the first.
        for (int call = 0; call < 2; call++) AssertGradient("Rows", 22.5, [2, 29], [-30, -10], [2, 1], [0.5, -1], [1, 2, 0, 1]);
    }

    [Fact]
    public void An_adjoint_array_that_gets_an_add_stays_by_hand()
    {
        string text = Compiled.Value.Texts["ReadAfter"];
        Assert.True(Made(text, "dC"), text);
        // As Rows plus c_0·a_0 with the last point's c_0 = −0.5: f = 22.5 − 1 = 21.5; ∂f/∂a_0 = 2 − 0.5 = 1.5;
        // ∂f/∂m_0 = −30 − a_0 = −32; the rest as Rows.
        AssertGradient("ReadAfter", 21.5, [1.5, 29], [-32, -10], [2, 1], [0.5, -1], [1, 2, 0, 1]);
    }
}
