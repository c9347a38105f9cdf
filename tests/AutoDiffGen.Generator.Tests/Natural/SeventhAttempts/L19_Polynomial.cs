using AutoDiffGen;

namespace Natural;

// Evaluate.Polynomial(z, params double[] coefficients) marked directly, a fixed-coefficient caller passing them inline
// (the params array is built at the call), and a Chebyshev sum by Clenshaw's recurrence.
public static partial class Evaluate
{
    [Differentiable]
    public static double Polynomial(double z, params double[] coefficients)
    {
        double sum = coefficients[coefficients.Length - 1];
        for (int i = coefficients.Length - 2; i >= 0; --i)
        {
            sum *= z;
            sum += coefficients[i];
        }

        return sum;
    }

    // 1 + z/2 − z²/8 + z³/16: the Taylor start of √(1 + z).
    [Differentiable]
    public static double SqrtOnePlusTaylor(double z) => Polynomial(z, 1.0, 0.5, -0.125, 0.0625);

    [Differentiable]
    public static double ChebyshevSum(int n, double[] coefficients, double x)
    {
        double b0 = 0.0, b1 = 0.0, b2 = 0.0;
        int i = n - 1;
        do
        {
            b2 = b1;
            b1 = b0;
            b0 = (2.0 * x * b1) - b2 + coefficients[i];
            i--;
        }
        while (i >= 0);

        return 0.5 * (b0 - b2);
    }
}
