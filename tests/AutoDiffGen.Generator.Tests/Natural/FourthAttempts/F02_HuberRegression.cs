using AutoDiffGen;

namespace Natural;

// Robust regression: the Huber loss of the residuals, so a few outliers do not drag the line.
public static partial class Robust
{
    [Differentiable]
    public static double HuberLoss(double[] coef, double intercept, [NoDiff] double[,] x, [NoDiff] double[] y, double delta = 1.0)
    {
        int n = y.Length;
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            double pred = intercept;
            for (int j = 0; j < coef.Length; j++)
                pred += coef[j] * x[i, j];
            double r = y[i] - pred;
            // c = r inside [-delta, delta], +-delta outside: c * (r - c/2) is r^2/2 inside and delta*|r| - delta^2/2 outside
            double c = Math.Clamp(r, -delta, delta);
            total += c * (r - 0.5 * c);
        }
        return total / n;
    }

    // The same loss on spans, for callers that slice a bigger buffer.
    [Differentiable]
    public static double HuberLoss1D(double slope, double intercept, ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, double delta)
    {
        double total = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            double r = ys[i] - (slope * xs[i] + intercept);
            double c = Math.Clamp(r, -delta, delta);
            total += c * (r - 0.5 * c);
        }
        return total / xs.Length;
    }

    public static double[] Fit(double[,] x, double[] y, int iterations = 2000, double lr = 0.1)
    {
        var coef = new double[x.GetLength(1)];
        double b = 0;
        for (int it = 0; it < iterations; it++)
        {
            var dCoef = new double[coef.Length];
            double dB = 0;
            HuberLossBackward(coef, b, x, y, dCoef, ref dB);
            for (int j = 0; j < coef.Length; j++) coef[j] -= lr * dCoef[j];
            b -= lr * dB;
        }
        return coef;
    }
}
