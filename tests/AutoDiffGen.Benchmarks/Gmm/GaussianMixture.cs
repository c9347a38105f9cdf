using System;

namespace AutoDiffGen.Benchmarks
{
    /// <summary>
    /// The Gaussian-mixture objective of the published AD benchmark (ADBench's GMM), without its additive
    /// constants (they have no gradient): K components in D dimensions over N points, each component with a
    /// weight logit <c>alphas[k]</c>, a mean <c>means[k·D…]</c> and an inverse covariance factor
    /// Q_k = L_k given by <c>icf[k·S…]</c> (S = D(D+1)/2): D log-diagonal entries, then the strict lower
    /// triangle column by column. With x_c = x_i − μ_k,
    /// <code>
    /// f = Σ_i logsumexp_k(α_k + Σ_j log Q_k,jj − ½‖Q_k x_c‖²) − N·logsumexp(α)
    ///     + Σ_k (½γ²‖Q_k‖²_F − m·Σ_j log Q_k,jj)
    /// </code>
    /// Written the natural way, as ADBench's C code is, with local arrays (exp of the diagonals once per
    /// component, the main terms, the centred point and Q·x_c) and nested loops. Flat <c>double[]</c> inputs
    /// instead of ADBench's jagged ones (ADG0006), and each array created once at the top (ADG0003 inside a loop).
    /// </summary>
    public static partial class GaussianMixture
    {
        /// <summary>The objective; <paramref name="x"/> holds the N points (N·D values), row by row.</summary>
        [Differentiable]
        public static double Objective(int d, int k, double[] alphas, double[] means, double[] icf,
            [NoDiff] double[] x, [NoDiff] double wishartGamma, int wishartM)
        {
            int n = x.Length / d;
            int icfSize = d * (d + 1) / 2;
            var qdiags = new double[k * d];
            var sumQs = new double[k];
            var mainTerm = new double[k];
            var xc = new double[d];
            var qx = new double[d];

            for (int ik = 0; ik < k; ik++)
            {
                double s = 0;
                for (int id = 0; id < d; id++)
                {
                    s += icf[ik * icfSize + id];
                    qdiags[ik * d + id] = Math.Exp(icf[ik * icfSize + id]);
                }
                sumQs[ik] = s;
            }

            double slse = 0;
            for (int ix = 0; ix < n; ix++)
            {
                for (int ik = 0; ik < k; ik++)
                {
                    for (int id = 0; id < d; id++) xc[id] = x[ix * d + id] - means[ik * d + id];
                    for (int id = 0; id < d; id++) qx[id] = qdiags[ik * d + id] * xc[id];
                    int li = ik * icfSize + d;
                    for (int i = 0; i < d; i++)
                    {
                        for (int j = i + 1; j < d; j++)
                        {
                            qx[j] += icf[li] * xc[i];
                            li++;
                        }
                    }
                    double sq = 0;
                    for (int id = 0; id < d; id++) sq += qx[id] * qx[id];
                    mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sq;
                }

                double mx = mainTerm[0];
                for (int ik = 1; ik < k; ik++) mx = Math.Max(mx, mainTerm[ik]);
                double se = 0;
                for (int ik = 0; ik < k; ik++) se += Math.Exp(mainTerm[ik] - mx);
                slse += Math.Log(se) + mx;
            }

            double amx = alphas[0];
            for (int ik = 1; ik < k; ik++) amx = Math.Max(amx, alphas[ik]);
            double ase = 0;
            for (int ik = 0; ik < k; ik++) ase += Math.Exp(alphas[ik] - amx);
            double lseAlphas = Math.Log(ase) + amx;

            double prior = 0;
            for (int ik = 0; ik < k; ik++)
            {
                double fro = 0;
                for (int id = 0; id < d; id++) fro += qdiags[ik * d + id] * qdiags[ik * d + id];
                for (int l = d; l < icfSize; l++) fro += icf[ik * icfSize + l] * icf[ik * icfSize + l];
                prior += 0.5 * wishartGamma * wishartGamma * fro - wishartM * sumQs[ik];
            }

            return slse - n * lseAlphas + prior;
        }
    }
}
