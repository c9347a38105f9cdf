using AutoDiffGen;

namespace Natural;

// E_n(x) (Numerical Recipes' expint): the continued fraction by Lentz for x > 1, the series otherwise, each a loop with an
// iteration cap and a relative tolerance; argument checks throw.
public static partial class SpecialFunctions
{
    private const double Euler = 0.57721566490153286060651209008240243104215933593992;

    [Differentiable]
    public static double ExponentialIntegral(double x, int n)
    {
        const int MaxIterations = 100;
        const double Epsilon = 1e-12;
        const double FpMin = 1e-300;

        if (n < 0 || x < 0.0 || (x == 0.0 && (n == 0 || n == 1)))
        {
            throw new ArgumentOutOfRangeException(nameof(x), "Bad arguments in ExponentialIntegral.");
        }

        int nm1 = n - 1;
        if (n == 0)
        {
            return Math.Exp(-x) / x;
        }

        if (x == 0.0)
        {
            return 1.0 / nm1;
        }

        double ans;
        if (x > 1.0)
        {
            double b = x + n;
            double c = 1.0 / FpMin;
            double d = 1.0 / b;
            double h = d;
            for (int i = 1; i <= MaxIterations; i++)
            {
                double a = -i * (nm1 + i);
                b += 2.0;
                d = 1.0 / ((a * d) + b);
                c = b + (a / c);
                double del = c * d;
                h *= del;
                if (Math.Abs(del - 1.0) <= Epsilon)
                {
                    return h * Math.Exp(-x);
                }
            }

            throw new ArithmeticException("Continued fraction failed in ExponentialIntegral.");
        }

        ans = nm1 != 0 ? 1.0 / nm1 : -Math.Log(x) - Euler;
        double fact = 1.0;
        for (int i = 1; i <= MaxIterations; i++)
        {
            fact *= -x / i;
            double del;
            if (i != nm1)
            {
                del = -fact / (i - nm1);
            }
            else
            {
                double psi = -Euler;
                for (int ii = 1; ii <= nm1; ii++)
                {
                    psi += 1.0 / ii;
                }

                del = fact * (-Math.Log(x) + psi);
            }

            ans += del;
            if (Math.Abs(del) < Math.Abs(ans) * Epsilon)
            {
                return ans;
            }
        }

        throw new ArithmeticException("Series failed in ExponentialIntegral.");
    }
}
