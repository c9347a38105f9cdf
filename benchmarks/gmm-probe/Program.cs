using System;
using System.Collections.Generic;
using System.Diagnostics;
using AutoDiffGen.Benchmarks;
using AutoDiffGen.Internals;

namespace GmmProbe
{
    internal delegate double Gradient(int d, int k, double[] alphas, double[] means, double[] icf, double[] x,
        double gamma, int m, double[] dAlphas, double[] dMeans, double[] dIcf, double dResult);

    /// <summary>
    /// Usage: gmm-probe D K [rounds]. Checks every variant against the hand-written gradient, prints each one's tape
    /// capacity after one call from empty tapes, then times them interleaved (best and median µs per call of each round).
    /// </summary>
    internal static class Program
    {
        private static void Main(string[] args)
        {
            int d = int.Parse(args[0]), k = int.Parse(args[1]), rounds = args.Length > 2 ? int.Parse(args[2]) : 11;
            var p = GaussianMixtureInstance.Random(d, k, 1000, seed: 1);
            var dA = new double[p.Alphas.Length];
            var dM = new double[p.Means.Length];
            var dC = new double[p.Icf.Length];
            var variants = new (string Name, Gradient Run)[]
            {
                ("hand-written", GaussianMixtureHandWritten.ObjectiveBackward),
                ("generated", GaussianMixture.ObjectiveBackward),
                ("perf18 frozen (main)", GenPerf18.ObjectiveBackward),
                ("17a dXc slots dropped", Gen17a.ObjectiveBackward),
            };

            double[] reference = Result(variants[0].Run, p, dA, dM, dC);
            foreach (var (name, run) in variants)
            {
                TapeWorkspace.TrimCurrentThread();
                double[] r = Result(run, p, dA, dM, dC);
                double worst = 0;
                for (int i = 0; i < r.Length; i++) worst = Math.Max(worst, Math.Abs(r[i] - reference[i]) / (1 + Math.Abs(reference[i])));
                var tapes = TapeWorkspace.Enter();
                Console.WriteLine($"{name,-24} max rel. diff. {worst:E1}; tape capacity after one call: {tapes.Tape<double>().Length:N0} doubles, {tapes.Tape<int>().Length:N0} ints");
                tapes.Exit();
            }

            // Allocation per call after warm-up (issue 12's goal: 0 B): the tapes, and since perf18 the generated code's local arrays and their adjoints, are the workspace's.
            foreach (var (name, run) in variants)
            {
                for (int c = 0; c < 3; c++) run(d, k, p.Alphas, p.Means, p.Icf, p.X, 1.0, 0, dA, dM, dC, 1);
                long b0 = GC.GetAllocatedBytesForCurrentThread();
                for (int c = 0; c < 10; c++) run(d, k, p.Alphas, p.Means, p.Icf, p.X, 1.0, 0, dA, dM, dC, 1);
                Console.WriteLine($"{name,-24} allocated {(GC.GetAllocatedBytesForCurrentThread() - b0) / 10.0:F0} B per call after warm-up");
            }

            int calls = Math.Max(1, (int)(2e7 / (1000.0 * k * d * d)));
            var times = new List<double>[variants.Length + 1];
            for (int i = 0; i < times.Length; i++) times[i] = new List<double>();
            for (int r = -2; r < rounds; r++)
            {
                for (int v = 0; v <= variants.Length; v++)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    for (int c = 0; c < calls; c++)
                    {
                        if (v == variants.Length) GaussianMixture.Objective(d, k, p.Alphas, p.Means, p.Icf, p.X, 1.0, 0);
                        else variants[v].Run(d, k, p.Alphas, p.Means, p.Icf, p.X, 1.0, 0, dA, dM, dC, 1);
                    }
                    if (r >= 0) times[v].Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds / calls);
                }
            }

            foreach (var t in times) t.Sort();
            double handBest = times[0][0], handMedian = times[0][times[0].Count / 2];
            for (int v = 0; v <= variants.Length; v++)
            {
                string name = v == variants.Length ? "primal" : variants[v].Name;
                double best = times[v][0], median = times[v][times[v].Count / 2];
                Console.WriteLine($"{name,-24} best {best,10:F1} µs ({best / handBest:F2}× hand)   median {median,10:F1} µs ({median / handMedian:F2}× hand)");
            }
        }

        private static double[] Result(Gradient run, GaussianMixtureInstance p, double[] dA, double[] dM, double[] dC)
        {
            Array.Clear(dA);
            Array.Clear(dM);
            Array.Clear(dC);
            double value = run(p.D, p.K, p.Alphas, p.Means, p.Icf, p.X, 1.0, 0, dA, dM, dC, 1);
            var all = new double[dA.Length + dM.Length + dC.Length + 1];
            dA.CopyTo(all, 0);
            dM.CopyTo(all, dA.Length);
            dC.CopyTo(all, dA.Length + dM.Length);
            all[^1] = value;
            return all;
        }
    }
}
