using AutoDiffGen;

namespace Natural;

// The negative log-likelihood of a local-level model (random walk plus noise) by the Kalman filter's prediction errors;
// the variances are parameterised by their logs so any real is valid.
public static partial class KalmanFilter
{
    [Differentiable]
    public static double NegativeLogLikelihood(double logProcessVar, double logObservationVar, double[] observations)
    {
        double q = Math.Exp(logProcessVar);
        double r = Math.Exp(logObservationVar);
        double mean = observations[0];
        double variance = 1.0;
        double nll = 0;
        for (int t = 1; t < observations.Length; t++)
        {
            // predict
            double predictedVar = variance + q;
            // update
            double innovation = observations[t] - mean;
            double s = predictedVar + r;
            double gain = predictedVar / s;
            mean += gain * innovation;
            variance = (1 - gain) * predictedVar;
            nll += 0.5 * (Math.Log(2 * Math.PI * s) + innovation * innovation / s);
        }

        return nll;
    }
}
