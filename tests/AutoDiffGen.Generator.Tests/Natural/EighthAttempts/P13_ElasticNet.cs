using AutoDiffGen;

namespace Natural;

// Least squares with an elastic-net penalty; the L1 part written as sign(w)·w.
public static partial class ElasticNet
{
    private static double Penalty(double[] w, double l1, double l2)
    {
        double p = 0;
        for (int j = 0; j < w.Length; j++)
        {
            p += l1 * Math.Sign(w[j]) * w[j] + 0.5 * l2 * w[j] * w[j];
        }

        return p;
    }

    [Differentiable]
    public static double Objective(double[] w, double[,] x, double[] y, double l1, double l2)
    {
        double loss = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double prediction = 0;
            for (int j = 0; j < w.Length; j++) prediction += x[i, j] * w[j];
            loss += (prediction - y[i]) * (prediction - y[i]);
        }

        return loss / (2 * y.Length) + Penalty(w, l1, l2);
    }
}
