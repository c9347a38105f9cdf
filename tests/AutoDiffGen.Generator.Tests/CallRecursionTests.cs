using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests;

/// <summary>Direct and mutual recursion: each Backward calls the callee's Backward on the branch taken.</summary>
public class CallRecursionTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Rec
        {
            [Differentiable]
            public static double Power(double x, int n) => n == 0 ? 1.0 : x * Power(x, n - 1);

            [Differentiable]
            public static double Even(double x, int n) => n == 0 ? x : Odd(x * 1.1, n - 1);

            [Differentiable]
            public static double Odd(double x, int n) => n == 0 ? Math.Sin(x) : Even(x + 0.2, n - 1);
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static (double Value, double Gradient) Backward(string name, double x, int n)
    {
        var args = new object[] { x, n, 0.0, 1.0 };
        double value = (double)Compiled.Value.GetType("Rec")!.GetMethod(name + "Backward")!.Invoke(null, args)!;
        return (value, (double)args[2]);
    }

    [Theory]
    [InlineData(1.3, 0)]
    [InlineData(1.3, 1)]
    [InlineData(-0.7, 5)]
    public void DirectRecursion_PowerRule(double x, int n)
    {
        var (value, g) = Backward("Power", x, n);
        Tolerance.AssertFormula(Math.Pow(x, n), value);
        Tolerance.AssertFormula(n == 0 ? 0 : n * Math.Pow(x, n - 1), g);
    }

    [Theory]
    [InlineData(0.4, 0)]
    [InlineData(0.4, 3)]
    [InlineData(-1.1, 6)]
    public void MutualRecursion_MatchesCentralDifferences(double x, int n)
    {
        var (_, g) = Backward("Even", x, n);
        var primal = Compiled.Value.GetType("Rec")!.GetMethod("Even")!;
        GradCheck.Check(p => (double)primal.Invoke(null, new object[] { p[0], n })!, new[] { x }, new[] { g }).ThrowIfFailed();
    }
}
