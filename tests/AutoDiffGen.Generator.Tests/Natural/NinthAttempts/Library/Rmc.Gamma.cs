// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/USACE-RMC/Numerics/blob/2a0357ada3676e80ca6650e9e022e72eacde3049/Numerics/Mathematics/Special Functions/Gamma.cs
//   Licence: the repository's LICENSE (permission to use, copy, modify and/or distribute for any purpose with or without fee); Gamma and Beta are derived from the Accord.NET Framework, LGPL-2.1-or-later. Numerics: U.S. Army Corps of Engineers, Risk Management Center (Haden Smith and contributors); Accord.NET: Copyright (c) César Souza, 2009-2017; Cephes-derived parts (c) Stephen L. Moshier.
// Only the generated code is judged: warnings in this copied code are not ours to fix.
#nullable disable
#pragma warning disable
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoDiffGen;

namespace Numerics.Mathematics.SpecialFunctions
{
    public sealed partial class Gamma
    {
        private static readonly double[] _p = [0.99999999999980993d, 676.5203681218851d, -1259.1392167224028d, 771.32342877765313d, -176.61502916214059d, 12.507343278686905d, -0.13857109526572012d, 0.0000099843695780195716d, 0.00000015056327351493116d];

        public const double GammaMax = 171.624376956302725;

        private static readonly double[] gamma_P =
        {
            1.60119522476751861407E-4,
            1.19135147006586384913E-3,
            1.04213797561761569935E-2,
            4.76367800457137231464E-2,
            2.07448227648435975150E-1,
            4.94214826801497100753E-1,
            9.99999999999999996796E-1
        };

        private static readonly double[] gamma_Q =
        {
            -2.31581873324120129819E-5,
            5.39605580493303397842E-4,
            -4.45641913851797240494E-3,
            1.18139785222060435552E-2,
            3.58236398605498653373E-2,
            -2.34591795718243348568E-1,
            7.14304917030273074085E-2,
            1.00000000000000000320E0
        };

        private static readonly double[] STIR =
        {
            7.87311395793093628397E-4,
            -2.29549961613378126380E-4,
            -2.68132617805781232825E-3,
            3.47222221605458667310E-3,
            8.33333333333482257126E-2,
        };

       private static double[] GammaDk =
{
                2.48574089138753565546e-5,
                1.05142378581721974210,
                -3.45687097222016235469,
                4.51227709466894823700,
                -2.98285225323576655721,
                1.05639711577126713077,
                -1.95428773191645869583e-1,
                1.70970543404441224307e-2,
                -5.71926117404305781283e-4,
                4.63399473359905636708e-6,
                -2.71994908488607703910e-9
            };

        [Differentiable]
        public static double Stirling(double x)
        {
            double MAXSTIR = 143.01608;

            double w = 1.0 / x;
            double y = Math.Exp(x);

            w = 1.0 + w * Evaluate.PolynomialRev(STIR, w, 4);

            if (x > MAXSTIR)
            {
                double v = Math.Pow(x, 0.5 * x - 0.25);
                if (double.IsPositiveInfinity(v) && double.IsPositiveInfinity(y))
                {
                    y = double.PositiveInfinity;
                }
                else
                {
                    y = v * (v / y);
                }
            }
            else
            {
                y = Math.Pow(x, x - 0.5) / y;
            }

            y = Tools.Sqrt2PI * y * w;
            return y;
        }

        [Differentiable]
        public static double Lanczos(double x) 
        {
            int g = 7;
            if (x < 0.5d)
            {
                return Math.PI / (Math.Sin(Math.PI * x) * Function(1d - x));
            }
            else
            {
                x -= 1d;
                double y = _p[0];
                for (int i = 1; i < g + 2; i++)
                    y += _p[i] / (x + i);
                double t = x + g + 0.5d;
                return Tools.Sqrt2PI * Math.Pow(t, x + 0.5d) * Math.Exp(-t) * y;
            }
        }

