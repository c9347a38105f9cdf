using System.Numerics;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Structs;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Gallery;

/// <summary>
/// Hand-derived values for the gallery programs written as a first-time user would (Oscillators, Robotics, Portfolio,
/// Classifiers); GalleryTests checks each against central differences too.
/// </summary>
public class GalleryPracticeTests
{
    public static readonly double[,] Covariance = { { 0.04, 0.006, -0.002 }, { 0.006, 0.09, 0.01 }, { -0.002, 0.01, 0.0625 } };

    public static readonly double[][] Weights = { new[] { 0.2, -0.5, 0.1 }, new[] { -0.3, 0.4, 0.0 }, new[] { 0.1, 0.1, -0.2 } };

    public static readonly double[][] Samples = { new[] { 1.0, 0.5, -1.0 }, new[] { -0.7, 2.0, 0.3 }, new[] { 0.2, -1.5, 1.1 }, new[] { 1.4, 0.1, 0.6 } };

    public static readonly int[] Labels = { 0, 2, 1, 0 };

    [Fact]
    public void PortfolioVariance_GradientIsTwoSigmaW()
    {
        var w = new[] { 0.5, 0.3, 0.2 };
        var r = CentralDifferenceRunner.Check(GallerySource.Method("Portfolio", "PortfolioVariance"), null, new object[] { w, Covariance });
        for (int i = 0; i < 3; i++)
        {
            double hand = 0;
            for (int j = 0; j < 3; j++) hand += 2 * Covariance[i, j] * w[j];
            Tolerance.AssertFormula(hand, r.Gradient[0]![i], "∂/∂w" + i);
        }
    }

    [Fact]
    public void SoftmaxClassifier_GradientIsMeanOfSoftmaxMinusOneHotTimesX()
    {
        var r = CentralDifferenceRunner.Check(GallerySource.Method("Classifiers", "SoftmaxClassifierLoss"), null, new object[] { Weights, Samples, Labels });
        var hand = new double[3, 3];
        for (int n = 0; n < Samples.Length; n++)
        {
            var s = Enumerable.Range(0, 3).Select(k => Enumerable.Range(0, 3).Sum(j => Weights[k][j] * Samples[n][j])).ToArray();
            double z = s.Sum(Math.Exp);
            for (int k = 0; k < 3; k++)
            {
                for (int j = 0; j < 3; j++) hand[k, j] += ((Math.Exp(s[k]) / z) - (Labels[n] == k ? 1 : 0)) * Samples[n][j] / Samples.Length;
            }
        }
        for (int k = 0; k < 3; k++)
        {
            for (int j = 0; j < 3; j++) Tolerance.AssertFormula(hand[k, j], r.Gradient[0]![(k * 3) + j], "∂/∂W[" + k + "][" + j + "]");
        }
    }

    [Fact]
    public void SpringMass_NoSteps_IsTheEnergyGradient()
    {
        // No steps: E = v²/2 + k·x²/2, so ∂/∂x = kx, ∂/∂v = v, ∂/∂k = x²/2, ∂/∂damping = 0.
        var r = CentralDifferenceRunner.Check(GallerySource.Method("Oscillators", "SpringMassEnergyAfter"), null, new object[] { -0.5, 1.0, 9.0, 0.3, 0 });
        Tolerance.AssertFormula(-4.5, r.Gradient[0]![0], "∂/∂x0");
        Tolerance.AssertFormula(1.0, r.Gradient[1]![0], "∂/∂v0");
        Tolerance.AssertFormula(0.125, r.Gradient[2]![0], "∂/∂k");
        Tolerance.AssertFormula(0, r.Gradient[3]![0], "∂/∂damping");
    }

    [Fact]
    public void DriveStep_ReadonlyPose_JacobianMatchesHand()
    {
        var pose = Activator.CreateInstance(GallerySource.Type("Pose"), 1f, 2f, 0.5f)!;
        var j = VectorChecks.Check(GallerySource.Method("Robotics", "Drive"), new object[] { pose, 0.2f, 0.4f, 0.5f });
        // x' = x + (l + r)/2·cos h, y' = y + (l + r)/2·sin h, h' = h + (r − l)/b; columns (x, y, h, l, r, b).
        float c = MathF.Cos(0.5f), s = MathF.Sin(0.5f);
        var hand = new double[,]
        {
            { 1, 0, -0.3 * s, 0.5 * c, 0.5 * c, 0 },
            { 0, 1, 0.3 * c, 0.5 * s, 0.5 * s, 0 },
            { 0, 0, 1, -2, 2, -0.2 / 0.25 },
        };
        VectorChecks.AssertHand(hand, j.Reverse, floats: true, "J of Drive");
    }
}
