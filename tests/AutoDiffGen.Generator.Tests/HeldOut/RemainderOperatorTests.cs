using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// Numerics libraries wrap angles and phases with the C# remainder operator on reals: a floored modulus written as
/// ((x % m) + m) % m, a plain remainder x % m, or t %= period. x % y is x − trunc(x/y)·y, so away from its jumps the
/// derivative is 1 in x and −trunc(x/y) in y, like Math.IEEERemainder's with round for trunc. The held-out numerics check
/// had ADG0003 at each such operator. Checked here against central differences and by hand, in double and float, in
/// reverse, forward and Hessian mode; a % on integers or a user-defined % stays what it was.
/// </summary>
public class RemainderOperatorTests
{
    private static string Source(string r) => $$"""
        using System;
        using AutoDiffGen;

        public static partial class Wrap
        {
            [Differentiable(Forward = true, Hessian = true)]
            public static {{r}} Modulus({{r}} dividend, {{r}} divisor) => ((dividend % divisor) + divisor) % divisor;

            [Differentiable(Forward = true, Hessian = true)]
            public static {{r}} Remainder({{r}} dividend, {{r}} divisor) => dividend % divisor;

            // A product makes the Hessian non-zero: (x % y)·x has ∂²/∂x² = 2 and ∂²/∂x∂y = −trunc(x/y).
            [Differentiable(Forward = true, Hessian = true)]
            public static {{r}} Scaled({{r}} x, {{r}} y) => (x % y) * x;

            [Differentiable(Forward = true)]
            public static {{r}} Phase({{r}} omega, {{r}} t)
            {
                {{r}} phase = omega * t;
                phase %= 2 * ({{r}})Math.PI;
                return phase * phase;
            }

            // Hessians that are zero on every piece: the Hessian–vector sweep reads no first-order adjoint, and declared its
            // seed anyway (CS0219, an error under warnings-as-errors) before this file's change.
            [Differentiable(Hessian = true)]
            public static {{r}} Ieee({{r}} x, {{r}} y) => ({{r}})Math.IEEERemainder(x, y);

            [Differentiable(Hessian = true)]
            public static {{r}} Affine({{r}} x, {{r}} y) => x + 2 * y;

            [Differentiable]
            public static {{r}} MixedWithInt({{r}} x, {{r}} y) => x % 3 + y % (int)4;
        }

        public static class Probe
        {
            // MHessian takes a Span, which reflection cannot pass.
            public static {{r}} ScaledHessian({{r}} x, {{r}} y, {{r}}[] h) => Wrap.ScaledHessian(x, y, h);
            public static {{r}} IeeeHessian({{r}} x, {{r}} y, {{r}}[] h) => Wrap.IeeeHessian(x, y, h);
            public static {{r}} AffineHessian({{r}} x, {{r}} y, {{r}}[] h) => Wrap.AffineHessian(x, y, h);
        }
        """;

    private static readonly Lazy<Assembly> Doubles = new(() => GeneratorHarness.CompileAndLoad(Source("double")));
    private static readonly Lazy<Assembly> Floats = new(() => GeneratorHarness.CompileAndLoad(Source("float")));

