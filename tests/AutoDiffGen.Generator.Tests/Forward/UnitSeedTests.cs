using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// The seed of a carried or mixed <c>MBackward</c> read as the literal 1 (<c>Differentiator.UnitSeed</c>, horner12): no
/// <c>tX</c> local, <c>acc * tX</c> written <c>acc</c>, every other rule with 1 for the seed. Each case: the text, the value
/// and gradient derived by hand, and <see cref="CentralDifferenceRunner"/> (central differences, adds with seed 2). The float
/// parameter with a double result (<c>Wide</c>) did not compile before: <c>dX += tS_1 * dResult</c> put a double into a
/// <c>ref float</c> (CS0266) in a carried Backward.
/// </summary>
public class UnitSeedTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class U
        {
            [Differentiable]
            public static double Horner(double[] c, double x)
            {
                double acc = 0;
                for (int i = c.Length - 1; i >= 0; i--) acc = acc * x + c[i];
                return acc;
            }

            // The loop's carried value starts as x: its tangent starts as the seed, 1.
            [Differentiable]
            public static double Start(double x, int n)
            {
                double acc = x;
                for (int i = 0; i < n; i++) acc = acc * x + 1.0;
                return acc;
            }

            // A float scalar, a double result: the seed converted, the carried add converted back.
            [Differentiable]
            public static double Wide(float x, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += (double)x * i - x / (i + 1.0);
                return s;
            }

            // x read by every kind of rule: a product with itself, a quotient's both sides, sin, a subtraction, a power, max.
            [Differentiable]
            public static double Rules(double[] c, double x)
            {
                double s = 0;
                for (int i = 0; i < c.Length; i++)
                    s = s / (1.0 + x * x) + c[i] * Math.Sin(x) - x + 2.0 / x + Math.Pow(x, 3.0) - Math.Max(c[i], x);
                return s;
            }

            [Differentiable]
            public static float Floats(float x, int n)
            {
                float s = 1f;
                for (int i = 0; i < n; i++) s = MathF.Max(s * x, x) + MathF.Pow(x, 2f) - (-x);
                return s;
            }

            // The result is x itself when the loop runs no times.
            [Differentiable]
            public static double Same(double x, int n)
            {
                double s = x;
                for (int i = 0; i < n; i++) s = Math.Sin(s);
                return s;
            }
        }
        """;

    private static readonly Lazy<(GeneratorOutput Run, Type Type)> Compiled = new(() =>
    {
        var run = GeneratorHarness.RunForLoad(Source);
        run.AssertClean();
        return (run, GeneratorHarness.Load(run).GetType("U")!);
    });

    private static string Text(string method) => Compiled.Value.Run.Generated.Single(g => g.Key.StartsWith("U." + method + "_", StringComparison.Ordinal)).Value;

    private static MethodInfo Method(string name) => Compiled.Value.Type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    [Fact]
    public void Horner_carries_p_prime_without_a_product_by_the_seed()
    {
        string text = Text("Horner");
        Assert.True(CarriedSeeds.Adds(text), text);
        Assert.False(CarriedSeeds.DeclaresSeed(text), text);
        // The tangent is written into its phi copy (perf24): p′ carried as xCopy · p′ + p, no product by the seed.
        Assert.Contains("tAcc_1 = xCopy * tAcc_1 + acc_1;", text, StringComparison.Ordinal);
        // p = 1 + 2x + 3x² at 0.5: 2.75; p′ = 2 + 6x = 5; ∂p/∂c = (1, x, x²).
        double[] c = [1, 2, 3], dC = new double[3];
        var args = new object[] { c, 0.5, dC, 0.0, 1.0 };
        double value = (double)Compiled.Value.Type.GetMethod("HornerBackward")!.Invoke(null, args)!;
        Assert.Equal(2.75, value);
        Assert.Equal(5.0, (double)args[3]);
        Assert.Equal([1.0, 0.5, 0.25], dC);
        CentralDifferenceRunner.Check(Method("Horner"), null, [new[] { 0.3, -1.2, 0.7, 2.0 }, -0.85]);
    }

    [Theory]
    [InlineData(0.5, 2, 1.75)]
    [InlineData(-1.5, 0, 1.0)]
    public void A_carried_value_that_starts_as_x(double x, int n, double expected)
    {
        // n = 2: acc = x³ + x + 1, acc′ = 3x² + 1 (1.75 at 0.5); n = 0: acc = x, acc′ = 1.
        Assert.False(CarriedSeeds.DeclaresSeed(Text("Start")), Text("Start"));
        var args = new object[] { x, n, 0.0, 1.0 };
        Compiled.Value.Type.GetMethod("StartBackward")!.Invoke(null, args);
        Assert.Equal(expected, (double)args[2], 14);
        CentralDifferenceRunner.Check(Method("Start"), null, [x, n]);
    }

    [Fact]
    public void A_float_scalar_with_a_double_result_compiles_and_converts_its_add()
    {
        string text = Text("Wide");
        Assert.Contains("dX += (float)(tS_1 * dResult);", text, StringComparison.Ordinal);
        // s = Σ_{i<3} (x·i − x/(i+1)): s′ = (0 − 1) + (1 − 1/2) + (2 − 1/3) = 7/6 for every x.
        var args = new object[] { 0.75f, 3, 0f, 1.0 };
        Compiled.Value.Type.GetMethod("WideBackward")!.Invoke(null, args);
        Assert.Equal(7.0 / 6.0, (float)args[2], 5);
        CentralDifferenceRunner.Check(Method("Wide"), null, [0.75f, 3]);
        CentralDifferenceRunner.Check(Method("Wide"), null, [-2.5f, 5]);
    }

    [Fact]
    public void Every_rule_gets_one_for_the_seed()
    {
        string text = Text("Rules");
        Assert.True(CarriedSeeds.Adds(text), text);
        Assert.False(CarriedSeeds.DeclaresSeed(text), text);
        // x·x: x + x; sin: cos x alone; − x: − 1.0; 2/x: −y·(1.0/x).
        Assert.Contains("xCopy + xCopy", text, StringComparison.Ordinal);
        // (sin's tangent may be written into its reader: perf24's tangent inlining; never times the seed.)
        Assert.Contains("global::System.Math.Cos(xCopy)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("global::System.Math.Cos(xCopy) * 1.0", text, StringComparison.Ordinal);
        // (− x's tangent − 1.0 may be written into its reader too.)
        Assert.Contains(" - 1.0", text, StringComparison.Ordinal);
        Assert.Contains("* (1.0 / xCopy)", text, StringComparison.Ordinal);
        // One coefficient c = (2): s = 2 sin x − x + 2/x + x³ − max(2, x); at x = 0.5, s′ = 2 cos 0.5 − 1 − 8 + 0.75 − 0, and
        // ∂s/∂c = sin x − 1 (max routes to c, which is larger).
        double[] c = [2.0], dC = new double[1];
        var args = new object[] { c, 0.5, dC, 0.0, 1.0 };
        Compiled.Value.Type.GetMethod("RulesBackward")!.Invoke(null, args);
        Assert.Equal((2 * Math.Cos(0.5)) - 1 - 8 + 0.75, (double)args[3], 13);
        Assert.Equal(Math.Sin(0.5) - 1.0, dC[0], 14);
        CentralDifferenceRunner.Check(Method("Rules"), null, [new[] { 0.4, -1.1, 2.5 }, 0.8]);
        CentralDifferenceRunner.Check(Method("Rules"), null, [new[] { 0.4, -1.1, 2.5 }, 3.1]);
    }

    [Fact]
    public void Floats_fold_to_1f()
    {
        string text = Text("Floats");
        Assert.False(CarriedSeeds.DeclaresSeed(text), text);
        Assert.Contains("(prod >= x ? 0f : 1f)", text, StringComparison.Ordinal);
        Assert.Contains("= -1f;", text, StringComparison.Ordinal);
        // n = 1 at x = 0.5: s = max(x, x) + x² + x; the tie routes to the left (s·x, whose tangent is s = 1): s′ = 1 + 2x + 1 = 3.
        var args = new object[] { 0.5f, 1, 0f, 1f };
        Compiled.Value.Type.GetMethod("FloatsBackward")!.Invoke(null, args);
        Assert.Equal(3f, (float)args[2], 5);
        CentralDifferenceRunner.Check(Method("Floats"), null, [1.3f, 3]);
    }

    [Theory]
    [InlineData(0.7, 0)]
    [InlineData(0.7, 2)]
    public void A_result_that_is_x_itself(double x, int n)
    {
        // n = 0: s = x, s′ = 1; n = 2: s = sin(sin x), s′ = cos(sin x)·cos x.
        double expected = n == 0 ? 1.0 : Math.Cos(Math.Sin(x)) * Math.Cos(x);
        var args = new object[] { x, n, 0.0, 1.0 };
        Compiled.Value.Type.GetMethod("SameBackward")!.Invoke(null, args);
        Assert.Equal(expected, (double)args[2], 14);
        CentralDifferenceRunner.Check(Method("Same"), null, [x, n]);
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void Compiles_without_errors_or_warnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.DoesNotContain(result.Generated.Values, text => CarriedSeeds.DeclaresSeed(text));
    }
}
