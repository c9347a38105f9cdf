// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/USACE-RMC/Numerics/blob/2a0357ada3676e80ca6650e9e022e72eacde3049/Numerics/Mathematics/Special Functions/Bessel.cs
//   Licence: the repository's LICENSE (permission to use, copy, modify and/or distribute for any purpose with or without fee). Numerics: U.S. Army Corps of Engineers, Risk Management Center (Haden Smith and contributors).
// Only the generated code is judged: warnings in this copied code are not ours to fix.
#nullable disable
#pragma warning disable
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoDiffGen;

namespace Numerics.Mathematics.SpecialFunctions
{
    public static partial class Bessel
    {
        private const int IACC = 40;

        private const double BIGNO = 1.0e10;

        private const double BIGNI = 1.0e-10;

        [Differentiable]
        public static double I0(double x)
        {
            double ax = Math.Abs(x);
            if (ax < 3.75)
            {
                double t = x / 3.75;
                t *= t;
                return 1.0 + t * (3.5156229 + t * (3.0899424 + t * (1.2067492
                    + t * (0.2659732 + t * (0.0360768 + t * 0.0045813)))));
            }
            else
            {
                if (ax > 709) return double.PositiveInfinity;
                double t = 3.75 / ax;
                return (Math.Exp(ax) / Math.Sqrt(ax)) * (0.39894228 + t * (0.01328592
                    + t * (0.00225319 + t * (-0.00157565 + t * (0.00916281 + t * (-0.02057706
                    + t * (0.02635537 + t * (-0.01647633 + t * 0.00392377))))))));
            }
        }

        [Differentiable]
        public static double I1(double x)
        {
            double ax = Math.Abs(x);
            double result;
            if (ax < 3.75)
            {
                double t = x / 3.75;
                t *= t;
                result = ax * (0.5 + t * (0.87890594 + t * (0.51498869 + t * (0.15084934
                    + t * (0.02658733 + t * (0.00301532 + t * 0.00032411))))));
            }
            else
            {
                double t = 3.75 / ax;
                result = (Math.Exp(ax) / Math.Sqrt(ax)) * (0.39894228 + t * (-0.03988024
                    + t * (-0.00362018 + t * (0.00163801 + t * (-0.01031555 + t * (0.02282967
                    + t * (-0.02895312 + t * (0.01787654 + t * (-0.00420059)))))))));
            }
            return x < 0 ? -result : result;
        }

        [Differentiable]
        public static double In(int n, double x)
        {
            if (n < 0 || n > 1_000_000)
                throw new ArgumentOutOfRangeException(nameof(n), "The order n must be between 0 and 1,000,000.");
            if (n == 0) return I0(x);
            if (n == 1) return I1(x);
            if (x == 0.0) return 0.0;

            double ax = Math.Abs(x);
            double tox = 2.0 / ax;
            double bip = 0.0, bi = 1.0;
            double ans = 0.0;

            // Starting index for downward recurrence
            int m = 2 * (n + (int)Math.Sqrt(IACC * n));

            for (int j = m; j > 0; j--)
            {
                double bim = bip + j * tox * bi;
                bip = bi;
                bi = bim;

                // Rescale to prevent overflow
                if (Math.Abs(bi) > BIGNO)
                {
                    ans *= BIGNI;
                    bi *= BIGNI;
                    bip *= BIGNI;
                }

                if (j == n) ans = bip;
            }

            // Normalize using I0
            ans *= I0(ax) / bi;
            return (x < 0.0 && (n & 1) != 0) ? -ans : ans;
        }

        [Differentiable]
        public static double K0(double x)
        {
            if (x <= 0.0)
                throw new ArgumentOutOfRangeException(nameof(x), "The argument x must be positive for K0.");

            if (x <= 2.0)
            {
                double t = x * x / 4.0; // (x/2)^2
                return -Math.Log(x / 2.0) * I0(x) +
                    (-0.57721566 + t * (0.42278420 + t * (0.23069756
                    + t * (0.03488590 + t * (0.00262698 + t * (0.00010750
                    + t * 0.00000740))))));
            }
            else
            {
                double t = 2.0 / x;
                return (Math.Exp(-x) / Math.Sqrt(x)) *
                    (1.25331414 + t * (-0.07832358 + t * (0.02189568
                    + t * (-0.01062446 + t * (0.00587872 + t * (-0.00251540
                    + t * 0.00053208))))));
            }
        }

