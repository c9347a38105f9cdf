using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.PeerSuite;

/// <summary>
/// Math functions exactly at their kinks and domain edges, and in branches that are not taken there, against
/// values derived by hand from the documented conventions (Abs'(0) = 0, Max ties go to the left, Pow's exponent
/// gradient is 0 where the base is 0). Central differences cannot judge these points, so every value is written out.
/// </summary>
public class KinkTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Kinks
        {
            [Differentiable] public static double Abs(double x) => Math.Abs(x);
            [Differentiable] public static double MaxLeft(double x, double y) => Math.Max(x, y);
            [Differentiable] public static double MinLeft(double x, double y) => Math.Min(x, y);
            [Differentiable] public static double MaxSelf(double x) => Math.Max(x, x) + Math.Min(x, x);
            [Differentiable] public static double Relu(double x) => Math.Max(0, x);
            [Differentiable] public static double PowSquare(double x) => Math.Pow(x, 2);
            [Differentiable] public static double PowBoth(double x, double y) => Math.Pow(x, y);
            [Differentiable] public static double PowZeroExponent(double x, double y) => Math.Pow(x, y * 0);
            [Differentiable] public static double SqrtInUntakenBranch(double x) => x > 0 ? Math.Sqrt(x) : 2 * x;
            [Differentiable] public static double LogInUntakenBranch(double x) => x > 0 ? Math.Log(x) : x;
            [Differentiable]
            public static double LogInUntakenIf(double x)
            {
                double r;
                if (x > 0) r = Math.Log(x) * x; else r = -x;
                return r;
            }
            [Differentiable]
            public static double DivideInUntakenBranch(double x, double y)
            {
                double r = 0;
                if (y != 0) r = x / y;
                return r + x;
            }
            [Differentiable]
            public static double AsinInUntakenLoopBranch(double x)
            {
                double r = 0;
                for (int i = 0; i < 3; i++)
                {
                    double t = x * i;
                    if (t < 1) r += Math.Asin(t);
                    else r += t;
                }
                return r;
            }
            [Differentiable]
            public static double Series(double x)
            {
                double s = 0;
                for (int i = 0; i < 4; i++) s += (i + 1) * Math.Pow(x, i);
                return s;
            }
            [Differentiable] public static double Clamp(double x) => Math.Clamp(x, 0.0, 1.0);
            [Differentiable] public static double ClampBounds(double x, double lo, double hi) => Math.Clamp(x, lo, hi);
            [Differentiable] public static double Floor(double x) => Math.Floor(x) + Math.Ceiling(x) + Math.Round(x) + Math.Sign(x) + Math.Truncate(x);
            [Differentiable] public static float AbsF(float x) => MathF.Abs(x) + Math.Max(x, 0f);
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoadAllowing(Source, "ADG0011"));

    /// <summary>Runs Backward at the point (seed 1) and returns the value and each scalar adjoint.</summary>
    private static (double Value, double[] Gradient) Grad(string name, params double[] x)
    {
        var type = Compiled.Value.GetType("Kinks")!;
        var backward = type.GetMethod(name + "Backward")!;
        bool single = backward.ReturnType == typeof(float);
        var args = new List<object>();
        foreach (var v in x) args.Add(single ? (object)(float)v : v);
        foreach (var _ in x) args.Add(single ? (object)0f : 0.0);
        args.Add(single ? (object)1f : 1.0);
        var all = args.ToArray();
        double value = Convert.ToDouble(backward.Invoke(null, all));
        return (value, Enumerable.Range(0, x.Length).Select(i => Convert.ToDouble(all[x.Length + i])).ToArray());
    }

    [Theory]
    [InlineData("Abs", 0.0, 0.0)]
    [InlineData("Abs", -2.0, -1.0)]
    [InlineData("Relu", 0.0, 0.0)]
    [InlineData("Relu", 1.5, 1.0)]
    [InlineData("MaxSelf", 0.7, 2.0)]
    [InlineData("PowSquare", 0.0, 0.0)]
    [InlineData("PowSquare", -3.0, -6.0)]
    [InlineData("SqrtInUntakenBranch", -1.0, 2.0)]
    [InlineData("SqrtInUntakenBranch", 0.0, 2.0)]
    [InlineData("LogInUntakenBranch", -1.0, 1.0)]
    [InlineData("LogInUntakenBranch", 0.0, 1.0)]
    [InlineData("LogInUntakenIf", 0.0, -1.0)]
    [InlineData("LogInUntakenIf", -2.0, -1.0)]
    [InlineData("Series", 0.0, 2.0)]
    [InlineData("Series", 1.0, 2.0 + 6.0 + 12.0)]
    [InlineData("Clamp", 0.0, 1.0)]
    [InlineData("Clamp", 1.0, 1.0)]
    [InlineData("Clamp", -0.5, 0.0)]
    [InlineData("Clamp", 1.5, 0.0)]
    [InlineData("Floor", 2.0, 0.0)]
    [InlineData("Floor", 0.0, 0.0)]
    [InlineData("AbsF", 0.0, 1.0)]
    public void OneInput(string name, double x, double expected)
    {
        var (_, g) = Grad(name, x);
        Assert.Equal(expected, g[0], 12);
    }

    [Fact]
    public void AsinBranchValue()
    {
        // x = 0.75: t = 0, 0.75, 1.5 → asin(0) + asin(0.75) + 1.5; d/dx = 0·1/√1 + 1/√(1−0.5625) + 2.
        var (v, g) = Grad("AsinInUntakenLoopBranch", 0.75);
        Assert.Equal(Math.Asin(0.75) + 1.5, v, 12);
        Assert.Equal(1 / Math.Sqrt(1 - 0.5625) + 2, g[0], 12);
    }

    [Theory]
    [InlineData("MaxLeft", 1.0, 1.0, 1.0, 0.0)]
    [InlineData("MaxLeft", 1.0, 2.0, 0.0, 1.0)]
    [InlineData("MinLeft", 1.0, 1.0, 1.0, 0.0)]
    [InlineData("MinLeft", 3.0, 2.0, 0.0, 1.0)]
    [InlineData("PowBoth", 0.0, 2.0, 0.0, 0.0)]
    [InlineData("PowBoth", 2.0, 3.0, 12.0, 8 * 0.69314718055994530942)]
    [InlineData("DivideInUntakenBranch", 3.0, 0.0, 1.0, 0.0)]
    [InlineData("DivideInUntakenBranch", 3.0, 2.0, 1.5, -0.75)]
    public void TwoInputs(string name, double x, double y, double dx, double dy)
    {
        var (_, g) = Grad(name, x, y);
        Assert.Equal(dx, g[0], 12);
        Assert.Equal(dy, g[1], 12);
    }

    [Theory]
    [InlineData(0.0, 0.0, 1.0, 1.0, 0.0, 0.0)]
    [InlineData(1.0, 0.0, 1.0, 1.0, 0.0, 0.0)]
    [InlineData(-1.0, 0.0, 1.0, 0.0, 1.0, 0.0)]
    [InlineData(2.0, 0.0, 1.0, 0.0, 0.0, 1.0)]
    public void ClampRoutesToTheActiveBound(double x, double lo, double hi, double dx, double dlo, double dhi)
    {
        var (v, g) = Grad("ClampBounds", x, lo, hi);
        Assert.Equal(Math.Clamp(x, lo, hi), v);
        Assert.Equal(new[] { dx, dlo, dhi }, g);
    }

    [Fact]
    public void PowWithAZeroExponentAtZero()
    {
        // 0^0 = 1; d/dx x^0 = 0 everywhere (PyTorch masks the exponent-zero case); d/dy = 0 (y·0).
        var (v, g) = Grad("PowZeroExponent", 0.0, 1.5);
        Assert.Equal(1.0, v);
        Assert.Equal(0.0, g[0]);
        Assert.Equal(0.0, g[1]);
    }
}
