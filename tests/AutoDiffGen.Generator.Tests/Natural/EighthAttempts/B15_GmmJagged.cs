using AutoDiffGen;

namespace Natural;

// A GMM with jagged means (double[][]), spherical log-scales, and a reused responsibility buffer cleared with
// Array.Clear each point.
public static partial class GmmJagged
{
    [Differentiable]
    public static double NegLogLikelihood(double[] alphas, double[][] means, double[] logScales, double[][] points)
    {
        int k = alphas.Length;
        var terms = new double[k];
        double alphaMax = double.NegativeInfinity;
        foreach (var a in alphas) alphaMax = Math.Max(alphaMax, a);
        double alphaSum = 0;
        foreach (var a in alphas) alphaSum += Math.Exp(a - alphaMax);
        double lseAlpha = alphaMax + Math.Log(alphaSum);

        double nll = 0;
        foreach (var x in points)
        {
            Array.Clear(terms, 0, k);
            double max = double.NegativeInfinity;
            for (int c = 0; c < k; c++)
            {
                double sq = 0;
                for (int j = 0; j < x.Length; j++)
                {
                    double diff = (x[j] - means[c][j]) * Math.Exp(-logScales[c]);
                    sq += diff * diff;
                }

                terms[c] = alphas[c] - x.Length * logScales[c] - 0.5 * sq;
                if (terms[c] > max) max = terms[c];
            }

            double sum = 0;
            for (int c = 0; c < k; c++) sum += Math.Exp(terms[c] - max);
            nll -= max + Math.Log(sum) - lseAlpha;
        }

        return nll;
    }
}
