using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.State;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Gallery;

/// <summary>
/// Every [Differentiable] method of samples/Gallery against central differences at the points below (and, where it
/// is easy, a hand-derived value). <see cref="EveryGalleryMethod_HasAPointHere"/> fails when a method is added to the
/// gallery without one, so none goes unchecked.
/// </summary>
public class GalleryTests
{
    private static double[] Normals(int n, int seed)
    {
        // Box–Muller over a fixed seed: the same draws for the value, the gradient and the differences.
        var random = new Random(seed);
        var z = new double[n];
        for (int i = 0; i < n; i++) z[i] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return z;
    }

    /// <summary>Type, method, argument points.</summary>
    public static readonly (string Type, string Method, object[][] Points)[] Cases =
    {
        ("Finance", "Erf", new[] { new object[] { 0.3 }, new object[] { -1.2 }, new object[] { 2.5 } }),
        ("Finance", "NormalCdf", new[] { new object[] { 0.4 }, new object[] { -0.9 } }),
        ("Finance", "BlackScholesCall", new[] { new object[] { 100.0, 95.0, 0.01, 0.2, 0.5 }, new object[] { 80.0, 100.0, 0.03, 0.35, 2.0 } }),
        ("Finance", "BlackScholesPut", new[] { new object[] { 100.0, 95.0, 0.01, 0.2, 0.5 }, new object[] { 80.0, 100.0, 0.03, 0.35, 2.0 } }),
        ("Finance", "MonteCarloCall", new[] { new object[] { 100.0, 95.0, 0.01, 0.2, 0.5, Normals(200, 42) } }),
        ("Finance", "BondPrice", new[] { new object[] { 0.04, 5.0, 100.0, 10 }, new object[] { 0.07, 3.0, 100.0, 3 } }),
        ("Physics", "ProjectileDistance", new[] { new object[] { new Vector3(12f, 8f, 0.5f), 0.05f, 60 }, new object[] { new Vector3(5f, 1f, 0f), 0.2f, 10 } }),
        ("Physics", "TwoLinkIkLoss", new[] { new object[] { 0.3f, 0.9f, new Vector2(1.2f, 0.5f) }, new object[] { -1.1f, 2.0f, new Vector2(-0.4f, 1.7f) } }),
        ("Physics", "SpringChainEnergy", new[] { new object[] { new[] { 0.0, 1.1, 2.3, 2.9 }, new[] { 0.5, -0.2, 0.1, 0.3 }, 4.0, 1.5, 1.0 } }),
        ("Physics", "SpringAfterSteps", new[] { new object[] { 0.7, -0.3, 4.0, 0.05, 40 } }),
        ("Physics", "PendulumEnergy", new[] { new object[] { 0.7, 1.3, 2.0, 0.5 } }),
        ("Physics", "NBodyPotential", new[] { new object[] { new[] { 0.0, 0.0, 1.0, 0.2, -0.5, 0.9 }, new[] { 1.0, 2.0, 0.5 } } }),
        ("Statistics", "Mean", new[] { new object[] { new[] { 1.0, 4.0, 2.5, 3.0 } } }),
        ("Statistics", "Variance", new[] { new object[] { new[] { 1.0, 4.0, 2.5, 3.0 } } }),
        ("Statistics", "StandardDeviation", new[] { new object[] { new[] { 1.0, 4.0, 2.5, 3.0 } } }),
        ("Statistics", "Covariance", new[] { new object[] { new[] { 1.0, 4.0, 2.5, 3.0 }, new[] { 0.5, 2.0, -1.0, 1.5 } } }),
        ("Statistics", "Correlation", new[] { new object[] { new[] { 1.0, 4.0, 2.5, 3.0 }, new[] { 0.5, 2.0, -1.0, 1.5 } } }),
        ("Statistics", "NormalLogLikelihood", new[] { new object[] { new[] { 1.0, 2.5, 0.3, 1.9 }, 1.2, 0.8 } }),
        ("Statistics", "LogisticLogLoss", new[] { new object[] { new[] { 0.3, -1.2, 2.0, -0.1 }, new[] { 1.0, 0.0, 1.0, 0.0 } } }),
        ("MachineLearning", "LogisticRegressionLoss", new[] { new object[] { new[] { 0.2, -0.4 }, 0.1, new[,] { { 1.0, 2.0 }, { -1.0, 0.5 }, { 0.3, -2.0 } }, new[] { 1.0, 0.0, 1.0 } } }),
        ("MachineLearning", "SoftmaxCrossEntropy", new[] { new object[] { new[] { 0.5, 2.0, -1.0, 0.7 }, 1 }, new object[] { new[] { 3.0, 2.0, -1.0 }, 2 } }),
        ("MachineLearning", "Huber", new[] { new object[] { 0.4, 1.0 }, new object[] { -2.5, 1.0 } }),
        ("MachineLearning", "TinyNetworkLoss", new[] { new object[] { new[] { 0.3, -0.6 }, 0.1, 1.5, -0.2, new[] { 1.0, 0.5 }, 0.4 } }),
        ("TestFunctions", "Rosenbrock", new[] { new object[] { new[] { -1.2, 1.0, 0.5 } }, new object[] { new[] { 1.0, 1.0, 1.0 } } }),
        ("TestFunctions", "Himmelblau", new[] { new object[] { 1.0, 1.0 }, new object[] { 3.0, 2.0 } }),
        ("TestFunctions", "Rastrigin", new[] { new object[] { new[] { 0.3, -1.1, 2.2 } } }),
        ("TestFunctions", "Beale", new[] { new object[] { 1.0, 0.5 }, new object[] { 3.0, 0.5 } }),
        ("TestFunctions", "Booth", new[] { new object[] { 0.5, 2.0 } }),
        ("TestFunctions", "Ackley", new[] { new object[] { new[] { 0.3, -0.7 } } }),
        ("Numerics", "Horner", new[] { new object[] { new[] { 1.0, -2.0, 0.5, 3.0 }, 0.7 } }),
        ("Numerics", "NewtonSqrt", new[] { new object[] { 2.0, 6 }, new object[] { 9.0, 30 } }),
        ("Numerics", "KeplerEccentricAnomaly", new[] { new object[] { 1.0, 0.3 }, new object[] { 2.5, 0.7 } }),
        ("Numerics", "TrapezoidGaussian", new[] { new object[] { -0.5, 1.5, 0.8, 20 } }),
        ("Numerics", "LogSumExp", new[] { new object[] { new[] { 0.5, 2.0, -1.0 } } }),
        ("Numerics", "Norm", new[] { new object[] { new[] { 3.0, -4.0, 1.0 } } }),
        // Written 2026-12-02 by someone trying the package, as first written (GalleryPracticeTests has hand values).
        ("Oscillators", "SpringMassEnergyAfter", new[] { new object[] { 0.8, -0.2, 4.0, 0.3, 50 }, new object[] { -0.5, 1.0, 9.0, 0.0, 0 } }),
        ("Robotics", "OdometryError", new[] { new object[] { new[] { 0.1f, 0.12f, 0.08f, 0.1f }, new[] { 0.1f, 0.05f, 0.12f, 0.09f }, new Vector2(0.3f, 0.1f) } }),
        // Matrix3x2 and Quaternion transforms (structs14; NumericsTransformTests has hand values of the same arm).
        ("Robotics", "MatrixArmReachLoss", new[] { new object[] { 0.3f, 0.9f, new Vector2(1.2f, 0.8f) }, new object[] { -1.1f, 2.0f, new Vector2(-0.4f, 1.5f) } }),
        ("Robotics", "RotatedPointHeight", new[] { new object[] { 0.7f, new Vector3(1f, 0.5f, -0.25f) }, new object[] { -2.1f, new Vector3(0.3f, -1f, 2f) } }),
        ("Robotics", "ThreeLinkReachLoss", new[] { new object[] { new[] { 0.3f, 0.5f, -0.4f }, new Vector2(1.2f, 1.0f) }, new object[] { new[] { -1.0f, 2.0f, 0.7f }, new Vector2(-0.5f, 0.5f) } }),
        ("Portfolio", "PortfolioVariance", new[] { new object[] { new[] { 0.5, 0.3, 0.2 }, GalleryPracticeTests.Covariance } }),
        ("Portfolio", "SharpeRatio", new[] { new object[] { new[] { 0.5, 0.3, 0.2 }, new[] { 0.08, 0.05, 0.12 }, GalleryPracticeTests.Covariance, 0.02 } }),
        ("Classifiers", "SoftmaxClassifierLoss", new[] { new object[] { GalleryPracticeTests.Weights, GalleryPracticeTests.Samples, GalleryPracticeTests.Labels } }),
        ("Classifiers", "RidgeLoss", new[] { new object[] { new[] { 0.4, -1.1 }, new[,] { { 1.0, 0.5 }, { -0.3, 2.0 }, { 1.5, -1.0 } }, new[] { 0.7, -2.0, 1.9 }, 0.1 } }),
        // Readonly-struct methods, work copies and slices of slices, as first written (GallerySignalsTests has hand values).
        ("Signals", "PolygonFitLoss", new[] { new object[] { new[] { 0.0, 1.2, 1.0, -0.1 }, new[] { 0.0, 0.1, 0.9, 1.1 }, 0.8 } }),
        ("Signals", "SmoothingDistance", new[] { new object[] { new[] { 0.3, 1.4, -0.2, 0.9, 0.5 }, 0.4, 3 }, new object[] { new[] { 1.0, -1.0, 2.0 }, 0.7, 1 } }),
        ("Signals", "SegmentEnergy", new[] { new object[] { new[] { 0.3, 1.4, -0.2, 0.9, 0.5, -1.1 }, 1, 1, 3 } }),
        // A defaulted lambda (the Backward called without it in Estimation.FitLine; GalleryEstimationTests has hand values).
        ("Estimation", "RidgeLoss", new[] { new object[] { new[] { 0.4, -1.1 }, new[] { 1.0, -0.3, 1.5 }, new[] { 0.7, -2.0, 1.9 }, 0.1 } }),
        ("Signals", "CentredScore", new[] { new object[] { new[] { 0.3, 1.4, -0.2, 0.9 }, new[] { 0.5, -0.25, 1.0, 0.1 } } }),
    };

