using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// Forward mode on two shapes Hessian mode still refuses (hess19 saw MForward generated for them without checking the
/// tangents): a void callee writing a double[,] the caller made, and a jagged local array. tResult must be the
/// directional derivative, checked against a hand-derived gradient dotted with the direction and against central
/// differences along it.
/// </summary>
public class ForwardArrayShapeTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace FwdShapes;

        public static partial class M
        {
            [Differentiable]
            public static void Outer(double[] x, double[,] g)
            {
                for (int i = 0; i < 2; i++)
                    for (int j = 0; j < 2; j++)
                        g[i, j] = x[i] * x[j];
            }

            // f = x0² + 3·x0·x1 + x1²·x0
            [Differentiable(Forward = true)]
            public static double Grid(double[] x)
            {
                var g = new double[2, 2];
                Outer(x, g);
                return g[0, 0] + 3 * g[0, 1] + g[1, 1] * x[0];
            }

            // f = x0·x1 + sin x0 + x0·x1²
            [Differentiable(Forward = true)]
            public static double Jagged(double[] x)
            {
                var r = new double[2][];
                r[0] = new double[2];
                r[1] = new double[1];
                r[0][0] = x[0] * x[1];
                r[0][1] = Math.Sin(x[0]);
                r[1][0] = r[0][0] * x[1];
                return r[0][0] + r[0][1] + r[1][0];
            }
        }
        """;

    /// <summary>MForward's shape for one double[] parameter (its tangent a span, as every array parameter's).</summary>
    public delegate double Forward(double[] x, ReadOnlySpan<double> tX, out double tResult);

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static readonly double[] X = { 0.7, -1.3 };
    private static readonly double[] T = { 0.4, 0.9 };

    [Theory]
    [InlineData("Grid")]
    [InlineData("Jagged")]
    public void Tangent_IsTheHandGradientAlongT_AndCentralDifferences(string name)
    {
        var m = Compiled.Value.GetType("FwdShapes.M")!;
        var forward = (Forward)Delegate.CreateDelegate(typeof(Forward), m.GetMethod(name + "Forward")!);
        double value = forward(X, T, out double tResult);

        double x0 = X[0], x1 = X[1];
        // By hand: Grid ∂0 = 2x0 + 3x1 + x1², ∂1 = 3x0 + 2x0x1; Jagged ∂0 = x1 + cos x0 + x1², ∂1 = x0 + 2x0x1.
        double[] gradient = name == "Grid"
            ? new[] { 2 * x0 + 3 * x1 + x1 * x1, 3 * x0 + 2 * x0 * x1 }
            : new[] { x1 + Math.Cos(x0) + x1 * x1, x0 + 2 * x0 * x1 };
        Tolerance.AssertFormula(gradient[0] * T[0] + gradient[1] * T[1], tResult, name + " tResult");

        double At(double s) => (double)m.GetMethod(name)!.Invoke(null, new object[] { new[] { x0 + s * T[0], x1 + s * T[1] } })!;
        Tolerance.AssertFormula(At(0), value, name + " value");
        const double h = 1e-6;
        Tolerance.AssertCentral((At(h) - At(-h)) / (2 * h), tResult, value, name + " along T");
    }
}
