using AutoDiffGen;

namespace Natural;

public static partial class Smoothing
{
    // Squared error between a trailing moving average of the signal and a target, using a ring buffer.
    [Differentiable]
    public static double MovingAverageError(double[] signal, double[] target, int width)
    {
        Span<double> window = stackalloc double[width];
        double runningSum = 0, error = 0;
        for (int i = 0; i < signal.Length; i++)
        {
            int slot = i % width;
            runningSum -= window[slot];
            window[slot] = signal[i];
            runningSum += signal[i];
            double avg = runningSum / Math.Min(i + 1, width);
            double e = avg - target[i];
            error += e * e;
        }
        return error;
    }
}
