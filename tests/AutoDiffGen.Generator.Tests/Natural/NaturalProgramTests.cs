using System.Numerics;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Natural;

/// <summary>
/// Every natural program that builds: compiled clean (no diagnostic, no warning) with the SDK's implicit usings, each
/// [Differentiable] method's Backward against central differences at the points below, and hand-derived values where
/// they are easy. The table in docs/corpus.md ("Programs written the natural way") records how each first fared.
/// </summary>
public class NaturalProgramTests
{
    private static double[] Normals(int n, int seed)
    {
        var random = new Random(seed);
        var z = new double[n];
        for (int i = 0; i < n; i++) z[i] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return z;
    }

    // No payment date (a multiple of 1/4) falls on a tenor: the curve has a kink there.
    private static readonly double[] Tenors = { 0.3, 0.8, 1.7, 4.2, 9.6 };
    private static readonly double[] Curve = { 0.021, 0.024, 0.03, 0.034, 0.041 };

    /// <summary>Program, type, method, points.</summary>
    public static readonly (string Program, string Type, string Method, object[][] Points)[] Cases =
    {
        ("N04_RidgeLinq", "Regression", "RidgeLoss", new[]
        {
            new object[] { new[] { 0.5, -1.2, 0.3 }, new[] { new[] { 1.0, 2.0, -0.5 }, new[] { 0.3, -0.7, 1.1 } }, new[] { 0.4, -0.9 }, 0.1 },
            new object[] { new[] { -0.25, 0.8, 1.5 }, new[] { new[] { 0.2, 0.0, 1.0 }, new[] { -1.0, 0.5, 0.5 }, new[] { 2.0, 1.0, -1.0 } }, new[] { 1.0, 0.0, -0.5 }, 0.5 },
        }),
        ("N05_BlackScholes", "Options", "Erf", new[] { new object[] { 0.4 }, new object[] { -0.7 } }),
        ("N05_BlackScholes", "Options", "NormCdf", new[] { new object[] { 0.3 }, new object[] { -1.1 } }),
        ("N05_BlackScholes", "Options", "Call", new[] { new object[] { 100.0, 95.0, 0.01, 0.2, 0.5 }, new object[] { 80.0, 100.0, 0.03, 0.35, 2.0 } }),
        ("N06_Heston", "Heston", "PathPayoff", new[]
        {
            new object[] { 100.0, 0.04, 1.5, 0.05, 0.4, -0.6, 0.02, 90.0, 1.0, Normals(50, 7), Normals(50, 8) },
            new object[] { 100.0, 0.04, 2.0, 0.03, 0.3, -0.3, 0.01, 95.0, 0.5, Normals(30, 3), Normals(30, 4) },
        }),
        ("N07_Bond", "Bonds", "ZeroRate", new[] { new object[] { Tenors, Curve, 0.1 }, new object[] { Tenors, Curve, 3.3 }, new object[] { Tenors, Curve, 12.0 } }),
        ("N07_Bond", "Bonds", "Price", new[] { new object[] { Tenors, Curve, 0.05, 3.0, 2, 100.0 }, new object[] { Tenors, Curve, 0.07, 10.0, 4, 1000.0 } }),
        ("N15_GammaLik", "GammaFit", "LogGamma", new[] { new object[] { 2.7 }, new object[] { 0.9 }, new object[] { 12.5 } }),
        ("N15_GammaLik", "GammaFit", "LogLikelihood", new[] { new object[] { new[] { 0.8, 2.1, 1.3, 0.4, 3.2 }, 2.0, 1.5 } }),
        ("N17_Penalty", "Constrained", "PenalizedObjective", new[] { new object[] { new[] { 1.5, 0.9 }, 10.0 }, new object[] { new[] { -0.2, 0.3 }, 10.0 } }),
        ("N19_MovingAverage", "Smoothing", "MovingAverageError", new[] { new object[] { new[] { 1.0, 3.0, 2.0, 5.0, 4.0, 6.0, 5.5 }, new[] { 1.0, 2.0, 2.0, 3.0, 4.0, 5.0, 5.0 }, 3 } }),
        ("N20_Aim", "Aiming", "AimError", new[] { new object[] { 0.3f, 0.1f, new Vector3(0, 1, 0), new Vector3(3, 2, 5) }, new object[] { -1.2f, 0.4f, new Vector3(1, 0, -1), new Vector3(-4, 3, 2) } }),
    };

    public static IEnumerable<object[]> Points() =>
        Cases.SelectMany(c => c.Points.Select((_, i) => new object[] { c.Program + ":" + c.Type + "." + c.Method, i }));

