using BenchmarkDotNet.Running;

namespace AutoDiffGen.Benchmarks
{
    /// <summary>Entry point: BenchmarkDotNet's switcher, so `--filter`, `--job short`, `--exporters` … pass through.</summary>
    public static class Program
    {
        public static void Main(string[] args)
        {
            // A timed sample of first calls and peak tape, which BenchmarkDotNet's steady-state loop cannot show.
            if (args.Length > 0 && args[0] == "montecarlo")
            {
                MonteCarloSample.Run(args);
                return;
            }

            // H·v and H against the gradient on the scalar suite (issue 14's goal: H·v ≤ 5× the gradient).
            if (args.Length > 0 && args[0] == "hessian")
            {
                Hessian.HessianRatios.Run();
                return;
            }

            // ADBench's ratio, derivative time over objective time: bundle adjustment, the LSTM, the GMM and the hand (`adbench gmm hand` runs two).
            if (args.Length > 0 && args[0] == "adbench")
            {
                AdBench.AdBenchRatios.Run(args[1..]);
                return;
            }

            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        }
    }
}
