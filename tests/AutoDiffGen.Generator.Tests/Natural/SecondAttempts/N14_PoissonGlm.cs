using AutoDiffGen;

namespace Natural;

public enum Link { Log, SoftPlus }

public static partial class Glm
{
    static double LogFactorial(int k)
    {
        double s = 0;
        for (int i = 2; i <= k; i++) s += Math.Log(i);
        return s;
    }

    [Differentiable]
    static double Rate(double eta, Link link) => link switch
    {
        Link.Log => Math.Exp(eta),
        Link.SoftPlus => Math.Log(1 + Math.Exp(eta)),
        _ => throw new ArgumentOutOfRangeException(nameof(link)),
    };

    // Poisson regression log-likelihood with a choice of link.
    [Differentiable]
    public static double PoissonLogLikelihood(double[] beta, double[,] x, int[] counts, Link link = Link.Log)
    {
        double ll = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            double eta = 0;
            for (int j = 0; j < beta.Length; j++) eta += x[i, j] * beta[j];
            double lambda = Rate(eta, link);
            ll += counts[i] is > 0 ? counts[i] * Math.Log(lambda) : 0;
            ll -= lambda + LogFactorial(counts[i]);
        }
        return ll;
    }
}
