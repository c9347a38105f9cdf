using AutoDiffGen;

namespace Natural;

// SIR epidemic model integrated with classic RK4; the fit's loss is the squared error of the infected fraction.
public static partial class SirEpidemic
{
    static (double S, double I, double R) Derivative(double s, double i, double r, double beta, double gamma)
    {
        double infection = beta * s * i;
        double recovery = gamma * i;
        return (-infection, infection - recovery, recovery);
    }

    static (double S, double I, double R) Rk4Step(double s, double i, double r, double beta, double gamma, double dt)
    {
        var k1 = Derivative(s, i, r, beta, gamma);
        var k2 = Derivative(s + dt / 2 * k1.S, i + dt / 2 * k1.I, r + dt / 2 * k1.R, beta, gamma);
        var k3 = Derivative(s + dt / 2 * k2.S, i + dt / 2 * k2.I, r + dt / 2 * k2.R, beta, gamma);
        var k4 = Derivative(s + dt * k3.S, i + dt * k3.I, r + dt * k3.R, beta, gamma);
        return (s + dt / 6 * (k1.S + 2 * k2.S + 2 * k3.S + k4.S),
                i + dt / 6 * (k1.I + 2 * k2.I + 2 * k3.I + k4.I),
                r + dt / 6 * (k1.R + 2 * k2.R + 2 * k3.R + k4.R));
    }

    [Differentiable]
    public static double Loss(double beta, double gamma, double i0, double[] observedInfected, double dt)
    {
        double s = 1 - i0, i = i0, r = 0;
        double loss = 0;
        for (int day = 0; day < observedInfected.Length; day++)
        {
            (s, i, r) = Rk4Step(s, i, r, beta, gamma, dt);
            double e = i - observedInfected[day];
            loss += e * e;
        }
        return loss;
    }
}
