using AutoDiffGen;

namespace Natural;

// Fit the damping of x'' + c x' + k x = 0 to a recorded trajectory, integrating with classic RK4.
public static partial class Oscillator
{
    static (double dx, double dv) Derivative(double x, double v, double c, double k) => (v, -c * v - k * x);

    [Differentiable]
    public static double TrajectoryLoss(double damping, double stiffness, double[] observed, double dt, double x0 = 1.0)
    {
        double x = x0, v = 0.0;
        double loss = 0;
        for (int i = 0; i < observed.Length; i++)
        {
            var (k1x, k1v) = Derivative(x, v, damping, stiffness);
            var (k2x, k2v) = Derivative(x + 0.5 * dt * k1x, v + 0.5 * dt * k1v, damping, stiffness);
            var (k3x, k3v) = Derivative(x + 0.5 * dt * k2x, v + 0.5 * dt * k2v, damping, stiffness);
            var (k4x, k4v) = Derivative(x + dt * k3x, v + dt * k3v, damping, stiffness);
            x += dt / 6 * (k1x + 2 * k2x + 2 * k3x + k4x);
            v += dt / 6 * (k1v + 2 * k2v + 2 * k3v + k4v);
            double e = x - observed[i];
            loss += e * e;
        }
        return loss / observed.Length;
    }

    public static double FitDamping(double[] observed, double stiffness, double dt, double guess = 0.1)
    {
        double c = guess;
        for (int it = 0; it < 200; it++)
        {
            double dc = 0, dk = 0, ddt = 0, dx0 = 0;
            var dObs = new double[observed.Length];
            TrajectoryLossBackward(c, stiffness, observed, dt, 1.0, ref dc, ref dk, dObs, ref ddt, ref dx0);
            c -= 0.5 * dc;
        }
        return c;
    }
}
