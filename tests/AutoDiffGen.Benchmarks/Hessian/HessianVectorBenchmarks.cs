using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace AutoDiffGen.Benchmarks.Hessian
{
    /// <summary>
    /// Issue 14's goal, H·v ≤ 5× the gradient on the scalar suite, under BenchmarkDotNet: per function (a category), the
    /// generated MBackward gradient is the baseline and MHessianVector (forward over reverse) is read as its ratio.
    /// `dotnet run -c Release --project tests/AutoDiffGen.Benchmarks -- --filter *HessianVectorBenchmarks*`.
    /// </summary>
    [MemoryDiagnoser]
    [GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
    [CategoriesColumn]
    public class HessianVectorBenchmarks
    {
        private readonly double[] _p = { 0.3, 0.8, -0.5, 1.1, 0.2 };
        private readonly double[] _v = { 0.5, -0.25, 0.75, 0.1, -0.6, 0.35, 0.2, -0.45, 0.9, 0.05 };
        private readonly double[] _hv = new double[10];
        private readonly double[] _x = { -1.2, 1.0, 0.5, -0.3, 0.8, 1.1, -0.7, 0.4, 0.2, 0.9 };
        private readonly double[] _dx = new double[10];
        private readonly float[] _vf = { 0.5f, -0.25f };
        private float _xf = 0.3f, _yf = 0.8f;
        private readonly float[] _hvf = new float[2];

        [Benchmark(Baseline = true), BenchmarkCategory("Neuron")]
        public double NeuronGradient()
        {
            double a = 0, b = 0, c = 0, d = 0, e = 0;
            return ScalarFunctions.NeuronBackward(_p[0], _p[1], _p[2], _p[3], _p[4], ref a, ref b, ref c, ref d, ref e) + a + b + c + d + e;
        }

        [Benchmark, BenchmarkCategory("Neuron")]
        public double NeuronHessianVector() => ScalarFunctions.NeuronHessianVector(_p[0], _p[1], _p[2], _p[3], _p[4], _v.AsSpan(0, 5), _hv.AsSpan(0, 5)) + _hv[0];

        [Benchmark(Baseline = true), BenchmarkCategory("Rosenbrock")]
        public double RosenbrockGradient()
        {
            double a = 0, b = 0;
            return ScalarFunctions.RosenbrockBackward(_p[0], _p[1], ref a, ref b) + a + b;
        }

        [Benchmark, BenchmarkCategory("Rosenbrock")]
        public double RosenbrockHessianVector() => ScalarFunctions.RosenbrockHessianVector(_p[0], _p[1], _v.AsSpan(0, 2), _hv.AsSpan(0, 2)) + _hv[0];

        [Benchmark(Baseline = true), BenchmarkCategory("Gates20")]
        public double Gates20Gradient()
        {
            double a = 0, b = 0, c = 0, d = 0;
            return ScalarFunctions.Gates20Backward(_p[0], _p[1], _p[2], _p[3], ref a, ref b, ref c, ref d) + a + b + c + d;
        }

        [Benchmark, BenchmarkCategory("Gates20")]
        public double Gates20HessianVector() => ScalarFunctions.Gates20HessianVector(_p[0], _p[1], _p[2], _p[3], _v.AsSpan(0, 4), _hv.AsSpan(0, 4)) + _hv[0];

        [Benchmark(Baseline = true), BenchmarkCategory("RosenbrockLocal10")]
        public double RosenbrockLocalGradient()
        {
            Array.Clear(_dx, 0, _dx.Length);
            return HessianVectorFunctions.RosenbrockLocalBackward(_x, _dx) + _dx[0];
        }

        [Benchmark, BenchmarkCategory("RosenbrockLocal10")]
        public double RosenbrockLocalHessianVector() => HessianVectorFunctions.RosenbrockLocalHessianVector(_x, _v, _hv) + _hv[0];

        [Benchmark(Baseline = true), BenchmarkCategory("RosenbrockCall10")]
        public double RosenbrockCallGradient()
        {
            Array.Clear(_dx, 0, _dx.Length);
            return HessianVectorFunctions.RosenbrockCallBackward(_x, _dx) + _dx[0];
        }

        [Benchmark, BenchmarkCategory("RosenbrockCall10")]
        public double RosenbrockCallHessianVector() => HessianVectorFunctions.RosenbrockCallHessianVector(_x, _v, _hv) + _hv[0];

        [Benchmark(Baseline = true), BenchmarkCategory("RosenbrockFloatCall")]
        public float RosenbrockFloatCallGradient()
        {
            float a = 0, b = 0;
            return HessianVectorFunctions.RosenbrockFloatCallBackward(_xf, _yf, ref a, ref b) + a + b;
        }

        [Benchmark, BenchmarkCategory("RosenbrockFloatCall")]
        public float RosenbrockFloatCallHessianVector() => HessianVectorFunctions.RosenbrockFloatCallHessianVector(_xf, _yf, _vf, _hvf) + _hvf[0];
    }
}
