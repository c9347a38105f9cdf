using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using AutoDiffGen.Tensors;

// Usage: dotnet run -c Release --project benchmarks/gemm-probe -- [seconds per row, default 1.5] [--512only]
// Prints, per shape and thread count, the best and the median GFLOPS of single products (results from an arena).
double seconds = args.Length > 0 && double.TryParse(args[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double s) ? s : 1.5;
bool only512 = Array.IndexOf(args, "--512only") >= 0;
var random = new Random(1);
Tensor x = Tensor.RandomNormal(64, 784, 1f, random);
Tensor w1 = Tensor.RandomNormal(784, 100, 0.05f, random);
Tensor dH1 = Tensor.RandomNormal(64, 100, 1f, random);
Tensor a512 = Tensor.RandomNormal(512, 512, 1f, random);
Tensor b512 = Tensor.RandomNormal(512, 512, 1f, random);
var rows = new List<(string Name, long Flops, Func<Tensor> Op)>
{
    ("MatMul 512x512x512", 2L * 512 * 512 * 512, () => Tensor.MatMul(a512, b512)),
};
if (!only512)
{
    rows.Add(("MatMul 64x784x100", 2L * 64 * 784 * 100, () => Tensor.MatMul(x, w1)));
    rows.Add(("MatMulTA 784x64x100", 2L * 64 * 784 * 100, () => Tensor.MatMulTransposeA(x, dH1)));
    rows.Add(("MatMulTB 64x100x784", 2L * 64 * 784 * 100, () => Tensor.MatMulTransposeB(dH1, w1)));
    rows.Add(("MatMulTA 512^3", 2L * 512 * 512 * 512, () => Tensor.MatMulTransposeA(a512, b512)));
    rows.Add(("MatMulTB 512^3", 2L * 512 * 512 * 512, () => Tensor.MatMulTransposeB(a512, b512)));
}

foreach (int threads in new[] { 1, 2 })
{
    TensorThreading.MaxThreads = threads;
    foreach (var (name, flops, op) in rows)
    {
        var arena = new TensorArena();
        using TensorArena.Scope scope = arena.Activate();
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < 0.4) { arena.Reset(); op(); }
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < seconds || times.Count < 10)
        {
            arena.Reset();
            long t0 = Stopwatch.GetTimestamp();
            op();
            times.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-22} threads={threads}  best {flops / times[0] / 1e9,6:F1} GFLOPS  median {flops / times[times.Count / 2] / 1e9,6:F1}  ({times[0] * 1e6:F0} us)"));
    }
}
