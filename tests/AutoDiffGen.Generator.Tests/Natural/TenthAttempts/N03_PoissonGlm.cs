using AutoDiffGen;

namespace Natural;

// Poisson regression with a log link: negative log-likelihood of counts y given a design matrix X (rows are
// observations). Hessian = true so Newton's method can use the exact Hessian X^T W X.
public static partial class PoissonGlm
{
    [Differentiable(Hessian = true)]
    public static double NegativeLogLikelihood(double[] beta, [NoDiff] double[,] x, [NoDiff] int[] y)
    {
        int n = x.GetLength(0), p = x.GetLength(1);
        double nll = 0;
        for (int i = 0; i < n; i++)
        {
            double eta = 0;
            for (int j = 0; j < p; j++)
                eta += x[i, j] * beta[j];
            nll += Math.Exp(eta) - y[i] * eta;
        }
        return nll;
    }
}
