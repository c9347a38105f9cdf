using AutoDiffGen;

namespace Natural;

// Explicit (FTCS) steps of the 1-D heat equation with fixed ends; the loss compares the final profile with a target.
public static partial class HeatEquation
{
    [Differentiable]
    public static double Loss(double diffusivity, double[] initial, double[] target, int steps)
    {
        int n = initial.Length;
        double dx = 1.0 / (n - 1);
        double dt = 0.4 * dx * dx;          // stable for diffusivity <= 1.25
        double r = diffusivity * dt / (dx * dx);

        var u = new double[n];
        var next = new double[n];
        Array.Copy(initial, u, n);
        for (int s = 0; s < steps; s++)
        {
            next[0] = u[0];
            next[n - 1] = u[n - 1];
            for (int i = 1; i < n - 1; i++)
            {
                next[i] = u[i] + r * (u[i - 1] - 2 * u[i] + u[i + 1]);
            }
            Array.Copy(next, u, n);
        }

        double loss = 0;
        for (int i = 0; i < n; i++) loss += (u[i] - target[i]) * (u[i] - target[i]);
        return loss * dx;
    }
}
