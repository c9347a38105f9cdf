using AutoDiffGen;

namespace Natural;

// A portfolio's variance and Sharpe ratio over double[] weights, the assets' data in a record.
public sealed record Asset(string Ticker, double ExpectedReturn, double Volatility);

public static partial class Portfolio
{
    [Differentiable]
    public static double Variance(double[] weights, Asset[] assets, double[,] correlation)
    {
        double variance = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            for (int j = 0; j < weights.Length; j++)
            {
                variance += weights[i] * weights[j] * assets[i].Volatility * assets[j].Volatility * correlation[i, j];
            }
        }

        return variance;
    }

    [Differentiable]
    public static double SharpeRatio(double[] weights, Asset[] assets, double[,] correlation, double riskFree)
    {
        double expected = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            expected += weights[i] * assets[i].ExpectedReturn;
        }

        return (expected - riskFree) / Math.Sqrt(Variance(weights, assets, correlation));
    }
}
