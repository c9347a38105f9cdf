using System;
using BenchmarkDotNet.Attributes;

namespace AutoDiffGen.Benchmarks
{
    /// <summary>
    /// Issue 12's loop-heavy objective: <see cref="GaussianMixture.Objective"/> on two of ADBench's GMM shapes
    /// (N = 1,000 points; D = 2, K = 5 and D = 10, K = 25), γ = 1, m = 0 as there. The hand-written gradient is the
    /// baseline. No central-difference row: it would take 2·(K + K·D + K·D(D+1)/2) primal calls (3,300 at D = 10).
    /// </summary>
    [MemoryDiagnoser]
    public class GaussianMixtureBenchmarks
    {
        private double[] _alphas = null!, _means = null!, _icf = null!, _x = null!;
        private double[] _dAlphas = null!, _dMeans = null!, _dIcf = null!;

        [Params("d2_K5", "d10_K25")]
        public string Instance { get; set; } = "d2_K5";

        private int D => Instance == "d2_K5" ? 2 : 10;

        private int K => Instance == "d2_K5" ? 5 : 25;

        [GlobalSetup]
        public void Setup()
        {
            var instance = GaussianMixtureInstance.Random(D, K, 1000, seed: 1);
            (_alphas, _means, _icf, _x) = (instance.Alphas, instance.Means, instance.Icf, instance.X);
            _dAlphas = new double[_alphas.Length];
            _dMeans = new double[_means.Length];
            _dIcf = new double[_icf.Length];
        }

        [Benchmark]
        public double Primal() => GaussianMixture.Objective(D, K, _alphas, _means, _icf, _x, 1.0, 0);

        [Benchmark(Baseline = true)]
        public double HandWritten()
        {
            Clear();
            double f = GaussianMixtureHandWritten.ObjectiveBackward(D, K, _alphas, _means, _icf, _x, 1.0, 0, _dAlphas, _dMeans, _dIcf);
            return f + _dAlphas[0] + _dMeans[0] + _dIcf[0];
        }

        [Benchmark]
        public double Generated()
        {
            Clear();
            double f = GaussianMixture.ObjectiveBackward(D, K, _alphas, _means, _icf, _x, 1.0, 0, _dAlphas, _dMeans, _dIcf);
            return f + _dAlphas[0] + _dMeans[0] + _dIcf[0];
        }

        private void Clear()
        {
            Array.Clear(_dAlphas);
            Array.Clear(_dMeans);
            Array.Clear(_dIcf);
        }
    }
}
