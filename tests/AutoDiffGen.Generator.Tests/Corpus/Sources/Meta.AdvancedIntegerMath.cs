// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/dcwuser/metanumerics/blob/6d77d64445f7d5d91b12e331399c4362ecb25333/Numerics/Functions/AdvancedIntegerMath.cs
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
    public static partial class AdvancedIntegerMath
    {
        // 20! is the largest factorial that fits in a long.
		private static readonly long[]  factorialTable = CreateFactorialTable(20);

		private static long[] CreateFactorialTable (int n) {
			long[] factorials = new long[n];
			factorials[0] = 1;
			for (int k=1; k<n; k++) {
				factorials[k] = k * factorials[k-1];
			}
			return(factorials);
		}

		public static double Factorial (int n) {
            if (n < 0) {
                throw new ArgumentOutOfRangeException(nameof(n));
            } else if (n < factorialTable.Length) {
				return (double) factorialTable[n];
			} else {
				return Math.Round( AdvancedMath.Gamma(n+1) );
			}
		}

		public static double LogFactorial (int n) {
            if (n < 0) {
                throw new ArgumentOutOfRangeException(nameof(n));
            } else if (n < factorialTable.Length) {
				return Math.Log((double) factorialTable[n]);
			} else {
				return AdvancedMath.LogGamma(n + 1);
			}
		}

#if FUTURE

        public static double RisingFactorial (int n, int m) {
            if (n < 0) throw new ArgumentOutOfRangeException(nameof(n));
            if (m < 0) throw new ArgumentOutOfRangeException(nameof(m));
            if (m == 0) return 1.0;
            if (n == 0) return 0.0;
            int ell = n + m;
            Debug.Assert(n > 0);
            Debug.Assert(ell > 0);
            if (n <= factorialTable.Length && ell <= factorialTable.Length) {
                return factorialTable[ell - 1] / factorialTable[n - 1];
            } else {
                return Math.Round(Math.Exp(AdvancedMath.LogGamma(ell) - AdvancedMath.LogGamma(n)));
            }
        }

#endif

		public static double BinomialCoefficient (int n, int m) {
			if (n < 0) throw new ArgumentOutOfRangeException(nameof(n));
			if ((m < 0) || (m > n)) throw new ArgumentOutOfRangeException(nameof(m));

            // make lower argument small
            if (m > n / 2) m = n - m;
            // this increases the likelihood that we will be able to do factorial table lookup and increases the accuracy
            // of the upper bound (e n / m)^k

			if ((n<factorialTable.Length) && (m<factorialTable.Length)) {
                // do table look-up, if possible
				return( factorialTable[n] / factorialTable[m] / factorialTable[n-m] );
			} else if ((n < 60) || (m < 4) || (m * (1.0 + Math.Log(n / m)) < 0.75 * LogLongMax)) {
                // use integer arithmetic recursion, if we will not overflow a long
                // i tested n specifically: n=61 does not overflow but n=62 does
                long B = 1;
                for (int i = 1; i <= m; i++) {
                    B = B * (n - i + 1) / i;
                    // we must do multiplication before division; it would be nice to do division first, in order to keep quantities
                    // as small as possible, but the previous coefficient is not guaranteed to be exactly divisible by i
                }
                return (B);
             } else {
                // our result will be very big, so we probably won't loose accuracy in subtracting big factorial logs
                return (Math.Round(Math.Exp(LogFactorial(n) - LogFactorial(m) - LogFactorial(n - m))));
			}
		}

        private static readonly double LogLongMax = Math.Log(Int64.MaxValue);

        public static IEnumerable<double> BinomialCoefficients (int n) {

            if (n < 0) throw new ArgumentOutOfRangeException(nameof(n));

            if (n < 60) {
                // use integer arithmetic if we won't overflow a long
                long B = 1;
                yield return (B);
                for (int k = 1; k <= n; k++) {
                    B = B * (n - k + 1) / k;
                    yield return (B);
                }
            } else {
                // otherwise use a double
                double B = 1.0;
                yield return(B);
                for (int k = 1; k <= n; k++) {
                    B = Math.Round(B / k * (n - k + 1));
                    yield return (B);
                }
                // at first i was worried that the falling B's in the second half of the row would not be reproduced accurately
                // by floating point arithmetic,  but that doesn't appear to be the case; if it does become a problem, just
                // store the first half in an array and move down it in the second half
            }

        }

        private static long DoubleFactorial_Multiply (int n) {
            long f = 1;
            for (int k = n; k > 1; k = k - 2) {
                f = f * k;
            }
            return (f);
        }

        private static double LogDoubleFactorial_Gamma (int n) {
            if (n % 2 == 0) {
                // m = n/2, n!! = 2^m Gamma(m+1)
                int m = n / 2;
                return (m * Global.LogTwo + AdvancedMath.LogGamma(m + 1.0));
            } else {
                // m = (n+1)/2, n!! = 2^m Gamma(m+1/2) / Sqrt(PI)
                int m = (n + 1) / 2;
                return (m * Global.LogTwo + AdvancedMath.LogGamma(m + 0.5) - Math.Log(Math.PI) / 2.0);
            }
        }

        public static double DoubleFactorial (int n) {
            if (n < 0) {
                throw new ArgumentOutOfRangeException(nameof(n));
            } else if (n < 32) {
                return ((double) DoubleFactorial_Multiply(n));
            } else {
                return (Math.Round(Math.Exp(LogDoubleFactorial_Gamma(n))));
            }
        }

        public static double LogDoubleFactorial (int n) {
            if (n < 0) {
                throw new ArgumentOutOfRangeException(nameof(n));
            } else if (n < 32) {
                return (Math.Log((double) DoubleFactorial_Multiply(n)));
            } else {
                return (LogDoubleFactorial_Gamma(n));
            }
        }

        public static double HarmonicNumber (int n) {
            if (n < 0) {
                throw new ArgumentOutOfRangeException(nameof(n));
            } else if (n < 32) {
                // for small values, just add up the harmonic series
                double H = 0.0;
                for (int i = 1; i <= n; i++) {
                    H += 1.0 / i;
                }
                return (H);
            } else {
                // for large values, use the digamma function
                // this will route to the the Stirling asymptotic expansion
                return (AdvancedMath.Psi(n+1) + AdvancedMath.EulerGamma);
            }

        }

        public static double FibonacciNumber (int n) {
            if (n < 0) {
                throw new ArgumentOutOfRangeException(nameof(n));
            } else {
                // Begin with relation F_n = \frac{\phi^n - (-\phi)^{-n}}{\sqrt{5}}, which is exact. For large n, the second
                // term becomes negligible, so we certainly expect F_n = \left[ \frac{\phi^n}{\sqrt{5}} \right] for large enough n.
                // What's surprising is that n = 0 is already large enough, giving us a really fast way to get the nth Fibonacci
                // number (at least to floating point precision) without computing any lower Fibonacci numbers, much less all of them.
                return (Math.Round(MoreMath.Pow(AdvancedMath.GoldenRatio, n) / Math.Sqrt(5.0)));
            }
        }

        public static double BernoulliNumber (int n) {

            if (n < 0) throw new ArgumentOutOfRangeException(nameof(n));

            // B_1 is the only odd Bernoulli number.
            if (n == 1) return (-1.0 / 2.0);

            // For all other odd arguments, return zero.
            if (n % 2 != 0) return (0.0);

            // If the argument is small enough, look up the answer in our stored array.
            int m = n / 2;
            if (m < Bernoulli.Length) return (Bernoulli[m]);

            // Otherwise, use the relationship with the Riemann zeta function to get the Bernoulli number.
            // Since this is only done for large n, it would probably be faster to just sum the zeta series explicitly here.
            double B = 2.0 * AdvancedMath.RiemannZeta(n) / AdvancedMath.PowerOverFactorial(Global.TwoPI, n);
            if (m % 2 == 0) B = -B;
            return (B);

        }

        // Store the even Bernoulli numbers B_{2n} = Bernoulli[n].
        // The only non-vanishing odd Bernoulli number is B_1 = -1/2, which must be handled separately if you
        // use these numbers in any series expansion.

        internal static readonly double[] Bernoulli = new double[] {
            1.0, 1.0 / 6.0, -1.0 / 30.0, 1.0 / 42.0, -1.0 / 30.0, 5.0 / 66.0, -691.0 / 2730.0, 7.0 / 6.0,
            -3617.0 / 510.0, 43867.0 / 798.0, -174611.0 / 330.0, 854513.0 / 138.0, -236364091.0 / 2730.0, 8553103.0 / 6.0, -23749461029.0 / 870.0, 8615841276005.0 / 14322.0
        };

        // The expansions in which they appear are asymptotic; the numbers grow rapidly after ~B_16

        public static double StirlingNumber1 (int n, int k) {

            if (n < 0) throw new ArgumentOutOfRangeException(nameof(n));
            if ((k < 0) || (k > n)) throw new ArgumentOutOfRangeException(nameof(k));

            if (k == n) {
                return (1.0);
            } else if (k == 0) {
                return (0.0);
            } else if (k == 1) {
                return (AdvancedIntegerMath.Factorial(n - 1));
            } else if (k == (n - 1)) {
                return (AdvancedIntegerMath.BinomialCoefficient(n, 2));
            } else {
                double[] s = Stirling1_Recursive(n, k);
                return (s[k]);
            }

        }

        public static double[] StirlingNumbers1 (int n) {

            if (n < 0) throw new ArgumentOutOfRangeException(nameof(n));

            if (n == 0) {
                return (new double[] { 1.0 });
            } else {
                return (Stirling1_Recursive(n, n));
            }

        }

        private static double[] Stirling1_Recursive (int n, int kMax) {

            Debug.Assert(n > 0);
            Debug.Assert(kMax > 0);
            Debug.Assert(kMax <= n);

            double[] s = new double[kMax + 1];

            // Seed j = 1 row
            s[0] = 0.0;
            s[1] = 1.0;

            // Compute higher rows
            for (int j = 2; j <= n; j++) {

                int jkMax;
                if (j <= kMax) {
                    s[j] = 1.0;
                    jkMax = j - 1;
                } else {
                    jkMax = kMax;
                }

                for (int k = jkMax; k > 0; k--) {
                    s[k] = (j - 1) * s[k] + s[k - 1];
                }

            }

            return (s);

        }

        public static double StirlingNumber2 (int n, int k) {

            if (n < 0) throw new ArgumentOutOfRangeException(nameof(n));
            if ((k < 0) || (k > n)) throw new ArgumentOutOfRangeException(nameof(k));

            if ((k == 1) || (k == n)) {
                return (1.0);
            } else if (k == 0) {
                return (0.0);
                // The exceptional value 1 for n = k = 0 will already have been returned by the previous case. 
            } else if (k == 2) {
                return (Math.Round(MoreMath.Pow(2.0, n - 1) - 1.0));
            } else if (k == (n - 1)) {
                return (AdvancedIntegerMath.BinomialCoefficient(n, 2));
            } else {
                double[] s = Stirling2_Recursive(n, k);
                return (s[k]);
            }

            // There is a formula for Stirling numbers
            //   { n \brace k } = \frac{1}{k!} \sum{j=0}^{k} (-1)^j { k \choose j} (k - j)^n
            // which would be faster than recursion, but it has large cancelations between
            // terms. We could try to use it when all values are less than 2^52, for which
            // double arithmetic is exact for integers. For k!, that means k < 18. For 
            // largest term in sum for all k, that means n < 14.

        }

        public static double[] StirlingNumbers2 (int n) {

            if (n < 0) throw new ArgumentOutOfRangeException(nameof(n));

            if (n == 0) {
                return (new double[] { 1.0 });
            } else {
                return (Stirling2_Recursive(n, n));
            }

        }

        private static double[] Stirling2_Recursive (int n, int kMax) {

            Debug.Assert(n > 0);
            Debug.Assert(kMax > 0);
            Debug.Assert(kMax <= n);

            double[] s = new double[kMax + 1];

            // Seed j = 1 row
            s[0] = 0.0;
            s[1] = 1.0;

            // Compute higher rows
            for (int j = 2; j <= n; j++) {

                int jkMax;
                if (j <= kMax) {
                    s[j] = 1.0;
                    jkMax = j - 1;
                } else {
                    jkMax = kMax;
                }

                for (int k = jkMax; k > 1; k--) {
                    s[k] = k * s[k] + s[k - 1];
                }

            }

            return (s);

        }

        // There are two well-known algorithms for computing Bell numbers. One is Dobinski's formula
        //   B_n = \frac{1}{e} \sum_{k=0}^{\infty} \frac{k^n}{k!}
        // which is basically just the relationship between the Bell numbers and the Poisson moments.
        // The other is the triangle relationship. It computes all Bell numbers up to the one sought,
        // but is O(n^2) in time and O(n) in memory and is slower when a single Bell number is sought.

        // B_n excees the capacity of a double for n >= 219.

        // Very approximately, the terms in Dobinski's formula increase up to k ~ n / W(n) ~ n / log n
        // before they start to decrease, where W(n) is the Lambert W function. It might be worthwhile
        // to start at this value of k and move outwards.

        // As implemented, this returns Infinity too soon, at n=165, because the power in the numerator
        // overflows. We need to deal with that by calling PowOverGamma instead.

        public static double BellNumber (int n) {
            if (n < 0) throw new ArgumentOutOfRangeException(nameof(n));

            // Dobinski's formula only good for n > 0
            if (n == 0) return (1.0);

            double s = 1.0;
            double q = 1.0;
            for (int k = 2; k < Global.SeriesMax; k++) {
                double s_old = s;
                q *= k;
                s += MoreMath.Pow(k, n) / q;
                if (s == s_old) {
                    return (Math.Round(s / Math.E));
                }
            }
            
            throw new NonconvergenceException();
        }

        // 2-integer functions

        // Euclid's algorithm; Knuth gives a binary algorithm that may be faster
        public static long GCF (long u, long v) {
			while (v != 0) {
				long t = u % v;
				u = v;
				v = t;
			}
			return(u);
		}

        internal static int GCD (int u, int v) {
            while (v != 0) {
                int t = u % v; u = v; v = t;
            }
            return (u);
        }

		// Knuth gives example GCD(40902,24140) = 34

		public static long LCM (long u, long v) {
			return( u / GCF(u,v) * v );
		}

		// Bernoulli and Euler polynomials
        
        public static int PowMod (int b, int e, int m) {
            if (b < 0) throw new ArgumentOutOfRangeException(nameof(b));
            if (e < 1) throw new ArgumentOutOfRangeException(nameof(e));
            if (m < 1) throw new ArgumentOutOfRangeException(nameof(m));

            // use long internally
            // since the "worst" we ever do before modding is to square, and since a long should
            // hold twice as many digits as an int, this algorithm should not overflow
            long bb = Convert.ToInt64(b);
            long mm = Convert.ToInt64(m);
            long rr = 1;

            while (e > 0) {
                if ((e & 1) == 1) {
                    rr = checked((rr * bb) % mm);
                }
                e = e >> 1;
                bb = checked((bb * bb) % mm);
            }

            return (Convert.ToInt32(rr));

        }

        public static bool IsPrime (int n) {
            if (n <= 0) {
                throw new ArgumentOutOfRangeException(nameof(n));
            } if (n < 8) {
                return ((n == 2) || (n == 3) || (n == 5) || (n == 7));
            } else {

                // even numbers (larger than 2) aren't prime
                if (n % 2 == 0) return (false);

                // we will use the Miller-Rabin probabilistic prime testing; to do so we must write m = n - 1 = 2^s * d
                int m = n - 1;
                int d = m;
                int s = 0;
                while (d % 2 == 0) {
                    s++;
                    d = d / 2;
                }

                // according to articles quoted at http://primes.utm.edu/prove/prove2_3.html
                // witnesses 2 and 3 are sufficient for all n < 1,373,653 
                // witnesses 2, 3, and 5 are sufficient for all n < 25,326,001
                // witnesses 2, 3, 5, and 7 are sufficient for all n < 118,670,087,467 except n = 3,215,031,751
                // witnesses 2, 3, 5, 7, and 11 are sufficient for all n < 2,152,302,898,747
                // witnesses 31 and 73 are sufficient for all n < 9,080,191
                // witnesses 2, 7, and 61 are sufficient for all n < 4,759,123,141

                if (n < 1373653) {
                    return (IsProbablyPrime(n, m, s, d, 2) && IsProbablyPrime(n, m, s, d, 3));
                } else {
                    return (IsProbablyPrime(n, m, s, d, 2) && IsProbablyPrime(n, m, s, d, 7) && IsProbablyPrime(n, m, s, d, 61));
                }

            }
        }

        // The Miller-Rabin probable prime test http://en.wikipedia.org/wiki/Miller%E2%80%93Rabin_primality_test

        // The odd integer n = m + 1 = 2^s * d + 1
        // The witness is w, which must be 2 <= w <= n - 2

        // should loop be 0...(s-1) or 1...(s-1)?

        private static bool IsProbablyPrime (int n, int m, int s, int d, int w) {
            int x = PowMod(w, d, n);
            if ((x == 1) || (x == m)) return (true);
            for (int i = 0; i < s; i++) {
                x = PowMod(x, 2, n);
                if (x == 1) return (false);
                if (x == m) return (true);
            }
            return (false);
        }

        internal static readonly int[] SmallPrimes = new int[] { 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31 };
    }
}
