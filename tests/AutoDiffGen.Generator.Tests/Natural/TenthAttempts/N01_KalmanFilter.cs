using AutoDiffGen;

namespace Natural;

// Local-level model y_t = mu_t + eps, mu_t = mu_{t-1} + eta: the Kalman filter's Gaussian log-likelihood
// as a function of the log noise variances, to be maximised over (logQ, logR).
public static partial class KalmanFilter
{
    [Differentiable]
    public static double LogLikelihood(double logQ, double logR, double[] observations)
    {
        double q = Math.Exp(logQ);
        double r = Math.Exp(logR);
        double mean = observations[0];
        double variance = 1.0;
        double logLik = 0.0;
        for (int t = 1; t < observations.Length; t++)
        {
            // predict
            double predictedVariance = variance + q;
            // update
            double innovation = observations[t] - mean;
            double s = predictedVariance + r;
            double gain = predictedVariance / s;
            mean += gain * innovation;
            variance = (1 - gain) * predictedVariance;
            logLik -= 0.5 * (Math.Log(2 * Math.PI * s) + innovation * innovation / s);
        }
        return logLik;
    }
}
