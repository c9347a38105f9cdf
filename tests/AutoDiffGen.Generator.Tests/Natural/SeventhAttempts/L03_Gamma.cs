using AutoDiffGen;

namespace Natural;

public static class Constants
{
    public const double Pi = 3.1415926535897932384626433832795028841971693993751;
    public const double Sqrt2Pi = 2.5066282746310005024157652848110452530069867406099;
    public const double LnPi = 1.1447298858494001741434273513530587116472948129153;
    public const double LogTwoSqrtEOverPi = 0.6207822376352452223455184457816472122518527279025978;
}

// Gamma and log-gamma by the Lanczos approximation (g = 7, nine coefficients), with the reflection formula
// Γ(x) = π / (sin(πx) Γ(1 − x)) for x < 0.5: the method calls itself.
public static partial class SpecialFunctions
{
    private const int GammaN = 9;
    private const double GammaR = 7.0;
    private static readonly double[] GammaDk =
    {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    };

    [Differentiable]
    public static double Gamma(double z)
    {
        if (z < 0.5)
        {
            return Constants.Pi / (Math.Sin(Constants.Pi * z) * Gamma(1.0 - z));
        }

        z -= 1.0;
        double s = GammaDk[0];
        for (int i = 1; i < GammaN; i++)
        {
            s += GammaDk[i] / (z + i);
        }

        double t = z + GammaR + 0.5;
        return Constants.Sqrt2Pi * Math.Pow(t, z + 0.5) * Math.Exp(-t) * s;
    }

    [Differentiable]
    public static double GammaLn(double z)
    {
        if (z < 0.5)
        {
            double s = GammaDk[0];
            for (int i = 1; i <= GammaN - 1; i++)
            {
                s += GammaDk[i] / (i - z);
            }

            return Constants.LnPi
                   - Math.Log(Math.Sin(Math.PI * z))
                   - Math.Log(s)
                   - Constants.LogTwoSqrtEOverPi
                   - ((0.5 - z) * Math.Log((0.5 - z + GammaR) / Math.E));
        }
        else
        {
            double s = GammaDk[0];
            for (int i = 1; i <= GammaN - 1; i++)
            {
                s += GammaDk[i] / (z + i - 1.0);
            }

            return Math.Log(s)
                   + Constants.LogTwoSqrtEOverPi
                   + ((z - 0.5) * Math.Log((z - 0.5 + GammaR) / Math.E));
        }
    }
}