        [Differentiable]
        public static double Function(double x)
        {
            double p, z;
            double q = Math.Abs(x);

            if (q > 33.0)
            {
                if (x < 0.0)
                {
                    p = Math.Floor(q);

                    if (p == q)
                        throw new OverflowException();

                    z = q - p;
                    if (z > 0.5)
                    {
                        p += 1.0;
                        z = q - p;
                    }
                    z = q * Math.Sin(Math.PI * z);

                    if (z == 0.0)
                        throw new OverflowException();

                    z = Math.Abs(z);
                    z = Math.PI / (z * Stirling(q));

                    return -z;
                }
                else
                {
                    return Stirling(x);
                }
            }

            z = 1.0;
            while (x >= 3.0)
            {
                x -= 1.0;
                z *= x;
            }

            while (x < 0.0)
            {
                if (x == 0.0)
                {
                    throw new ArithmeticException();
                }
                else if (x > -1.0E-9)
                {
                    return (z / ((1.0 + Tools.Euler * x) * x));
                }
                z /= x;
                x += 1.0;
            }

            while (x < 2.0)
            {
                if (x == 0.0)
                {
                    throw new ArithmeticException();
                }
                else if (x < 1.0E-9)
                {
                    return (z / ((1.0 + Tools.Euler * x) * x));
                }

                z /= x;
                x += 1.0;
            }

            if ((x == 2.0) || (x == 3.0))
                return z;

            x -= 2.0;
            p = Evaluate.PolynomialRev(gamma_P, x, 6);
            q = Evaluate.PolynomialRev(gamma_Q, x, 7);
            return z * p / q;
        }

        [Differentiable]
        public static double Digamma(double X)
        {
            double SMALL = 0.000000001d;
            double CRIT = 13d;
            double C1 = 0.083333333333333329d;
            double C2 = -0.0083333333333333332d;
            double C3 = 0.003968253968253968d;
            double C4 = -0.0041666666666666666d;
            double C5 = 0.007575757575757576d;
            double C6 = -0.021092796092796094d;
            double C7 = 0.083333333333333329d;
            double D1 = -0.57721566490153287d;
            double _digamma = 0.0d;
            if (X <= 0.0d)
            {
                throw new ArgumentOutOfRangeException("X", "X must be greater than zero.");
            }

            if (X > SMALL)
            {
                double Y = X;
                while (Y < CRIT)
                {
                    _digamma = _digamma - 1.0d / Y;
                    Y = Y + 1.0d;
                }

                _digamma = _digamma + Math.Log(Y) - 0.5d / Y;
                Y = 1.0d / (Y * Y);
                double SUM = ((((((C7 * Y + C6) * Y + C5) * Y + C4) * Y + C3) * Y + C2) * Y + C1) * Y;
                _digamma = _digamma - SUM;
            }
            else
            {
                _digamma = D1 - 1.0d / X;
            }

            return _digamma;
        }

        [Differentiable]
        public static double Trigamma(double X)
        {
            double A = 0.0001d;
            double B = 5.0d;
            double B2 = 0.1666666667d;
            double B4 = -0.03333333333d;
            double B6 = 0.02380952381d;
            double B8 = -0.03333333333d;
            double Y;
            double Z;
            double _trigamma = 0.0d;
            if (X <= 0d)
            {
                throw new ArgumentOutOfRangeException("X", "X must be greater than zero.");
            }

            Z = X;
            if (X <= A)
            {
                // Use small value approximation if X <= A
                _trigamma = 1.0d / X / X;
            }
            else
            {
                // Increase argument to ( X + I ) >= B
                _trigamma = 0.0d;
                while (Z < B)
                {
                    _trigamma = _trigamma + 1.0d / Z / Z;
                    Z += 1.0d;
                }
                // Apply asymptotic formula if argument is B or greater
                Y = 1.0d / Z / Z;
                _trigamma = _trigamma + 0.5d * Y + (1.0d + Y * (B2 + Y * (B4 + Y * (B6 + Y * B8)))) / Z;
            }

            return _trigamma;
        }

        [Differentiable]
        public static double LogGamma(double z)
        {
            int GammaN = 10;
            double GammaR = 10.900511;
            double LnPi = 1.1447298858494001741434273513530587116472948129153d;
            double LogTwoSqrtEOverPi = 0.6207822376352452223455184457816472122518527279025978;

            if (z < 0.5)
            {
                double s = GammaDk[0];
                for (int i = 1; i <= GammaN; i++)
                {
                    s += GammaDk[i] / (i - z);
                }

                return LnPi
                       - Math.Log(Math.Sin(Math.PI * z))
                       - Math.Log(s)
                       - LogTwoSqrtEOverPi
                       - ((0.5 - z) * Math.Log((0.5 - z + GammaR) / Math.E));
            }
            else
            {
                double s = GammaDk[0];
                for (int i = 1; i <= GammaN; i++)
                {
                    s += GammaDk[i] / (z + i - 1.0);
                }

                return Math.Log(s)
                       + LogTwoSqrtEOverPi
                       + ((z - 0.5) * Math.Log((z - 0.5 + GammaR) / Math.E));
            }

        }

