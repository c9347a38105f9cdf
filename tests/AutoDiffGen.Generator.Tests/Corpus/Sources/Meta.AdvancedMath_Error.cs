// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/dcwuser/metanumerics/blob/6d77d64445f7d5d91b12e331399c4362ecb25333/Numerics/Functions/AdvancedMath_Error.cs
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
        [Differentiable]
        public static double Erf (double x) {
            if (x < -1.5) {
                return (Erfc_ContinuedFraction(-x) - 1.0);
            } else if (x < 1.5) {
                // Use the series near the origin.
                return (Erf_Series(x));
            } else if (x <= Double.PositiveInfinity) {
                return (1.0 - Erfc_ContinuedFraction(x));
            } else {
                Debug.Assert(Double.IsNaN(x));
                return (x);
            }
        }

        [Differentiable]
        public static double Erfc (double x) {
            if (x < -1.5) {
                return 2.0 - Erfc_ContinuedFraction(-x);
            } else if (x < 1.5) {
                return 1.0 - Erf_Series(x);
            } else if (x <= Double.PositiveInfinity) {
                return Erfc_ContinuedFraction(x);
            } else {
                Debug.Assert(Double.IsNaN(x));
                return x;
            }
        }

        // This is a straightforward implementation of the error series:
        //  erf(x) = \frac{2x}{\sqrt{\pi}} \sum_{k=0}{^\infty} \frac{(-1)^k x^{2k}}{k! (2k+1)}
        // Converges in about a dozen terms for x less than about 1, but still converges for higher x.

        // This is just the incomplete gamma series specialized for a -> 1/2, x -> x^2, but the specialization
        // speeds it up considerably, so we do it explicitly.

        // Comparison of this to DoubleDouble results indicates that maximum error is ~9.0E-16 at x~1.40.
        // Maximum relative error occurs at the same point.

        [Differentiable]
        private static double Erf_Series (double x) {
            double mx2 = -x * x;
            double t = mx2;
            double s = 1.0 + mx2 / 3.0;
            for (int k = 2; k < Global.SeriesMax; k++) {
                double s_old = s;
                t *= mx2 / k;
                s += t / (2 * k + 1);
                if (s == s_old) {
                    return 2.0 / Global.SqrtPI * x * s;
                }
            }
            throw new NonconvergenceException();
        }

        [Differentiable]
        private static double Erfc_ContinuedFraction (double x) {

            Debug.Assert(x > 0.0);

            // Erfc underflows for x larger than about 27, so no need to compute continued fraction.
            // This check also avoids computing Infinity * 0 = NaN if x is Infinity.
            if (x > 28.0) return 0.0;

            // Compute the continued fraction.
            double x2 = x * x;
            double aa = 1.0;			// a_1
            double bb = x2 + 0.5;   	// b_1
            double D = 1.0 / bb;		// D_1 = b_0/b_1
            double Df = aa / bb;		// Df_1 = f_1 - f_0
            double f = 0.0 + Df;		// f_1 = f_0 + Df_1 = b_0 + Df_1
            for (int k = 1; k < Global.SeriesMax; k++) {
                double f_old = f;
                aa = -k * (k - 0.5);
                bb += 2.0;
                D = 1.0 / (bb + aa * D);
                Df = (bb * D - 1.0) * Df;
                f += Df;
                if (f == f_old) {
                    return x / Global.SqrtPI * Math.Exp(-x2) * f;
                }
            }
            throw new NonconvergenceException();
        }

        [Differentiable]
        public static double InverseErfc (double y) {
            if (y < 0.0) {
                throw new ArgumentOutOfRangeException(nameof(y));
            } else if (y == 0.0) {
                return Double.PositiveInfinity;
            } else if (y < 0.5) {
                return InverseErfcByRefinement(y);
            } else if (y <= 1.0) {
                return InverseErfSeries(1.0 - y);
            } else if (Double.IsNaN(y)) {
                return y;
            } else {
                throw new ArgumentOutOfRangeException(nameof(y));
            }
        }

        [Differentiable]
        public static double InverseErf (double y) {

            if (y < 0.0) {
                return -InverseErf(-y);
            } else if (y < 0.5) {
                return InverseErfSeries(y);
            } else if (y < 1.0) {
                return InverseErfcByRefinement(1.0 - y);
            } else if (y == 1.0) {
                return Double.PositiveInfinity;
            } else if (Double.IsNaN(y)) {
                return y;
            } else {
                throw new ArgumentOutOfRangeException(nameof(y));
            }

        }

        // There is no cancelation in this series, so accuracy is just a matter of how many terms we are willing to take.
        // For x ~ 0.1, 8 terms; for x ~ 0.25, 12 terms; for x ~ 0.5, 24 terms.

        // \erf^{-1}(x) = \sum_{k=0}^{\infty} \frac{c_k}{2k+1} \left( \frac{\sqrt{\pi}{2} x \right)^{2k+1}

        // c_k = \sum_{j=0}^{k-1} \frac{c_{j} c_{k-1-k}}{(j+1)(2j+1)}

        [Differentiable]
        private static double InverseErfSeries (double x) {

            double z = Global.SqrtPI / 2.0 * x;
            double z2 = z * z;

            double s = 1.0;
            double z2k = 1.0;
            for (int k = 1; k < inverfSeriesCoefficients.Length; k++) {
                double s_old = s;
                z2k *= z2;
                s += inverfSeriesCoefficients[k] * z2k;
                if (s == s_old) { return z * s; }
            }

            throw new NonconvergenceException();
        }

        private static readonly double[] inverfSeriesCoefficients = ComputeInverseErfSeriesCoefficients(24);

        private static double[] ComputeInverseErfSeriesCoefficients (int n) {
            Debug.Assert(n > 0);
            double[] d = new double[n + 1];
            d[0] = 1.0;
            for (int k = 0; k < n; k++) {
                for (int j = 0; j <= k; j++) {
                    d[k + 1] += d[j] * d[k - j] / (j + 1) / (2 * j + 1);
                }
            }
            for (int k = 1; k <= n; k++) {
                d[k] /= (2 * k + 1);
            }
            return d;
        }

        [Differentiable]
        private static double InverseErfcByRefinement (double y) {

            // First we get an approximation to x using either the asymptotic expansion (good only for very small values)
            // or via a rational approximation. In either case, the cost is one log, plus one square root, plus a handfull of additional flops,
            // and the result is accurate to about 10^{-6}.

            double x;
            if (y < 1.0E-5) {
                x = InverseErfcAsymptoticExpansion(y);
            } else if (y < 0.55) {
                x = InverseErfcRationalApproximation(y);
            } else {
                throw new InvalidOperationException();
            }

            // Then we refine via Halley's method (http://en.wikipedia.org/wiki/Halley%27s_method), an extension of Newton's method.

            // Given f(x) = f0 + f1 x, Newton's method sets f(x) = 0 to obtain x = - f0 / f1.

            // Given f(x) = f0 + f1 x + 1/2 f2 x^2, Halley's method sets f(x) = 0 to obtain x = - f0 / (f1 + 1/2 f2 x) and uses the Netwon result
            // for x in the RHS to obtain x = - f0 / (f1 - 1/2 f2 f0 / f1).

            // Sufficiently close to the root, Newton's method is quadratic (significant digits double each iteration) and Halley's method is cubic (significant
            // digits triple each iteration). So an initial estimate with precision 10^{-4} should get us to full precision in two iterations.

            // For f_0 = erfc(x) - y, f_1 = - \frac{2}{\sqrt{\pi}} e^{-x^2}, and f_2 = \frac{4 x}{\sqrt{\pi}} e^{-x^2} = -2 x f_1.
            // Defining r = - f0 / f1 as the Newton estimate, the Halley estimate is simply r / (1 - x r). Since the second
            // derivative is so simple to compute from the first derivative, a Halley step is only trivially more costly than a Newton step.

            for (int i = 0; i < 2; i++) {
                double z = Erfc(x) - y;
                double r = Global.SqrtPI / 2.0 * z * Math.Exp(x * x);
                double dx = r / (1.0 - x * r);
                x += dx;
             }

            // We hard-code exactly two steps instead of testing for convergence because the iteration can get into loops of tiny changes instead
            // of producing a zero change, and we know that two iterations will be sufficient.

            return x;

        }

        // Blair et al., "Rational Chebyshev Approximations for the Inverse of the Error Function", Mathematics of Computation 30 (1976) 827
        // (https://www.ams.org/journals/mcom/1976-30-136/S0025-5718-1976-0421040-7/S0025-5718-1976-0421040-7.pdf) write that "by inverting the
        // standard asymptotic series" for erf x in terms of 1/x "we can derive an asymptotic expansion for inverf" and then give this expansion.
        // The DLMF (http://dlmf.nist.gov/7.17) says their expansion 7.17.3 "follows from Blair et al. (1976), after modifications" but
        // their accuracy sucks compared to Blair et al. I corresponded with Nico Temme, who wrote the DLMF chapter, and he agreed that Blair is
        // better. Blair starts with the asymptotic expansion for erfc:
        //   \erfc(y) = \frac{\exp(-y^2)}{\sqrt{\pi} S(y)
        // where
        //   S(y) = 1 - \frac{1}{2 y^2} + \frac{3}{4 y^4} - \frac{3 \cdot 5}{8 y^6} + \cdots
        // Taking S \sim 1 and solving for y^2 gives
        //   y^2 \sim - \ln ( \sqrt{\pi} x y ) = - \ln( \sqrt{\pi} x ) - \ln (y)
        //   y^2 \sim -\ln(\sqrt{\pi} x) - \frac{1}{2} \ln( -\ln(\sqrt{\pi} x) ) = t - \frac{1}{2} L
        // where t = -\ln(\sqrt{\pi} x) and L = \ln t. This is the zeroth approximation. Temme explained Blair's methodology which allowed
        // me to derive terms to arbitrary order. Make an Ansatz that the full solution differs from the zeroth approximation by a power series
        // in u = 1/t.
        //   y^2 = t - \frac{1}{2} L + w    w = c_1 u + c_2 u^2 + c_3 u^3 + \cdots
        // The original equation becomes
        //   \sqrt{\pi} x y = \exp(-y^2) S(y)
        //   \sqrt{1 - \frac{1}{2} L u + w u} = \exp(-w) S(\frac{u}{1 - \frac{1}{2} L u + w u})
        // Then just expand in powers of u and set coefficients equal by power. This gives
        //   c_1 = -\frac{1}{2} + \frac{1}{4} L
        //   c_2 = \frac{7}{8} - \frac{3}{8} L + \frac{1}{16} L^2
        //  etc.

        // Even though the Blair series works pretty well, our minimax approximation is even better with fewer operations for all but the tiniest x.
        // Therefore we use this only for x < ~10^{-5}, for which four terms gives accuracy better than ~10^{-5}.
        
        [Differentiable]
        private static double InverseErfcAsymptoticExpansion(double x) {

            Debug.Assert(0.0 < x && x < 1.0 / Global.SqrtPI);
            double t = -Math.Log(Global.SqrtPI * x);
            double L = Math.Log(t);
            double u = 1.0 / t;

            return Math.Sqrt(t - 1.0 / 2.0 * L +
                u * ((-1.0 / 2.0 + 1.0 / 4.0 * L) +
                u * ((7.0 / 8.0 + L * (-3.0 / 8.0 + L * 1.0 / 16.0)) +
                u * ((-107.0 / 48.0 + L * (17.0 / 16.0 + L * (-7.0 / 32.0 + L * 1.0 / 48.0))) +
                u * ((1489.0 / 192.0 + L * (-31.0 / 8.0 + L * (29.0 / 32.0 + L * (-23.0 / 192.0 + L * 1.0 / 128.0))))
                /* + u * ((-21919.0 / 640.0 + L * (1675.0 / 96.0 + L * (-277.0 / 64.0 + L * (85.0 / 128.0 + L * (-49.0 / 768.0 + L * 1.0 / 320.0))))) */
                ))))
            );

        }

        [Differentiable]
        private static double InverseErfcRationalApproximation (double x) {

            // minimax (3,3) rational polynomial approximation
            // in region 3/4 < y < 5, corresponding to about 3.7E-6 < x < 0.75
            // with error less ~9E-7 throughout

            double y = Math.Sqrt(-2.0 * Math.Log(x));

            const double a0 = -0.0071034591712238851203;
            const double a1 = 0.047920059819193711592;
            const double a2 = 0.30517720195408962758;
            const double a3 = 0.48856023932132526440;

            const double b1 = 0.61364516662581878617;
            const double b2 = 0.67737432169146905075;
            const double b3 = 0.00056224293678634100951;

            return (a0 + (a1 + (a2 + a3 * y) * y) * y) / (1.0 + (b1 + (b2 + b3 * y) * y) * y);

        }

        [Differentiable]
        internal static double Probit (double P, double Q) {
            Debug.Assert(0.0 <= P && P <= 1.0);
            Debug.Assert(0.0 <= Q && Q <= 1.0);
            Debug.Assert(P + Q == 1.0);
            if (P < 0.25) {
                if (P == 0.0) {
                    return(Double.NegativeInfinity);
                } else {
                    return (-Global.SqrtTwo * InverseErfcByRefinement(2.0 * P));
                }
            } else if (P < 0.75) {
                return (Global.SqrtTwo * InverseErfSeries(2.0 * P - 1.0));
            } else {
                if (Q == 0.0) {
                    return (Double.PositiveInfinity);
                } else {
                    return (Global.SqrtTwo * InverseErfcByRefinement(2.0 * Q));
                }
            }

        }

        [Differentiable]
        internal static double ApproximateInverseErf (double y) {
            double x = Global.SqrtPI * y / 2.0;
            double xx = x * x;
            double S = 1.0 + xx / 3.0 + 7.0 / 30.0 * xx * xx + 127.0 / 630.0 * xx * xx * xx;
            return (x * S);

        }

        [Differentiable]
        internal static double ApproximateInverseErfc (double y) {
            double yy = y * y;
            double log = Math.Log(2.0 / Math.PI / yy);
            double S = log - Math.Log(log);
            return (Math.Sqrt(S / 2.0));
        }

        [Differentiable]
        public static double Dawson (double x) {
            if (x < 0.0) {
                // Dawson is an odd function
                return (-Dawson(-x));
            } else if (x < 1.0) {
                // use the series expansion near the origin
                return (Dawson_Series(x));
            } else if (x < 10.0) {
                // use the Rybicki algorithm in between
                return (Dawson_Rybicki(x));
            } else if (x <= Double.PositiveInfinity) {
                // use the asymptotic expansion for large values
                return (Dawson_Asymptotic(x));
            } else {
                Debug.Assert(Double.IsNaN(x));
                return (x);
            }
        }

        // a series expansion for the Dawson integral near the origin
        // requires ~30 terms at x~2, ~20 terms at x~1, ~10 terms at x~0.5

        [Differentiable]
        private static double Dawson_Series (double x) {
            double xx = -2.0 * x * x;
            double df = x;
            double f = df;
            for (int k = 1; k < Global.SeriesMax; k++) {
                double f_old = f;
                df = df * xx / (2 * k + 1);
                f += df;
                if (f == f_old) {
                    return (f);
                }
            }
            throw new NonconvergenceException();
        }

        // as asymptotic expansion for the Dawson integral from large values
        // requires ~5 terms at x~50, ~15 terms at x~10, fails to converge below x~7

        [Differentiable]
        private static double Dawson_Asymptotic (double x) {
            double xx = 2.0 * x * x;
            double df = 0.5 / x;
            double f = df;
            for (int k = 0; k < Global.SeriesMax; k++) {
                double f_old = f;
                df = df * (2 * k + 1) / xx;
                f += df;
                if (f == f_old) {
                    return (f);
                }
            }
            throw new NonconvergenceException();
        }

        // a rather strange algorithm by Rybicki, described in Numerical Recipes
        // it expresses Dawson's integral as a sum over exponentially suppressed terms with a suppression factor h
        // his result derives essentially from doing the integral numerically with a step size h
        // it converges in the limit h->0 and the error for non-zero h goes like e^{-(pi/2h)^2}; since the error
        // goes down exponentially with h, even quite moderate value of h give good results: we use h~0.25 to get full precision
        // the series is infinite, but since the terms die off exponentially you don't need many to get full precision: we need ~12 x 2

        [Differentiable]
        private static double Dawson_Rybicki (double x) {

            int n0 = 2 * ((int)Math.Round(x / Dawson_Rybicki_h / 2.0));
            double x0 = n0 * Dawson_Rybicki_h;
            double y = x - x0;

            double f = 0.0;
            double b = Math.Exp(2.0 * Dawson_Rybicki_h * y);
            double bb = b * b;
            for (int k = 0; k < Dawson_Rybicki_coefficients.Length; k++) {
                double f_old = f;
                int m = 2 * k + 1;
                double df = Dawson_Rybicki_coefficients[k] * (b / (n0 + m) + 1.0 / b / (n0 - m));
                f += df;
                if (f == f_old) {
                    return (Math.Exp(-y * y) / Global.SqrtPI * f);
                }
                b = b * bb;
            }

            throw new NonconvergenceException();

        }

        private const double Dawson_Rybicki_h = 0.25;

        private static readonly double[] Dawson_Rybicki_coefficients = Compute_Dawson_Rybicki_Coefficients(0.25, 16);

        // pre-computes e^{-(h m)^2} for Rybicki algorithm

        private static double[] Compute_Dawson_Rybicki_Coefficients (double h, int n) {
            double[] coefficients = new double[n];
            for (int k = 0; k < n; k++) {
                int m = 2 * k + 1;
                double z = h * m;
                coefficients[k] = Math.Exp(-z * z);
            }
            return(coefficients);
        }

        // For large x, C ~ \frac{1}{2} + \frac{1}{\pi x} \sin(\pi x^2 /2 ), S ~ frac{1}{2} - \frac{1}{\pi x} \cos(\pi x^2 / 2)
        // so if x is large enough that \frac{1}{\pi x} is indistinguishable from \frac{1}{2}, we can just return 1/2.
        
        // Even if we didn't have this limit, say because we were trying to compute C - 1/2 and S - 1/2, we would
        // have the problem that both the continued fraction and the direct asymptotic expansion require computing
        // trig functions of \pi x^2 /2, and this overflows for x larger than about 1.0E154.

        private const double fresnelLimit = 2.0 / Math.PI / 1.0E-16;

        // At one point, we used a Fresnel asymptotic series for x > 40, but it proved unnecessary.
        // It's neither faster nor more accurate than the continued fraction, and it can be used as
        // close to the origin.

        // C(z) = z \sum_{n=0}^{\infty} \frac{(-1)^n (\pi z^2 / 2)^{2n}}{(2n)! (4n + 1)}
        // Series requires ~10 terms at x~1, ~20 terms at x~2.

        [Differentiable]
        private static double FresnelC_Series (double x) {
            double xx = Math.PI / 2.0 * x * x;
            double x4 = -xx * xx;
            double df = 1.0;
            double f = df;
            for (int two_k = 2; two_k < Global.SeriesMax; two_k += 2) {
                double f_old = f;
                df *= x4 / (two_k * (two_k - 1));
                f += df / (2 * two_k + 1);
                if (f == f_old) return (x * f);
            }
            throw new NonconvergenceException();
        }

        // S(z) = \frac{\pi z^3}{2} \sum_{n=0}^{\infty} \frac{(-1)^n (\pi z^2 / 2)^{2n}}{(2n + 1)! (4n + 3)}

        [Differentiable]
        private static double FresnelS_Series (double x) {
            double xx = Math.PI / 2.0 * x * x;
            double x4 = -xx * xx;
            double df = 1.0;
            double f = df / 3.0;
            for (int two_k = 2; two_k < Global.SeriesMax; two_k += 2) {
                double f_old = f;
                df *= x4 / ((two_k + 1) * two_k);
                f += df / (2 * two_k + 3);
                if (f == f_old) return (x * xx * f);
            }
            throw new NonconvergenceException();
        }
    }
}
