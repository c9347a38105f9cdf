using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Complex;

/// <summary>
/// System.Numerics.Complex inside a method (issue 13 item 4): the gradient of a real function of x = Re z and y = Im z is
/// (∂/∂x, ∂/∂y), the real-gradient convention. Each method is checked against central differences and a hand value:
/// |z|² → 2(x, y); |z| → (x, y)/|z|; arg z → (−y, x)/|z|²; and for every holomorphic f, by Cauchy–Riemann,
/// ∇ Re f = (Re f′, −Im f′) and ∇ Im f = (Im f′, Re f′), with f′ computed by System.Numerics.
/// </summary>
public class ComplexGradientTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(ComplexExamples.Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("ComplexUses.Z")!.GetMethod(name)!;

    public static IEnumerable<object[]> Points() => new[]
    {
        new object[] { 0.7, 0.4 },
        new object[] { -1.3, 0.9 },
        new object[] { 0.5, -2.1 },
        new object[] { -0.8, -0.6 },
    };

    public static IEnumerable<object[]> FunctionsAtPoints() =>
        ComplexExamples.Functions.SelectMany(f => Points().Select(p => new object[] { f, p[0], p[1] }));

    [Theory]
    [MemberData(nameof(Points))]
    public void Abs2_IsTwiceTheParts(double x, double y)
    {
        var g = CentralDifferenceRunner.Check(Method("Abs2"), null, new object[] { x, y });
        Tolerance.AssertFormula(2 * x, g.Gradient[0]![0], "∂|z|²/∂x");
        Tolerance.AssertFormula(2 * y, g.Gradient[1]![0], "∂|z|²/∂y");
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void MagnitudeAbsPhase_MatchHand(double x, double y)
    {
        double r = Math.Sqrt((x * x) + (y * y));
        foreach (var name in new[] { "Magnitude", "Abs" })
        {
            var g = CentralDifferenceRunner.Check(Method(name), null, new object[] { x, y });
            Tolerance.AssertFormula(x / r, g.Gradient[0]![0], name + " ∂/∂x");
            Tolerance.AssertFormula(y / r, g.Gradient[1]![0], name + " ∂/∂y");
        }
        var p = CentralDifferenceRunner.Check(Method("Phase"), null, new object[] { x, y });
        Tolerance.AssertFormula(-y / (r * r), p.Gradient[0]![0], "arg ∂/∂x");
        Tolerance.AssertFormula(x / (r * r), p.Gradient[1]![0], "arg ∂/∂y");
    }

    [Theory]
    [MemberData(nameof(FunctionsAtPoints))]
    public void HolomorphicFunctions_FollowCauchyRiemann(string f, double x, double y)
    {
        var d = ComplexExamples.Derivative(f, new System.Numerics.Complex(x, y));
        var re = CentralDifferenceRunner.Check(Method("Re" + f), null, new object[] { x, y });
        Tolerance.AssertFormula(d.Real, re.Gradient[0]![0], "∂ Re " + f + "/∂x");
        Tolerance.AssertFormula(-d.Imaginary, re.Gradient[1]![0], "∂ Re " + f + "/∂y");
        var im = CentralDifferenceRunner.Check(Method("Im" + f), null, new object[] { x, y });
        Tolerance.AssertFormula(d.Imaginary, im.Gradient[0]![0], "∂ Im " + f + "/∂x");
        Tolerance.AssertFormula(d.Real, im.Gradient[1]![0], "∂ Im " + f + "/∂y");
    }

    [Theory]
    [InlineData(-2.0, 1e-3)]
    [InlineData(-2.0, -1e-3)]
    public void Sqrt_NearTheBranchCut_FollowsTheSideOfTheCut(double x, double y)
    {
        // Just above/below the negative real axis (not closer than the step of central differences): √z ≈ ±i√2, f′ = 1/(2√z), continuous on each side.
        var d = ComplexExamples.Derivative("Sqrt", new System.Numerics.Complex(x, y));
        var im = CentralDifferenceRunner.Check(Method("ImSqrt"), null, new object[] { x, y });
        Tolerance.AssertFormula(d.Imaginary, im.Gradient[0]![0], "∂ Im √z/∂x");
        Tolerance.AssertFormula(d.Real, im.Gradient[1]![0], "∂ Im √z/∂y");
    }

    [Theory]
    [InlineData(1.5, 0.4)]
    [InlineData(0.8, -2.0)]
    public void Polar_MatchesHand(double r, double theta)
    {
        // r sin θ + |r|.
        var g = CentralDifferenceRunner.Check(Method("Polar"), null, new object[] { r, theta });
        Tolerance.AssertFormula(Math.Sin(theta) + Math.Sign(r), g.Gradient[0]![0], "∂/∂r");
        Tolerance.AssertFormula(r * Math.Cos(theta), g.Gradient[1]![0], "∂/∂θ");
    }

    [Theory]
    [InlineData(0.7, 0.4, 0)]
    [InlineData(0.7, 0.4, 3)]
    [InlineData(-1.1, 0.3, 5)]
    public void Mixed_OverloadsConversionsLoops_MatchCentralDifferences(double x, double y, int n) =>
        CentralDifferenceRunner.Check(Method("Mixed"), null, new object[] { x, y, n });

    [Theory]
    [MemberData(nameof(Points))]
    public void Hessian_OfAbs2_IsTwiceTheIdentity_AndCurvedMatchesDifferencesOfTheGradient(double x, double y)
    {
        var h = new double[4];
        Compiled.Value.GetType("ComplexUses.Z")!.GetMethod("Abs2H")!.Invoke(null, new object[] { x, y, h });
        Assert.Equal(new[] { 2.0, 0.0, 0.0, 2.0 }, h.Select(v => Math.Round(v, 12)));

        var curved = new double[4];
        Compiled.Value.GetType("ComplexUses.Z")!.GetMethod("CurvedH")!.Invoke(null, new object[] { x, y, curved });
        var backward = Compiled.Value.GetType("ComplexUses.Z")!.GetMethod("CurvedBackward")!;
        double[] Gradient(double a, double b)
        {
            var args = new object[] { a, b, 0.0, 0.0, 1.0 };
            backward.Invoke(null, args);
            return new[] { (double)args[2], (double)args[3] };
        }
        const double step = 1e-5;
        for (int j = 0; j < 2; j++)
        {
            var up = Gradient(x + (j == 0 ? step : 0), y + (j == 1 ? step : 0));
            var down = Gradient(x - (j == 0 ? step : 0), y - (j == 1 ? step : 0));
            for (int i = 0; i < 2; i++)
            {
                double numeric = (up[i] - down[i]) / (2 * step);
                Tolerance.AssertClose(numeric, curved[(i * 2) + j], 1e-5 * (1 + Math.Abs(numeric)), $"H[{i},{j}]");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void ForwardMode_MatchesCentralDifferences(double x, double y) =>
        Structs.VectorChecks.Check(Method("Forwarded"), new object[] { x, y });

    [Theory]
    [MemberData(nameof(Points))]
    public void Branch_MatchesCentralDifferences(double x, double y) =>
        CentralDifferenceRunner.Check(Method("Branch"), null, new object[] { x, y });
}
