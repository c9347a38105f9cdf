using System;

namespace TwoLayerNet
{
    internal static class Program
    {
        private static int Main(string[] args)
        {
            MatMulBenchmark.Run(args.Length > 1 ? int.Parse(args[1]) : 512);
            return 0;
        }
    }
}
