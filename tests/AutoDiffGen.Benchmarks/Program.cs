using BenchmarkDotNet.Running;

namespace AutoDiffGen.Benchmarks
{
    /// <summary>Entry point: BenchmarkDotNet's switcher, so `--filter`, `--job short`, `--exporters` … pass through.</summary>
    public static class Program
    {
        public static void Main(string[] args) =>
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
