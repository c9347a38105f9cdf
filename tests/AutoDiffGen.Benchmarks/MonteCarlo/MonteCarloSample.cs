using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using AutoDiffGen.Internals;

namespace AutoDiffGen.Benchmarks
{
    /// <summary>
    /// A timed sample (not BenchmarkDotNet: a first call happens once per process): the full 100,000 × 252 Monte
    /// Carlo gradient, taped and checkpointed, each variant's first call (JIT and fresh tapes), first call with warm
    /// code but fresh tapes (after <see cref="TapeWorkspace.TrimCurrentThread"/>), steady state (median of 5), peak tape
    /// bytes and tape bytes left resident after the call under the default policy.
    /// Run: <c>dotnet run -c Release --project tests/AutoDiffGen.Benchmarks -- montecarlo [paths] [steps]</c>.
    /// </summary>
    public static class MonteCarloSample
    {
        private delegate double Gradient(double[] z, int paths, int steps, out double delta, out double vega);

        public static void Run(string[] args)
        {
            int paths = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
            int steps = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 252;
            string only = args.Length > 3 ? args[3] : "both";
            Console.WriteLine($"Monte Carlo gradient, {paths:N0} paths x {steps} steps (normals: {paths * (long)steps * 8 / 1e6:F0} MB)");
            var z = MonteCarloPricer.Normals(paths * steps, 14);
            var results = new (string Name, double Steady)[2];
            int row = 0;
            if (only != "checkpointed") results[row++] = Measure("taped", z, paths, steps, Taped);
            if (only != "taped") results[row++] = Measure("checkpointed", z, paths, steps, Checkpointed);
            if (row == 2) Console.WriteLine($"checkpointed / taped steady state: {results[1].Steady / results[0].Steady:F2}x");
            PageFaults();
        }

        private static double Taped(double[] z, int paths, int steps, out double delta, out double vega)
        {
            delta = vega = 0;
            double rho = 0, theta = 0, dK = 0;
            return MonteCarloPricer.PriceBackward(100, 0.2, 0.03, 1, 105, z, paths, steps, ref delta, ref vega, ref rho, ref theta, ref dK);
        }

        private static double Checkpointed(double[] z, int paths, int steps, out double delta, out double vega)
        {
            delta = vega = 0;
            double rho = 0, theta = 0, dK = 0;
            return MonteCarloPricer.PriceCheckpointedBackward(100, 0.2, 0.03, 1, 105, z, paths, steps, ref delta, ref vega, ref rho, ref theta, ref dK);
        }

        private static (string, double) Measure(string name, double[] z, int paths, int steps, Gradient gradient)
        {
            TapeWorkspace.TrimCurrentThread();
            GC.Collect();
            double first = Time(() => gradient(z, paths, steps, out _, out _));
            double second = Time(() => gradient(z, paths, steps, out _, out _));
            var steady = Enumerable.Range(0, 5).Select(run => Time(() => gradient(z, paths, steps, out _, out _))).OrderBy(t => t).ToArray();
            double median = steady[2];

            // Warm code, cold tapes: what the tape itself costs on a first call.
            TapeWorkspace.TrimCurrentThread();
            GC.Collect();
            double coldTapes = Time(() => gradient(z, paths, steps, out _, out _));

            // Peak: with the policy off, the tapes after the call are the largest the call needed.
            long policy = TapeWorkspace.RetainedBytesPerThread;
            TapeWorkspace.TrimCurrentThread();
            TapeWorkspace.RetainedBytesPerThread = long.MaxValue;
            double price = gradient(z, paths, steps, out double delta, out double vega);
            long peak = TapeWorkspace.ResidentBytesOfCurrentThread();
            TapeWorkspace.RetainedBytesPerThread = policy;
            TapeWorkspace.TrimCurrentThread();

            // Under the default policy: what stays alive after the call, and the managed heap after a collection.
            gradient(z, paths, steps, out _, out _);
            long resident = TapeWorkspace.ResidentBytesOfCurrentThread();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            long heap = GC.GetTotalMemory(forceFullCollection: true);

            Console.WriteLine($"{name,-13} first call {first:F3} s (2nd {second:F3} s), steady median {median:F3} s " +
                $"[{string.Join(" ", steady.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)))}], first call with warm code and fresh tapes {coldTapes:F3} s " +
                $"({coldTapes / median:F2}x steady; JIT'd first call {first / median:F2}x)");
            Console.WriteLine($"{"",-13} peak tape {peak / 1e6:F1} MB, tape resident after the call {resident / 1e6:F1} MB (policy {policy / 1e6:F1} MB), " +
                $"managed heap after a full collection {heap / 1e6:F1} MB (normals included); price {price:F6}, delta {delta:F6}, vega {vega:F6}");
            return (name, median);
        }

        /// <summary>
        /// What fresh memory costs on this machine, for reading a first call: writing 1 GB into a new (uninitialized)
        /// array, against writing it again.
        /// </summary>
        private static void PageFaults()
        {
            double[] fresh = null!;
            double cold = Time(() =>
            {
                fresh = GC.AllocateUninitializedArray<double>(1 << 27);
                for (int i = 0; i < fresh.Length; i++) fresh[i] = i;
            });
            double warm = Time(() =>
            {
                for (int i = 0; i < fresh.Length; i++) fresh[i] = -i;
            });
            Console.WriteLine($"this machine: writing 1 GB into a fresh array {cold:F3} s, into the same array again {warm:F3} s");
            GC.KeepAlive(fresh);
        }

        private static double Time(Action action)
        {
            var watch = Stopwatch.StartNew();
            action();
            return watch.Elapsed.TotalSeconds;
        }
    }
}
