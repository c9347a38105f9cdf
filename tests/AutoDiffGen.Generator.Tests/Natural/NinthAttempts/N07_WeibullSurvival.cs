using AutoDiffGen;

namespace Natural;

// Right-censored Weibull log-likelihood (shape k, scale lambda on the log scale).
public static partial class WeibullSurvival
{
    [Differentiable(Hessian = true)]
    public static double LogLikelihood(double logShape, double logScale, [NoDiff] double[] times, [NoDiff] bool[] observed)
    {
        double k = Math.Exp(logShape);
        double lambda = Math.Exp(logScale);
        double ll = 0;
        for (int i = 0; i < times.Length; i++)
        {
            double z = times[i] / lambda;
            double cumulativeHazard = Math.Pow(z, k);
            if (observed[i])
            {
                // log f(t) = log k - log lambda + (k - 1) log(t / lambda) - (t / lambda)^k
                ll += Math.Log(k) - Math.Log(lambda) + (k - 1) * Math.Log(z) - cumulativeHazard;
            }
            else
            {
                // censored: log S(t) = -(t / lambda)^k
                ll -= cumulativeHazard;
            }
        }
        return ll;
    }
}
