using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.AdBench;

/// <summary>
/// A [Differentiable] void helper that writes values not carrying a gradient into a local array (ADBench's
/// <c>set_identity</c> before a rotation's entries are stored, found writing the hand model's Euler angles): the call was
/// lowered as a constant whose value is unused, so Backward dropped it and computed with the array's zeros, a wrong value
/// and a wrong gradient. A call that writes into an array is now always a call, and later reads see what it left.
/// </summary>
public class ConstantWritingCallsTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class W
        {
            [Differentiable]
            public static void SetIdentity(int n, double[] m)
            {
                for (int col = 0; col < n; col++)
                    for (int row = 0; row < n; row++)
                        m[col * n + row] = row == col ? 1 : 0;
            }

            [Differentiable]
            public static void Fill(double[] m, double v) { m[0] = v; }

            [Differentiable]
            public static double FillAndCount(double[] m) { m[0] = 3; return 1; }

            // a = I then a[1] = x: a[0]·x + a[1] = 2x.
            [Differentiable]
            public static double Identity(double x) { var a = new double[4]; SetIdentity(2, a); a[1] = x; return a[0] * x + a[1] + a[3] * x * x; }

            // Fill(a, 2): 2x.
            [Differentiable]
            public static double Filled(double x) { var a = new double[2]; Fill(a, 2); return a[0] * x; }

            // Σ_{i<n} (i + 1)·x: the fill is redone, then overwritten, every iteration.
            [Differentiable]
            public static double InALoop(double x, int n)
            {
                var a = new double[1];
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    Fill(a, i + 1);
                    s += a[0] * x;
                    a[0] = -7;
                }
                return s;
            }

            // The call's result is unused; what it writes is: 3x.
            [Differentiable]
            public static double ResultUnused(double x)
            {
                var a = new double[1];
                double count = FillAndCount(a);
                return a[0] * x;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo M(string name) => Compiled.Value.GetType("W")!.GetMethod(name)!;

    [Theory]
    [InlineData("Identity", 2.0 * 0.7 + 0.7 * 0.7, 2 + 2 * 0.7)]
    [InlineData("Filled", 1.4, 2)]
    [InlineData("ResultUnused", 2.1, 3)]
    public void TheWrittenValuesReachBackward_AsByHand(string method, double value, double derivative)
    {
        var result = CentralDifferenceRunner.Check(M(method), null, new object[] { 0.7 });
        Assert.Equal(value, result.Value, 13);
        Assert.Equal(derivative, result.Gradient[0]![0], 13);
    }

    [Fact]
    public void InALoop_AsByHand()
    {
        // Σ_{i<4} (i + 1) = 10.
        var result = CentralDifferenceRunner.Check(M("InALoop"), null, new object[] { 0.7, 4 });
        Assert.Equal(7, result.Value, 13);
        Assert.Equal(10, result.Gradient[0]![0], 13);
    }

    [Fact]
    public void AConstantWriteIntoANoDiffParameter_IsReplayed()
    {
        // Backward writes into the caller's [NoDiff] array as the method does, and reads it back: 2x, not 0 from its zeros.
        var source = Source.Replace("public static partial class W\n{",
            "public static partial class W\n{\n[Differentiable] public static double IntoParameter(double x, [NoDiff] double[] c) { Fill(c, 2); return c[0] * x; }", StringComparison.Ordinal);
        var type = GeneratorHarness.CompileAndLoad(source).GetType("W")!;
        var c = new double[1]; // zeros: what Backward read when it dropped the call
        var result = CentralDifferenceRunner.Check(type.GetMethod("IntoParameter")!, null, new object[] { 0.7, c });
        Assert.Equal(1.4, result.Value, 13);
        Assert.Equal(2, result.Gradient[0]![0], 13);
    }
}
