using AutoDiffGen;

namespace Natural;

// One head of scaled dot-product attention over a short sequence, fitted to targets.
public static partial class Attention
{
    [Differentiable]
    public static double AttentionLoss(double[][] queries, double[][] keys, double[][] values, [NoDiff] double[][] targets)
    {
        int n = queries.Length;
        int dv = values[0].Length;
        double scale = 1.0 / Math.Sqrt(queries[0].Length);
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            var scores = new double[n];
            for (int j = 0; j < n; j++)
                scores[j] = Dot(queries[i], keys[j]) * scale;
            var weights = Softmax(scores);
            for (int c = 0; c < dv; c++)
            {
                double output = 0;
                for (int j = 0; j < n; j++)
                    output += weights[j] * values[j][c];
                double diff = output - targets[i][c];
                loss += diff * diff;
            }
        }
        return loss / n;
    }

    static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    static double[] Softmax(double[] z)
    {
        double max = z.Max();
        var e = z.Select(v => Math.Exp(v - max)).ToArray();
        double sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }
}
