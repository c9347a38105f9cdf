using AutoDiffGen;

namespace Natural;

public static partial class Filters
{
    [Differentiable]
    public static double Convolve(ReadOnlySpan<double> taps, ReadOnlySpan<double> window)
    {
        double acc = 0;
        for (int k = 0; k < taps.Length; k++)
            acc += taps[k] * window[taps.Length - 1 - k];
        return acc;
    }

    // Squared error of a FIR filter's output against a target, over the fully-overlapping part.
    [Differentiable]
    public static double FirLoss(ReadOnlySpan<double> taps, ReadOnlySpan<double> signal, ReadOnlySpan<double> target)
    {
        double loss = 0;
        for (int n = taps.Length - 1; n < signal.Length; n++)
        {
            double y = Convolve(taps, signal.Slice(n - taps.Length + 1, taps.Length));
            double e = y - target[n];
            loss += e * e;
        }
        return loss / signal.Length;
    }
}
