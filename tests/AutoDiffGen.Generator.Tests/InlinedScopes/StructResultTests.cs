using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.InlinedScopes;

/// <summary>
/// A local function or lambda local returning a tuple or struct of reals (an ODE's right-hand side returning (θ′, ω′), a
/// helper returning a <c>Vector2</c>), or taking one, is inlined like one returning a double: deconstructed, kept in a
/// local, a member read, constant arguments too. Gradients against central differences and by hand; Forward and Hessian.
/// </summary>
public class StructResultTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, StructResultExamples.Source).Load());

    private static MethodInfo M(string name) => Compiled.Value.GetType("Returns.Local")!.GetMethod(name)!;

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3, false)]
    [InlineData(LanguageVersion.Latest, true)]
    public void CompilesWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, StructResultExamples.Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
    }

    [Theory]
    [InlineData(0.7, -1.2)]
    [InlineData(-0.4, 0.9)]
    public void Deconstructed_MatchesHand_ForwardAndHessianToo(double x, double y)
    {
        // (p, q) = (y, −xy): p·q = −x y². ∇ = (−y², −2xy); H = [[0, −2y], [−2y, −2x]].
        var g = CentralDifferenceRunner.Check(M("Deconstructed"), null, new object[] { x, y }).Gradient;
        Tolerance.AssertFormula(-y * y, g[0]![0], "∂/∂x");
        Tolerance.AssertFormula(-2 * x * y, g[1]![0], "∂/∂y");
        var args = new object[] { x, y, 0.3, -0.5, 0.0 };
        M("DeconstructedForward").Invoke(null, args);
        Tolerance.AssertFormula((0.3 * -y * y) + (-0.5 * -2 * x * y), (double)args[4], "tangent");
        var h = new double[4];
        ((Hessian2)Delegate.CreateDelegate(typeof(Hessian2), M("DeconstructedHessian")))(x, y, h);
        Tolerance.AssertFormula(0, h[0], "∂²/∂x²");
        Tolerance.AssertFormula(-2 * y, h[1], "∂²/∂x∂y");
        Tolerance.AssertFormula(-2 * y, h[2], "∂²/∂y∂x");
        Tolerance.AssertFormula(-2 * x, h[3], "∂²/∂y²");
    }

    private delegate double Hessian2(double x, double y, Span<double> hessian);

    [Theory]
    [InlineData(0.7, -1.2)]
    [InlineData(1.5, 0.25)]
    public void FromLambda_MatchesHand_ForwardToo(double x, double y)
    {
        // xy·(x + y) + (y + 2): ∂/∂x = 2xy + y², ∂/∂y = x² + 2xy + 1.
        var g = CentralDifferenceRunner.Check(M("FromLambda"), null, new object[] { x, y }).Gradient;
        Tolerance.AssertFormula((2 * x * y) + (y * y), g[0]![0], "∂/∂x");
        Tolerance.AssertFormula((x * x) + (2 * x * y) + 1, g[1]![0], "∂/∂y");
        var args = new object[] { x, y, 1.0, 0.0, 0.0 };
        M("FromLambdaForward").Invoke(null, args);
        Tolerance.AssertFormula((2 * x * y) + (y * y), (double)args[4], "tangent along x");
    }

    [Theory]
    [InlineData(0.7, 1.2)]
    [InlineData(0.7, -1.2)]
    public void Branches_MatchHand(double x, double y)
    {
        // xy > 0: (xy, y) → xy + 3y; else (y, x²y²) → y + 3x²y².
        var g = CentralDifferenceRunner.Check(M("Branches"), null, new object[] { x, y }).Gradient;
        bool positive = x * y > 0;
        Tolerance.AssertFormula(positive ? y : 6 * x * y * y, g[0]![0], "∂/∂x");
        Tolerance.AssertFormula(positive ? x + 3 : 1 + (6 * x * x * y), g[1]![0], "∂/∂y");
    }

    [Theory]
    [InlineData(0.7f, -1.2f)]
    [InlineData(-1.1f, 0.5f)]
    public void VectorResultAndArgument_MatchHand(float x, float y)
    {
        // x·4 + x² + y·x: ∂/∂x = 4 + 2x + y, ∂/∂y = x.
        var g = CentralDifferenceRunner.Check(M("VectorResult"), null, new object[] { x, y }).Gradient;
        Tolerance.AssertClose(4 + (2 * x) + y, g[0]![0], 1e-5, "∂/∂x");
        Tolerance.AssertClose(x, g[1]![0], 1e-5, "∂/∂y");
        // x·r, r = |(x, y)|: ∂/∂x = r + x²/r, ∂/∂y = xy/r.
        double r = Math.Sqrt((x * x) + (y * y));
        var v = CentralDifferenceRunner.Check(M("VectorArgument"), null, new object[] { x, y }).Gradient;
        Tolerance.AssertClose(r + (x * x / r), v[0]![0], 1e-5, "∂/∂x of x|v|");
        Tolerance.AssertClose(x * y / r, v[1]![0], 1e-5, "∂/∂y of x|v|");
    }

    [Theory]
    [InlineData(0.7, -1.2)]
    [InlineData(2.0, 0.3)]
    public void TupleArgument_MatchesHand(double x, double y)
    {
        // x·y² + 2x: ∂/∂x = y² + 2, ∂/∂y = 2xy.
        var g = CentralDifferenceRunner.Check(M("TupleArgument"), null, new object[] { x, y }).Gradient;
        Tolerance.AssertFormula((y * y) + 2, g[0]![0], "∂/∂x");
        Tolerance.AssertFormula(2 * x * y, g[1]![0], "∂/∂y");
    }

    [Theory]
    [InlineData(1.5, -0.8)]
    [InlineData(-0.6, 1.1)]
    public void RefTuple_KeepsTheTupleAndMatchesHand_ForwardAndHessianToo(double x, double y)
    {
        // (x + 0.5y)·y = xy + 0.5y²: ∇ = (y, x + y), H = [[0, 1], [1, 1]]. At (1.5, −0.8): f = −0.88, ∇ = (−0.8, 0.7).
        var check = CentralDifferenceRunner.Check(M("RefTuple"), null, new object[] { x, y });
        Tolerance.AssertFormula((x * y) + (0.5 * y * y), check.Value, "value");
        Tolerance.AssertFormula(y, check.Gradient[0]![0], "∂/∂x");
        Tolerance.AssertFormula(x + y, check.Gradient[1]![0], "∂/∂y");
        var args = new object[] { x, y, 0.3, -0.5, 0.0 };
        M("RefTupleForward").Invoke(null, args);
        Tolerance.AssertFormula((0.3 * y) + (-0.5 * (x + y)), (double)args[4], "tangent");
        var h = new double[4];
        ((Hessian2)Delegate.CreateDelegate(typeof(Hessian2), M("RefTupleHessian")))(x, y, h);
        Tolerance.AssertFormula(0, h[0], "∂²/∂x²");
        Tolerance.AssertFormula(1, h[1], "∂²/∂x∂y");
        Tolerance.AssertFormula(1, h[2], "∂²/∂y∂x");
        Tolerance.AssertFormula(1, h[3], "∂²/∂y²");
    }

    [Theory]
    [InlineData(0.7, -1.2)]
    [InlineData(0.5, 0.4)]
    [InlineData(11.0, 1.0)]
    public void RefStructSteps_MatchHand_ForwardToo(double x, double y)
    {
        // Both steps run (X stays ≤ 10): X = x + 2y + 3·2y = x + 8y, Y = 6y, f = 6xy + 48y², ∇ = (6y, 6x + 96y).
        // x = 11: neither runs, f = xy, ∇ = (y, x).
        bool moves = x <= 10;
        var check = CentralDifferenceRunner.Check(M("RefStructSteps"), null, new object[] { x, y });
        Tolerance.AssertFormula(moves ? (6 * x * y) + (48 * y * y) : x * y, check.Value, "value");
        Tolerance.AssertFormula(moves ? 6 * y : y, check.Gradient[0]![0], "∂/∂x");
        Tolerance.AssertFormula(moves ? (6 * x) + (96 * y) : x, check.Gradient[1]![0], "∂/∂y");
        var args = new object[] { x, y, 0.0, 1.0, 0.0 };
        M("RefStructStepsForward").Invoke(null, args);
        Tolerance.AssertFormula(moves ? (6 * x) + (96 * y) : x, (double)args[4], "tangent along y");
    }

    [Theory]
    [InlineData(0.3, 9.81, 1.0)]
    [InlineData(1.2, 3.0, 0.5)]
    public void Pendulum_MatchesCentralDifferences(double theta0, double g, double len)
    {
        CentralDifferenceRunner.Check(M("Pendulum"), null, new object[] { theta0, g, len });
    }

    [Theory]
    [InlineData(1.5, 0.8)]
    [InlineData(-0.7, 2.0)]
    public void LinearRk4_MatchesTheStepPolynomial(double y0, double k)
    {
        // RK4 on y′ = −ky multiplies by R(z) = 1 + z + z²/2 + z³/6 + z⁴/24, z = −kh, per step: y = y0·R¹⁰.
        const double h = 0.1;
        double z = -k * h;
        double r = 1 + z + (z * z / 2) + (z * z * z / 6) + (z * z * z * z / 24);
        double dr = -h * (1 + z + (z * z / 2) + (z * z * z / 6));
        var g = CentralDifferenceRunner.Check(M("LinearRk4"), null, new object[] { y0, k }).Gradient;
        Tolerance.AssertFormula(Math.Pow(r, 10), g[0]![0], "∂/∂y0");
        Tolerance.AssertFormula(y0 * 10 * Math.Pow(r, 9) * dr, g[1]![0], "∂/∂k");
    }
}
