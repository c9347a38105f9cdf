// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/dcwuser/metanumerics/blob/6d77d64445f7d5d91b12e331399c4362ecb25333/Numerics/Functions/AdvancedMath_Exponential.cs
//   Licence: Microsoft Public License (Ms-PL; README.md of the repository). Meta.Numerics is copyright 2008-2025 by David Wright.
// Only the generated code is judged: warnings in this copied code are not ours to fix.
#nullable disable
#pragma warning disable
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoDiffGen;
using System.Diagnostics;

namespace Corpus.MetaNumerics
{
    public static partial class AdvancedMath
    {
        // Our methods for Si, Ci, Ei, Shi, and Chi are all from Stegun & Zucker, "Automatic Computing Methods for Special Functions. Part III.
        // The Sine, Cosine, Exponential Integrals, and Related Functions", Journal of Research of the National Bureau of Standard 80 B (1976) 291
        // https://nvlpubs.nist.gov/nistpubs/jres/80B/jresv80Bn2p291_A1b.pdf

        // It's remarkable that I can't find any better algorithms. I'm reasonably pleased with these, except for Ei, Shi, and Chi for x ~ 16-48,
        // for which we are near the limits of numerical convergence for the series used.


        // This series for Ei is technically convergent everywhere, but it won't start converging until k ~ x, so it's best to use with small x.
        // It takes about 100 terms at x~40; it would be nice to move to the asymptotic expansion for lower x, but it fails to converge in that region.

        [Differentiable]
        private static double IntegralEi_Series (double x) {
            double dy = x;
            double y = dy;
            for (int k = 2; k < Global.SeriesMax; k++) {
                double y_old = y;
                dy *= x / k;
                y += dy / k;
                if (y == y_old) return y;
            }
            throw new NonconvergenceException();
        }

        // An asymptotic series for Ei(x) useful for large x is
        //   Ei(x) = \frac{e^x}{x} \sum_{k=0}^{\infty} \frac{k!}{x^k} =
        //         = \frac{e^x}{x} \left( 1 + \frac{1}{x} + \frac{2!}{x^2} + \cdots \right) 
        // x needs to be pretty large for this to be useful, though. It takes about 40 terms to achieve full precision
        // at x ~ 40, and fails to converge to full precision for x <~ 40.

        [Differentiable]
        private static double IntegralEi_Asymptotic (double x) {
            double dy = 1.0;
            double y = dy;
            for (int k = 1; k < Global.SeriesMax; k++) {
                double y_old = y;
                dy *= k / x;
                y += dy;
                if (y == y_old) {
                    return Math.Exp(x) / x * y;
                }
            }
            throw new NonconvergenceException();
        }

        [Differentiable]
        public static double IntegralEi (double x) {
            if (x < 0.0) {
                throw new ArgumentOutOfRangeException(nameof(x));
            } else if (x < 40.0) {
                return EulerGamma + Math.Log(x) + IntegralEi_Series(x);
            } else if (x < Double.PositiveInfinity) {
                return IntegralEi_Asymptotic(x);
            } else if (Double.IsPositiveInfinity(x)) {
                return Double.PositiveInfinity;
            } else {
                Debug.Assert(Double.IsNaN(x));
                return x;
            }
        }

        [Differentiable]
        public static double IntegralE (int n, double x) {

            if (x < 0.0) throw new ArgumentOutOfRangeException(nameof(x));

            // Special case x = 0.
            if (x == 0.0) {
                if (n <= 1) {
                    return Double.PositiveInfinity;
                } else {
                    return 1.0 / (n - 1);
                }
            }

            // Special case n negative and zero.
            if (n < 0) {
                // negative n is expressible using incomplete Gamma
                return AdvancedMath.Gamma(1 - n, x) / MoreMath.Pow(x, 1 - n);
            } else if (n == 0) {
                // special case n=0
                return Math.Exp(-x) / x;
            }

            // Now we are sure x > 0 and n > 0.
            if (x < 2.0) {
                return IntegralE_Series(n, x);
            } else if (x < expLimit) {
                // Since E_n(x) < e^{-x}, we can short-cut to zero if x is big enough.
                // This nicely avoids our continued fraction's bad behavior for infinite x.
                return IntegralE_ContinuedFraction(n, x);
            } else if (x <= Double.PositiveInfinity) {
                return 0.0;
            } else {
                Debug.Assert(Double.IsNaN(x));
                return x;
            }
        }

        // The value of x at which e^{-x} drops below the smallest representable double.
        private static readonly double expLimit = -Math.Log(Double.Epsilon);

        // a series for E_{n}(x) from NR
        // the series is a little weird because, when n > 1, there is a finite sum of terms before the infinite series begins
        // converges after about 20 terms for x~1, faster for smaller x
        [Differentiable]
        private static double IntegralE_Series (int n, double x) {
            double f, df;
            if (n == 1) {
                f = 0.0;
                df = 1.0;
            } else {
                f = -1.0 / (1 - n);
                df = 1.0;
                for (int k = 1; k < (n - 1); k++) {
                    double f_old = f;
                    df = df * (-x / k);
                    f -= df / (k + 1 - n);
                    if (f == f_old) return (f);
                }
                df = df * (-x / (n - 1));
            }
            f += df * (Psi(n) - Math.Log(x));
            for (int k = n; k < Global.SeriesMax; k++) {
                double f_old = f;
                df = df * (-x / k);
                f -= df / (k - n + 1);
                if (f == f_old) return (f);
            }
            throw new NonconvergenceException();
        }

