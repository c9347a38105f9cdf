using AutoDiffGen;

namespace Natural;

// ADBench's LSTM objective with double[][] weights (one row per gate) and Sigmoid/Tanh helpers; the state is copied into
// local arrays, one layer, predictions normalised by log-sum-exp.
public static partial class LstmJagged
{
    private static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    private static double Tanh(double x) => Math.Tanh(x);

    private static void Cell(double[][] weight, double[][] bias, double[] hidden, double[] cell, double[] input)
    {
        int h = hidden.Length;
        for (int i = 0; i < h; i++)
        {
            double forget = Sigmoid(input[i] * weight[0][i] + bias[0][i]);
            double ingate = Sigmoid(hidden[i] * weight[1][i] + bias[1][i]);
            double outgate = Sigmoid(input[i] * weight[2][i] + bias[2][i]);
            double change = Tanh(hidden[i] * weight[3][i] + bias[3][i]);
            cell[i] = cell[i] * forget + ingate * change;
            hidden[i] = outgate * Tanh(cell[i]);
        }
    }

    [Differentiable]
    public static double Objective(double[][] weight, double[][] bias, double[] extra, double[] initialHidden, double[] initialCell, double[][] sequence)
    {
        int h = initialHidden.Length;
        var hidden = new double[h];
        var cell = new double[h];
        for (int i = 0; i < h; i++) { hidden[i] = initialHidden[i]; cell[i] = initialCell[i]; }

        double total = 0;
        int count = 0;
        for (int t = 0; t < sequence.Length - 1; t++)
        {
            var input = new double[h];
            for (int i = 0; i < h; i++) input[i] = sequence[t][i] * extra[i];
            Cell(weight, bias, hidden, cell, input);
            var prediction = new double[h];
            double max = double.NegativeInfinity;
            for (int i = 0; i < h; i++)
            {
                prediction[i] = hidden[i] * extra[h + i] + extra[2 * h + i];
                max = Math.Max(max, prediction[i]);
            }

            double sum = 0;
            for (int i = 0; i < h; i++) sum += Math.Exp(prediction[i] - max);
            double lse = max + Math.Log(sum);
            for (int i = 0; i < h; i++) total += sequence[t + 1][i] * (prediction[i] - lse);
            count += h;
        }

        return -total / count;
    }
}
