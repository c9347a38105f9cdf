using AutoDiffGen;

namespace Natural;

// Inverse error function (Giles' single-precision-style rational approximation in w = −ln(1 − z²)), with argument checks
// that throw and the two branches of the approximation.
public static partial class SpecialFunctions
{
    private static readonly double[] ErfInvCentral = { 1.50140941, 0.246640727, -0.00417768164, -0.00125372503, 0.00021858087, -4.39150654e-06, -3.5233877e-06, 3.43273939e-07, 2.81022636e-08 };
    private static readonly double[] ErfInvTail = { 2.83297682, 1.00167406, 0.00943887047, -0.0076224613, 0.00573950773, -0.00367342844, 0.00134934322, 0.000100950558, -0.000200214257 };

    [Differentiable]
    public static double ErfInv(double z)
    {
        if (z <= -1.0 || z >= 1.0)
        {
            if (z == 1.0) return double.PositiveInfinity;
            if (z == -1.0) return double.NegativeInfinity;
            throw new ArgumentOutOfRangeException(nameof(z), "The argument must be in the open interval (-1, 1).");
        }

        double w = -Math.Log((1.0 - z) * (1.0 + z));
        double p;
        if (w < 5.0)
        {
            w -= 2.5;
            p = ErfInvCentral[8];
            for (int i = 7; i >= 0; i--)
            {
                p = ErfInvCentral[i] + p * w;
            }
        }
        else
        {
            w = Math.Sqrt(w) - 3.0;
            p = ErfInvTail[8];
            for (int i = 7; i >= 0; i--)
            {
                p = ErfInvTail[i] + p * w;
            }
        }

        return p * z;
    }
}
