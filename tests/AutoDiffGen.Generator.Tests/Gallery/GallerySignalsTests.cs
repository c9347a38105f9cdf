using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Gallery;

/// <summary>
/// Hand-derived gradients for samples/Gallery/Signals.cs (readonly-struct methods, work copies, slices of slices, as first
/// written); GalleryTests checks each against central differences too.
/// </summary>
public class GallerySignalsTests
{
    [Fact]
    public void PolygonFitLoss_IsEdgeDirectionsPlusTheAreaTerm()
    {
        double[] xs = { 0.0, 1.2, 1.0, -0.1 }, ys = { 0.0, 0.1, 0.9, 1.1 };
        const double target = 0.8;
        var r = CentralDifferenceRunner.Check(GallerySource.Method("Signals", "PolygonFitLoss"), null, new object[] { xs, ys, target });
        int n = xs.Length;
        double twice = 0;
        for (int i = 0; i < n; i++) twice += (xs[i] * ys[(i + 1) % n]) - (ys[i] * xs[(i + 1) % n]);
        double area = 0.5 * twice;
        for (int i = 0; i < n; i++)
        {
            int prev = (i + n - 1) % n, next = (i + 1) % n;
            double lp = Math.Sqrt(Math.Pow(xs[i] - xs[prev], 2) + Math.Pow(ys[i] - ys[prev], 2));
            double ln = Math.Sqrt(Math.Pow(xs[i] - xs[next], 2) + Math.Pow(ys[i] - ys[next], 2));
            // ∂P/∂p_i = (p_i − p_prev)/|…| + (p_i − p_next)/|…|; ∂A/∂x_i = (y_next − y_prev)/2, ∂A/∂y_i = (x_prev − x_next)/2.
            double dx = ((xs[i] - xs[prev]) / lp) + ((xs[i] - xs[next]) / ln) + (2 * (area - target) * 0.5 * (ys[next] - ys[prev]));
            double dy = ((ys[i] - ys[prev]) / lp) + ((ys[i] - ys[next]) / ln) + (2 * (area - target) * 0.5 * (xs[prev] - xs[next]));
            Tolerance.AssertFormula(dx, r.Gradient[0]![i], "∂/∂x" + i);
            Tolerance.AssertFormula(dy, r.Gradient[1]![i], "∂/∂y" + i);
        }
        Tolerance.AssertFormula(-2 * (area - target), r.Gradient[2]![0], "∂/∂target");
    }

    [Fact]
    public void SegmentEnergy_IsTwoXOverCountInsideTheSegment()
    {
        var x = new[] { 0.3, 1.4, -0.2, 0.9, 0.5, -1.1 };
        var r = CentralDifferenceRunner.Check(GallerySource.Method("Signals", "SegmentEnergy"), null, new object[] { x, 1, 1, 3 });
        for (int j = 0; j < x.Length; j++) Tolerance.AssertFormula(j is >= 2 and < 5 ? 2 * x[j] / 3 : 0, r.Gradient[0]![j], "∂/∂x" + j);
    }

    [Fact]
    public void CentredScore_IsSechSquaredTimesTheCentredOtherSide()
    {
        double[] f = { 0.3, 1.4, -0.2, 0.9 }, w = { 0.5, -0.25, 1.0, 0.1 };
        var r = CentralDifferenceRunner.Check(GallerySource.Method("Signals", "CentredScore"), null, new object[] { f, w });
        double fm = f.Average(), wm = w.Average();
        double score = f.Select((v, i) => w[i] * (v - fm)).Sum();
        double sech2 = 1 - (Math.Tanh(score) * Math.Tanh(score));
        for (int j = 0; j < f.Length; j++)
        {
            Tolerance.AssertFormula(sech2 * (w[j] - wm), r.Gradient[0]![j], "∂/∂f" + j);
            Tolerance.AssertFormula(sech2 * (f[j] - fm), r.Gradient[1]![j], "∂/∂w" + j);
        }
    }

    [Fact]
    public void SmoothingDistance_LeavesTheSignalAlone_AndIsFlatWithoutSmoothing()
    {
        var signal = new[] { 0.3, 1.4, -0.2, 0.9, 0.5 };
        var before = (double[])signal.Clone();
        var r = CentralDifferenceRunner.Check(GallerySource.Method("Signals", "SmoothingDistance"), null, new object[] { signal, 0.0, 3 });
        // The copy is smoothed, not the signal; with α = 0 nothing moves: distance 0, and every derivative 0 (it is a square).
        Assert.Equal(before, signal);
        Assert.Equal(0, r.Value);
        Assert.All(r.Gradient[0]!, g => Assert.Equal(0, g, 12));
        Assert.Equal(0, r.Gradient[1]![0], 12);
    }
}