        [Differentiable]
        public static double Incomplete(double X, double alpha)
        {
            double X13 = 13.0d;
            double X36 = 36.0d;
            double X42 = 42.0d;
            double X119 = 119.0d;
            double X1620 = 1620.0d;
            double X38880 = 38880.0d;
            double RTHALF = 0.70710678118654757d;
            double EPS = 0.000000000001d;
            int MAXIT = 100000;
            double OFL = 1.0E+30d;
            double UFL = -180.0d;
            double AHILL = 10000.0d;
            double _gammaind = 0.0d;
            if (alpha <= 0.0d)
            {
                throw new ArgumentOutOfRangeException("alpha", "Shape parameter (alpha) out of range.");
            }

            if (X < 0.0d)
            {
                throw new ArgumentOutOfRangeException("X", "Argument of function (X) out of range.");
            }

            if (X == 0d)
            {
                return _gammaind;
            }

            if (alpha > AHILL)
            {

                // alpha is large, so use Hill's approximation 
                // (N.L. Johnson And S. Kotz, "Continuous Univariate Distributions 1", P.180)
                // The for-Loop calculates 2*(X-ALPHA-ALPHA*DLOG(X/ALPHA)),
                // using power-series expansion to avoid rounding error

                // variables
                double SUM;
                double TERM;
                double R;
                double Z;
                double WW;
                double W;
                double H1;
                double H2;
                double H3;
                double H4;
                R = 1.0d / Math.Sqrt(alpha);
                Z = (X - alpha) * R;
                TERM = Z * Z;
                SUM = 0.5d * TERM;
                for (short i = 1; i <= 12; i++)
                {
                    TERM = -TERM * Z * R;
                    SUM = SUM + TERM / (i + 2.0d);
                    if (TERM <= EPS)
                    {
                        break;
                    }
                }

                WW = 2.0d * SUM;
                W = Math.Sqrt(WW);
                if (X < alpha)
                {
                    W = -W;
                }

                H1 = 1.0d / 3.0d;
                H2 = -W / X36;
                H3 = (-WW + X13) / X1620;
                H4 = (X42 * WW + X119) * W / X38880;
                Z = (((H4 * R + H3) * R + H2) * R + H1) * R + W;
                _gammaind = 0.5d + 0.5d * Erf.Function(Z * RTHALF);
            }
            else if (X > 1.0d && X >= alpha)
            {

                // continued-fraction expansion

                // variables
                double TERM;
                double ARG;
                double A;
                double B;
                double PN1;
                double PN2;
                double PN3;
                double PN4;
                double RATIO;
                double AN;
                double PN5;
                double PN6;
                double RN;
                double DIFF;
                A = 1.0d - alpha;
                B = A + X + 1.0d;
                TERM = 0.0d;
                PN1 = 1.0d;
                PN2 = X;
                PN3 = X + 1.0d;
                PN4 = X * B;
                RATIO = PN3 / PN4;
                for (int i = 1; i <= MAXIT; i++)
                {
                    A += 1.0d;
                    B += 2.0d;
                    TERM += 1.0d;
                    AN = A * TERM;
                    PN5 = B * PN3 - AN * PN1;
                    PN6 = B * PN4 - AN * PN2;
                    if (PN6 != 0.0d)
                    {
                        RN = PN5 / PN6;
                        DIFF = Math.Abs(RATIO - RN);
                        if (DIFF <= EPS && DIFF <= EPS * RN)
                        {
                            break;
                        }
                        else
                        {
                            RATIO = RN;
                        }
                    }

                    PN1 = PN3;
                    PN2 = PN4;
                    PN3 = PN5;
                    PN4 = PN6;
                    if (Math.Abs(PN5) < OFL)
                    {
                        // ITERATION HAS NOT CONVERGED. RESULT MAY BE UNRELIABLE.'
                        // Consider adding a message box or something
                        break;
                    }
                    else
                    {
                        PN1 = PN1 / OFL;
                        PN2 = PN2 / OFL;
                        PN3 = PN3 / OFL;
                        PN4 = PN4 / OFL;
                    }

                    if (i == MAXIT)
                    {
                        // ITERATION HAS NOT CONVERGED. RESULT MAY BE UNRELIABLE.'
                        // Consider adding a message box or something
                    }
                }

                ARG = alpha * Math.Log(X) - X - LogGamma(alpha) + Math.Log(RATIO);
                _gammaind = 1.0d;
                if (ARG >= UFL)
                {
                    _gammaind = 1.0d - Math.Exp(ARG);
                }
            }
            else
            {

                // series expansion

                // variables
                double SUM;
                double TERM;
                double ARG;
                double A;
                SUM = 1.0d;
                TERM = 1.0d;
                A = alpha;
                for (int i = 1; i <= MAXIT; i++)
                {
                    A += 1.0d;
                    TERM = TERM * X / A;
                    SUM = SUM + TERM;
                    if (TERM <= EPS)
                    {
                        break;
                    }

                    if (i == MAXIT)
                    {
                        // ITERATION HAS NOT CONVERGED. RESULT MAY BE UNRELIABLE.'
                        // Consider adding a message box or something
                    }
                }

                ARG = alpha * Math.Log(X) - X - LogGamma(alpha) + Math.Log(SUM / alpha);
                _gammaind = 0.0d;
                if (ARG >= UFL)
                {
                    _gammaind = Math.Exp(ARG);
                }
            }

            return _gammaind;
        }

