namespace AutoDiffGen.Generator.Tests.AdBench;

/// <summary>
/// ADBench's Gaussian-mixture objective (microsoft/ADBench, src/cpp/shared/gmm.h and matrix.h) translated to C# the way the
/// reference reads: one [Differentiable] helper per C++ function (<c>ArrMax</c>, <c>Sqnorm</c>, <c>Subtract</c>,
/// <c>LogSumExp</c>, <c>PreprocessQs</c>, <c>Qtimesx</c>, <c>LogWishartPrior</c>), arrays passed between them as slices
/// (<c>&amp;means[ik * d]</c> is <c>means.AsSpan(ik * d)</c>), void helpers writing into output arrays, and the constants
/// (<c>log_gamma_distrib</c> with a pasted Lanczos log-gamma) as plain helpers. Two departures, each with its comment: outputs
/// are double[] rather than Span&lt;double&gt;, and the Wishart parameter is [NoDiff].
/// </summary>
internal static class GaussianMixtureSource
{
    public const string Text = """
        using System;
        using AutoDiffGen;

        // ADBench's Wishart. Passed unmarked it is ADG0006 (its int member M is not a real); it is constant data: [NoDiff].
        public struct Wishart
        {
            public double Gamma;
            public int M;

            public Wishart(double gamma, int m)
            {
                Gamma = gamma;
                M = m;
            }
        }

        public static partial class GaussianMixture
        {
            // System.Math has no lgamma: Lanczos (g = 7, 9 terms), as a C# developer would paste it.
            private static readonly double[] LanczosCoefficients =
            {
                0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
                -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
            };

            public static double LogGamma(double x)
            {
                if (x < 0.5)
                    return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
                x -= 1;
                double a = LanczosCoefficients[0];
                double t = x + 7.5;
                for (int i = 1; i < 9; i++)
                    a += LanczosCoefficients[i] / (x + i);
                return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
            }

            public static double LogGammaDistrib(double a, double p)
            {
                double output = 0.25 * p * (p - 1) * Math.Log(Math.PI);
                for (int j = 1; j <= p; j++)
                    output = output + LogGamma(a + 0.5 * (1 - j));
                return output;
            }

            [Differentiable]
            public static double ArrMax(int n, ReadOnlySpan<double> x)
            {
                double m = x[0];
                for (int i = 1; i < n; i++)
                    m = Math.Max(m, x[i]);
                return m;
            }

            [Differentiable]
            public static double Sqnorm(int n, ReadOnlySpan<double> x)
            {
                double res = x[0] * x[0];
                for (int i = 1; i < n; i++)
                    res = res + x[i] * x[i];
                return res;
            }

            // output = x - y. ADBench writes through T* outputs; written first with Span<double> outputs, every store into them
            // is ADG0007 (the spanout helper's area), so outputs are double[] (the callers pass whole local arrays).
            [Differentiable]
            public static void Subtract(int d, ReadOnlySpan<double> x, ReadOnlySpan<double> y, double[] output)
            {
                for (int id = 0; id < d; id++)
                    output[id] = x[id] - y[id];
            }

            [Differentiable]
            public static double LogSumExp(int n, ReadOnlySpan<double> x)
            {
                double mx = ArrMax(n, x);
                double semx = 0;
                for (int i = 0; i < n; i++)
                    semx = semx + Math.Exp(x[i] - mx);
                return Math.Log(semx) + mx;
            }

            [Differentiable]
            public static double LogWishartPrior(int p, int k, [NoDiff] Wishart wishart, ReadOnlySpan<double> sumQs,
                ReadOnlySpan<double> qdiags, ReadOnlySpan<double> icf)
            {
                int n = p + wishart.M + 1;
                int icfSize = p * (p + 1) / 2;
                double c = n * p * (Math.Log(wishart.Gamma) - 0.5 * Math.Log(2)) - LogGammaDistrib(0.5 * n, p);
                double output = 0;
                for (int ik = 0; ik < k; ik++)
                {
                    double frobenius = Sqnorm(p, qdiags.Slice(ik * p)) + Sqnorm(icfSize - p, icf.Slice(ik * icfSize + p));
                    output = output + 0.5 * wishart.Gamma * wishart.Gamma * frobenius - wishart.M * sumQs[ik];
                }
                return output - k * c;
            }

            [Differentiable]
            public static void PreprocessQs(int d, int k, ReadOnlySpan<double> icf, double[] sumQs, double[] qdiags)
            {
                int icfSize = d * (d + 1) / 2;
                for (int ik = 0; ik < k; ik++)
                {
                    sumQs[ik] = 0;
                    for (int id = 0; id < d; id++)
                    {
                        double q = icf[ik * icfSize + id];
                        sumQs[ik] = sumQs[ik] + q;
                        qdiags[ik * d + id] = Math.Exp(q);
                    }
                }
            }

            [Differentiable]
            public static void Qtimesx(int d, ReadOnlySpan<double> qdiag, ReadOnlySpan<double> ltri, ReadOnlySpan<double> x, double[] output)
            {
                for (int id = 0; id < d; id++)
                    output[id] = qdiag[id] * x[id];
                int lparamsidx = 0;
                for (int i = 0; i < d; i++)
                {
                    for (int j = i + 1; j < d; j++)
                    {
                        output[j] = output[j] + ltri[lparamsidx] * x[i];
                        lparamsidx++;
                    }
                }
            }

            [Differentiable]
            public static double Objective(int d, int k, int n, double[] alphas, double[] means, double[] icf,
                [NoDiff] double[] x, [NoDiff] Wishart wishart)
            {
                double constant = -n * d * 0.5 * Math.Log(2 * Math.PI);
                int icfSize = d * (d + 1) / 2;
                var qdiags = new double[d * k];
                var sumQs = new double[k];
                var xcentered = new double[d];
                var qxcentered = new double[d];
                var mainTerm = new double[k];

                PreprocessQs(d, k, icf, sumQs, qdiags);

                double slse = 0;
                for (int ix = 0; ix < n; ix++)
                {
                    for (int ik = 0; ik < k; ik++)
                    {
                        Subtract(d, x.AsSpan(ix * d), means.AsSpan(ik * d), xcentered);
                        Qtimesx(d, qdiags.AsSpan(ik * d), icf.AsSpan(ik * icfSize + d), xcentered, qxcentered);
                        mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * Sqnorm(d, qxcentered);
                    }
                    slse = slse + LogSumExp(k, mainTerm);
                }

                double lseAlphas = LogSumExp(k, alphas);
                double err = constant + slse - n * lseAlphas;
                err = err + LogWishartPrior(d, k, wishart, sumQs, qdiags, icf);
                return err;
            }
        }

        public static partial class GaussianMixture
        {
            [Differentiable]
            public static double LogSumExpOf(double[] v) => LogSumExp(v.Length, v);

            [Differentiable]
            public static double QtimesxComponent(double[] qdiag, double[] ltri, double[] x, int j)
            {
                var output = new double[qdiag.Length];
                Qtimesx(qdiag.Length, qdiag, ltri, x, output);
                return output[j];
            }

            [Differentiable]
            public static double PriorOf(int d, int k, double[] icf, [NoDiff] Wishart wishart)
            {
                var sumQs = new double[k];
                var qdiags = new double[d * k];
                PreprocessQs(d, k, icf, sumQs, qdiags);
                return LogWishartPrior(d, k, wishart, sumQs, qdiags, icf);
            }
        }
        """;
}
