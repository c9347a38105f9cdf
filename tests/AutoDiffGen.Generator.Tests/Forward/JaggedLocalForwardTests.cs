using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// <c>MForward</c> of methods with a local jagged array (issue 14, modes4; ADG0003 before): its tangent is a jagged array
/// whose rows are created with the array's rows (a fresh row's tangent is zero, as the row is), stored and read with it.
/// Each tangent checked three ways (<see cref="TangentAssertions"/>): by hand, by central differences along t, and as
/// Backward · t.
/// </summary>
public class JaggedLocalForwardTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace JaggedForward;

        public static partial class M
        {
            // Natural/Batch Ext.Jagged: x·(x·y) + y·y.
            [Differentiable(Forward = true)]
            public static double Jagged(double x, double y)
            {
                var m = new double[2][];
                m[0] = new[] { x, y };
                m[1] = new[] { y, x * y };
                return m[0][0] * m[1][1] + m[0][1] * m[1][0];
            }

            // A triangle of rows of lengths 1 … n in a loop, m[i][j] = v[i]·v[j]; then row 0 made again, longer.
            [Differentiable(Forward = true)]
            public static double Triangle(double[] v)
            {
                int n = v.Length;
                var m = new double[n][];
                for (int i = 0; i < n; i++)
                {
                    m[i] = new double[i + 1];
                    for (int j = 0; j <= i; j++) m[i][j] = v[i] * v[j];
                }
                double s = 0;
                for (int i = 0; i < m.Length; i++)
                    for (int j = 0; j < m[i].Length; j++) s += m[i][j];
                m[0] = new double[2];
                m[0][1] += v[0] * 3;
                return s + m[0][1] * m[0][1] + m[0][0];
            }
            // Three outputs of two inputs: MJacobian takes two forward sweeps (columns) through the jagged local.
            [Differentiable(Forward = true, Jacobian = true)]
            public static (double, double, double) Outputs(double x, double y)
            {
                var m = new double[2][];
                m[0] = new[] { x, y };
                m[1] = new[] { y, x * y };
                return (m[0][0] * m[1][1], m[0][1] * m[1][0], x);
            }
            public static double[] OutputsJ(double x, double y) { var j = new double[6]; OutputsJacobian(x, y, j); return j; }
            public static double[] OutputsV(double x, double y) { var (a, b, c) = Outputs(x, y); return new[] { a, b, c }; }

            // TriangleForward takes a ReadOnlySpan, which reflection cannot pass.
            public static double TriangleCall(double[] v, double[] t, out double tangent) => TriangleForward(v, t, out tangent);
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("JaggedForward.M", throwOnError: true)!);

    private static MethodInfo Method(string name) => Compiled.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    [Theory]
    [InlineData(0.7, -1.3, 0.4, 0.9)]
    [InlineData(-2.0, 0.5, 1.0, 0.0)]
    public void ExtJagged_ByHand_CentralDifferences_AndBackward(double x, double y, double tx, double ty)
    {
        var args = new object?[] { x, y, tx, ty, null };
        double value = (double)Method("JaggedForward").Invoke(null, args)!;
        double tangent = (double)args[4]!;
        Assert.Equal((x * x * y) + (y * y), value, 14);
        // ∂/∂x = 2xy, ∂/∂y = x² + 2y.
        double hand = (2 * x * y * tx) + (((x * x) + (2 * y)) * ty);
        double F(double s) => (double)Method("Jagged").Invoke(null, new object[] { x + (s * tx), y + (s * ty) })!;
        const double h = 1e-6;
        var gradient = CentralDifferenceRunner.Check(Method("Jagged"), null, new object[] { x, y }).Gradient;
        TangentAssertions.AssertThreeWays(tangent, hand, (F(h) - F(-h)) / (2 * h), (gradient[0]![0] * tx) + (gradient[1]![0] * ty), value, false, "Ext.Jagged");
        // One number: at (0.7, −1.3) along (0.4, 0.9): 2·0.7·(−1.3)·0.4 + (0.49 − 2.6)·0.9 = −0.728 − 1.899 = −2.627.
        if (x == 0.7) Assert.Equal(-2.627, tangent, 12);
    }

    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(-2.0, 0.5)]
    public void Jacobian_ByColumns_ThroughAJaggedLocal_ByHandAndCentralDifferences(double x, double y)
    {
        var j = (double[])Method("OutputsJ").Invoke(null, new object[] { x, y })!;
        Assert.Contains("OutputsForward(x, y, (double)1, (double)0", GeneratorHarness.Run(Source).Generated.Values.Single(t => t.Contains("OutputsJacobian(", StringComparison.Ordinal)), StringComparison.Ordinal);
        // (x²y, y², x): [[2xy, x²], [0, 2y], [1, 0]].
        var hand = new[] { 2 * x * y, x * x, 0, 2 * y, 1, 0 };
        const double h = 1e-6;
        double[] V(double a, double b) => (double[])Method("OutputsV").Invoke(null, new object[] { a, b })!;
        for (int r = 0; r < 3; r++)
        {
            Tolerance.AssertFormula(hand[r * 2], j[r * 2], "J[" + r + ", 0] vs hand");
            Tolerance.AssertFormula(hand[(r * 2) + 1], j[(r * 2) + 1], "J[" + r + ", 1] vs hand");
            Tolerance.AssertCentral((V(x + h, y)[r] - V(x - h, y)[r]) / (2 * h), j[r * 2], 1 + Math.Abs(V(x, y)[r]), "J[" + r + ", 0] vs central differences");
            Tolerance.AssertCentral((V(x, y + h)[r] - V(x, y - h)[r]) / (2 * h), j[(r * 2) + 1], 1 + Math.Abs(V(x, y)[r]), "J[" + r + ", 1] vs central differences");
        }
    }

    [Theory]
    [InlineData(new[] { 0.5, -1.0, 2.0 }, new[] { 1.0, 0.25, -0.5 })]
    [InlineData(new[] { 1.5, 0.2, -0.7, 0.9 }, new[] { -0.3, 0.8, 0.1, 0.6 })]
    public void Triangle_RowsOfDifferentLengths_AndARowMadeAgain(double[] v, double[] t)
    {
        var args = new object?[] { v, t, null };
        double value = (double)Method("TriangleCall").Invoke(null, args)!;
        double tangent = (double)args[2]!;
        double sum = v.Sum(), squares = v.Sum(q => q * q);
        // s = Σ_{j ≤ i} v_i v_j = ((Σv)² + Σv²)/2, then 9v₀²: ∂/∂v_k = Σv + v_k (+ 18 v₀ at k = 0).
        Assert.Equal((((sum * sum) + squares) / 2) + (9 * v[0] * v[0]), value, 12);
        double hand = v.Select((q, k) => (sum + q + (k == 0 ? 18 * v[0] : 0)) * t[k]).Sum();
        double F(double s) => (double)Method("Triangle").Invoke(null, new object[] { v.Select((q, k) => q + (s * t[k])).ToArray() })!;
        const double h = 1e-6;
        var gradient = CentralDifferenceRunner.Check(Method("Triangle"), null, new object[] { v }).Gradient[0]!;
        TangentAssertions.AssertThreeWays(tangent, hand, (F(h) - F(-h)) / (2 * h), gradient.Zip(t, (g, d) => g * d).Sum(), value, false, "Triangle");
    }
}