        // converges after about 100 terms for n~1, x~1; faster for larger n and x
        // we may need to deal with vanishing denominators
        [Differentiable]
        private static double IntegralE_ContinuedFraction (int n, double x) {
            int a = 1;
            double b = x + n;
            double D = 1.0 / b;
            double Df = a / b;
            double f = 0.0 + Df;
            for (int k = 1; k < Global.SeriesMax; k++) {
                double f_old = f;
                a = -k * (n + k - 1);
                b += 2.0;
                D = 1.0 / (b + a * D);
                Df = (b * D - 1.0) * Df;
                f += Df;
                if (f == f_old) {
                    return (Math.Exp(-x) * f);
                }
            }
            throw new NonconvergenceException();
        }

        [Differentiable]
        public static double IntegralChi (double x) {
            if (x < 0.0) {
                throw new ArgumentOutOfRangeException(nameof(x));
            } else if (x < 40.0) {
                return EulerGamma + Math.Log(x) + IntegralCi_Series(x * x);
            } else if (x < 718.0) {
                return 0.5 * IntegralEi_Asymptotic(x);
            } else if (x <= Double.PositiveInfinity) {
                return Double.PositiveInfinity;
            } else {
                Debug.Assert(Double.IsNaN(x));
                return x;
            }
        }

        [Differentiable]
        public static double IntegralShi (double x) {
            if (x < 0.0) {
                return -IntegralShi(-x);
            } else if (x < 40.0) {
                return x * IntegralSi_Series(x * x);
            } else if (x < 718.0) {
                // For x > 40, Shi(x) differs from Ei(x)/2 only at the ~ 1.0E-34 level, far below double precision.
                return 0.5 * IntegralEi_Asymptotic(x);
            } else if (x <= Double.PositiveInfinity) {
                // For large x, goes ~ cosh(x) / x ~ \frac{e^x}{2x}, so larger than M for x ~ \ln M + \ln (2 \ln M) ~ 717.05
                return Double.PositiveInfinity;
            } else {
                Debug.Assert(Double.IsNaN(x));
                return x;
            }
            // I would really like a better solution in the x ~ 16-48 range.
            // x ~ 40 is the very limit of convergence for asymptotic series,
            // and power series needs more than 100 terms to converge at that
            // point.
        }

        // This is written so as to be usable for both Si and Shi.
        // Converges to full accuracy in about 30 terms for x~4, less for smaller x
        [Differentiable]
        private static double IntegralSi_Series (double xSquared) {
            double dy = 1.0;
            double y = dy;
            for (int k = 3; k < Global.SeriesMax; k += 2) {
                double y_old = y;
                dy *= xSquared / (k * (k - 1));
                y += dy / k;
                if (y == y_old) {
                    return y;
                }
            }
            throw new NonconvergenceException();
        }

        // converges to full accuracy in about 30 terms for x~4, less for smaller x
        [Differentiable]
        private static double IntegralCi_Series (double xSquared) {
            double dy = 0.5 * xSquared;
            double y = 0.5 * dy;
            for (int k = 4; k < Global.SeriesMax; k += 2) {
                double y_old = y;
                dy *= xSquared / (k * (k - 1));
                y += dy / k;
                if (y == y_old) {
                    return y;
                }
            }
            throw new NonconvergenceException();
        }

        [Differentiable]
        public static double IntegralTi (double x) {
            if (x < 0.0) {
                return -IntegralTi(-x);
            } else if (x < 0.75) {
                return IntegralTi_Series(x);
            } else if (x < 4.0 / 3.0) {
                return IntegralTi_LogSeries(x);
            } else {
                return IntegralTi_Series(1.0 / x) + Math.PI / 2.0 * Math.Log(x);
            }
        }

        // We can get a series for Ti(x) by taking the series for \tan(x), reducing each power by one, and integrating term-by-term.
        // At x = 1, this series becomes simply the alternating sum of inverse squares, which we know converges to the Catalan
        // constant but does so very slowly. This series does not converge fast enough for computational purposes near x ~ 1.

        [Differentiable]
        private static double IntegralTi_Series (double x) {

            double mx2 = -x * x;
            double df = x;
            double f = df;

            for (int k = 3; k < Global.SeriesMax; k += 2) {
                double f_old = f;
                df *= mx2;
                f += df / (k * k);
                if (f == f_old) return f;
            }

            throw new NonconvergenceException();
        }

        [Differentiable]
        private static double IntegralTi_LogSeries (double x) {
            x = Math.Log(x);
            double x2 = x * x;
            return (
                Catalan
                + Math.PI / 4.0 * x
                + 1.0 / 4.0 * x2
                - 1.0 / 48.0 * x2 * x2
                + 1.0 / 288.0 * x2 * x2 * x2
                - 61.0 / 80640.0 * x2 * x2 * x2 * x2
                + 277.0 / 1451520.0 * x2 * x2 * x2 * x2 * x2
                - 50521.0 / 958003200.0 * x2 * x2 * x2 * x2 * x2 * x2
                + 41581.0 / 2682408960.0 * x2 * x2 * x2 * x2 * x2 * x2 * x2
            );

        }
    }
}
