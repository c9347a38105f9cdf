using AutoDiffGen;

namespace Natural;

public record struct SirState(double S, double I, double R)
{
    public static SirState operator +(SirState a, SirState b) => new(a.S + b.S, a.I + b.I, a.R + b.R);
    public static SirState operator *(double k, SirState a) => new(k * a.S, k * a.I, k * a.R);
}

public static class SirModel
{
    public static SirState Rates(SirState x, double beta, double gamma)
    {
        double infection = beta * x.S * x.I;
        double recovery = gamma * x.I;
        return new SirState(-infection, infection - recovery, recovery);
    }
}

// SIR epidemic integrated with RK4; fit the contact and recovery rates to daily case fractions.
public static partial class Epidemic
{
    [Differentiable(Forward = true)]
    public static double CaseError(double beta, double gamma, [NoDiff] double[] infectedByDay, double initialInfected = 0.001, int stepsPerDay = 4)
    {
        var x = new SirState(1 - initialInfected, initialInfected, 0);
        double h = 1.0 / stepsPerDay;
        double error = 0;
        for (int day = 0; day < infectedByDay.Length; day++)
        {
            for (int s = 0; s < stepsPerDay; s++)
            {
                var k1 = SirModel.Rates(x, beta, gamma);
                var k2 = SirModel.Rates(x + (h / 2) * k1, beta, gamma);
                var k3 = SirModel.Rates(x + (h / 2) * k2, beta, gamma);
                var k4 = SirModel.Rates(x + h * k3, beta, gamma);
                x = x + (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
            }
            double d = x.I - infectedByDay[day];
            error += d * d;
        }
        return error;
    }

    // How sensitive is the fit to the contact rate? One forward pass.
    public static double BetaSensitivity(double beta, double gamma, double[] infectedByDay)
    {
        CaseErrorForward(beta, gamma, infectedByDay, 0.001, 4, tBeta: 1, tGamma: 0, tInitialInfected: 0, out double dErrorDBeta);
        return dErrorDBeta;
    }
}