    public static IEnumerable<object[]> Points() => new[]
    {
        new object[] { "Modulus", new[] { 7.3, 2.5 } },
        new object[] { "Modulus", new[] { -7.3, 2.5 } },   // floored: −7.3 − 2.5·floor(−2.92) = 0.2, ∂/∂y = 3
        new object[] { "Modulus", new[] { 5.2, -1.5 } },
        new object[] { "Remainder", new[] { 7.3, 2.5 } },
        new object[] { "Remainder", new[] { -7.3, 2.5 } },
        new object[] { "Remainder", new[] { 0.4, 3.0 } },
        new object[] { "Scaled", new[] { 9.1, 2.0 } },
        new object[] { "Scaled", new[] { -4.4, 1.3 } },
        new object[] { "Phase", new[] { 3.1, 2.2 } },
        new object[] { "Phase", new[] { -1.7, 5.0 } },
        new object[] { "MixedWithInt", new[] { 7.6, -9.5 } },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void Backward_MatchesCentralDifferences(string name, double[] point)
    {
        var method = new Differentiated(Doubles.Value, "Wrap", name);
        var (value, gradient) = method.Backward(point);
        Assert.Equal(method.Value(point), value);
        GradCheck.Check(p => method.Value(p), point, gradient).ThrowIfFailed();
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void Float_MatchesTheDoubleFunctionsDifferences(string name, double[] point)
    {
        var single = new Differentiated(Floats.Value, "Wrap", name);
        var reference = new Differentiated(Doubles.Value, "Wrap", name);
        var (_, gradient) = single.Backward(point);
        GradCheck.Check(p => reference.Value(p), point, gradient, relTol: 1e-3, absTol: 1e-4).ThrowIfFailed();
    }

    [Theory]
    [InlineData("Remainder", 7.3, 2.5, 1.0, -2.0)]   // 7.3 − 2·2.5
    [InlineData("Remainder", -7.3, 2.5, 1.0, 2.0)]   // trunc(−2.92) = −2
    [InlineData("Modulus", -7.3, 2.5, 1.0, 3.0)]     // r = −2.3; r + 2.5 = 0.2; 0.2 % 2.5: ∂/∂y = 2 (r's) + 1 − 0
    [InlineData("Modulus", 7.3, 2.5, 1.0, -2.0)]     // r = 2.3; 4.8 % 2.5 = 2.3: ∂/∂y = −2 + 1 − 1
    [InlineData("MixedWithInt", 7.6, -9.5, 1.0, 1.0)] // constants as divisors: 1 for each dividend
    public void HandDerived(string name, double a, double b, double da, double db)
    {
        var (_, g) = new Differentiated(Doubles.Value, "Wrap", name).Backward(new[] { a, b });
        Tolerance.AssertClose(da, g[0], 1e-12, name + " d/da");
        Tolerance.AssertClose(db, g[1], 1e-12, name + " d/db");
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void Forward_AgreesWithBackward(string name, double[] point)
    {
        if (name == "MixedWithInt") return; // reverse only (no Forward = true)
        var method = new Differentiated(Doubles.Value, "Wrap", name);
        double[] t = { 0.7, -1.3 };
        var (_, gradient) = method.Backward(point);
        var (value, tangent) = method.Forward(point, t);
        Assert.Equal(method.Value(point), value);
        Tolerance.AssertFormula((gradient[0] * t[0]) + (gradient[1] * t[1]), tangent, "tResult vs Backward · t");
    }

    [Theory]
    [InlineData(9.1, 2.0)]
    [InlineData(-4.4, 1.3)]
    public void Hessian_IsLinearOnEachPiece(double x, double y)
    {
        var h = new double[4];
        Doubles.Value.GetType("Probe")!.GetMethod("ScaledHessian")!.Invoke(null, new object[] { x, y, h });
        double n = Math.Truncate(x / y);
        Tolerance.AssertClose(2.0, h[0], 1e-12, "∂²/∂x²");
        Tolerance.AssertClose(-n, h[1], 1e-12, "∂²/∂x∂y");
        Tolerance.AssertClose(-n, h[2], 1e-12, "∂²/∂y∂x");
        Tolerance.AssertClose(0.0, h[3], 1e-12, "∂²/∂y²");
    }

    [Theory]
    [InlineData("IeeeHessian")]
    [InlineData("AffineHessian")]
    public void Hessian_ThatIsZeroOnEveryPiece_CompilesAndIsZero(string probe)
    {
        // Compiling at all is the regression (the generated seed was CS0219); both precisions are compiled clean above.
        var h = new[] { 9.0, 9.0, 9.0, 9.0 };
        Doubles.Value.GetType("Probe")!.GetMethod(probe)!.Invoke(null, new object[] { 2.7, 0.8, h });
        Assert.All(h, v => Assert.Equal(0.0, v));
        var hf = new[] { 9f, 9f, 9f, 9f };
        Floats.Value.GetType("Probe")!.GetMethod(probe)!.Invoke(null, new object[] { 2.7f, 0.8f, hf });
        Assert.All(hf, v => Assert.Equal(0f, v));
    }

    [Theory]
    // A compound % on an array element is not taken (only + − × ÷ are): an error at the value, no Backward.
    [InlineData("[Differentiable] public static double F(double x) { var t = new double[1]; t[0] = x; t[0] %= 2.0; return t[0]; }", "2.0")]
    public void CompoundRemainderIntoAnArrayElement_StaysAnError(string member, string span)
    {
        var result = GeneratorHarness.Run("using System;\nusing AutoDiffGen;\npublic static partial class C {\n" + member + "\n}\n");
        var errors = result.Diagnostics.Where(d => d.Id.StartsWith("ADG", StringComparison.Ordinal) && d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count > 0, result.Dump());
        Assert.Contains(errors, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == span);
        Assert.DoesNotContain(result.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }
}
