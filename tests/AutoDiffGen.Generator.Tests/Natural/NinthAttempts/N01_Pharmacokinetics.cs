using AutoDiffGen;

namespace Natural;

// One-compartment model with first-order absorption, fitted to plasma concentrations.
// Parameters are on the log scale so the optimiser can move freely: ka, ke (1/h) and V (L).
public static partial class Pharmacokinetics
{
    public const double Dose = 500.0;       // mg
    public const double Bioavailability = 0.9;

    public static double Concentration(double t, double ka, double ke, double volume)
    {
        return Bioavailability * Dose * ka / (volume * (ka - ke)) * (Math.Exp(-ke * t) - Math.Exp(-ka * t));
    }

    [Differentiable(Hessian = true)]
    public static double SumOfSquares(double logKa, double logKe, double logV, [NoDiff] double[] times, [NoDiff] double[] observed)
    {
        double ka = Math.Exp(logKa);
        double ke = Math.Exp(logKe);
        double v = Math.Exp(logV);
        double sse = 0.0;
        for (int i = 0; i < times.Length; i++)
        {
            double residual = Math.Log(Concentration(times[i], ka, ke, v)) - Math.Log(observed[i]);
            sse += residual * residual;
        }
        return sse;
    }
}