        [Differentiable]
        public static double K1(double x)
        {
            if (x <= 0.0)
                throw new ArgumentOutOfRangeException(nameof(x), "The argument x must be positive for K1.");

            if (x <= 2.0)
            {
                double t = x * x / 4.0; // (x/2)^2
                return Math.Log(x / 2.0) * I1(x) + (1.0 / x) *
                    (1.0 + t * (0.15443144 + t * (-0.67278579
                    + t * (-0.18156897 + t * (-0.01919402 + t * (-0.00110404
                    + t * (-0.00004686)))))));
            }
            else
            {
                double t = 2.0 / x;
                return (Math.Exp(-x) / Math.Sqrt(x)) *
                    (1.25331414 + t * (0.23498619 + t * (-0.03655620
                    + t * (0.01504268 + t * (-0.00780353 + t * (0.00325614
                    + t * (-0.00068245)))))));
            }
        }

        [Differentiable]
        public static double Kn(int n, double x)
        {
            if (n < 0)
                throw new ArgumentOutOfRangeException(nameof(n), "The order n must be non-negative.");
            if (x <= 0.0)
                throw new ArgumentOutOfRangeException(nameof(x), "The argument x must be positive for Kn.");
            if (n == 0) return K0(x);
            if (n == 1) return K1(x);

            double tox = 2.0 / x;
            double bkm = K0(x);
            double bk = K1(x);

            for (int j = 1; j < n; j++)
            {
                double bkp = bkm + j * tox * bk;
                bkm = bk;
                bk = bkp;
            }

            return bk;
        }

        [Differentiable]
        public static double J0(double x)
        {
            double ax = Math.Abs(x);
            if (ax < 8.0)
            {
                double y = x * x;
                double ans1 = 57568490574.0 + y * (-13362590354.0 + y * (651619640.7
                    + y * (-11214424.18 + y * (77392.33017 + y * (-184.9052456)))));
                double ans2 = 57568490411.0 + y * (1029532985.0 + y * (9494680.718
                    + y * (59272.64853 + y * (267.8532712 + y * 1.0))));
                return ans1 / ans2;
            }
            else
            {
                double z = 8.0 / ax;
                double y = z * z;
                double xx = ax - 0.785398164; // ax - pi/4
                double p = 1.0 + y * (-0.1098628627e-2 + y * (0.2734510407e-4
                    + y * (-0.2073370639e-5 + y * 0.2093887211e-6)));
                double q = -0.1562499995e-1 + y * (0.1430488765e-3
                    + y * (-0.6911147651e-5 + y * (0.7621095161e-6
                    + y * (-0.934945152e-7))));
                return Math.Sqrt(0.636619772 / ax) * (Math.Cos(xx) * p - z * Math.Sin(xx) * q);
            }
        }

        [Differentiable]
        public static double J1(double x)
        {
            double ax = Math.Abs(x);
            double ans;
            if (ax < 8.0)
            {
                double y = x * x;
                double ans1 = x * (72362614232.0 + y * (-7895059235.0 + y * (242396853.1
                    + y * (-2972611.439 + y * (15704.48260 + y * (-30.16036606))))));
                double ans2 = 144725228442.0 + y * (2300535178.0 + y * (18583304.74
                    + y * (99447.43394 + y * (376.9991397 + y * 1.0))));
                ans = ans1 / ans2;
            }
            else
            {
                double z = 8.0 / ax;
                double y = z * z;
                double xx = ax - 2.356194491; // ax - 3*pi/4
                double p = 1.0 + y * (0.183105e-2 + y * (-0.3516396496e-4
                    + y * (0.2457520174e-5 + y * (-0.240337019e-6))));
                double q = 0.04687499995 + y * (-0.2002690873e-3
                    + y * (0.8449199096e-5 + y * (-0.88228987e-6
                    + y * 0.105787412e-6)));
                ans = Math.Sqrt(0.636619772 / ax) * (Math.Cos(xx) * p - z * Math.Sin(xx) * q);
                if (x < 0.0) ans = -ans;
            }
            return ans;
        }

