using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.AdBench;

/// <summary>
/// ADBench's bundle adjustment as a C# developer writes it (<see cref="BundleAdjustmentSource"/>): it builds with no
/// diagnostic, the gradient of the summed squared residuals and the Jacobian rows of each observation's residuals match
/// central differences on small seeded instances in ADBench's layout, and Rodrigues' rotation matches hand values.
/// </summary>
public class BundleAdjustmentTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(BundleAdjustmentSource.Text));

    private static Type Ba => Compiled.Value.GetType("BundleAdjustment")!;

    /// <summary>An instance in ADBench's layout: n cameras of 11, m points of 3, p observations (camera i % n, point i % m).</summary>
    public static (int N, int M, int P, double[] Cams, double[] X, double[] W, int[] Obs, double[] Feats) Instance(int seed, int n, int m, int p)
    {
        var random = new Random(seed);
        double U(double a, double b) => a + (b - a) * random.NextDouble();
        var cams = new double[n * 11];
        for (int i = 0; i < n; i++)
        {
            // A small rotation, a centre near the origin, focal length, principal point, small radial distortion.
            double[] cam = { U(-0.3, 0.3), U(-0.3, 0.3), U(-0.3, 0.3), U(-0.5, 0.5), U(-0.5, 0.5), U(-0.5, 0.5), U(0.8, 1.5), U(-0.2, 0.2), U(-0.2, 0.2), U(-0.05, 0.05), U(-0.01, 0.01) };
            Array.Copy(cam, 0, cams, i * 11, 11);
        }
        var x = new double[m * 3];
        for (int i = 0; i < m; i++)
        {
            // In front of every camera: depth about 5.
            x[i * 3] = U(-1, 1);
            x[i * 3 + 1] = U(-1, 1);
            x[i * 3 + 2] = U(4, 6);
        }
        var w = new double[p];
        var obs = new int[2 * p];
        var feats = new double[2 * p];
        for (int i = 0; i < p; i++)
        {
            w[i] = U(0.5, 1.5);
            obs[2 * i] = i % n;
            obs[2 * i + 1] = i % m;
            feats[2 * i] = U(-0.5, 0.5);
            feats[2 * i + 1] = U(-0.5, 0.5);
        }
        return (n, m, p, cams, x, w, obs, feats);
    }

    [Theory]
    [InlineData(1, 2, 3, 5)]
    [InlineData(2, 3, 7, 12)]
    public void Objective_GradientMatchesCentralDifferences(int seed, int n, int m, int p)
    {
        var (_, _, _, cams, x, w, obs, feats) = Instance(seed, n, m, p);
        var result = CentralDifferenceRunner.Check(Ba.GetMethod("Objective")!, null, new object[] { n, m, p, cams, x, w, obs, feats });
        Assert.True(result.Value > 0);
        // Every camera, point and weight is observed: no gradient is all zero.
        Assert.Contains(result.Gradient[3]!, g => g != 0);
        Assert.All(result.Gradient[5]!, g => Assert.NotEqual(0, g));
    }

    [Fact]
    public void Objective_WeightGradient_IsHandDerivedFromTheResiduals()
    {
        // d/dw_i of Σ (w_i r_i)² + (1 − w_i²)² is 2 w_i |r_i|² − 4 w_i (1 − w_i²), with r the unweighted residual.
        var (n, m, p, cams, x, w, obs, feats) = Instance(5, 2, 3, 4);
        var dCams = new double[cams.Length];
        var dX = new double[x.Length];
        var dW = new double[w.Length];
        Ba.GetMethod("ObjectiveBackward")!.Invoke(null, new object[] { n, m, p, cams, x, w, obs, feats, dCams, dX, dW, 1.0 });
        var component = Ba.GetMethod("ReprojErrorComponent")!;
        for (int i = 0; i < p; i++)
        {
            var cam = cams.AsSpan(obs[2 * i] * 11, 11).ToArray();
            var pt = x.AsSpan(obs[2 * i + 1] * 3, 3).ToArray();
            var feat = feats.AsSpan(2 * i, 2).ToArray();
            double r0 = (double)component.Invoke(null, new object[] { cam, pt, 1.0, feat, 0 })!;
            double r1 = (double)component.Invoke(null, new object[] { cam, pt, 1.0, feat, 1 })!;
            double expected = 2 * w[i] * (r0 * r0 + r1 * r1) - 4 * w[i] * (1 - w[i] * w[i]);
            Assert.Equal(expected, dW[i], 10);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void ReprojectionError_JacobianRowsPerObservation_MatchCentralDifferences(int k)
    {
        var (_, _, p, cams, x, w, obs, feats) = Instance(3, 2, 3, 4);
        for (int i = 0; i < p; i++)
        {
            var cam = cams.AsSpan(obs[2 * i] * 11, 11).ToArray();
            var pt = x.AsSpan(obs[2 * i + 1] * 3, 3).ToArray();
            var result = CentralDifferenceRunner.Check(Ba.GetMethod("ReprojErrorComponent")!, null, new object[] { cam, pt, w[i], feats.AsSpan(2 * i, 2).ToArray(), k });
            // The row: 11 camera entries, 3 point entries, 1 weight (ADBench's 15 non-zeros per residual).
            Assert.Equal(11, result.Gradient[0]!.Length);
            Assert.Contains(result.Gradient[0]!, g => g != 0);
        }
    }

    [Fact]
    public void Rodrigues_RotatesByAQuarterTurn_AsByHand()
    {
        // A quarter turn about z takes x̂ to ŷ and ŷ to −x̂.
        var rotated = Ba.GetMethod("RotatedComponent")!;
        double[] rot = { 0, 0, Math.PI / 2 };
        double R(double[] pt, int k) => (double)rotated.Invoke(null, new object[] { rot, pt, k })!;
        Assert.Equal(0, R(new double[] { 1, 0, 0 }, 0), 12);
        Assert.Equal(1, R(new double[] { 1, 0, 0 }, 1), 12);
        Assert.Equal(0, R(new double[] { 1, 0, 0 }, 2), 12);
        Assert.Equal(-1, R(new double[] { 0, 1, 0 }, 0), 12);
        Assert.Equal(0.5, R(new double[] { 0, 0, 0.5 }, 2), 12);
    }

    [Fact]
    public void Rodrigues_AtZeroRotation_TakesTheCrossProductBranch_WithTheHandDerivative()
    {
        // At rot = 0 ADBench uses pt + rot × pt, whose derivative in rot is [pt]×ᵀ: d(rot × pt)_k / d rot_j = ε_kjl pt_l.
        var backward = Ba.GetMethod("RotatedComponentBackward")!;
        double[] pt = { 0.3, -0.7, 1.1 };
        double[][] expected =
        {
            new[] { 0.0, pt[2], -pt[1] },
            new[] { -pt[2], 0.0, pt[0] },
            new[] { pt[1], -pt[0], 0.0 },
        };
        for (int k = 0; k < 3; k++)
        {
            var dRot = new double[3];
            var dPt = new double[3];
            double value = (double)backward.Invoke(null, new object[] { new double[3], pt, k, dRot, dPt, 1.0 })!;
            Assert.Equal(pt[k], value, 15);
            for (int j = 0; j < 3; j++) Assert.Equal(expected[k][j], dRot[j], 15);
            for (int j = 0; j < 3; j++) Assert.Equal(j == k ? 1.0 : 0.0, dPt[j], 15);
        }
    }

    [Fact]
    public void Rodrigues_GradientMatchesCentralDifferences_AwayFromZero()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 4; trial++)
        {
            double[] rot = { random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5 };
            double[] pt = { random.NextDouble(), random.NextDouble(), random.NextDouble() };
            for (int k = 0; k < 3; k++) CentralDifferenceRunner.Check(Ba.GetMethod("RotatedComponent")!, null, new object[] { rot, pt, k });
        }
    }
}
