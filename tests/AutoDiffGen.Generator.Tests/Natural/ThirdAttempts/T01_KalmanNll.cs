using AutoDiffGen;

namespace Natural;

// Constant-velocity Kalman filter over noisy position readings; we fit the process and measurement noise by
// minimising the negative log-likelihood of the innovations (noise levels on a log scale so they stay positive).
public static partial class Kalman
{
    [Differentiable]
    public static double NegLogLikelihood(double logQ, double logR, double[,] observations, double dt)
    {
        double q = Math.Exp(logQ);
        double r = Math.Exp(logR);

        double[] x = { observations[0, 0], 0.0 };
        double[,] P = { { 1.0, 0.0 }, { 0.0, 1.0 } };
        double nll = 0;

        for (int t = 1; t < observations.GetLength(0); t++)
        {
            // predict: F = [[1, dt], [0, 1]], Q from white-noise acceleration
            double xp0 = x[0] + dt * x[1];
            double xp1 = x[1];
            double p00 = P[0, 0] + dt * (P[1, 0] + P[0, 1]) + dt * dt * P[1, 1] + q * dt * dt * dt / 3;
            double p01 = P[0, 1] + dt * P[1, 1] + q * dt * dt / 2;
            double p10 = P[1, 0] + dt * P[1, 1] + q * dt * dt / 2;
            double p11 = P[1, 1] + q * dt;

            // update with the position reading (H = [1, 0])
            double innovation = observations[t, 0] - xp0;
            double s = p00 + r;
            double k0 = p00 / s;
            double k1 = p10 / s;

            x[0] = xp0 + k0 * innovation;
            x[1] = xp1 + k1 * innovation;
            P[0, 0] = (1 - k0) * p00;
            P[0, 1] = (1 - k0) * p01;
            P[1, 0] = p10 - k1 * p00;
            P[1, 1] = p11 - k1 * p01;

            nll += 0.5 * (Math.Log(2 * Math.PI * s) + innovation * innovation / s);
        }
        return nll;
    }
}