    public static IEnumerable<object[]> Points() =>
        Cases.SelectMany(c => c.Points.Select((p, i) => new object[] { c.Type + "." + c.Method, i }));

    [Theory]
    [MemberData(nameof(Points))]
    public void GalleryMethod_MatchesCentralDifferences(string method, int point)
    {
        var c = Cases.Single(k => k.Type + "." + k.Method == method);
        CentralDifferenceRunner.Check(GallerySource.Method(c.Type, c.Method), null, c.Points[point]);
    }

    [Fact]
    public void EveryGalleryMethod_HasAPointHere()
    {
        var methods = GallerySource.Compiled.Value.GetTypes()
            .Where(t => t.Namespace == "Gallery")
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.CustomAttributes.Any(a => a.AttributeType.Name == "DifferentiableAttribute"))
            .Select(m => m.DeclaringType!.Name + "." + m.Name)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
        var covered = Cases.Select(c => c.Type + "." + c.Method).Append("LinearModel.Loss").Append("LinearModel.Predict").Append("Robotics.Drive").Append("Normal.LogDensity").Append("Regression.Loss").Append("Regression.Predict").OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Equal(covered, methods);
        Assert.True(methods.Count >= 30, methods.Count + " methods");
    }

    private static double Phi(double x) => 0.5 * (1 + SpecialErf(x / Math.Sqrt(2)));

    // erf by its Taylor series (exact to rounding for |x| < 3), independent of the gallery's approximation.
    private static double SpecialErf(double x)
    {
        double sum = 0, term = x;
        for (int n = 0; n < 80; n++)
        {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.Sqrt(Math.PI) * sum;
    }

    [Theory]
    [InlineData(100.0, 95.0, 0.01, 0.2, 0.5)]
    [InlineData(80.0, 100.0, 0.03, 0.35, 2.0)]
    public void BlackScholes_DeltaIsNd1_VegaIsSPhiSqrtT_AndPutCallParityHolds(double s, double k, double r, double vol, double t)
    {
        var call = new object[] { s, k, r, vol, t, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0 };
        var put = (object[])call.Clone();
        GallerySource.Method("Finance", "BlackScholesCallBackward").Invoke(null, call);
        GallerySource.Method("Finance", "BlackScholesPutBackward").Invoke(null, put);
        double d1 = (Math.Log(s / k) + ((r + (0.5 * vol * vol)) * t)) / (vol * Math.Sqrt(t));
        double pdf = Math.Exp(-0.5 * d1 * d1) / Math.Sqrt(2 * Math.PI);
        // The erf approximation is good to 1.5e-7 (its derivative to a few 1e-6): tolerances say so.
        Tolerance.AssertClose(Phi(d1), (double)call[5], 1e-5, "delta = N(d1)");
        Tolerance.AssertClose(s * pdf * Math.Sqrt(t), (double)call[8], 1e-3 * s, "vega = S φ(d1) √T");
        // C − P = S − K e^{−rT} exactly for an odd erf: ∂/∂S of the difference is 1, ∂/∂K is −e^{−rT}.
        Tolerance.AssertFormula(1.0, (double)call[5] - (double)put[5], "call delta − put delta");
        Tolerance.AssertFormula(-Math.Exp(-r * t), (double)call[6] - (double)put[6], "∂/∂K of C − P");
    }

    [Fact]
    public void MonteCarlo_PathwiseDelta_IsTheDiscountedMeanOfSTOverS0InTheMoney()
    {
        double s = 100, k = 95, r = 0.01, vol = 0.2, t = 0.5;
        var z = Normals(200, 42);
        var args = new object[] { s, k, r, vol, t, z, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0 };
        GallerySource.Method("Finance", "MonteCarloCallBackward").Invoke(null, args);
        double sum = 0;
        foreach (double zi in z)
        {
            double st = s * Math.Exp(((r - (0.5 * vol * vol)) * t) + (vol * Math.Sqrt(t) * zi));
            if (st > k) sum += st / s;
        }
        Tolerance.AssertFormula(Math.Exp(-r * t) * sum / z.Length, (double)args[6], "pathwise delta");
    }

    [Fact]
    public void StandardDeviation_ThroughMeanAndVariance_IsXMinusMeanOverNSd()
    {
        var x = new[] { 1.0, 4.0, 2.5, 3.0 };
        var dx = new double[4];
        double sd = (double)GallerySource.Method("Statistics", "StandardDeviationBackward").Invoke(null, new object[] { x, dx, 1.0 })!;
        double mean = x.Average();
        Tolerance.AssertFormula(Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / 4), sd);
        for (int i = 0; i < 4; i++) Tolerance.AssertFormula((x[i] - mean) / (4 * sd), dx[i], "d/dx[" + i + "]");
    }

    [Fact]
    public void SoftmaxCrossEntropy_GradientIsSoftmaxMinusOneHot()
    {
        var logits = new[] { 0.5, 2.0, -1.0, 0.7 };
        var d = new double[4];
        GallerySource.Method("MachineLearning", "SoftmaxCrossEntropyBackward").Invoke(null, new object[] { logits, 1, d, 1.0 });
        double z = logits.Sum(Math.Exp);
        for (int i = 0; i < 4; i++) Tolerance.AssertFormula((Math.Exp(logits[i]) / z) - (i == 1 ? 1 : 0), d[i]);
    }

    [Fact]
    public void NewtonAndKepler_DerivativesThroughTheIterations_MatchTheImplicitFunctionTheorem()
    {
        var sqrt = new object[] { 9.0, 30, 0.0, 1.0 };
        GallerySource.Method("Numerics", "NewtonSqrtBackward").Invoke(null, sqrt);
        Tolerance.AssertFormula(1 / (2 * 3.0), (double)sqrt[2], "d√a/da");
        var kepler = new object[] { 2.5, 0.7, 0.0, 0.0, 1.0 };
        double e = (double)GallerySource.Method("Numerics", "KeplerEccentricAnomalyBackward").Invoke(null, kepler)!;
        double denominator = 1 - (0.7 * Math.Cos(e));
        Tolerance.AssertClose(1 / denominator, (double)kepler[2], 1e-9, "dE/dM");
        Tolerance.AssertClose(Math.Sin(e) / denominator, (double)kepler[3], 1e-9, "dE/de");
    }

    [Fact]
    public void SpringAfterSteps_GradientIsTheFirstRowOfTheStepMatrixPower()
    {
        // A step is linear: (x, v) ← M (x, v) with M = [[1 − k dt², dt], [−k dt, 1]], so ∂x_n/∂(x0, v0) is row 0 of Mⁿ.
        const double k = 4.0, dt = 0.05;
        double a = 1, b = 0, c = 0, d = 1;
        for (int i = 0; i < 40; i++) (a, b, c, d) = ((1 - k * dt * dt) * a + dt * c, (1 - k * dt * dt) * b + dt * d, -k * dt * a + c, -k * dt * b + d);
        var args = new object[] { 0.7, -0.3, k, dt, 40, 0.0, 0.0, 0.0, 0.0, 1.0 };
        GallerySource.Method("Physics", "SpringAfterStepsBackward").Invoke(null, args);
        Tolerance.AssertFormula(a, (double)args[5], "∂x/∂x0");
        Tolerance.AssertFormula(b, (double)args[6], "∂x/∂v0");
    }

    [Fact]
    public void Horner_DerivativeInXIsPPrime_AndInEachCoefficientAPowerOfX()
    {
        var c = new[] { 1.0, -2.0, 0.5, 3.0 };
        var dc = new double[4];
        var args = new object[] { c, 0.7, dc, 0.0, 1.0 };
        GallerySource.Method("Numerics", "HornerBackward").Invoke(null, args);
        Tolerance.AssertFormula(-2.0 + (2 * 0.5 * 0.7) + (3 * 3.0 * 0.7 * 0.7), (double)args[3], "p'(x)");
        for (int i = 0; i < 4; i++) Tolerance.AssertFormula(Math.Pow(0.7, i), dc[i], "x^" + i);
    }

    [Fact]
    public void Himmelblau_AndRosenbrock_HaveZeroGradientAtTheirMinima()
    {
        var h = new object[] { 3.0, 2.0, 0.0, 0.0, 1.0 };
        GallerySource.Method("TestFunctions", "HimmelblauBackward", 5).Invoke(null, h);
        Assert.Equal(0.0, (double)h[2]);
        Assert.Equal(0.0, (double)h[3]);
        var dx = new double[3];
        GallerySource.Method("TestFunctions", "RosenbrockBackward").Invoke(null, new object[] { new[] { 1.0, 1.0, 1.0 }, dx, 1.0 });
        Assert.Equal(new double[3], dx);
    }

    [Fact]
    public void LinearModel_Loss_MatchesCentralDifferencesOverItsState()
    {
        var type = GallerySource.Type("LinearModel");
        var model = Activator.CreateInstance(type, 3)!;
        type.GetField("W")!.SetValue(model, new[] { 0.4, -0.3, 1.2 });
        type.GetField("B")!.SetValue(model, 0.25);
        StateCheck.Members(model, "Loss", new object[] { new[] { 1.0, 2.0, -0.5 }, 0.7 }, () => Activator.CreateInstance(type, 3)!);
        StateCheck.Members(model, "Predict", new object[] { new[] { 1.0, 2.0, -0.5 } }, () => Activator.CreateInstance(type, 3)!);
        // Hand-derived: Loss = ½e² + λ|W|², e = W·x + B − y: dW = e·x + 2λW, dB = e (Predict's gradient reached dThis through the call).
        var grad = Activator.CreateInstance(type, 3)!;
        var x = new[] { 1.0, 2.0, -0.5 };
        type.GetMethod("LossBackward")!.Invoke(model, new object[] { x, 0.7, grad, 1.0 });
        double e = (0.4 * 1.0) + (-0.3 * 2.0) + (1.2 * -0.5) + 0.25 - 0.7;
        var w = new[] { 0.4, -0.3, 1.2 };
        var dW = (double[])type.GetField("W")!.GetValue(grad)!;
        for (int i = 0; i < 3; i++) Tolerance.AssertFormula((e * x[i]) + (2e-3 * w[i]), dW[i], "dW[" + i + "]");
        Tolerance.AssertFormula(e, (double)type.GetField("B")!.GetValue(grad)!, "dB");
    }

    [Fact]
    public void LinearModel_TrainedByItsOwnGradient_RecoversTheWeights()
    {
        var type = GallerySource.Type("LinearModel");
        dynamic model = Activator.CreateInstance(type, 2)!;
        dynamic grad = Activator.CreateInstance(type, 2)!;
        var random = new Random(3);
        for (int step = 0; step < 2000; step++)
        {
            var x = new[] { (random.NextDouble() * 2) - 1, (random.NextDouble() * 2) - 1 };
            double y = (2 * x[0]) - (3 * x[1]) + 0.5;
            grad.Clear();
            model.LossBackward(x, y, grad);
            model.Step(grad, 0.1);
        }
        // The L2 penalty (1e-3) shrinks the weights a little: within 0.02 of (2, −3, 0.5).
        Assert.InRange((double)model.W[0], 1.98, 2.0);
        Assert.InRange((double)model.W[1], -3.0, -2.98);
        Assert.InRange((double)model.B, 0.48, 0.52);
    }
}
