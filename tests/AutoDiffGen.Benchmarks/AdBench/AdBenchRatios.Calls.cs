using System;
using System.Linq;
using AutoDiffGen.Benchmarks.Before;

namespace AutoDiffGen.Benchmarks.AdBench
{
    public static partial class AdBenchRatios
    {
        /// <summary>
        /// BA (ba1 sizes) and the LSTM (l = 2, c = 1,024, b = 14): the objective, the gradient with small callees inlined
        /// (the live sources) and the gradient of the same source with those callees in another class, called through
        /// their Backward as before (Before/*Called.cs), timed in turn per round (the order alternating between passes); best and median, and the gradients' largest gap.
        /// </summary>
        private static void CalleeRatios(int rounds)
        {
            var random = new Random(2);
            double[] R(int count, double scale)
            {
                var values = new double[count];
                for (int i = 0; i < count; i++) values[i] = scale * (2 * random.NextDouble() - 1);
                return values;
            }
            double sink = 0;
            {
                int l = 2, c = 1024, b = 14;
                double[] main = R(2 * l * 4 * b, 1), extra = R(3 * b, 1), state = R(2 * l * b, 0.5), sequence = R(c * b, 1);
                double[] dMain = new double[main.Length], dExtra = new double[extra.Length], cMain = new double[main.Length], cExtra = new double[extra.Length];
                Report("LSTM l=2 c=1024 b=14", rounds,
                    () => sink += Lstm.Objective(l, c, b, main, extra, state, sequence),
                    () => { Array.Clear(dMain); Array.Clear(dExtra); sink += Lstm.ObjectiveBackward(l, c, b, main, extra, state, sequence, dMain, dExtra); },
                    () => { Array.Clear(cMain); Array.Clear(cExtra); sink += LstmCalled.ObjectiveBackward(l, c, b, main, extra, state, sequence, cMain, cExtra); },
                    () => Math.Max(MaxGap(dMain, cMain), MaxGap(dExtra, cExtra)));
            }
            {
                int n = 49, m = 7776, p = 31843;
                var cams = R(n * 11, 0.3);
                for (int i = 0; i < n; i++) cams[i * 11 + 6] = 1 + 0.3 * random.NextDouble();
                var x = R(m * 3, 1);
                for (int i = 0; i < m; i++) x[i * 3 + 2] = 4 + 2 * random.NextDouble();
                var w = R(p, 0.5).Select(v => v + 1).ToArray();
                var obs = new int[2 * p];
                for (int i = 0; i < p; i++) { obs[2 * i] = i % n; obs[2 * i + 1] = i % m; }
                var feats = R(2 * p, 0.5);
                double[] dCams = new double[cams.Length], dX = new double[x.Length], dW = new double[w.Length];
                double[] cCams = new double[cams.Length], cX = new double[x.Length], cW = new double[w.Length];
                Report("BA n=49 m=7776 p=31843", rounds,
                    () => sink += BundleAdjustment.Objective(n, m, p, cams, x, w, obs, feats),
                    () => { Array.Clear(dCams); Array.Clear(dX); Array.Clear(dW); sink += BundleAdjustment.ObjectiveBackward(n, m, p, cams, x, w, obs, feats, dCams, dX, dW); },
                    () => { Array.Clear(cCams); Array.Clear(cX); Array.Clear(cW); sink += BundleAdjustmentCalled.ObjectiveBackward(n, m, p, cams, x, w, obs, feats, cCams, cX, cW); },
                    () => Math.Max(MaxGap(dCams, cCams), Math.Max(MaxGap(dX, cX), MaxGap(dW, cW))));
            }
            Console.WriteLine($"[{sink:E1}]");
        }

        /// <summary>As <see cref="Interleaved"/>, timed by this thread's CPU time (getrusage RUSAGE_THREAD, Linux), which a loaded machine's waits do not count.</summary>
        private static double[][] InterleavedCpu(Action[] calls, int rounds)
        {
            foreach (var call in calls)
            {
                for (var warm = System.Diagnostics.Stopwatch.StartNew(); warm.ElapsedMilliseconds < 300;) call();
            }
            var times = new double[calls.Length][];
            for (int c = 0; c < calls.Length; c++) times[c] = new double[rounds];
            for (int round = 0; round < rounds; round++)
            {
                for (int c = 0; c < calls.Length; c++)
                {
                    // The kernel counts a thread's time in ticks (4 ms here): 10 calls per sample.
                    double start = ThreadCpuMilliseconds();
                    for (int k = 0; k < 10; k++) calls[c]();
                    times[c][round] = (ThreadCpuMilliseconds() - start) / 10;
                }
            }
            return times;
        }

        [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
        private struct RUsage
        {
            public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
            [System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.ByValArray, SizeConst = 14)]
            public long[] Rest;
        }

        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
        private static extern int getrusage(int who, out RUsage usage);

        private static double ThreadCpuMilliseconds()
        {
            if (getrusage(1, out var u) != 0) throw new InvalidOperationException("getrusage(RUSAGE_THREAD) failed");
            return (u.UserSeconds + u.SystemSeconds) * 1e3 + (u.UserMicroseconds + u.SystemMicroseconds) * 1e-3;
        }

        private static void Report(string name, int rounds, Action objective, Action inlined, Action called, Func<double> gap)
        {
            // The order alternates per round (objective, inlined, called; then called, inlined, objective): the row after the
            // objective would otherwise always find its caches in another state than the last row does.
            var forward = InterleavedCpu(new[] { objective, inlined, called }, (rounds + 1) / 2);
            var backward = InterleavedCpu(new[] { called, inlined, objective }, rounds / 2);
            var times = new[] { forward[0].Concat(backward[2]).ToArray(), forward[1].Concat(backward[1]).ToArray(), forward[2].Concat(backward[0]).ToArray() };
            foreach (var t in times) Array.Sort(t);
            double Best(int r) => times[r][0];
            double Median(int r) => times[r][times[r].Length / 2];
            Console.WriteLine($"{name}, {rounds} rounds, this thread's CPU time: objective best {Best(0):F2} ms, median {Median(0):F2} ms");
            Console.WriteLine($"  inlined callees (this branch): best {Best(1):F2} ms ({Best(1) / Best(0):F2}x objective), median {Median(1):F2} ms ({Median(1) / Median(0):F2}x)");
            Console.WriteLine($"  called through Backward (main): best {Best(2):F2} ms ({Best(2) / Best(0):F2}x objective), median {Median(2):F2} ms ({Median(2) / Median(0):F2}x)");
            Console.WriteLine($"  inlined / called: best {Best(1) / Best(2):F2}x, median {Median(1) / Median(2):F2}x; gradients agree to {gap():E1}");
        }
    }
}
