using System;
using System.Collections.Generic;
using System.Diagnostics;
using AutoDiffGen.Benchmarks;

namespace HornerProbe
{
    internal delegate double Gradient(double[] c, double x, double[] dC, ref double dX, double dResult);

    /// <summary>The Backward of <c>HornerOfX</c> (c [NoDiff]): only ∂p/∂x = p′(x).</summary>
    internal delegate double GradientOfX(double[] c, double x, ref double dX, double dResult);

    /// <summary>
    /// Usage: horner-probe [rounds] [calls]. Checks the generated gradients against the hand-written one (bit for bit), then
    /// times hand-written, generated, the frozen pre-change generated code and the primal interleaved: per round, the mean
    /// of `calls` calls; prints best and median of the rounds, and each as a multiple of the hand-written gradient's.
    /// </summary>
    internal static class Program
    {
        private static void Main(string[] args)
        {
            int rounds = args.Length > 0 ? int.Parse(args[0]) : 101;
            int calls = args.Length > 1 ? int.Parse(args[1]) : 20_000;
            var random = new Random(1);
            var c = new double[64];
            for (int i = 0; i < c.Length; i++) c[i] = random.NextDouble() - 0.5;
            const double x = 0.97;
            var dC = new double[c.Length];
            // This branch's mixed Backward against main's, frozen (388ca06, Variants12.Generated), the hand-edited variants of it
            // (Variants12, horner12: which change gains), main's earlier reverse sweep (1859768 = 2c949f9's line for line,
            // Variants3.Generated) and by hand. The earlier sessions' other variants (Variants*.cs, Before/) are kept, not timed.
            var variants = new (string Name, Gradient Run)[]
            {
                ("hand-written", HandWritten.HornerBackward),
                ("generated (mixed, this branch)", ScalarFunctions.HornerBackward),
                ("main 1859768 (reverse)", Variants3.Generated),
                ("main 388ca06 (mixed), frozen", Variants12.Generated),
                ("main 6c03461e (mixed), frozen", Variants22.Generated),
                ("main 3b3b715b (mixed), frozen", Variants23.Generated),
                ("main 184bcf36 (mixed), frozen", Variants24.Generated),
                ("F: M, forward loop as for", Variants12.ForLoop),
                ("W: M, while (cond)", Variants12.WhileCond),
                ("T: M, no tX", Variants12.NoUnitTangent),
                ("C: M, no argument check", Variants12.NoCheck),
                ("P: M, plain x copy", Variants12.PlainCopy),
                ("R: M, reverse from exit value", Variants12.ExitWalk),
                ("FT: F and T", Variants12.ForNoUnit),
            };

            double[]? reference = null;
            foreach (var (name, run) in variants)
            {
                Array.Clear(dC);
                double dX = 0;
                double value = run(c, x, dC, ref dX, 1);
                double[] all = [.. dC, dX, value];
                reference ??= all;
                double worst = 0;
                for (int i = 0; i < all.Length; i++) worst = Math.Max(worst, Math.Abs(all[i] - reference[i]) / (1 + Math.Abs(reference[i])));
                Console.WriteLine($"{name,-28} max rel. diff. from hand-written {worst:E1}");
            }

            // p′(x) alone (HornerOfX, c [NoDiff]): the carried Backward (2026-12-03, perf6) against main's reverse sweep and by hand.
            var ofX = new (string Name, GradientOfX Run)[]
            {
                ("p'(x) hand-written", PrimeOfX.HandWritten),
                ("p'(x) generated (this branch)", ScalarFunctions.HornerOfXBackward),
                ("p'(x) main 388ca06 (carried)", PrimeOfX.Main388ca06),
                ("p'(x) main 16500ba (reverse)", PrimeOfX.Main16500ba),
            };
            double? dXReference = null;
            foreach (var (name, run) in ofX)
            {
                double dX = 0;
                double value = run(c, x, ref dX, 1);
                dXReference ??= dX;
                Console.WriteLine($"{name,-28} value {value:R}, p'(x) {dX:R}, rel. diff. from hand-written {Math.Abs(dX - dXReference.Value) / (1 + Math.Abs(dXReference.Value)):E1}");
            }

            var times = new List<double>[variants.Length + 1 + ofX.Length];
            for (int v = 0; v < times.Length; v++) times[v] = new List<double>();
            double sink = 0;
            for (int r = -30; r < rounds; r++)
            {
                for (int v = 0; v <= variants.Length; v++)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    if (v == variants.Length) sink += Primal(c, x, calls);
                    else sink += Run(variants[v].Run, c, x, dC, calls);
                    if (r >= 0) times[v].Add(Stopwatch.GetElapsedTime(t0).TotalNanoseconds / calls);
                }
                for (int v = 0; v < ofX.Length; v++)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    sink += RunOfX(ofX[v].Run, c, x, calls);
                    if (r >= 0) times[variants.Length + 1 + v].Add(Stopwatch.GetElapsedTime(t0).TotalNanoseconds / calls);
                }
            }

            foreach (var t in times) t.Sort();
            double handBest = times[0][0], handMedian = times[0][times[0].Count / 2];
            for (int v = 0; v <= variants.Length; v++)
            {
                string name = v == variants.Length ? "primal" : variants[v].Name;
                double best = times[v][0], median = times[v][times[v].Count / 2];
                Console.WriteLine($"{name,-28} best {best,8:F1} ns ({best / handBest:F2}× hand)   median {median,8:F1} ns ({median / handMedian:F2}× hand)");
            }
            int first = variants.Length + 1;
            double ofXBest = times[first][0], ofXMedian = times[first][times[first].Count / 2];
            for (int v = 0; v < ofX.Length; v++)
            {
                var t = times[first + v];
                double best = t[0], median = t[t.Count / 2];
                Console.WriteLine($"{ofX[v].Name,-28} best {best,8:F1} ns ({best / ofXBest:F2}× hand p')  median {median,8:F1} ns ({median / ofXMedian:F2}× hand p')");
            }
            if (sink == 42) Console.WriteLine();
        }

        // Separate methods, so that each variant's call loop is compiled (and tiered) on its own, not inside Main's OSR code.
        private static double Run(Gradient run, double[] c, double x, double[] dC, int calls)
        {
            double sum = 0, dX = 0;
            for (int i = 0; i < calls; i++) sum += run(c, x, dC, ref dX, 1);
            return sum + dX;
        }

        private static double RunOfX(GradientOfX run, double[] c, double x, int calls)
        {
            double sum = 0, dX = 0;
            for (int i = 0; i < calls; i++) sum += run(c, x, ref dX, 1);
            return sum + dX;
        }

        private static double Primal(double[] c, double x, int calls)
        {
            double sum = 0;
            for (int i = 0; i < calls; i++) sum += ScalarFunctions.Horner(c, x);
            return sum;
        }
    }
}