    [Theory]
    [MemberData(nameof(Points))]
    public void NaturalMethod_MatchesCentralDifferences(string method, int point)
    {
        var c = Cases.Single(k => k.Program + ":" + k.Type + "." + k.Method == method);
        CentralDifferenceRunner.Check(NaturalSource.Method(c.Program, c.Type, c.Method), null, c.Points[point]);
    }

    [Fact]
    public void SpringBodies_RecordStructsOfVectors_MatchCentralDifferences()
    {
        // Body is the program's own record struct, so it is built in the loaded assembly.
        object Body(float px, float py, float vx, float vy, float m) =>
            Activator.CreateInstance(NaturalSource.Type("N09_SpringBodies", "Body"), new Vector2(px, py), new Vector2(vx, vy), m)!;
        var method = NaturalSource.Method("N09_SpringBodies", "Springs", "DistanceAfter");
        // A float program is checked with steps of 1e-2, so dt is large beside it (at dt = 0.02 the difference is 10 % off:
        // at steps of 1e-3 it converges to the Backward's −34.29).
        CentralDifferenceRunner.Check(method, null, new object[] { Body(0, 0, 0.1f, 0, 1f), Body(1.5f, 0.3f, 0, -0.2f, 2f), 4f, 1f, 0.3f, 0.25f, 6 });
        // No steps: the distance itself, whose gradient is the unit vector between the bodies.
        var r = CentralDifferenceRunner.Check(method, null, new object[] { Body(0, 0, 0, 0, 1f), Body(0.6f, 0.8f, 0, 0, 1f), 2f, 1f, 0f, 0.05f, 0 });
        Tolerance.AssertClose(-0.6, r.Gradient[0]![0], 1e-6, "∂/∂a.Position.X");
        Tolerance.AssertClose(0.8, r.Gradient[1]![1], 1e-6, "∂/∂b.Position.Y");
    }

    [Fact]
    public void Cloth_Vector3ArrayWithAForeach_MatchesCentralDifferences()
    {
        // N10 as first written: a Vector3[] of positions (adjoint Vector3[] dPositions), gravity summed in a foreach.
        var method = NaturalSource.Method("N10_Cloth", "Cloth", "Energy");
        var positions = new[] { new Vector3(0, 0, 0), new Vector3(1.2f, 0.1f, 0), new Vector3(1, 1, 0.3f) };
        var r = CentralDifferenceRunner.Check(method, null, new object[] { positions, new[] { 0, 1 }, new[] { 1, 2 }, new[] { 1f, 1f }, 10f, 0.5f });
        // Gravity alone in p[0].Y (its one spring is along X, nearly): ∂/∂p0.Y = k(ℓ−L)(y0−y1)/ℓ + m·9.81.
        float l = Vector3.Distance(positions[0], positions[1]);
        Tolerance.AssertClose((10 * (l - 1) * -0.1 / l) + (0.5 * 9.81), r.Gradient[0]![1], 1e-3, "∂E/∂p0.Y");
    }

    [Fact]
    public void GenericRosenbrockOverASpan_MatchesCentralDifferencesAndTheHandGradient()
    {
        var x = new[] { -1.2, 1.0, 0.5, 0.8 };
        var r = CentralDifferenceRunner.Check(NaturalSource.Wrapper("N16_GenericRosenbrock", "Rosenbrock"), null, new object[] { x, 1.0, 100.0 });
        // f = Σ (a − x_i)² + b (x_{i+1} − x_i²)²
        var hand = new double[4];
        for (int i = 0; i < 3; i++)
        {
            double q = x[i + 1] - (x[i] * x[i]);
            hand[i] += (-2 * (1 - x[i])) - (400 * q * x[i]);
            hand[i + 1] += 200 * q;
        }
        for (int i = 0; i < 4; i++) Tolerance.AssertFormula(hand[i], r.Gradient[0]![i], "∂/∂x" + i);
    }

