namespace TwoLayerNet
{
    /// <summary>Trains a 2-layer net (spiral by default, or Fashion-MNIST), or times MatMul with --bench.</summary>
    internal static class Program
    {
        private static int Main(string[] args) =>
            Options.Command(Run).Parse(args).Invoke();

        private static int Run(Options options)
        {
            if (options.BenchmarkSize is int size)
            {
                MatMulBenchmark.Run(size);
                return 0;
            }

            if (options.Dataset == "fashion-mnist")
            {
                return FashionMnistRun.Run(options);
            }

            SpiralRun.Run(options);
            return 0;
        }
    }
}
