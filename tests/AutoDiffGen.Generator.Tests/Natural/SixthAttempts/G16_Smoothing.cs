using AutoDiffGen;

namespace Natural;

// Exponential smoothing with a seasonal table (Holt–Winters additive), its one-step-ahead squared error.
public static partial class HoltWinters
{
    [Differentiable]
    public static double ForecastError(double alpha, double beta, double gamma, [NoDiff] double[] series, int period = 4)
    {
        if (series.Length < 2 * period) throw new ArgumentException($"need at least {2 * period} points", nameof(series));
        var season = new double[period];
        double level = 0;
        for (int i = 0; i < period; i++) level += series[i] / period;
        for (int i = 0; i < period; i++) season[i] = series[i] - level;
        double trend = (series[period] - series[0]) / period;

        double sse = 0;
        void Observe(double y, int t)
        {
            double forecast = level + trend + season[t % period];
            double e = y - forecast;
            sse += e * e;
            double newLevel = alpha * (y - season[t % period]) + (1 - alpha) * (level + trend);
            trend = beta * (newLevel - level) + (1 - beta) * trend;
            season[t % period] = gamma * (y - newLevel) + (1 - gamma) * season[t % period];
            level = newLevel;
        }

        for (int t = period; t < series.Length; t++) Observe(series[t], t);
        return sse;
    }
}
