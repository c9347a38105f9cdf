using AutoDiffGen;

namespace Natural;

public static partial class Orbits
{
    // Classic RK4 step for y' = f(y).
    static double[] Rk4Step(Func<double[], double[]> f, double[] y, double h)
    {
        double[] k1 = f(y);
        double[] k2 = f(y.Zip(k1, (a, k) => a + 0.5 * h * k).ToArray());
        double[] k3 = f(y.Zip(k2, (a, k) => a + 0.5 * h * k).ToArray());
        double[] k4 = f(y.Zip(k3, (a, k) => a + h * k).ToArray());
        var next = new double[y.Length];
        for (int i = 0; i < y.Length; i++)
            next[i] = y[i] + h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        return next;
    }

    // Radius after integrating a planar Kepler orbit from (r0, 0) with tangential speed v0.
    [Differentiable]
    public static double FinalRadius(double r0, double v0, double mu, double h, int steps)
    {
        Func<double[], double[]> gravity = s =>
        {
            double r3 = Math.Pow(s[0] * s[0] + s[1] * s[1], 1.5);
            return new[] { s[2], s[3], -mu * s[0] / r3, -mu * s[1] / r3 };
        };
        double[] state = { r0, 0, 0, v0 };
        for (int i = 0; i < steps; i++)
            state = Rk4Step(gravity, state, h);
        return Math.Sqrt(state[0] * state[0] + state[1] * state[1]);
    }
}
