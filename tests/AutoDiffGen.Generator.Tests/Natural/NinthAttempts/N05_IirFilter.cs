using AutoDiffGen;

namespace Natural;

// A biquad (direct form I) run over a signal; the loss compares its output with a reference.
public static partial class IirFilter
{
    [Differentiable]
    public static double Loss(double b0, double b1, double b2, double a1, double a2, double[] input, double[] reference)
    {
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        double loss = 0;
        for (int n = 0; n < input.Length; n++)
        {
            double x0 = input[n];
            double y0 = b0 * x0 + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1; x1 = x0;
            y2 = y1; y1 = y0;
            double e = y0 - reference[n];
            loss += e * e;
        }
        return loss / input.Length;
    }
}