        [Differentiable]
        public static double Jn(int n, double x)
        {
            if (n < 0 || n > 1_000_000)
                throw new ArgumentOutOfRangeException(nameof(n), "The order n must be between 0 and 1,000,000.");
            if (n == 0) return J0(x);
            if (n == 1) return J1(x);

            double ax = Math.Abs(x);
            if (ax == 0.0) return 0.0;

            double ans;
            if (ax > (double)n)
            {
                // Forward recurrence from J0, J1 (stable for x > n)
                double tox = 2.0 / ax;
                double bjm = J0(ax);
                double bj = J1(ax);
                for (int j = 1; j < n; j++)
                {
                    double bjp = j * tox * bj - bjm;
                    bjm = bj;
                    bj = bjp;
                }
                ans = bj;
            }
            else
            {
                // Miller's downward recurrence (stable for x <= n)
                double tox = 2.0 / ax;

                // Starting index - must be even and much larger than n
                int m = 2 * ((n + (int)Math.Sqrt(IACC * n)) / 2);
                bool jsum = false;
                double bjp = 0.0;
                ans = 0.0;
                double sum = 0.0;
                double bj = 1.0;

                for (int j = m; j > 0; j--)
                {
                    double bjm = j * tox * bj - bjp;
                    bjp = bj;
                    bj = bjm;

                    // Rescale to prevent overflow
                    if (Math.Abs(bj) > BIGNO)
                    {
                        bj *= BIGNI;
                        bjp *= BIGNI;
                        ans *= BIGNI;
                        sum *= BIGNI;
                    }

                    if (jsum) sum += bj;
                    jsum = !jsum;
                    if (j == n) ans = bjp;
                }

                // Normalize: J0 + 2*J2 + 2*J4 + ... = 1
                sum = 2.0 * sum - bj;
                ans /= sum;
            }

            return (x < 0.0 && (n & 1) != 0) ? -ans : ans;
        }

        [Differentiable]
        public static double Y0(double x)
        {
            if (x <= 0.0)
                throw new ArgumentOutOfRangeException(nameof(x), "The argument x must be positive for Y0.");

            if (x < 8.0)
            {
                double y = x * x;
                double ans1 = -2957821389.0 + y * (7062834065.0 + y * (-512359803.6
                    + y * (10879881.29 + y * (-86327.92757 + y * 228.4622733))));
                double ans2 = 40076544269.0 + y * (745249964.8 + y * (7189466.438
                    + y * (47447.26470 + y * (226.1030244 + y * 1.0))));
                return (ans1 / ans2) + 0.636619772 * J0(x) * Math.Log(x);
            }
            else
            {
                double z = 8.0 / x;
                double y = z * z;
                double xx = x - 0.785398164; // x - pi/4
                double p = 1.0 + y * (-0.1098628627e-2 + y * (0.2734510407e-4
                    + y * (-0.2073370639e-5 + y * 0.2093887211e-6)));
                double q = -0.1562499995e-1 + y * (0.1430488765e-3
                    + y * (-0.6911147651e-5 + y * (0.7621095161e-6
                    + y * (-0.934945152e-7))));
                return Math.Sqrt(0.636619772 / x) * (Math.Sin(xx) * p + z * Math.Cos(xx) * q);
            }
        }

        [Differentiable]
        public static double Y1(double x)
        {
            if (x <= 0.0)
                throw new ArgumentOutOfRangeException(nameof(x), "The argument x must be positive for Y1.");

            if (x < 8.0)
            {
                double y = x * x;
                double ans1 = x * (-4900604943000.0 + y * (1275274390000.0
                    + y * (-51534381390.0 + y * (734926455.1
                    + y * (-4237922.726 + y * 8511.937935)))));
                double ans2 = 24995805700000.0 + y * (424441966400.0
                    + y * (3733650367.0 + y * (22459040.02
                    + y * (102042.6050 + y * (354.9632885 + y * 1.0)))));
                return (ans1 / ans2) + 0.636619772 * (J1(x) * Math.Log(x) - 1.0 / x);
            }
            else
            {
                double z = 8.0 / x;
                double y = z * z;
                double xx = x - 2.356194491; // x - 3*pi/4
                double p = 1.0 + y * (0.183105e-2 + y * (-0.3516396496e-4
                    + y * (0.2457520174e-5 + y * (-0.240337019e-6))));
                double q = 0.04687499995 + y * (-0.2002690873e-3
                    + y * (0.8449199096e-5 + y * (-0.88228987e-6
                    + y * 0.105787412e-6)));
                return Math.Sqrt(0.636619772 / x) * (Math.Sin(xx) * p + z * Math.Cos(xx) * q);
            }
        }

        [Differentiable]
        public static double Yn(int n, double x)
        {
            if (n < 0)
                throw new ArgumentOutOfRangeException(nameof(n), "The order n must be non-negative.");
            if (x <= 0.0)
                throw new ArgumentOutOfRangeException(nameof(x), "The argument x must be positive for Yn.");
            if (n == 0) return Y0(x);
            if (n == 1) return Y1(x);

            double tox = 2.0 / x;
            double bym = Y0(x);
            double by = Y1(x);

            for (int j = 1; j < n; j++)
            {
                double byp = j * tox * by - bym;
                bym = by;
                by = byp;
            }

            return by;
        }
    }
}