        [Differentiable]
        public static double UpperIncomplete(double a, double x)
        {
            const double LogMax = 709.782712893384d;
            const double DoubleEpsilon = 0.000000000000000111022302462516d;
            const double big = 4.5035996273705E+15d;
            const double biginv = 0.000000000000000222044604925031d;
            double ans;
            double ax;
            double c;
            double yc;
            double r;
            double t;
            double y;
            double z;
            double pk;
            double pkm1;
            double pkm2;
            double qk;
            double qkm1;
            double qkm2;
            if (x <= 0d || a <= 0d)
            {
                return 1.0d;
            }

            if (x < 1.0d || x < a)
            {
                return 1.0d - LowerIncomplete(a, x);
            }

            if (double.IsPositiveInfinity(x))
            {
                return 0d;
            }

            ax = a * Math.Log(x) - x - LogGamma(a);
            if (ax < -LogMax)
            {
                return 0.0d;
            }

            ax = Math.Exp(ax);

            // continued fraction
            y = 1.0d - a;
            z = x + y + 1.0d;
            c = 0.0d;
            pkm2 = 1.0d;
            qkm2 = x;
            pkm1 = x + 1.0d;
            qkm1 = z * x;
            ans = pkm1 / qkm1;
            do
            {
                c += 1.0d;
                y += 1.0d;
                z += 2.0d;
                yc = y * c;
                pk = pkm1 * z - pkm2 * yc;
                qk = qkm1 * z - qkm2 * yc;
                if (qk != 0d)
                {
                    r = pk / qk;
                    t = Math.Abs((ans - r) / r);
                    ans = r;
                }
                else
                {
                    t = 1.0d;
                }

                pkm2 = pkm1;
                pkm1 = pk;
                qkm2 = qkm1;
                qkm1 = qk;
                if (Math.Abs(pk) > big)
                {
                    pkm2 *= biginv;
                    pkm1 *= biginv;
                    qkm2 *= biginv;
                    qkm1 *= biginv;
                }
            }
            while (t > DoubleEpsilon);
            return ans * ax;
        }

        [Differentiable]
        public static double LowerIncomplete(double a, double x)
        {
            const double LogMax = 709.782712893384d;
            const double DoubleEpsilon = 0.000000000000000111022302462516d;
            if (a <= 0d)
            {
                return 1.0d;
            }

            if (x <= 0d)
            {
                return 0.0d;
            }

            if (x > 1.0d && x > a)
            {
                return 1.0d - UpperIncomplete(a, x);
            }

            double ax = a * Math.Log(x) - x - LogGamma(a);
            if (ax < -LogMax)
            {
                return 0.0d;
            }

            ax = Math.Exp(ax);
            double r = a;
            double c = 1.0d;
            double ans = 1.0d;
            do
            {
                r += 1.0d;
                c *= x / r;
                ans += c;
            }
            while (c / ans > DoubleEpsilon);
            return ans * ax / a;
        }
    }
}
