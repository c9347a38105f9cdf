// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/dcwuser/metanumerics/blob/6d77d64445f7d5d91b12e331399c4362ecb25333/Numerics/Functions/AdvancedMath_Gamma.cs
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
        // one-argument functions

        [Differentiable]
        public static double LogGamma (double x) {
            if (x < 2.5) {
                if (x < 0.0) {
                    throw new ArgumentOutOfRangeException(nameof(x));
                } else if (x < 0.5) {
                    // For small arguments, use reflection to move us to the series. The log term dominates.
                    return Math.Log(Math.PI / MoreMath.SinPi(x)) - GammaSeries.LogGammaOnePlus(-x);
                } else if (x < 1.5) {
                    // Use the series expansion near 1.
                    return GammaSeries.LogGammaOnePlus(x - 1.0);
                } else {
                    // The series expansion can be adapted near 2, too.
                    return GammaSeries.LogGammaTwoPlus(x - 2.0);
                }
            } else {
                if (x < 16.0) {
                    // In between, we still use Lanczos.
                    return Lanczos.LogGamma(x);
                } else if (x < Double.PositiveInfinity) {
                    // For large arguments, the asymptotic series is even faster than the Lanczos approximation.
                    return Stirling.LogGamma(x);
                } else if (x == Double.PositiveInfinity) {
                    // Precisely at infinity x * Math.Log(x) - x => NaN, so special-case it.
                    return Double.PositiveInfinity;
                } else {
                    Debug.Assert(Double.IsNaN(x));
                    return x;
                }
            }
		}

        [Differentiable]
        public static double Gamma (double x) {
            // Break up decision tree into two levels to try to have a more uniform number of branch tests.
            if (x < 2.5) {
                if (x < -0.5) {
                    // Use \Gamma(x) \Gamma(1-x) = \frac{\pi}{\sin(\pi x)} and -x \Gamma(-x) = \Gamma(1-x) to move negative arguments to positive arguments.
                    return -Math.PI / (MoreMath.SinPi(x) * x * Gamma(-x));
                } else if (x < 0.5) {
                    // For |x| < 1/2, specialize the reflection formula to the series around x = 1 to avoid loss of accuracy in computing 1 - x.
                    return Math.PI / MoreMath.SinPi(x) / GammaSeries.GammaOnePlus(-x);
                } else if (x < 1.5) {
                    // Unlike the Lanczos approximation, the series guarantees \Gamma(1) = \Gamma(2) = 1 exactly
                    return GammaSeries.GammaTwoPlus(x - 1.0) / x;
                    // Don't call GammaOnePlus(x - 1) here because it computes (x - 1) + 1, which just reverses the subtraction with lost accuracy
                } else {
                    return GammaSeries.GammaTwoPlus(x - 2.0);
                }
            } else {
                if (x < 16.0) {
                    return Lanczos.Gamma(x);
                } else if (x < 172.0) {
                    return Stirling.Gamma(x);
                } else if (x <= Double.PositiveInfinity) {
                    // For x >~ 172, Gamma(x) overflows.
                    return Double.PositiveInfinity;
                } else {
                    Debug.Assert(Double.IsNaN(x));
                    return x;
                }
            }
		}

		[Differentiable]
		public static double Psi (double x) {
            if (x < 2.5) {
                if (x < -0.5) {
                    return Psi(1.0 - x) - Math.PI / MoreMath.TanPi(x);
                } else if (x < 0.5) {
                    // Specializing to the series here avoids loosing accuracy by computing 1-x.
                    return GammaSeries.PsiOnePlus(-x) - Math.PI / MoreMath.TanPi(x);
                } else if (x < 1.5) {
                    return GammaSeries.PsiTwoPlus(x - 1.0) - 1.0 / x;
                } else {
                    return GammaSeries.PsiTwoPlus(x - 2.0);
                }
            } else {
                if (x < 16.0) {
                    return Lanczos.Psi(x);
                } else if (x <= Double.PositiveInfinity) {
                    // For large arguments, the Stirling asymptotic expansion is faster than the Lanzcos approximation
                    return Stirling.Psi(x);
                } else {
                    Debug.Assert(Double.IsNaN(x));
                    return x;
                }
            }
		}

        [Differentiable]
        public static double Psi (int n, double x) {

            if (n < 0) throw new ArgumentOutOfRangeException(nameof(x));

            // for n=0, use normal digamma algorithm
            if (n == 0) return Psi(x);

            // for small x, use the reflection formula
            if (x <= 0.0) {
                if (x == Math.Ceiling(x)) {
                    return (Double.NaN);
                } else {
                    // use the reflection formula
                    // this requires that we compute the nth derivative of cot(pi x)
                    // i was able to do this, but my algorithm is O(n^2), so for large n and not-so-negative x this is probably sub-optimal
                    double y = Math.PI * x;
                    double d = -EvaluateCotDerivative(ComputeCotDerivative(n), y) * MoreMath.Pow(Math.PI, n + 1);
                    if (n % 2 == 0) {
                        return (d + Psi(n, 1.0 - x));
                    } else {
                        return (d - Psi(n, 1.0 - x));
                    }
                }
            }

            // compute the minimum x required for our asymptotic series to converge
            // my original approximation was to say that, for 1 << k << n, the factorials approach e^(2k),
            // so to achieve convergence to 10^(-16) at the 8'th term we should need x ~ 10 e ~ 27
            // unfortunately this estimate is both crude and an underestimate; for now i use an emperical relationship instead
            double xm = 16.0 + 2.0 * n;

            // by repeatedly using \psi(n,z) = \psi(n,z+1) - (-1)^n n! / z^(n+1),
            // increase x until it is large enough to use the asymptotic series
            // keep track of the accumulated shifts in the variable s
            double s = 0.0;
            while (x < xm) {
                s += 1.0 / MoreMath.Pow(x, n + 1);
                x += 1.0;
            }

            // now that x is big enough, use the asymptotic series
            // \psi(n,z) = - (-1)^n (n-1)! / z^n [ 1 + n / 2 z + \sum_{k=1}^{\infty} (2k+n-1)! / (2k)! / (n-1)! * B_{2k} / z^{2k} ]
            double t = 1.0 + n / (2.0 * x);
            double x2 = x * x;
            double t1 = n * (n + 1) / 2.0 / x2;
            for (int i = 1; i < AdvancedIntegerMath.Bernoulli.Length; i++) {
                double t_old = t;
                t += AdvancedIntegerMath.Bernoulli[i] * t1;
                if (t == t_old) {
                    double g = AdvancedIntegerMath.Factorial(n - 1) * (t / MoreMath.Pow(x, n) + n * s);
                    if (n % 2 == 0) g = -g;
                    return (g);
                }
                int i2 = 2 * i;
                t1 *= 1.0 * (n + i2) * (n + i2 + 1) / (i2 + 2) / (i2 + 1) / x2;
            }
            throw new NonconvergenceException();

            // for small x, the s-part strongly dominates the t-part, so it isn't actually necessary for us to determine t
            // very accurately; in the future, we should modify this code to allow the t-series to converge when its overall
            // contribution no longer matters, rather than requiring t to converge to full precision

        }

        // The nth derivative of cot(x) can be obtained by noting that cot(x) = cos(x) / sin(x)
        // Define r_n = (c/s)^n. Then by explicit differentiation D_x r_n = - n (r_{n-1} + r_{n+1})
        // Since the result is expressed in terms of r's, differentiation can be repeated using the same formula
        // The next two methods simply implement this machinery. Is there a way we can turn this into a recursion formula so it is O(n) instead of O(n^2)?

        private static double[] ComputeCotDerivative (int n) {

            // make an array to hold coefficients of 1, r, r^2, ..., r_{n+1}
            double[] p = new double[n + 2];

            // start with one power of r
            p[1] = 1.0;

            // differentiate n times
            for (int i = 1; i <= n; i++) {

                // only even or odd powers of r appear at any given order; this fact allows us to use just one array:
                // the entries of one parity are the source (and are set to zero after being used), the of the other parity are the target
                for (int j = i; j >= 0; j -= 2) {
                    // add -j times our coefficient to the coefficient above
                    p[j + 1] += -j * p[j];
                    // same for the coefficient below; we need not add since no one else has addressed it yet (since we are moving down)
                    if (j > 0) p[j - 1] = -j * p[j];
                    // we are done with this coefficient; make it zero for the next time
                    p[j] = 0.0;
                }

            }

            // return the resulting array coefficients
            return (p);
        }

        [Differentiable]
        private static double EvaluateCotDerivative (double[] p, double x) {

            // compute cot(x), which is what our polynomial is in powers of
            double r = 1.0 / Math.Tan(x);

            // compute its square, which we will multiply by to move ahead by powers of two as we evaluate
            double r2 = r * r;

            // compute the first term and set the index of the next term
            int i; double rp;
            if (p.Length % 2 == 0) {
                i = 1;
                rp = r;
            } else {
                i = 0;
                rp = 1.0;
            }

            double f = 0.0;
            while (i < p.Length) {
                // add the current term
                f += p[i] * rp;
                // prepare for next term
                i += 2;
                rp *= r2;
            }

            return (f);

        }

        // This function computes x^n / n! or x^{\nu} / \Gamma(\nu + 1), which can easily become
        // Infinity/Infinity=NaN for large n if computed naively.

        // Poisson probability is \mu^k e^{-\mu} / k!. This can easily result in Infinity/Infinity = NaN
        // if computed naively even for values of \mu and k that produce a normal-sized result.

        [Differentiable]
        internal static double PoissonProbability (double mu, int k) {
            Debug.Assert(mu > 0.0);
            Debug.Assert(k >= 0);
            double P;
            if (k < 170 && mu < 707.0 && k * Math.Log(mu) < 707.0) {
                // If neither k! or e^{\mu} nor \mu^k will overflow, it is fastest and most
                // accurate to directly apply the Poisson formula.
                P = MoreMath.Pow(mu, k) * Math.Exp(-mu) / AdvancedIntegerMath.Factorial(k);
            } else if (k < 20) {
                // If our overflow conditions are not met even though k < 20
                // we must have \mu > 707, and we can be sure P < ~10^{-270}.
                // Since k << \mu, the cancellation in log space is not delicate,
                // so we accept it.
                Debug.Assert(mu >= 707.0);
                P = Math.Exp(k * Math.Log(mu) - AdvancedIntegerMath.LogFactorial(k) - mu);
                Debug.Assert(P < 2.0E-270);
            } else {
                // For large k not too far from \mu, the balance between factors can become
                // quite delicate, producing a normal-sized result even for factors
                // that would massively overflow or underflow. In this region,
                // we apply a specialization of the Stirling approximation which
                // deals with most of this cancellation analytically.
                Debug.Assert(k >= 20);
                P = Stirling.PoissonProbability(mu, k);
            }
            Debug.Assert(0.0 <= P);
            Debug.Assert(P <= 1.0);
            return P;
        }

        // Smame logic but for non-integer k, so x^a e^{-x} / \Gamma(a + 1).

        // You might think that for small a, we should adapt the Gamma series logic to produce this directly,
        // but we don't really get anything from that: we eliminate one Pow and one Exp but add two Logs, and
        // since it converts multiplication to addtion/subtraction with cancellation, accuracy suffers.

        [Differentiable]
        internal static double PoissonProbability(double x, double a) {
            Debug.Assert(x >= 0.0);
            Debug.Assert(a >= 0.0);
            if (x == 0.0) {
                return a == 0.0 ? 1.0 : 0.0;
            } else if (Double.IsInfinity(x)) {
                // We need to handle infinity explicitly b/c otherwise it produces infinity * 0.0 or infinity - infinity
                return 0.0;
            } else if (a < 170.0 && x < 707.0 && a * Math.Log(x) < 707.0) {
                return Math.Pow(x, a) * Math.Exp(-x) / AdvancedMath.Gamma(a + 1.0);
            } else if (a < 20.0) {
                return Math.Exp(a * Math.Log(x) - AdvancedMath.LogGamma(a + 1.0) - x);
            } else {
                return Stirling.PoissonProbability(x, a);
            }
        }

        [Differentiable]
        internal static double ExpTimesPower (double x, double a) {

            double e = (x - a) / a;
            double d = e - MoreMath.LogOnePlus(e);
            double f = Math.Pow(a / Math.E, a) * Math.Exp(-a * d);

            return Math.Exp(-x) * Math.Pow(x, a);
        }

        [Differentiable]
        internal static double PowerOverFactorial (double x, int n) {
            if (n < 16) {
                // There is a small range (x, n) for which the power overflows,
                // but the factorial would bring the true result back into the representable
                // range. Since 15! ~ 1.3E12, the result overflows for values of x^n about
                // 12 orders of magnitude lower than it should. Would be good to fix this.
                return MoreMath.Pow(x, n) / AdvancedIntegerMath.Factorial(n);
            } else {
                return Stirling.PowerOverFactorial(x, n);
            }
        }

        [Differentiable]
        internal static double PowerOverFactorial (double x, double nu) {
            if (nu < 16.0) {
                //return Lanczos.PowerOverFactorial(x, nu);
                return Math.Pow(x, nu) / AdvancedMath.Gamma(nu + 1.0);
            } else {
                return Stirling.PowerOverFactorial(x, nu);
            }
        }

        // x^n / (2n + 1)!!

        [Differentiable]
        internal static double PowerOverDoubleFactorial (double x, int n) {
            if (n < 16) {
                return MoreMath.Pow(x, n) / AdvancedIntegerMath.DoubleFactorial(2 * n + 1);
            } else {
                // Would be good to create a dedicated method for this to avoid \sqrt{\pi} cancelation
                return(Math.Sqrt(Math.PI / 2.0 / x) * PowerOverFactorial(0.5 * x, n + 0.5));
            }
        }

        /*
        public static double LogPochhammer (double x, double y) {

            double z = x + y;
            if (x < 0.0) throw new ArgumentOutOfRangeException(nameof(x));
            if (z < 0.0) throw new ArgumentOutOfRangeException(nameof(y));

            if ((x < 2.5) && (z < 2.5)) {
                // Double Series
            } else if ((x > 16.0) && (z > 16.0)) {
                // Double Asymptotic
            } else if (x < 0.5) {
                // Avoid Lanczos with small x
            } else {
                // Lanczos
            }

        }
        */
        /*
        public static double Pochhammer1 (double x, double y) {

            if (x < 0.0) throw new ArgumentOutOfRangeException(nameof(x));
            if (y < 0.0) throw new ArgumentOutOfRangeException(nameof(y));

            // Handle simplest cases quickly
            if (y == 0.0) {
                return 1.0;
            } else if (y == 1.0) {
                return x;
            }

            // Should we also handle more small integer y explicitly?
            if (0.0 < y && y < 16.0) {
                double yRound = Math.Round(y);
                if (y == yRound) {
                    double p = x;
                    for (int i = ((int)yRound) - 1; i > 0; i--) {
                        x += 1.0;
                        p *= x;
                    }
                    return p;
                }
            }

            // The key case of x and y positive is pretty simple. Both the Lanczos and Stirling forms of \Gamma
            // admit forms that preserve accuracy in \Gamma(x+y) / \Gamma(x) - 1 as y -> 0. It turns
            // out, however, to be ridiculously complicated to handle all the corner cases that appear in
            // other regions of the x-y plane.

            double z = x + y;

            if (y < 0.5) { 

            }

            if (x < 0.25) {

                bool xNonPositiveInteger = (Math.Round(x) == x);
                bool zNonPositiveInteger = (z <= 0.0) && (Math.Round(z) == z);

                if (xNonPositiveInteger) {
                    if (zNonPositiveInteger) {
                        long m;
                        double p;
                        if (z >= x) {
                            m = (long) (z - x);
                            p = Pochhammer(-z + 1, m);
                        } else {
                            m = (long) (x - z);
                            p = 1.0 / Pochhammer(-x + 1, m);
                        }
                        if (m % 2 != 0) p = -p;
                        return (p);
                    } else {
                        return (0.0);
                    }
                }

                if (y < 0.0) {
                    // x negative, y negative; we can transform to make x and y positive
                    return (1.0 / Pochhammer(1.0 - x, -y) * MoreMath.SinPi(x) / MoreMath.SinPi(z));
                } else if (z <= 0.25) {
                    // x negative, y positive, but not positive enough, so z still negative
                    // we can transform to make x and y positive
                    return (Pochhammer(1.0 - z, y) * MoreMath.SinPi(x) / MoreMath.SinPi(z));
                } else {
                    // x negative, y positive enough to make z positive
                    return (-x * Gamma(-x) * Gamma(z) * MoreMath.SinPi(x) / Math.PI);
                }

            } else {

                if (z >= 0.25) {
                    // This is the standard case: x positive, y may be negative, but not negative enough to make z negative
                    //double P;
                    if ((x > 16.0) && (z > 16.0)) {
                        return Math.Exp(Stirling.LogPochhammer(x, y));
                        //P = Stirling.ReducedLogPochhammer(x, y);
                    //} else if ((x < 2.5) && (z < 2.5)) {
                    //    return AdvancedMath.Gamma(z) / AdvancedMath.Gamma(x);
                    } else {
                        //P = Lanczos.ReducedLogPochhammer(x, y);
                        return Lanczos.Pochammer(x, y);
                        //return Math.Exp(Lanczos.LogPochammer(x, y));
                    }
                    //return (Math.Exp(y * P));
                } else {
                    // if y is very negative, z will also be negative, so we can transform one gamma
                    if (Math.Round(z) == z) {
                        return (Double.PositiveInfinity);
                    } else {
                        return (Math.PI / (Gamma(x) * Gamma(1.0 - z) * MoreMath.SinPi(z)));
                    }
                }

            }

        }
        */

        // two-argument functions



        // "Efficient and accurate algorithms for the computation and inversion of the incomplete gamma function ratios"
        // https://arxiv.org/abs/1306.1754
        // Division of 1st quadrant, \alpha(x), Q series, another aysmptotic fomrulation

        // "Computation of the incomplete gamma function for negative values of the argument" 2016
        // https://arxiv.org/abs/1608.04152



        

        [Differentiable]
        public static double Gamma (double a, double x) {
            return AdvancedMath.UpperIncompleteGamma(a, x);
            /*
            if (a < 0.0) throw new ArgumentOutOfRangeException(nameof(a));
            if (x < 0.0) throw new ArgumentOutOfRangeException(nameof(x));
            if ((a > 128.0) && (Math.Abs(x - a) < 0.25 * a)) {
                Gamma_Temme(a, x, out _, out double Q);
                return Q * AdvancedMath.Gamma(a);
            } else {
                if (a >= IncompleteGammaAlpha(x)) {
                    // P is smaller, so compute P
                    double Q = 1.0 - GammaP_Series(a, x);
                    return Q * AdvancedMath.Gamma(a);
                } else {
                    // Q is smaller, so compute Q
                    if (x > 1.5) {
                        Debug.Assert(x >= a);
                        return GammaQ_ContinuedFraction(a, x) * AdvancedMath.ExpTimesPower(x, a);
                    } else {
                        double Q = GammaQ_Series(a, x);
                        return Q * AdvancedMath.Gamma(a);
                    }
                }
            }
            */
            //return RightRegularizedGamma(a, x) * Gamma(a);
        }

        // three-argument functions

        [Differentiable]
        public static double Beta (double a, double b, double x) {
            if (a < 0.0) throw new ArgumentOutOfRangeException(nameof(a));
            if (b < 0.0) throw new ArgumentOutOfRangeException(nameof(b));
            if ((x < 0.0) || (x > 1.0)) throw new ArgumentOutOfRangeException(nameof(x));
			if (x == 0.0) return(0.0);
            double xtp = (a + 1.0) / (a + b + 2.0);
            if (x > xtp) {
                return (Beta(a, b) - Beta(b, a, 1.0 - x));
            } else {
                return (Math.Pow(x, a) * Math.Pow(1.0 - x, b) * RegularizedBeta_ContinuedFraction(a, b, x));
            }
		}

        [Differentiable]
        internal static double RegularizedBeta_ContinuedFraction (double a, double b, double x) {

            // Use the continued fraction (DLMF 8.17.22,  http://dlmf.nist.gov/8.17#v)
            //   B(a, b, x) = x^a (1-x)^b BCF(a, b, x)
            //   BCF(a, b, x) = \frac{1}{a} \left[ \frac{1}{1+} \frac{d_1}{1+} \frac{d_2}{1+} \cdots \right]
            // where
            //   d_{2m} = \frac{x m (b-m)}{(a + 2m - 1)(a + k)}
            //   d_{2m+1} = -\frac{x (a + m) (a + b + m)}{(a + m)(a + 2m + 1)}
            // which is good for x < (a + 1) / (a + b + 2). For larger x, compute compliment and subtract.

            // Evaluate via Steed's method.
            // We can simplify slightly due to this being a Stieltjes CF (denominator always 1).
            // Do k = 0 and k = 1 explicitly, since simplifications are possible for those terms.

            double ab = a + b;
            double p = -x * ab / (a + 1.0);
            double D = 1.0 / (1.0 + p);
            double Df = -p * D;
            double f = 1.0 + Df;
            for (int k = 2; k < Global.SeriesMax; k++) {
                double f_old = f;
                int m = k / 2;
                p = x / ((a + (k - 1)) * (a + k));
                if ((k % 2) == 0) {
                    p *= m * (b - m);
                } else {
                    p *= -(a + m) * (ab + m);
                }
                D = 1.0 / (1.0 + p * D);
                Df = (D - 1.0) * Df;
                f += Df;
                 if (f == f_old) {
                    return (f / a);
                }
            }
            throw new NonconvergenceException();
        }

        [Differentiable]
        public static double LeftRegularizedBeta (double a, double b, double x) {
            if (a <= 0.0) throw new ArgumentOutOfRangeException(nameof(a));
            if (b <= 0.0) throw new ArgumentOutOfRangeException(nameof(b));
            if ((x < 0.0) || (x > 1.0)) throw new ArgumentOutOfRangeException(nameof(x));
            double xtp = (a + 1.0) / (a + b + 2.0);
            if (x > xtp) {
                return (1.0 - LeftRegularizedBeta(b, a, 1.0 - x));
            } else {
                return (RegularizedBeta_ContinuedFraction(a, b, x) * PowOverBeta(a, b, x));
            }
        }

        [Differentiable]
        private static double PowOverBeta (double a, double b, double x) {
            if ((a > 16.0) && (b > 16.0)) {
                return (Stirling.PowOverBeta(a, b, x));
            } else {
                return (Math.Pow(x, a) * Math.Pow(1.0 - x, b) / Beta(a, b));
            }
        }
    }
}
