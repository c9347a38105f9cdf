using System;
using System.Diagnostics;
using System.Globalization;
using AutoDiffGen.Tensors;

namespace TwoLayerNet
{
    /// <summary>`--bench`: times MatMul at n³ on 1 thread and on all threads and prints GFLOPS.</summary>
    internal static class MatMulBenchmark
    {
        public static void Run(int size)
        {
            var random = new Random(1);
            Tensor a = Tensor.RandomNormal(size, size, 1f, random);
            Tensor b = Tensor.RandomNormal(size, size, 1f, random);
            int[] threadCounts = Environment.ProcessorCount > 1 ? new[] { 1, Environment.ProcessorCount } : new[] { 1 };
            foreach (int threads in threadCounts)
            {
                TensorThreading.MaxThreads = threads;
                Measure("MatMul", size, threads, () => Tensor.MatMul(a, b));
                Measure("MatMulTransposeA", size, threads, () => Tensor.MatMulTransposeA(a, b));
                Measure("MatMulTransposeB", size, threads, () => Tensor.MatMulTransposeB(a, b));
            }

            TensorThreading.MaxThreads = 0;
        }

        private static void Measure(string name, int size, int threads, Func<Tensor> op)
        {
            // Warm up for half a second: tiered JIT promotion and the packing buffers.
            var warmUp = Stopwatch.StartNew();
            while (warmUp.ElapsedMilliseconds < 500)
            {
                op();
            }

            double best = double.MaxValue;
            for (int round = 0; round < 5; round++)
            {
                const int reps = 5;
                var watch = Stopwatch.StartNew();
                for (int i = 0; i < reps; i++)
                {
                    op();
                }

                best = Math.Min(best, watch.Elapsed.TotalSeconds / reps);
            }

            double gflops = 2.0 * size * size * size / best / 1e9;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{name,-17} {size}³  threads={threads}  {best * 1e3,8:F2} ms  {gflops,6:F1} GFLOPS"));
        }
    }
}
