using AutoDiffGen;

namespace Natural;

// Logistic growth dy/dt = r y (1 − y/K) solved with classical RK4 in a helper that calls a static right-hand side; the
// loss is the squared error against measurements at integer times.
public static partial class LogisticFit
{
    private static double Rhs(double y, double r, double capacity) => r * y * (1 - y / capacity);

    private static double Rk4Step(double y, double h, double r, double capacity)
    {
        double k1 = Rhs(y, r, capacity);
        double k2 = Rhs(y + 0.5 * h * k1, r, capacity);
        double k3 = Rhs(y + 0.5 * h * k2, r, capacity);
        double k4 = Rhs(y + h * k3, r, capacity);
        return y + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
    }

    [Differentiable]
    public static double Loss(double r, double capacity, double y0, double[] measured, int substeps)
    {
        double y = y0;
        double h = 1.0 / substeps;
        double loss = 0;
        for (int t = 0; t < measured.Length; t++)
        {
            for (int s = 0; s < substeps; s++) y = Rk4Step(y, h, r, capacity);
            double e = y - measured[t];
            loss += e * e;
        }

        return loss;
    }
}
