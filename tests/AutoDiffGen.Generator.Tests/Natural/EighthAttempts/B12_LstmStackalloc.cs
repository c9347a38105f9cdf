using AutoDiffGen;

namespace Natural;

// One LSTM prediction step written with stackalloc buffers for the gates, a helper over ReadOnlySpan parameters, and the
// squared error of the output against a target.
public static partial class LstmStep
{
    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    [Differentiable]
    public static double StepError(double[] wInput, double[] wHidden, double[] hidden, double[] cell, double[] x, double target)
    {
        int h = hidden.Length;
        Span<double> gates = stackalloc double[4];
        double output = 0;
        for (int i = 0; i < h; i++)
        {
            for (int g = 0; g < 4; g++)
            {
                gates[g] = Dot(wInput.AsSpan((4 * i + g) * x.Length, x.Length), x) + wHidden[4 * i + g] * hidden[i];
            }

            double f = 1 / (1 + Math.Exp(-gates[0]));
            double ig = 1 / (1 + Math.Exp(-gates[1]));
            double o = 1 / (1 + Math.Exp(-gates[2]));
            double c = f * cell[i] + ig * Math.Tanh(gates[3]);
            output += o * Math.Tanh(c);
        }

        return (output - target) * (output - target);
    }
}
