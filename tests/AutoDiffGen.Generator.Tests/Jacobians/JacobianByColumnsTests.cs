using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Jacobians;

/// <summary>
/// MJacobian picks by shape: with MForward generated (Forward = true) and fewer scalar inputs than result components it
/// runs n forward sweeps (columns), otherwise m reverse sweeps (rows). Both must give the same Jacobian: checked against
/// the hand derivative of a spiral (r, t) ↦ (r·cos t, r·sin t, r·t, t²) and against central differences, and the
/// column form against the row form of the same method generated without Forward.
/// </summary>
public class JacobianByColumnsTests
{
    private const string Body = "(r * Math.Cos(t), r * Math.Sin(t), r * t, t * t)";

    private static readonly string Source = $$"""
        using System;
        using System.Numerics;
        using AutoDiffGen;
        public static partial class Spiral
        {
            [Differentiable(Forward = true, Jacobian = true)]
            public static (double, double, double, double) Columns(double r, double t) => {{Body}};

            [Differentiable(Jacobian = true)]
            public static (double, double, double, double) Rows(double r, double t) => {{Body}};

            [Differentiable(Forward = true, Jacobian = true)]
            public static Vector3 Float(float r, float t) => new Vector3(r * MathF.Cos(t), r * MathF.Sin(t), r * t);

            public static double[] ByColumns(double r, double t) { var j = new double[8]; ColumnsJacobian(r, t, j); return j; }
            public static double[] ByRows(double r, double t) { var j = new double[8]; RowsJacobian(r, t, j); return j; }
            public static float[] OfFloat(float r, float t) { var j = new float[6]; FloatJacobian(r, t, j); return j; }
        }
        """;

    [Fact]
    public void TheColumnForm_IsGenerated_OnlyWhereItIsFewerSweeps()
    {
        var result = GeneratorHarness.Run(Source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompileDiagnostics);
        string columns = result.Generated.Single(kv => kv.Key.Contains(".Columns_", StringComparison.Ordinal)).Value;
        string rows = result.Generated.Single(kv => kv.Key.Contains(".Rows_", StringComparison.Ordinal)).Value;
        Assert.Contains("ColumnsForward(r, t, (double)1, (double)0, out", columns, StringComparison.Ordinal);
        Assert.DoesNotContain("ColumnsBackward(r, t, ref", columns.Substring(columns.IndexOf("ColumnsJacobian(", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("RowsBackward(", rows.Substring(rows.IndexOf("RowsJacobian(", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.5, 0.7)]
    [InlineData(-0.8, 2.3)]
    [InlineData(2.0, -1.1)]
    public void Columns_MatchTheHandJacobian_CentralDifferences_AndTheRows(double r, double t)
    {
        var type = GeneratorHarness.CompileAndLoad(Source).GetType("Spiral")!;
        var columns = (double[])type.GetMethod("ByColumns")!.Invoke(null, new object[] { r, t })!;
        var rows = (double[])type.GetMethod("ByRows")!.Invoke(null, new object[] { r, t })!;

        // ∂/∂r, ∂/∂t per component, row-major.
        double[] hand =
        {
            Math.Cos(t), -r * Math.Sin(t),
            Math.Sin(t), r * Math.Cos(t),
            t, r,
            0, 2 * t,
        };
        Func<double, double, double[]> f = (a, b) => new[] { a * Math.Cos(b), a * Math.Sin(b), a * b, b * b };
        const double h = 1e-6;
        for (int i = 0; i < 4; i++)
        {
            double dr = (f(r + h, t)[i] - f(r - h, t)[i]) / (2 * h);
            double dt = (f(r, t + h)[i] - f(r, t - h)[i]) / (2 * h);
            Assert.Equal(hand[2 * i], columns[2 * i], 12);
            Assert.Equal(hand[2 * i + 1], columns[2 * i + 1], 12);
            Assert.Equal(dr, columns[2 * i], 6);
            Assert.Equal(dt, columns[2 * i + 1], 6);
        }
        Assert.Equal(rows, columns);
    }

    [Fact]
    public void FloatInputs_AndAVectorResult_TakeColumnsToo()
    {
        var type = GeneratorHarness.CompileAndLoad(Source).GetType("Spiral")!;
        float r = 1.25f, t = 0.6f;
        var j = (float[])type.GetMethod("OfFloat")!.Invoke(null, new object[] { r, t })!;
        float[] hand = { MathF.Cos(t), -r * MathF.Sin(t), MathF.Sin(t), r * MathF.Cos(t), t, r };
        for (int i = 0; i < hand.Length; i++) Assert.Equal(hand[i], j[i], 5);
    }
}
