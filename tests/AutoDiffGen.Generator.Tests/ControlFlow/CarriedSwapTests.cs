using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>
/// Loop-carried variables assigned from one another (a rotation a, b ← b, a·x + b): each iteration's
/// adjoints must move between the carried values, not pile up or vanish.
/// </summary>
public class CarriedSwapTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Swap
        {
            [Differentiable]
            public static double Rotate(double a, double b, double x, int n)
            {
                for (int k = 0; k < n; k++)
                {
                    double t = a;
                    a = b;
                    b = t * x + b;
                }
                return a * 2 + b;
            }
        }
        """;

    private delegate double RotateBackward(double a, double b, double x, int n, ref double dA, ref double dB, ref double dX, double dResult);

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static (double Value, double[] Gradient) Backward(double a, double b, double x, int n)
    {
        var rotate = Compiled.Value.GetType("Swap")!.GetMethod("RotateBackward")!.CreateDelegate<RotateBackward>();
        double dA = 0, dB = 0, dX = 0;
        double value = rotate(a, b, x, n, ref dA, ref dB, ref dX, 1.0);
        return (value, new[] { dA, dB, dX });
    }

    [Theory]
    [InlineData(1.5, -0.5, 0.8)]
    [InlineData(-2.0, 3.0, 1.3)]
    public void TwoIterations_MatchTheHandDerivation(double a, double b, double x)
    {
        // n = 2: a₂ = a·x + b, b₂ = b·x + a·x + b, so 2a₂ + b₂ = 3a·x + 3b + b·x.
        var (value, g) = Backward(a, b, x, 2);
        Tolerance.AssertFormula(3 * a * x + 3 * b + b * x, value);
        Tolerance.AssertFormula(3 * x, g[0]);
        Tolerance.AssertFormula(3 + x, g[1]);
        Tolerance.AssertFormula(3 * a + b, g[2]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(300)]
    public void AnyTripCount_MatchesCentralDifferences(int n)
    {
        var primal = Compiled.Value.GetType("Swap")!.GetMethod("Rotate")!;
        double Value(double[] p) => (double)primal.Invoke(null, new object[] { p[0], p[1], p[2], n })!;
        var point = new[] { 0.7, -0.4, n > 50 ? 0.6 : 0.9 };
        var (value, g) = Backward(point[0], point[1], point[2], n);
        Assert.Equal(Value(point), value);
        GradCheck.Check(Value, point, g).ThrowIfFailed();
    }
}
