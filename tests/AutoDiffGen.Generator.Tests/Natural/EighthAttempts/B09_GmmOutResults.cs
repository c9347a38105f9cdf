using AutoDiffGen;

namespace Natural;

// A GMM log-likelihood whose per-component helper returns two results through out parameters (the log-determinant and
// the quadratic form), with diagonal covariances in a double[,] of log-precisions.
public static partial class GmmDiagonal
{
    private static void Component(double[] point, double[,] means, double[,] logPrecisions, int k, out double logDet, out double quadratic)
    {
        logDet = 0;
        quadratic = 0;
        for (int j = 0; j < point.Length; j++)
        {
            double lp = logPrecisions[k, j];
            logDet += lp;
            double z = (point[j] - means[k, j]) * Math.Exp(0.5 * lp);
            quadratic += z * z;
        }
    }

    [Differentiable]
    public static double LogLikelihood(double[] logWeights, double[,] means, double[,] logPrecisions, double[][] data)
    {
        int k = logWeights.Length;
        double maxW = logWeights.Max();
        double normW = 0;
        for (int c = 0; c < k; c++) normW += Math.Exp(logWeights[c] - maxW);
        normW = maxW + Math.Log(normW);

        double ll = 0;
        foreach (double[] point in data)
        {
            double acc = 0;
            for (int c = 0; c < k; c++)
            {
                Component(point, means, logPrecisions, c, out double logDet, out double quadratic);
                acc += Math.Exp(logWeights[c] - normW + 0.5 * logDet - 0.5 * quadratic);
            }

            ll += Math.Log(acc) - 0.5 * point.Length * Math.Log(2 * Math.PI);
        }

        return ll;
    }
}
