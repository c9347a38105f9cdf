using AutoDiffGen;

namespace Natural;

// A softmax classifier whose class holds its weights; the loss is a static method of the weights, and Train calls its
// Backward.
public sealed partial class SoftmaxClassifier
{
    public double[,] Weights { get; }
    public double[] Bias { get; }

    public SoftmaxClassifier(int features, int classes)
    {
        Weights = new double[classes, features];
        Bias = new double[classes];
    }

    [Differentiable]
    public static double Loss(double[,] weights, double[] bias, double[,] inputs, int[] labels)
    {
        int classes = weights.GetLength(0), features = weights.GetLength(1);
        double total = 0;
        for (int n = 0; n < inputs.GetLength(0); n++)
        {
            double[] scores = new double[classes];
            double max = double.NegativeInfinity;
            for (int c = 0; c < classes; c++)
            {
                double s = bias[c];
                for (int f = 0; f < features; f++) s += weights[c, f] * inputs[n, f];
                scores[c] = s;
                max = Math.Max(max, s);
            }

            double sum = 0;
            for (int c = 0; c < classes; c++) sum += Math.Exp(scores[c] - max);
            total += Math.Log(sum) + max - scores[labels[n]];
        }

        return total / inputs.GetLength(0);
    }

    public double Train(double[,] inputs, int[] labels, double learningRate)
    {
        var dW = new double[Weights.GetLength(0), Weights.GetLength(1)];
        var dB = new double[Bias.Length];
        double[,] dX = new double[inputs.GetLength(0), inputs.GetLength(1)];
        double loss = LossBackward(Weights, Bias, inputs, labels, dW, dB, dX, 1.0);
        for (int c = 0; c < Bias.Length; c++)
        {
            Bias[c] -= learningRate * dB[c];
            for (int f = 0; f < Weights.GetLength(1); f++) Weights[c, f] -= learningRate * dW[c, f];
        }

        return loss;
    }
}
