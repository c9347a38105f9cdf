using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Checkpoint;

/// <summary>
/// The Monte Carlo pricer of the benchmark (European call under geometric Brownian motion, pre-drawn normals), with
/// <c>Checkpoint = true</c>: its pathwise delta and vega equal the estimators written out by hand,
/// delta = mean(e^{−rT}·1{S_T &gt; K}·S_T/S0) and vega = mean(e^{−rT}·1{S_T &gt; K}·S_T·(√dt·Σz − σT)), computed
/// directly from the same paths; they equal the taped gradient bit for bit, and central differences.
/// </summary>
public class MonteCarloDeltaTests
{
    private const string Method = """
            [Differentiable]
            public static double Price(double s0, double sigma, double r, double t, double k, [NoDiff] double[] z, int paths, int steps)
            {
                double dt = t / steps;
                double drift = (r - 0.5 * sigma * sigma) * dt;
                double vol = sigma * Math.Sqrt(dt);
                double sum = 0;
                for (int p = 0; p < paths; p++)
                {
                    double s = s0;
                    for (int j = 0; j < steps; j++) s = s * Math.Exp(drift + vol * z[p * steps + j]);
                    sum += Math.Max(s - k, 0.0);
                }
                return Math.Exp(-r * t) * sum / paths;
            }
        """;

    private static readonly string Source = "using System;\nusing AutoDiffGen;\n\npublic static partial class Plain\n{\n" + Method +
        "\n}\n\npublic static partial class Ckpt\n{\n" + Method.Replace("[Differentiable]", "[Differentiable(Checkpoint = true)]", StringComparison.Ordinal) + "\n}\n";

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private const int Paths = 4000, Steps = 52;
    private const double S0 = 100, Sigma = 0.2, R = 0.03, T = 1.0, K = 105;

    /// <summary>Standard normals from a fixed seed (Box–Muller), so the test is deterministic.</summary>
    private static double[] Normals(int n, int seed)
    {
        var random = new Random(seed);
        var z = new double[n];
        for (int i = 0; i < n; i += 2)
        {
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            double radius = Math.Sqrt(-2 * Math.Log(u1));
            z[i] = radius * Math.Cos(2 * Math.PI * u2);
            if (i + 1 < n) z[i + 1] = radius * Math.Sin(2 * Math.PI * u2);
        }
        return z;
    }

    private static (double Price, double Delta, double Vega) Backward(string type, double s0, double sigma, double[] z)
    {
        var method = Compiled.Value.GetType(type)!.GetMethod("PriceBackward")!;
        var args = new object[] { s0, sigma, R, T, K, z, Paths, Steps, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0 };
        double price = (double)method.Invoke(null, args)!;
        return (price, (double)args[8], (double)args[9]);
    }

    private static double Price(double s0, double sigma, double[] z) =>
        (double)Compiled.Value.GetType("Plain")!.GetMethod("Price")!.Invoke(null, new object[] { s0, sigma, R, T, K, z, Paths, Steps })!;

    [Fact]
    public void PathwiseDeltaAndVega_EqualTheEstimatorsComputedDirectly()
    {
        var z = Normals(Paths * Steps, 2026);
        var (price, delta, vega) = Backward("Ckpt", S0, Sigma, z);

        double dt = T / Steps, drift = (R - 0.5 * Sigma * Sigma) * dt, vol = Sigma * Math.Sqrt(dt), discount = Math.Exp(-R * T);
        double payoff = 0, deltaSum = 0, vegaSum = 0;
        int inTheMoney = 0;
        for (int p = 0; p < Paths; p++)
        {
            double s = S0, zSum = 0;
            for (int j = 0; j < Steps; j++)
            {
                s *= Math.Exp(drift + vol * z[p * Steps + j]);
                zSum += z[p * Steps + j];
            }
            if (s <= K) continue;
            inTheMoney++;
            payoff += s - K;
            deltaSum += s / S0;
            vegaSum += s * (Math.Sqrt(dt) * zSum - Sigma * T);
        }
        // The estimators must be non-trivial: a fair share of the paths end in the money.
        Assert.InRange(inTheMoney, Paths / 5, Paths * 4 / 5);
        Assert.Equal(discount * payoff / Paths, price, 1e-9);
        Assert.True(Math.Abs(discount * deltaSum / Paths - delta) <= 1e-12 * Math.Abs(delta), $"delta {delta:R}, direct {discount * deltaSum / Paths:R}");
        Assert.True(Math.Abs(discount * vegaSum / Paths - vega) <= 1e-10 * Math.Abs(vega), $"vega {vega:R}, direct {discount * vegaSum / Paths:R}");

        // The taped gradient, bit for bit.
        var taped = Backward("Plain", S0, Sigma, z);
        Assert.Equal(taped.Price, price);
        Assert.Equal(taped.Delta, delta);
        Assert.Equal(taped.Vega, vega);

        // Central differences (no path ends within a step of the strike at these points).
        const double h = 1e-5;
        Tolerance.AssertCentral((Price(S0 + h, Sigma, z) - Price(S0 - h, Sigma, z)) / (2 * h), delta, price, "delta");
        Tolerance.AssertCentral((Price(S0, Sigma + h, z) - Price(S0, Sigma - h, z)) / (2 * h), vega, price, "vega");
    }
}
