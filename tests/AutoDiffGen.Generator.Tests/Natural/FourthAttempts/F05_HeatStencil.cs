using AutoDiffGen;

namespace Natural;

// Explicit finite differences for the 2-D heat equation u_t = D (u_xx + u_yy) on a grid with fixed edges; fit the
// diffusivity D to a measured temperature field.
public static partial class Heat
{
    [Differentiable]
    public static double Misfit(double diffusivity, [NoDiff] double[,] initial, [NoDiff] double[,] measured, int steps, double dt = 0.001, double h = 0.1)
    {
        int nx = initial.GetLength(0), ny = initial.GetLength(1);
        var u = (double[,])initial.Clone();
        var next = new double[nx, ny];
        double lambda = diffusivity * dt / (h * h);

        for (int s = 0; s < steps; s++)
        {
            for (int i = 0; i < nx; i++)
                for (int j = 0; j < ny; j++)
                {
                    if (i == 0 || j == 0 || i == nx - 1 || j == ny - 1)
                    {
                        next[i, j] = u[i, j];
                        continue;
                    }
                    double laplacian = u[i + 1, j] + u[i - 1, j] + u[i, j + 1] + u[i, j - 1] - 4 * u[i, j];
                    next[i, j] = u[i, j] + lambda * laplacian;
                }
            (u, next) = (next, u);
        }

        double misfit = 0;
        for (int i = 0; i < nx; i++)
            for (int j = 0; j < ny; j++)
            {
                double d = u[i, j] - measured[i, j];
                misfit += d * d;
            }
        return misfit;
    }
}
