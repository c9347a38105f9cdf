using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Issue 14 (hess15, item 2): struct parameters built whole of the Hessian method itself (ADG0019 at the parameter until
/// hess15). Forward over reverse reads such a struct's members, keeps their tangents and adjoints' tangents in locals and
/// forms no adjoint struct, so nothing is written member by member. Each MHessian is checked by hand and against central
/// differences of MBackward (whose adjoint is the struct itself, as the contract fixes), MHessianVector along a direction,
/// and the C# 7.3 source compiles warning-free under every language version, nullable on and off.
/// </summary>
public class HessianBuiltWholeTests
{
    private static readonly Lazy<Assembly> OldCompiled = new(() => GeneratorHarness.CompileAndLoad(HessianBuiltWholeSource.Old));
    private static readonly Lazy<Assembly> RecentCompiled = new(() => GeneratorHarness.CompileAndLoad(HessianBuiltWholeSource.Recent));

    private static void Check(Lazy<Assembly> assembly, string type, string name, double[] p, double[]? hand, HessianChecks.Precision precision)
    {
        var t = assembly.Value.GetType(type, throwOnError: true)!;
        T Get<T>(string suffix) where T : Delegate => t.GetMethod(name + suffix, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();
        HessianChecks.Check(type + "." + name, Get<Func<double[], double[], double>>("H"), Get<Func<double[], double[], double[], double>>("V"),
            Get<Action<double[], double[]>>("G"), p, hand, precision);
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void OldForms_CompileWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, HessianBuiltWholeSource.Old);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        foreach (var name in new[] { "EnergyOf", "Loop", "Fields", "Seg" })
            Assert.Contains(result.Generated.Values, text => text.Contains(" " + name + "HessianVector(", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.7, -1.2, 1.5)]
    [InlineData(-0.4, 0.9, 0.3)]
    public void ReadonlyStructOfGetOnlyProperties_ByHand(double x, double v, double k)
    {
        // f = k(V² + X²)/2 + XV²: f_XX = k, f_XV = 2V, f_Xk = X, f_VV = k + 2X, f_Vk = V, f_kk = 0.
        double[] hand = { k, 2 * v, x, 2 * v, k + (2 * x), v, x, v, 0 };
        Check(OldCompiled, "Whole.Old", "EnergyOf", new[] { x, v, k }, hand, HessianChecks.Double);
    }

    [Theory]
    [InlineData(0.8, 1.1)]
    [InlineData(-1.3, 0.4)]
    public void BuiltAgainInALoop_ByIn_ByHand(double x, double v)
    {
        // n = 1: f = (XV)²/2 + (V + 1/2)²/2: f_XX = V², f_XV = 2XV, f_VV = X² + 1. n = 3 against central differences only.
        Check(OldCompiled, "Whole.Old", "Loop1", new[] { x, v }, new[] { v * v, 2 * x * v, 2 * x * v, (x * x) + 1 }, HessianChecks.Double);
        Check(OldCompiled, "Whole.Old", "Loop3", new[] { x * 0.5, v * 0.5 }, null, HessianChecks.Double);
    }

    [Fact]
    public void ReadonlyFieldsMixingFloatAndDouble_ByHand()
    {
        // f = A·B·x + x sin A over (A, B, x); B is a float: its row is float-precise, so the values are dyadic (exact in
        // float) and the central step 2⁻¹⁰ (exact too; the gradient is bilinear in B and x).
        double a = 0.625, b = 1.5, x = 0.5;
        double[] hand = { -Math.Sin(a) * x, x, b + Math.Cos(a), x, 0, a, b + Math.Cos(a), a, 0 };
        Check(OldCompiled, "Whole.Old", "Fields", new[] { a, b, x }, hand, HessianChecks.Double with { Step = 1.0 / 1024 });
    }

    [Theory]
    [InlineData(0.5, -0.25, 1.75, 1.0, 1.5)]
    [InlineData(-1.0, 0.75, 0.5, -1.5, 0.25)]
    public void StructValuedGetOnlyProperties_InAFloatMethod_ByHand(double fx, double fy, double tx, double ty, double w)
    {
        // f = w·L + From.X·To.Y, d = To − From, L = |d|: with M = (I − d dᵀ/L²)/L, H[To, To] = H[From, From] = w·M,
        // H[From, To] = −w·M, H[To, w] = d/L, H[From, w] = −d/L, and H[From.X, To.Y] += 1.
        double dx = tx - fx, dy = ty - fy, l = Math.Sqrt((dx * dx) + (dy * dy));
        double[,] m = { { (1 - (dx * dx / (l * l))) / l, -dx * dy / (l * l * l) }, { -dx * dy / (l * l * l), (1 - (dy * dy / (l * l))) / l } };
        var hand = new double[25];
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                hand[(i * 5) + j] = hand[((2 + i) * 5) + 2 + j] = w * m[i, j];
                hand[(i * 5) + 2 + j] = hand[((2 + j) * 5) + i] = -w * m[i, j];
            }
        }
        double[] unit = { dx / l, dy / l };
        for (int i = 0; i < 2; i++)
        {
            hand[(i * 5) + 4] = hand[(4 * 5) + i] = -unit[i];
            hand[((2 + i) * 5) + 4] = hand[(4 * 5) + 2 + i] = unit[i];
        }
        hand[(0 * 5) + 3] += 1;
        hand[(3 * 5) + 0] += 1;
        Check(OldCompiled, "Whole.Old", "Seg", new[] { fx, fy, tx, ty, w }, hand, HessianChecks.Float);
    }

    [Theory]
    [InlineData(0.6, -1.1)]
    [InlineData(-0.8, 0.5)]
    public void RecordStructWithAStructValuedComputedProperty_ByHand(double x, double y)
    {
        // f = r·x − 3y², r = √(x² + y²): f_xx = 3x/r − x³/r³, f_xy = y/r − x²y/r³, f_yy = x/r − xy²/r³ − 6.
        double r = Math.Sqrt((x * x) + (y * y)), r3 = r * r * r;
        double fxy = (y / r) - (x * x * y / r3);
        double[] hand = { (3 * x / r) - (x * x * x / r3), fxy, fxy, (x / r) - (x * y * y / r3) - 6 };
        Check(RecentCompiled, "Whole.Recent", "SpeedOf", new[] { x, y }, hand, HessianChecks.Double);
    }

    [Fact]
    public void RecordStructOfVector3Members_InAFloatMethod_ByHand()
    {
        // f = g·|V|² + P.Y·V.X over (P, V, g): H[Vᵢ, Vᵢ] = 2g, H[Vᵢ, g] = 2Vᵢ, H[P.Y, V.X] = 1.
        double[] p = { 0.5, -1.25, 2.0, 0.75, -0.5, 1.5, 1.25 };
        var hand = new double[49];
        for (int i = 0; i < 3; i++)
        {
            hand[((3 + i) * 7) + 3 + i] = 2 * p[6];
            hand[((3 + i) * 7) + 6] = hand[(6 * 7) + 3 + i] = 2 * p[3 + i];
        }
        hand[(1 * 7) + 3] = hand[(3 * 7) + 1] = 1;
        Check(RecentCompiled, "Whole.Recent", "BallE", p, hand, HessianChecks.Float);
    }

    [Theory]
    [InlineData(0.7, -1.4, 1.2)]
    [InlineData(-0.3, 0.6, -0.9)]
    public void InitOnlyProperties_ByHand(double gain, double bias, double x)
    {
        // f = G·B·x²: H[G, B] = x², H[G, x] = 2Bx, H[B, x] = 2Gx, H[x, x] = 2GB.
        double[] hand = { 0, x * x, 2 * bias * x, x * x, 0, 2 * gain * x, 2 * bias * x, 2 * gain * x, 2 * gain * bias };
        Check(RecentCompiled, "Whole.Recent", "Init", new[] { gain, bias, x }, hand, HessianChecks.Double);
    }

    [Fact]
    public void AStructBuiltWholeHoldingAComplex_StaysADG0019AtTheParameter()
    {
        // A Complex is built whole too, but its parts are not numbered among MHessian's scalars: refused, not taken with the
        // other structs built whole (nested in a readonly struct as well).
        HessianRefusalAssert.AtConstruct("""
                public readonly struct Wave { public Wave(System.Numerics.Complex a, double f) { A = a; F = f; } public System.Numerics.Complex A { get; } public double F { get; } }
                [Differentiable(Hessian = true)] public static double F(Wave w, double x) => w.A.Real * w.F * x;
            """, "Wave w", "System.Numerics.Complex");
    }
}
