using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Gallery;

/// <summary>
/// samples/Gallery/Regression.cs: a decay curve whose parameters are an object, <c>[WithRespectTo] DecayCurve curve</c>, in
/// a loss that calls the <c>[Differentiable]</c> prediction with it; the optimiser loop reads
/// <c>LossBackward(times, values, curve, ref grad)</c> then <c>curve.Step(grad, lr)</c>. By hand, by central differences,
/// and by the fit reaching the curve the samples were drawn from.
/// </summary>
public class GalleryRegressionTests
{
    private static readonly double[] Times = { 0.0, 0.5, 1.0, 2.0, 3.5 };
    private static readonly double[] Values = { 2.4, 1.8, 1.5, 0.9, 0.5 };

    private static object Curve(double a, double r, double o)
    {
        var type = GallerySource.Type("DecayCurve");
        var curve = Activator.CreateInstance(type)!;
        type.GetProperty("Amplitude")!.SetValue(curve, a);
        type.GetProperty("Rate")!.SetValue(curve, r);
        type.GetProperty("Offset")!.SetValue(curve, o);
        return curve;
    }

    private static double[] Parts(object curve)
    {
        var type = curve.GetType();
        return new[] { "Amplitude", "Rate", "Offset" }.Select(n => (double)type.GetProperty(n)!.GetValue(curve)!).ToArray();
    }

    private static double Loss(double[] p) => (double)GallerySource.Method("Regression", "Loss").Invoke(null, new object[] { Times, Values, Curve(p[0], p[1], p[2]) })!;

    /// <summary>
    /// L = (1/n) Σ rᵢ², rᵢ = A·e^(−R·tᵢ) + O − yᵢ: ∂A = (2/n) Σ rᵢ e^(−R·tᵢ), ∂R = (2/n) Σ rᵢ (−A·tᵢ·e^(−R·tᵢ)),
    /// ∂O = (2/n) Σ rᵢ (three different non-zero values at A = 1.5, R = 0.6, O = 0.1).
    /// </summary>
    [Theory]
    [InlineData(1.5, 0.6, 0.1)]
    [InlineData(2.5, 0.2, -0.3)]
    public void LossThroughPredict_ByHand_AndCentralDifferences(double a, double r, double o)
    {
        var grad = Curve(0, 0, 0);
        var args = new object?[] { Times, Values, Curve(a, r, o), grad, 1.0 };
        double value = (double)GallerySource.Method("Regression", "LossBackward").Invoke(null, args)!;
        Assert.Same(grad, args[3]);
        double[] hand = new double[3];
        for (int i = 0; i < Times.Length; i++)
        {
            double e = Math.Exp(-r * Times[i]);
            double res = (a * e) + o - Values[i];
            hand[0] += 2 * res * e / Times.Length;
            hand[1] += 2 * res * (-a * Times[i] * e) / Times.Length;
            hand[2] += 2 * res / Times.Length;
        }
        var got = Parts(grad);
        const double h = 1e-6;
        double[] at = { a, r, o };
        Tolerance.AssertFormula(Loss(at), value, "value");
        for (int k = 0; k < 3; k++)
        {
            Tolerance.AssertFormula(hand[k], got[k], "∂" + k + " by hand");
            double[] plus = (double[])at.Clone(), minus = (double[])at.Clone();
            plus[k] += h;
            minus[k] -= h;
            Tolerance.AssertCentral((Loss(plus) - Loss(minus)) / (2 * h), got[k], Math.Abs(value), "∂" + k + " central");
        }
    }

    [Fact]
    public void Fit_SteppingTheCurveByItsGradient_ReachesTheCurveTheSamplesCameFrom()
    {
        var times = Enumerable.Range(0, 9).Select(i => 0.5 * i).ToArray();
        var values = times.Select(t => (2 * Math.Exp(-0.5 * t)) + 0.3).ToArray();
        var curve = GallerySource.Method("Regression", "Fit").Invoke(null, new object[] { times, values, 3000, 0.2 })!;
        var p = Parts(curve);
        Assert.InRange(p[0], 1.99, 2.01);
        Assert.InRange(p[1], 0.49, 0.51);
        Assert.InRange(p[2], 0.29, 0.31);
    }
}
