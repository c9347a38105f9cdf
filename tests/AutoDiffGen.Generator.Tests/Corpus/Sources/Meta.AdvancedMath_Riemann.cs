// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/dcwuser/metanumerics/blob/6d77d64445f7d5d91b12e331399c4362ecb25333/Numerics/Functions/AdvancedMath_Riemann.cs
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
        public static double RiemannZeta (double x) {
            if (x < 0.0) {
                // for negative numbers, use the reflection formula
                double t = 1.0 - x;
                Debug.Assert(t > 0.0);
                return 2.0 * Math.Pow(2.0 * Math.PI, -t) * MoreMath.CosPi(0.5 * t) * AdvancedMath.Gamma(t) * RiemannZeta(t);
            } else {
                double xm1 = x - 1.0;
                if (Math.Abs(xm1) < 0.25) {
                    // near the singularity, use the Stjielts expansion
                    return RiemannZeta_LaurentSeries(xm1);
                } else {
                    // call Dirichlet function, which converges faster
                    return DirichletEta(x) / (1.0 - Math.Pow(2.0, 1.0 - x));
                }
            }
        }

        [Differentiable]
        public static double DirichletEta (double x) {
            if (x < 0.0) throw new ArgumentOutOfRangeException(nameof(x));
            return DirichletEta_Borwein(x);
        }

        // Borwein's amazing method for computing eta is detailed at http://numbers.computation.free.fr/Constants/Miscellaneous/zetaevaluations.html.
        // The original paper is http://www.cecm.sfu.ca/personal/pborwein/PAPERS/P155.pdf.

        // An amazing, fast, fixed-length sequence approximation to eta that is good to 1/8^(DirichletEta_Coefficients.Length) for all s > 0.

        [Differentiable]
        private static double DirichletEta_Borwein (double x) {
            double sum1 = 0.0;
            bool sign = true;
            for (int k = 0; k < DirichletEta_BorweinCoefficients.Length; k++) {
                double term = Math.Pow(k + 1, -x);
                if (!sign) term = -term;
                sum1 += term;
                sign = !sign;
            }
            double sum2 = 0.0;
            for (int k = 0; k < DirichletEta_BorweinCoefficients.Length; k++) {
                double term = DirichletEta_BorweinCoefficients[k] * Math.Pow(k + DirichletEta_BorweinCoefficients.Length + 1, -x);
                if (!sign) term = -term;
                sum2 += term;
                sign = !sign;
            }
            return sum1 + sum2;
        }

        private static readonly double[] DirichletEta_BorweinCoefficients = ComputeBorweinEtaCoefficients(16);

        // The Borwein coefficients e_k = \sum_{j=k}^{n} \binom{n, j}, i.e.
        //   e_n = \binom{n, n}
        //   e_{n-1} = \binom{n, n} + \binom{n, n-1 }
        // etc.

		private static double[] ComputeBorweinEtaCoefficients (int n) {
            double norm = MoreMath.Pow(2.0, n);
			double[] e = new double[n];
			double sum = 0.0;

            IEnumerator<double> binomials = AdvancedIntegerMath.BinomialCoefficients(n).GetEnumerator();
            for (int k = n - 1; k >= 0; k--) {
                binomials.MoveNext();
                sum += binomials.Current;
                e[k] = sum / norm;
            }

			return(e);
		}

        // The Laurent expansion of zeta near s = 1 is
        //   \zeta(s) = 1/(s-1) + \sum_{k=0}^{\infty} (-1)^k \gamma_k (s-1)^k / k!
        // where \gamma_k are Stieltjes constants
        // Note that the argument of this function is x = s - 1, not s

        [Differentiable]
        private static double RiemannZeta_LaurentSeries (double x) {
            double df = 1.0;
            double f = 1.0 / x + StieltjesConstants[0];
            for (int i = 1; i < StieltjesConstants.Length; i++) {
                double f_old = f;
                df = - df * x / i;
                f += StieltjesConstants[i] * df;
                if (f == f_old) return f;
            }
            throw new NonconvergenceException();
        }

        // Here are the first 16 Stieltjes constants, from http://pi.lacim.uqam.ca/piDATA/stieltjesgamma.txt
        // Since the last term in the Laurent expansion of zeta goes like \gamma_n (s-1)^n / n!, this should
        // be enough to allow us to use the expansion up to (s-1) ~ 1

        internal static readonly double[] StieltjesConstants = new double[] {
            0.577215664901532860607,
           -0.072815845483676724861,
           -0.009690363192872318484,
            0.002053834420303345866,
            0.002325370065467300058,
            0.000793323817301062702,
           -0.000238769345430199610,
           -0.000527289567057751046,
           -0.000352123353803039510,
           -0.000034394774418088048,
            0.000205332814909064795,
            0.000270184439543903527,
            0.000167272912105140193,
           -0.000027463806603760159,
           -0.000209209262059299946,
           -0.000283468655320241447
        };
    }
}
