using AutoDiffGen;

namespace Natural;

public record Dose(double Time, double Amount);

public record Observation(double Time, double Concentration);

// One-compartment model with first-order absorption; fit log ka, log ke, log V to measured concentrations.
public static partial class Pharmacokinetics
{
    [Differentiable]
    public static double Misfit(double logKa, double logKe, double logVolume, List<Dose> doses, List<Observation> observations)
    {
        double ka = Math.Exp(logKa), ke = Math.Exp(logKe), volume = Math.Exp(logVolume);
        double sse = 0;
        foreach (var obs in observations)
        {
            double c = 0;
            foreach (var dose in doses)
            {
                if (dose.Time > obs.Time) continue;
                double t = obs.Time - dose.Time;
                c += dose.Amount * ka / (volume * (ka - ke)) * (Math.Exp(-ke * t) - Math.Exp(-ka * t));
            }
            double err = Math.Log(c + 1e-6) - Math.Log(obs.Concentration);
            sse += err * err;
        }
        return sse / observations.Count;
    }
}
