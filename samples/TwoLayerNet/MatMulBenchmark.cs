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
            // Results come from an arena, as in training: the timing is the kernel's, not the allocator's.
            var arena = new TensorArena();
            using TensorArena.Scope scope = arena.Activate();
            Func<Tensor> measured = op;
            op = () =>
            {
                arena.Reset();
                return measured();
            };

            // Warm up for half a second: tiered JIT promotion and the packing buffers.
            var warmUp = Stopwatch.StartNew();
            while (warmUp.ElapsedMilliseconds < 500)
            {
                op();
            }

            // The fastest single product over about two seconds: on a shared machine the minimum is the
            // kernel's own speed, undisturbed by other processes. The median is printed too.
            var times = new System.Collections.Generic.List<double>();
            var total = Stopwatch.StartNew();
            while (total.ElapsedMilliseconds < 2000 || times.Count < 10)
            {
                long t0 = Stopwatch.GetTimestamp();
                op();
                times.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
            }

            times.Sort();
            double best = times[0], median = times[times.Count / 2];
            double flops = 2.0 * size * size * size;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{name,-17} {size}³  threads={threads}  {best * 1e3,8:F2} ms  {flops / best / 1e9,6:F1} GFLOPS  (median {flops / median / 1e9,5:F1})"));
        }
    }
}
