using System;

namespace TwoLayerNet
{
    /// <summary>Trains a 2-layer net (spiral by default, or Fashion-MNIST), or times MatMul with --bench.</summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            Options options;
            try
            {
                options = Options.Parse(args);
            }
            catch (UsageException e)
            {
                if (e.Problem is not null)
                {
                    Console.Error.WriteLine("error: " + e.Problem);
                }

                Console.Error.WriteLine(Options.Usage);
                return e.Problem is null ? 0 : 1;
            }

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
