using AutoDiffGen;

namespace Natural;

// The LSTM again over flat arrays, as ADBench's C++ has it: span slices of the weight vector per gate, the state copied
// with Array.Copy into a work array, Array.Clear of a reused buffer, and a helper that writes the prediction.
public static partial class LstmFlat
{
    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static void Model(ReadOnlySpan<double> weight, ReadOnlySpan<double> bias, Span<double> hidden, Span<double> cell, ReadOnlySpan<double> input)
    {
        int h = hidden.Length;
        for (int i = 0; i < h; i++)
        {
            double forget = Sigmoid(input[i] * weight[i] + bias[i]);
            double ingate = Sigmoid(hidden[i] * weight[h + i] + bias[h + i]);
            double outgate = Sigmoid(input[i] * weight[2 * h + i] + bias[2 * h + i]);
            double change = Math.Tanh(hidden[i] * weight[3 * h + i] + bias[3 * h + i]);
            cell[i] = cell[i] * forget + ingate * change;
            hidden[i] = outgate * Math.Tanh(cell[i]);
        }
    }

    [Differentiable]
    public static double Objective(double[] mainParams, double[] extraParams, double[] state, double[] sequence, int steps)
    {
        int h = state.Length / 2;
        var work = new double[state.Length];
        Array.Copy(state, work, state.Length);
        var input = new double[h];
        double total = 0;
        for (int t = 0; t < steps - 1; t++)
        {
            Array.Clear(input);
            for (int i = 0; i < h; i++) input[i] = sequence[t * h + i] * extraParams[i];
            Model(mainParams.AsSpan(0, 4 * h), mainParams.AsSpan(4 * h, 4 * h), work.AsSpan(0, h), work.AsSpan(h, h), input);
            double lse = 0;
            for (int i = 0; i < h; i++) lse += Math.Exp(work[i] * extraParams[h + i] + extraParams[2 * h + i]);
            lse = Math.Log(lse);
            for (int i = 0; i < h; i++) total += sequence[(t + 1) * h + i] * (work[i] * extraParams[h + i] + extraParams[2 * h + i] - lse);
        }

        return -total / ((steps - 1) * h);
    }
}
