using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Complex;

/// <summary>
/// Operators of Complex and Vector2/3 over constants inside an expression that carries no gradient (the argument of
/// Complex.Abs, Vector2.Dot, a Length()): written back as the same operator (ConstantRenderer.NumericsOperators). On main
/// d272838 <c>Complex.Abs(new Complex(3, 0) - new Complex(0, 4))</c> was ADG0003. Each derivative is the constant's value,
/// derived by hand, and checked by central differences too.
/// </summary>
public class ComplexConstantOperatorTests
{
    private const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        public static partial class Constants
        {
            [Differentiable]
            public static double Abs34(double x) => x * Complex.Abs(new Complex(3, 0) - new Complex(0, 4));
            [Differentiable]
            public static double TwoI(double x) => x * (new Complex(2, 0) * new Complex(0, 1)).Imaginary + x * x;
            [Differentiable]
            public static double Quotient(double x) => x * Complex.Abs(-new Complex(1, 1) / new Complex(0, 2));
            [Differentiable]
            public static float Dot(float x) => x * Vector2.Dot(Vector2.One * 2f, new Vector2(1f, 3f));
            [Differentiable]
            public static float Length(float x) => x * (-Vector3.UnitX + Vector3.One / 2f).Length();
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    [Theory]
    [InlineData("Abs34", 5.0, 0.0)]                // |3 − 4i| = 5
    [InlineData("TwoI", 2.0, 1.0)]                 // Im(2·i) = 2, plus x²
    [InlineData("Quotient", 0.70710678118654752, 0.0)] // −(1 + i)/(2i) = (−1 + i)/2, |·| = √0.5
    [InlineData("Dot", 8.0, 0.0)]                  // (2, 2)·(1, 3) = 8
    [InlineData("Length", 0.86602540378443865, 0.0)]   // |(−0.5, 0.5, 0.5)| = √0.75
    public void ConstantOperators_GiveTheHandDerivative(string name, double constant, double square)
    {
        var method = new Differentiated(Compiled.Value, "Constants", name);
        bool single = name is "Dot" or "Length";
        foreach (double x in new[] { 0.7, -1.3 })
        {
            var (value, g) = method.Backward(new[] { x });
            double tolerance = single ? 1e-5 : 1e-12;
            Tolerance.AssertClose(constant * x + square * x * x, value, tolerance * 10, name + " value");
            Tolerance.AssertClose(constant + 2 * square * x, g[0], tolerance * 10, name + " derivative by hand");
            if (!single) GradCheck.Check(p => method.Value(p), new[] { x }, g).ThrowIfFailed();
            else Tolerance.AssertClose((method.Value(x + 1e-2) - method.Value(x - 1e-2)) / 2e-2, g[0], 1e-3, name + " by central differences");
        }
    }
}
