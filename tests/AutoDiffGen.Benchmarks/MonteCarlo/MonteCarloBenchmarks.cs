using BenchmarkDotNet.Attributes;

namespace AutoDiffGen.Benchmarks
{
    /// <summary>
    /// Steady-state cost of the Monte Carlo gradient, taped vs checkpointed (10,000 paths × 252 steps, so that a
    /// BenchmarkDotNet run stays short; `dotnet run … -- montecarlo` times the full 100,000 × 252 case, its first
    /// call and its peak tape). Both gradients must allocate nothing in steady state.
    /// </summary>
    [MemoryDiagnoser]
    public class MonteCarloBenchmarks
    {
        private const int Paths = 10_000, Steps = 252;
        private double[] _z = null!;

        [GlobalSetup]
        public void Setup() => _z = MonteCarloPricer.Normals(Paths * Steps, 14);

        [Benchmark]
        public double Primal() => MonteCarloPricer.Price(100, 0.2, 0.03, 1, 105, _z, Paths, Steps);

        [Benchmark(Baseline = true)]
        public double Taped()
        {
            double delta = 0, vega = 0, rho = 0, theta = 0, dK = 0;
            double price = MonteCarloPricer.PriceBackward(100, 0.2, 0.03, 1, 105, _z, Paths, Steps, ref delta, ref vega, ref rho, ref theta, ref dK);
            return price + delta + vega;
        }

        [Benchmark]
        public double Checkpointed()
        {
            double delta = 0, vega = 0, rho = 0, theta = 0, dK = 0;
            double price = MonteCarloPricer.PriceCheckpointedBackward(100, 0.2, 0.03, 1, 105, _z, Paths, Steps, ref delta, ref vega, ref rho, ref theta, ref dK);
            return price + delta + vega;
        }
    }
}
