using AutoDiffGen;

namespace Natural;

// Scaled dot-product attention over jagged rows, with a squared-error loss on the attended values.
public static partial class Attention
{
    static double[] Softmax(double[] scores)
    {
        double max = scores.Max();
        var weights = new double[scores.Length];
        double sum = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            weights[i] = Math.Exp(scores[i] - max);
            sum += weights[i];
        }
        for (int i = 0; i < scores.Length; i++) weights[i] /= sum;
        return weights;
    }

    [Differentiable]
    public static double Loss(double[][] queries, double[][] keys, double[][] values, double[][] targets)
    {
        int n = queries.Length, m = keys.Length, d = queries[0].Length, dv = values[0].Length;
        double scale = 1.0 / Math.Sqrt(d);
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            var scores = new double[m];
            for (int j = 0; j < m; j++)
            {
                double dot = 0;
                for (int k = 0; k < d; k++) dot += queries[i][k] * keys[j][k];
                scores[j] = dot * scale;
            }
            double[] weights = Softmax(scores);
            for (int c = 0; c < dv; c++)
            {
                double output = 0;
                for (int j = 0; j < m; j++) output += weights[j] * values[j][c];
                double e = output - targets[i][c];
                loss += e * e;
            }
        }
        return loss;
    }
}
