using AutoDiffGen;

namespace Natural;

public enum Surface { Hard, Clay, Grass }

// A tennis win-probability model: serve strength by surface, a fatigue factor, and a log loss over matches.
public static partial class WinModel
{
    static double SurfaceBonus(Surface surface, bool indoor) => (surface, indoor) switch
    {
        (Surface.Hard, true) => 0.15,
        (Surface.Hard, false) => 0.1,
        (Surface.Clay, _) => -0.2,
        (Surface.Grass, _) => 0.3,
        _ => throw new ArgumentOutOfRangeException(nameof(surface), $"unknown surface {surface}")
    };

    [Differentiable]
    public static double WinProbability(double strength, double fatigue, [NoDiff] Surface surface, [NoDiff] bool indoor, int setsPlayed)
    {
        if (fatigue is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(fatigue), $"{nameof(fatigue)} must be in [0, 1], was {fatigue}");
        int sets = checked(setsPlayed + 1);
        double z = strength + SurfaceBonus(surface, indoor) - fatigue * sets;
        double p = 1 / (1 + Math.Exp(-z));
        return p switch
        {
            < 1e-9 => 1e-9,
            > 1 - 1e-9 => 1 - 1e-9,
            _ => p
        };
    }

    [Differentiable]
    public static double LogLoss(double strength, double fatigue, [NoDiff] Surface[] surfaces, [NoDiff] bool[] won)
    {
        double loss = 0;
        for (int i = 0; i < won.Length; i++)
        {
            double p = WinProbability(strength, fatigue, surfaces[i], false, unchecked(i % 3));
            loss -= won[i] ? Math.Log(p) : Math.Log(1 - p);
        }
        return loss;
    }
}
