using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.SpanOutputs;

/// <summary>
/// Span&lt;T&gt; and T[] output parameters of void methods (issue 13 item 3, issue 14 item 2): Backward (VJP), Forward
/// (JVP) and MJacobian of each method in <see cref="SpanOutputSources"/>, against central differences
/// (<see cref="OutputChecks"/>) and against hand derivations where they are short.
/// </summary>
public class SpanOutputTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(SpanOutputSources.Source));

    private static OutputChecks Of(string name, bool single = false) => new(Compiled.Value, name, single);

    private static double[] Random(Random r, int n, double scale = 1) => Enumerable.Range(0, n).Select(_ => scale * (2 * r.NextDouble() - 1)).ToArray();

    public static IEnumerable<object[]> Cases() => new[]
    {
        // name, inputs n, outputs m, has MJacobian, float
        new object[] { "Squares", 4, 4, true, false },
        new object[] { "Recurrence", 5, 4, true, false },
        new object[] { "Accumulate", 4, 3, false, false },
        new object[] { "Scale", 4, 5, true, true },
        new object[] { "F1", 3, 3, true, false },
        new object[] { "Residuals", 4, 7, true, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryMode_MatchesCentralDifferences(string name, int n, int m, bool jacobian, bool single)
    {
        var checks = Of(name, single);
        var r = new Random(name.Length * 7919 + n);
        for (int trial = 0; trial < 4; trial++)
        {
            // Squares branches on the sign of x0; Residuals' parameters stay near the sample's.
            var p = name == "Residuals" ? new[] { 2.5, 0.3, 2.0, 0.5 }.Zip(Random(r, 4, 0.2), (a, b) => a + b).ToArray() : Random(r, n, 1.5);
            if (name == "Squares") p[0] = trial % 2 == 0 ? Math.Abs(p[0]) + 0.1 : -Math.Abs(p[0]) - 0.1;
            var y0 = Random(r, m, 2);
            checks.Vjp(p, y0, Random(r, m));
            checks.Jvp(p, y0, Random(r, n), Random(r, m));
            if (jacobian) checks.Jacobian(p, y0);
        }
    }

    [Fact]
    public void F1_CladsJacobianShape_MatchesTheHandJacobian()
    {
        double a = 1.3, b = -0.7, c = 2.1;
        var j = Of("F1").Jacobian(new[] { a, b, c }, new double[3]);
        double[] hand =
        {
            3 * a * a, 0, 0,
            3 * a * a, 3 * b * b, 0,
            -2 * a, 0, 20 * c,
        };
        for (int i = 0; i < 9; i++) Tolerance.AssertFormula(hand[i], j[i], "J[" + i / 3 + ", " + i % 3 + "]");
    }

    [Fact]
    public void Accumulate_InOut_PassesTheSeedThroughAndAddsTheInputs()
    {
        // y_i += a·x_i²: ∂y/∂y₀ = I, so dY comes back as the seed; dA = Σ w_i x_i², dx_i = 2a x_i w_i; tY = tY₀ + tA x² + 2a x tX.
        double a = 0.8;
        double[] x = { 0.5, -1.5, 2.0 }, w = { 1.0, -2.0, 0.5 }, y0 = { 3.0, -1.0, 0.25 };
        var p = new[] { a }.Concat(x).ToArray();
        var (dP, dY) = Of("Accumulate").Vjp(p, y0, w);
        Assert.Equal(w, dY);
        Tolerance.AssertFormula(x.Zip(w, (xi, wi) => wi * xi * xi).Sum(), dP[0], "dA");
        for (int i = 0; i < 3; i++) Tolerance.AssertFormula(2 * a * x[i] * w[i], dP[1 + i], "dX" + i);
        double tA = 0.3;
        double[] tX = { 1.0, 0.0, -1.0 }, tY0 = { 0.5, 0.5, -2.0 };
        var tY = Of("Accumulate").Jvp(p, y0, new[] { tA }.Concat(tX).ToArray(), tY0);
        for (int i = 0; i < 3; i++) Tolerance.AssertFormula(tY0[i] + tA * x[i] * x[i] + 2 * a * x[i] * tX[i], tY[i], "tY" + i);
    }

    [Fact]
    public void Recurrence_OverwrittenOutputs_ReturnAZeroAdjointForWhatTheyHeld()
    {
        // Every slot is written before it is read, so the incoming contents do not matter: dY on return is 0.
        var (_, dY) = Of("Recurrence").Vjp(new[] { 0.4, -0.9, 1.2, 0.3, 1.7 }, new[] { 5.0, 6.0, 7.0, 8.0 }, new[] { 1.0, 1.0, 1.0, 1.0 });
        Assert.All(dY, v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Scale_Float_MatchesTheHandJacobian()
    {
        // y_i = x_(i mod 3)·s²: ∂y_i/∂x_j = s² [j = i mod 3], ∂y_i/∂s = 2 s x_(i mod 3).
        float s = 1.5f;
        float[] x = { 0.5f, -2f, 1.25f };
        var j = Of("Scale", single: true).Jacobian(x.Select(v => (double)v).Append(s).ToArray(), new double[5]);
        for (int i = 0; i < 5; i++)
        {
            for (int k = 0; k < 3; k++) Assert.Equal(k == i % 3 ? s * s : 0f, (float)j[i * 4 + k]);
            Assert.Equal(2 * s * x[i % 3], (float)j[i * 4 + 3]);
        }
    }

    [Fact]
    public void Residuals_TheVectorForm_GivesTheSameJacobianAsOneResidualPerObservation()
    {
        var p = new[] { 2.5, 0.3, 2.0, 0.5 };
        var whole = Of("Residuals").Jacobian(p, new double[7]);
        var rows = (double[])Compiled.Value.GetType("SpanOut.S")!.GetMethod("ResidualRows")!.Invoke(null, new object[] { p })!;
        Assert.Equal(rows.Length, whole.Length);
        for (int i = 0; i < rows.Length; i++) Tolerance.AssertFormula(rows[i], whole[i], "J[" + i / 4 + ", " + i % 4 + "]");
    }

    [Fact]
    public void MJacobian_OfTheWrongLength_Throws_AndLeavesTheOutputAlone()
    {
        var e = Of("F1").JacobianOfLength(new[] { 1.0, 2.0, 3.0 }, new double[3], 8);
        var argument = Assert.IsType<ArgumentException>(e);
        Assert.Equal("jacobian", argument.ParamName);
        Assert.Contains("3 × 3", argument.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACaller_FillingALocalArrayThroughASpanHelper_MatchesCentralDifferences()
    {
        var loss = Compiled.Value.GetType("SpanOut.S")!.GetMethod("Loss")!;
        var backward = Compiled.Value.GetType("SpanOut.S")!.GetMethod("LossBackward")!;
        foreach (var x in new[] { new[] { 0.7, -1.2, 0.4 }, new[] { -0.3, 0.9, 1.1, -2.0 } })
        {
            var dX = new double[x.Length];
            double value = (double)backward.Invoke(null, new object[] { x, dX, 1.0 })!;
            Tolerance.AssertFormula((double)loss.Invoke(null, new object[] { x })!, value);
            for (int k = 0; k < x.Length; k++)
            {
                const double h = 1e-6;
                var up = (double[])x.Clone();
                var down = (double[])x.Clone();
                up[k] += h;
                down[k] -= h;
                double numeric = ((double)loss.Invoke(null, new object[] { up })! - (double)loss.Invoke(null, new object[] { down })!) / (2 * h);
                Tolerance.AssertCentral(numeric, dX[k], Math.Abs(value) + 1, "dLoss/dx" + k);
            }
        }
    }
}
