using System;

namespace AutoDiffGen.Benchmarks
{
    /// <summary>A random GMM instance in the flat layout of <see cref="GaussianMixture.Objective"/>, reproducible from its seed.</summary>
    public sealed class GaussianMixtureInstance
    {
        private GaussianMixtureInstance(int d, int k, double[] alphas, double[] means, double[] icf, double[] x)
        {
            D = d;
            K = k;
            Alphas = alphas;
            Means = means;
            Icf = icf;
            X = x;
        }

        public int D { get; }

        public int K { get; }

        public double[] Alphas { get; }

        public double[] Means { get; }

        public double[] Icf { get; }

        public double[] X { get; }

        /// <summary>α ~ U(−1, 1), μ and x ~ U(0, 1), icf ~ U(−0.5, 0.5) (so the diagonal of Q is in [0.6, 1.65]).</summary>
        public static GaussianMixtureInstance Random(int d, int k, int n, int seed)
        {
            var random = new Random(seed);
            double[] Fill(int length, double low, double high)
            {
                var values = new double[length];
                for (int i = 0; i < length; i++) values[i] = low + (high - low) * random.NextDouble();
                return values;
            }

            return new GaussianMixtureInstance(d, k, Fill(k, -1, 1), Fill(k * d, 0, 1), Fill(k * d * (d + 1) / 2, -0.5, 0.5), Fill(n * d, 0, 1));
        }
    }
}