    [Fact]
    public void FirFilterOverSpans_MatchesCentralDifferences()
    {
        var taps = new[] { 0.5, 0.3, -0.1 };
        var signal = new[] { 1.0, -0.5, 0.25, 2.0, 0.0, -1.5, 0.75, 1.25 };
        var target = new[] { 0.0, 0.0, 0.4, 0.1, 0.9, 0.2, -0.6, 0.5 };
        var r = CentralDifferenceRunner.Check(NaturalSource.Wrapper("N18_Fir", "FirLoss"), null, new object[] { taps, signal, target });
        // ∂/∂target[n] = −2 e_n / N over the overlapping part, 0 before it.
        Assert.Equal(0, r.Gradient[2]![0]);
        Assert.Equal(0, r.Gradient[2]![1]);
        double y2 = (0.5 * 0.25) + (0.3 * -0.5) + (-0.1 * 1.0);
        Tolerance.AssertFormula(-2 * (y2 - 0.4) / 8, r.Gradient[2]![2], "∂/∂target[2]");
    }

    [Theory]
    [InlineData(100.0, 95.0, 0.01, 0.2, 0.5)]
    [InlineData(80.0, 100.0, 0.03, 0.35, 2.0)]
    public void BlackScholesGreeks_FromTheUsersOwnDriver_AreTheClosedForms(double s, double k, double r, double v, double t)
    {
        // Greeks(…) is the user's code calling CallBackward; the approximation of erf (A&S 7.1.26) is good to 1.5e-7,
        // its derivative to a few 1e-6, so delta agrees with the closed form (exact N) to 1e-5 and vega, rho, theta
        // (S or K times it) to 1e-3.
        var greeks = ((double Price, double Delta, double Vega, double Rho, double Theta))NaturalSource.Type("N05_BlackScholes", "Options").GetMethod("Greeks")!.Invoke(null, new object[] { s, k, r, v, t })!;
        double d1 = (Math.Log(s / k) + ((r + (0.5 * v * v)) * t)) / (v * Math.Sqrt(t));
        double d2 = d1 - (v * Math.Sqrt(t));
        double pdf = Math.Exp(-0.5 * d1 * d1) / Math.Sqrt(2 * Math.PI);
        Tolerance.AssertClose(Phi(d1), greeks.Delta, 1e-5, "delta");
        Tolerance.AssertClose(s * pdf * Math.Sqrt(t), greeks.Vega, 1e-3, "vega");
        Tolerance.AssertClose(k * t * Math.Exp(-r * t) * Phi(d2), greeks.Rho, 1e-3, "rho");
        Tolerance.AssertClose((-s * pdf * v / (2 * Math.Sqrt(t))) - (r * k * Math.Exp(-r * t) * Phi(d2)), greeks.Theta, 1e-3, "theta");
    }

    [Fact]
    public void GammaLogLikelihood_RateDerivativeIsNShapeOverRateMinusSum()
    {
        var data = new[] { 0.8, 2.1, 1.3, 0.4, 3.2 };
        var r = CentralDifferenceRunner.Check(NaturalSource.Method("N15_GammaLik", "GammaFit", "LogLikelihood"), null, new object[] { data, 2.0, 1.5 });
        Tolerance.AssertFormula((5 * 2.0 / 1.5) - data.Sum(), r.Gradient[2]![0], "∂/∂rate");
        // ∂/∂x_i = (shape − 1)/x_i − rate
        for (int i = 0; i < 5; i++) Tolerance.AssertFormula((1.0 / data[i]) - 1.5, r.Gradient[0]![i], "∂/∂x" + i);
    }

    [Theory]
    [InlineData(1.5, 0.9)]
    [InlineData(-0.2, 0.3)]
    public void Penalty_IsTheHandGradientOfTheActiveConstraint(double x, double y)
    {
        var r = CentralDifferenceRunner.Check(NaturalSource.Method("N17_Penalty", "Constrained", "PenalizedObjective"), null, new object[] { new[] { x, y }, 10.0 });
        double g1 = Math.Max(0, (x * x) + (y * y) - 1), g2 = Math.Max(0, 0.5 - (x + y));
        double gx = (2 * (x - 2)) + (10 * ((2 * g1 * 2 * x) - (2 * g2)));
        double gy = (2 * (y - 1)) + (10 * ((2 * g1 * 2 * y) - (2 * g2)));
        Tolerance.AssertFormula(gx, r.Gradient[0]![0], "∂/∂x");
        Tolerance.AssertFormula(gy, r.Gradient[0]![1], "∂/∂y");
    }

    private static double Phi(double x)
    {
        // erf by its Taylor series (exact to rounding for |x| < 3), independent of the program's approximation.
        double z = x / Math.Sqrt(2), sum = 0, term = z;
        for (int n = 0; n < 80; n++)
        {
            sum += term / ((2 * n) + 1);
            term *= -z * z / (n + 1);
        }
        return 0.5 * (1 + (2 / Math.Sqrt(Math.PI) * sum));
    }
}
