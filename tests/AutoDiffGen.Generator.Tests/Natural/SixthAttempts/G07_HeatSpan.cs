using AutoDiffGen;

namespace Natural;

// Explicit finite differences for u_t = D u_xx on a rod with fixed ends; fit D to a measured end state.
public static partial class Rod
{
    static void Step(Span<double> u, Span<double> next, double r)
    {
        next[0] = u[0];
        next[u.Length - 1] = u[u.Length - 1];
        for (int i = 1; i < u.Length - 1; i++)
            next[i] = u[i] + r * (u[i - 1] - 2 * u[i] + u[i + 1]);
    }

    [Differentiable]
    public static double Misfit(double diffusivity, [NoDiff] double[] initial, [NoDiff] double[] measured, int steps, double dx = 0.1, double dt = 0.001)
    {
        int n = initial.Length;
        Span<double> u = stackalloc double[n];
        Span<double> next = stackalloc double[n];
        initial.CopyTo(u);
        double r = diffusivity * dt / (dx * dx);
        for (int s = 0; s < steps; s++)
        {
            Step(u, next, r);
            next.CopyTo(u);
        }
        double misfit = 0;
        for (int i = 0; i < n; i++) misfit += (u[i] - measured[i]) * (u[i] - measured[i]);
        return misfit;
    }
}
