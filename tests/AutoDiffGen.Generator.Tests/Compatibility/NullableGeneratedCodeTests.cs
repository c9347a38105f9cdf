using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Compatibility;

/// <summary>
/// Generated code is warning-free under nullable reference types (CompileAndLoad asserts zero warnings), with the
/// shapes that used to warn: a local array declared before a branch (CS8600 on 'double[] c = default;'), a null
/// guard on an array parameter (CS8602 on the reads after it), a maybe-null value passed on (CS8604). Each
/// gradient is checked against central differences.
/// </summary>
public class NullableGeneratedCodeTests
{
    private const string Source = """
        using AutoDiffGen;

        public static partial class N
        {
            // The array is written in both branches of an if: it is a versioned local declared before the if.
            [Differentiable]
            public static double StoresInBranches(double[] a, double x)
            {
                double[] c = new double[2];
                if (x > 0) { c[0] = a[0] * x; } else { c[0] = a[1] * x; }
                c[1] = a[1];
                return c[0] * c[1];
            }

            // Created after an early return: inside the branch that runs the rest, declared before it.
            [Differentiable]
            public static double CreatedAfterReturn(double[] a, double x)
            {
                if (x > 10) return x;
                double[] c2;
                c2 = new double[2];
                c2[0] = a[0] * x;
                c2[1] = a[1];
                return c2[0] * c2[1];
            }

            [Differentiable]
            public static double Guarded(double[]? a, double x)
            {
                if (a == null) return 0;
                return a[0] * x + a[1] * a.Length;
            }

            // Not annotated, guarded anyway.
            [Differentiable]
            public static double GuardedPlain(double[] a, double x)
            {
                if (a == null) return x;
                return a[0] * x * a[1];
            }

            [Differentiable]
            public static double Scaled(double x, [NoDiff] double[] w) => w[0] * x;

            public static double Second(double[] w) => w[1];

            // A maybe-null array passed on, after the guard, to a [Differentiable] callee and to a plain method.
            [Differentiable]
            public static double PassesOn(double x, [NoDiff] double[]? w)
            {
                if (w != null) return Scaled(x, w) * Second(w);
                return x * x;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private delegate double ArrayBackward(double[]? a, double x, double[]? dA, ref double dX, double dResult);
    private delegate double PassesOnBackward(double x, double[]? w, ref double dX, double dResult);

    private static T Method<T>(string name) where T : Delegate => Compiled.Value.GetType("N")!.GetMethod(name)!.CreateDelegate<T>();

    private static Func<double[], double, double> Primal(string name) => Method<Func<double[], double, double>>(name);

    [Theory]
    [InlineData("StoresInBranches", 0.7)]
    [InlineData("StoresInBranches", -0.4)]
    [InlineData("CreatedAfterReturn", 0.9)]
    [InlineData("CreatedAfterReturn", 12.0)]
    [InlineData("Guarded", 0.3)]
    [InlineData("GuardedPlain", -1.1)]
    public void ArrayMethods_GradientEqualsCentralDifferences(string name, double x)
    {
        double[] a = { 1.3, -0.8 };
        var dA = new double[2];
        double dX = 0;
        double value = Method<ArrayBackward>(name + "Backward")(a, x, dA, ref dX, 1.0);
        var f = Primal(name);
        Assert.Equal(f(a, x), value, 12);
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(Central(t => { var b = (double[])a.Clone(); b[i] = t; return f(b, x); }, a[i]), dA[i], 6);
        }
        Assert.Equal(Central(t => f(a, t), x), dX, 6);
    }

    [Fact]
    public void StoresInBranches_MatchesTheHandDerivedGradient()
    {
        // x > 0: f = (a0·x)·a1, so df/da0 = x·a1, df/da1 = a0·x, df/dx = a0·a1.
        double[] a = { 1.3, -0.8 };
        var dA = new double[2];
        double dX = 0;
        Method<ArrayBackward>("StoresInBranchesBackward")(a, 0.7, dA, ref dX, 1.0);
        Assert.Equal(0.7 * -0.8, dA[0], 12);
        Assert.Equal(1.3 * 0.7, dA[1], 12);
        Assert.Equal(1.3 * -0.8, dX, 12);
    }

    [Fact]
    public void Guarded_NullArrayAndNullAdjoint_IsTheMethodsOwnZero()
    {
        // Declared double[]?: null is a value the method handles, so its adjoint may be null too.
        double dX = 5;
        double value = Method<ArrayBackward>("GuardedBackward")(null, 0.3, null, ref dX, 1.0);
        Assert.Equal(0, value);
        Assert.Equal(5, dX);
    }

    [Fact]
    public void Guarded_SignatureMirrorsTheNullableParameter()
    {
        var text = GeneratorHarness.Run(Source).Generated.Single(g => g.Key.Contains(".Guarded_", StringComparison.Ordinal)).Value;
        Assert.Contains("GuardedBackward(double[]? a, double x, double[]? dA, ref double dX, double dResult = 1)", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.6)]
    [InlineData(-2.0)]
    public void PassesOn_GradientEqualsCentralDifferences(double x)
    {
        double[] w = { 1.7, -0.6 };
        var backward = Method<PassesOnBackward>("PassesOnBackward");
        var f = Method<Func<double, double[]?, double>>("PassesOn");
        double dX = 0;
        Assert.Equal(f(x, w), backward(x, w, ref dX, 1.0), 12);
        Assert.Equal(Central(t => f(t, w), x), dX, 6);
        Assert.Equal(1.7 * -0.6, dX, 12); // hand-derived: d/dx (w0·x·w1)

        double dXNull = 0;
        Assert.Equal(x * x, backward(x, null, ref dXNull, 1.0), 12);
        Assert.Equal(2 * x, dXNull, 6);
    }

    [Fact]
    public void ArrayCreatedInBothBranches_IsDiagnosedNotMisdifferentiated()
    {
        // Two creations have two adjoint arrays; after the if only one would be read: a silent zero gradient.
        const string source = """
            using AutoDiffGen;
            public static partial class B
            {
                [Differentiable]
                public static double F(double[] a, double x)
                {
                    double[] c;
                    if (x > 0) { c = new double[1]; c[0] = a[0] * x; }
                    else { c = new double[1]; c[0] = a[0] - x; }
                    return c[0];
                }
            }
            """;
        var result = GeneratorHarness.Run(source);
        var error = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("ADG0003", error.Id);
        Assert.Contains("'c' created in both branches", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(result.Generated);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp8)]
    [InlineData(LanguageVersion.Latest)]
    public void NullableDisabledProject_CompilesWithoutWarnings(LanguageVersion version)
    {
        // The same methods without '?' (nullable off would warn CS8632 on the user's own annotations).
        var result = LanguageVersionHarness.Run(version, nullable: false, null, Source.Replace("double[]?", "double[]", StringComparison.Ordinal));
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(6, result.Generated.Count);
    }

    private static double Central(Func<double, double> f, double at)
    {
        const double h = 1e-6;
        return (f(at + h) - f(at - h)) / (2 * h);
    }
}
