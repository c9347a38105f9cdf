// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/dcwuser/metanumerics/blob/6d77d64445f7d5d91b12e331399c4362ecb25333/Numerics/Functions/OrthogonalPolynomials.cs
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
    public static partial class OrthogonalPolynomials
    {
		[Differentiable]
		public static double HermiteH (int n, double x) {
            if (n < 0) {
                throw new ArgumentOutOfRangeException(nameof(n));
            } else if (n == 0) {
                return 1.0;
            } else {
                // Use the recurrence H_{n+1} = 2x H_n - 2n H_{n-1}.
                // The recurrence is unstable, but H is the dominant solution.
                double H0 = 1.0;
                double H1 = 2.0 * x;
                for (int k = 1; k < n; k++) {
                    double H2 = 2.0 * (x * H1 - k * H0);
                    H0 = H1;
                    H1 = H2;
                }
                return H1;
            }
		}

        [Differentiable]
        public static double HermiteHe (int n, double x) {
            if (n < 0) {
                throw new ArgumentOutOfRangeException(nameof(n));
            } else if (n == 0) {
                return 1.0;
            } else {
                double H0 = 1.0;
                double H1 = x;
                for (int k = 1; k < n; k++) {
                    double H2 = x * H1 - k * H0;
                    H0 = H1;
                    H1 = H2;
                }
                return H1;
            }
        }

		// orthogonal on [0,Infinity] with weight e^{-x}
		[Differentiable]
		public static double LaguerreL (int n, double x) {
			if (n < 0) throw new ArgumentOutOfRangeException(nameof(n));
			if (x < 0.0) throw new ArgumentOutOfRangeException(nameof(x));

			if (n == 0) return 1.0;

            // Recurrence (n+1)L_{n+1} = (2n+1-x)L_{n} - nL_{n-1}
            double L0 = 1.0;
			double L1 = 1.0 - x;

			for (int k = 1; k < n; k++) {
				double L2 = ( (2 * k + 1 - x) * L1 - k * L0 ) / (k + 1);
				L0 = L1;
				L1 = L2;
			}

			return L1;
		}

        [Differentiable]
        public static double LaguerreL (int n, double alpha, double x) {
			if (n < 0) throw new ArgumentOutOfRangeException(nameof(n));
			if (alpha <= -1) throw new ArgumentOutOfRangeException(nameof(alpha)); 
			if (x < 0.0) throw new ArgumentOutOfRangeException(nameof(x));

            double L0 = 0.0;
            double L1 = 1.0;
            for (int k = 0; k < n; k++) {
                double L2 = ((2 * k + 1 + alpha - x) * L1 - (k + alpha) * L0) / (k + 1);
                L0 = L1;
                L1 = L2;
            }
            return L1;

		}

        [Differentiable]
        public static double LegendreP (int ell, double x) {

			if (Math.Abs(x) > 1.0) throw new ArgumentOutOfRangeException(nameof(x));

            if (ell < 0) {
                return LegendreP(-(ell + 1), x);
            } else if (ell == 0) {
                return 1.0;
            } else {
                // use recurrence (n+1) P_{n+1} = (2n+1) x P_{n} - n P_{n-1}
                double P0 = 1.0;
                double P1 = x;
                for (int n = 1; n < ell; n++) {
                    double P2 = ((2 * n + 1) * x * P1 - n * P0) / (n + 1);
                    P0 = P1;
                    P1 = P2;
                }
                return P1;
            }
		}

        // Legendre polynomials normalized for their use in the spherical harmonics

        [Differentiable]
        public static double LegendreP (int ell, int m, double x) {

            if (ell < 0) throw new ArgumentOutOfRangeException(nameof(ell));
            if (Math.Abs(m) > ell) throw new ArgumentOutOfRangeException(nameof(m));
            if (Math.Abs(x) > 1.0) throw new ArgumentOutOfRangeException(nameof(x));

            //if (l < 0) {
            //    return (LegendreP(-l + 1, m, x));
            //}

            double f;
            if (ell < 10) {
                // For low enough orders, we can can get the factorial quickly from a table look-up and without danger of overflow.
                f = Math.Sqrt(AdvancedIntegerMath.Factorial(ell + m) / AdvancedIntegerMath.Factorial(ell - m));
            } else {
                // For higher orders, use Pochhammer evaluation to avoid overflow. (Note that if the Pochhammer symbol is > ~1.0E154, this still overflows.)
                //f = Math.Sqrt(AdvancedMath.Pochhammer(l - m + 1, 2 * m));
                f = Math.Exp((AdvancedIntegerMath.LogFactorial(ell + m) - AdvancedIntegerMath.LogFactorial(ell - m)) / 2.0);
            }

            if (m < 0) {
                m = -m;
                if (m % 2 != 0) f = -f;
            }

            return f * LegendrePe(ell, m, x);

        }

        // renormalized associated Legendre polynomials Pe{l,m} = sqrt( (l-m)! / (l+m)! ) P{l,m}
        // unlike the un-renormalized P{l,m}, the renormalized Pe{l,m} do not get too big

        // this is not quite the same renormalization used by NR; it omits a factor sqrt((2l+1)/4Pi)
        // by omitting this factor, we avoid some unnecessary factors and divisions by 4Pi

        // the l-recursion (l-m) P{l,m} = x (2l-1) P{l-1,m} - (l+m-1) P{l-2,m} becomes
        // sqrt((l-m)(l+m)) P{l,m} = x (2l-1) P{l-1,m} - sqrt((l-1-m)(l-1+m)) P{l-2,m}
        // this is stable for increasing l

        // the initial value P{m,m} = (-1)^m (2m-1)!! (1-x^2)^(m/2) becomes
        // Pe{m,m} = (-1)^m (2m-1)!! sqrt( (1-x^2)^m / (2m)! ) = (-1)^m sqrt( prod_{k=1}^{m} (2k-1) (1-x^2) / (2k) )

        [Differentiable]
        internal static double LegendrePe (int l, int m, double x) {

            Debug.Assert(l >= 0);
            Debug.Assert(0 <= m); Debug.Assert(m <= l);
            Debug.Assert(Math.Abs(x) <= 1.0);

            double xx = (1.0 + x) * (1.0 - x);
            // determine P{m,m}
            double P0 = 1.0;
            for (int k = 1; k <= m; k++) {
                P0 *= (1.0 - 1.0 / (2 * k)) * xx;
            }
            P0 = Math.Sqrt(P0);
            if (m % 2 != 0) P0 = -P0;
            if (l == m) return P0;
            // determine P{m+1,m}
            double s0 = Math.Sqrt(2*m+1);
            double P1 = x * s0 * P0;
            // iterate up to P{l,m}
            for (int k = m + 2; k <= l; k++) {
                double s2 = Math.Sqrt((k - m) * (k + m));
                double P2 = (x * (2 * k - 1) * P1 - s0 * P0) / s2;
                // prepare for next iteration
                s0 = s2;
                P0 = P1;
                P1 = P2;
            }
            return P1;

        }

        [Differentiable]
        public static double ChebyshevT (int n, double x) {

            if (n < 0) throw new ArgumentOutOfRangeException(nameof(n));
            if (Math.Abs(x) > 1.0) throw new ArgumentOutOfRangeException(nameof(x));

			if (n == 0) return 1.0;
            if (x == 1.0) return 1.0;
            if (x == -1.0) return (n % 2 == 0) ? 1.0 : -1.0;

            // very close to the endpoints, the recurrence looses accuracy for high n
            // use a series expansion there instead
            //if ((n > 10) && ((1.0 - Math.Abs(x) * n * n) < 1.0)) return ChebyshevT_Series1(n,x);
            //if ((n > 10) && (Math.Abs(n * x) < 0.1)) return (ChebyshevT_Series0(n, x));

            // Use the recurrence T_{n+1} = 2xT_{n} - T_{n-1}.
            // This is the same recurrence as for U_n, just with different starting values.
            // Amazingly, the recurence appears to work well for both: neither dominates over most
            // of parameter space.

            double two_x = 2.0 * x;

			double T0 = 1.0;
			double T1 = x;

			for (int k = 1; k < n; k++) {
				double T2 = two_x * T1 - T0;
				T0 = T1;
				T1 = T2;
			}

			return T1;
		}

		// Use: approximation of functions with minimum error

        [Differentiable]
        public static double ChebyshevU(int n, double x) {

            if (n < 0) throw new ArgumentOutOfRangeException(nameof(n));
            if (Math.Abs(x) > 1.0) throw new ArgumentOutOfRangeException(nameof(x));

            if (n == 0) return 1.0;

            double two_x = 2.0 * x;

            double T0 = 1.0;
            double T1 = two_x;

            for (int k = 1; k < n; k++) {
                double T2 = two_x * T1 - T0;
                T0 = T1;
                T1 = T2;
            }

            return T1;
        }

        // orthogonal on [-1,1] with weight (1-x^2)^{1/2}
        // use recurrence U_{n+1} = 2xU_{n} - U_{n-1}
        /*
		public static double ChebyshevU (int n, double x) {
			if (x<-1.0 || x>1.0) throw new ArgumentOutOfRangeException("x",x,"The argument of a Chebyshew polynomial must be between -1 and 1.");
			if (n<0) throw new ArgumentOutOfRangeException("n", n, "The order of a Chebyshev polynomial must be non-negative.");
			if (n==0) return(1.0);
			double U0 = 1.0;
			double U1 = 2.0 * x;
			for (int k=1; k<n; k++) {
				double U2 = 2*x*U1 - U0;
				U0 = U1;
				U1 = U2;
			}
			return(U1);
		}
        */

        [Differentiable]
        public static double GegenbauerC (int n, double alpha, double x) {

            if (n < 0) throw new ArgumentOutOfRangeException(nameof(n));
            if (alpha < 0.0) throw new ArgumentOutOfRangeException(nameof(alpha));
            if (Math.Abs(x) > 1.0) throw new ArgumentOutOfRangeException(nameof(x));

            if (n == 0) return 1.0;

            double two_alpha = 2.0 * alpha;
            double two_x = 2.0 * x;

            double C0 = 1.0;
            double C1 = two_alpha * x;

            for (int k = 1; k < n; k++) {
                double C2 = (two_x * (k + alpha) * C1 - (k - 1 + two_alpha) * C0) / (k + 1);
                C0 = C1;
                C1 = C2;
            }

            return C1;
        }

        // associated Legendre, Laguerre

        //  R00
        //      R11
        //  R20     R22
        //      R31     R33
        //  R40     R42     R44
        //      R51     R53     R55

        // 

        [Differentiable]
        public static double ZernikeR (int n, int m, double rho) {

            if (n < 0) throw new ArgumentOutOfRangeException(nameof(n));
            if ((m < 0) || (m > n)) throw new ArgumentOutOfRangeException(nameof(m));
            if ((rho < 0.0) || (rho > 1.0)) throw new ArgumentOutOfRangeException(nameof(rho));

            // n and m have the same parity
            if ((n - m) % 2 != 0) return 0.0;

            // R00
            if (n == 0) return 1.0; 

            // R^{m}_m
            double r2 = Math.Pow(rho, m);
            if (n == m) return r2;

            // R^{m+1}_{m+1}
            int k = m;
            double r1 = r2 * rho;

            while (true) {

                k += 2;

                // *
                //  \
                //   * recurrence involving two lesser m's
                //  /
                // *
                // 2n R^{m+1}_{n-1} = (n+m) R^{m}_{n-2} + (n-m) R^{m}_{n}

                double r0 = ((2 * k) * rho * r1 - (k + m) * r2) / (k - m);

                if (k == n) return r0;

                //   *
                //  /
                // * recurrence involving two greater m's
                //  \
                //   *
                // 

                double rp = (2 * (k + 1) * rho * r0 - (k - m) * r1) / (k + m + 2);

                r2 = r0;
                r1 = rp;

            }

        }
    }
}
