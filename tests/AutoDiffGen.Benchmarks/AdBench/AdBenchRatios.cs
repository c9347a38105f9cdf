using System;
using System.Diagnostics;
using System.Globalization;

namespace AutoDiffGen.Benchmarks.AdBench
{
    /// <summary>
    /// `dotnet run -c Release --project tests/AutoDiffGen.Benchmarks -- adbench`: ADBench's figure of merit, the time of
    /// the derivative over the time of the objective, for bundle adjustment at ADBench's smallest instance
    /// (ba1_n49_m7776_p31843, random data in its layout), the LSTM at lstm_l2_c1024 (b = 14), the GMM at gmm_d10_K25 (n = 1000)
    /// and the hand at hand1_t26_c100's sizes (AdBenchRatios.GmmHand.cs). Best of 5 timed runs after a
    /// warm-up; a Stopwatch, not BenchmarkDotNet, so that it finishes on a loaded machine.
    /// </summary>
    public static partial class AdBenchRatios
    {
        /// <summary>Runs the objectives named in <paramref name="which"/> (ba, lstm, gmm, hand; all when empty) and prints one line each.</summary>
        public static void Run(string[] which)
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            bool All(string name) => which.Length == 0 || Array.IndexOf(which, name) >= 0;
            if (All("ba")) BundleAdjustmentRatios(49, 7776, 31843);
            if (All("lstm")) LstmRatios(2, 1024, 14);
            if (All("gmm")) GaussianMixtureRatios(10, 25, 1000);
            // Only the live generated GMM gradient, for a profiler (`perf record`): `adbench gmm-profile [seconds]`.
            if (which.Length > 0 && which[0] == "gmm-profile") GaussianMixtureProfile(which.Length > 1 ? double.Parse(which[1], CultureInfo.InvariantCulture) : 10);
            if (All("hand")) HandRatios(544, 100);
            // Inlined small callees against the same sources calling them through their Backward (issue 12), interleaved: `adbench calls`.
            if (which.Length > 0 && which[0] == "calls") CalleeRatios(which.Length > 1 ? int.Parse(which[1], CultureInfo.InvariantCulture) : 11);
        }

        private static void BundleAdjustmentRatios(int n, int m, int p)
        {
            var random = new Random(1);
            double U(double a, double b) => a + (b - a) * random.NextDouble();
            var cams = new double[n * 11];
            for (int i = 0; i < n; i++)
            {
                double[] cam = { U(-0.3, 0.3), U(-0.3, 0.3), U(-0.3, 0.3), U(-0.5, 0.5), U(-0.5, 0.5), U(-0.5, 0.5), U(0.8, 1.5), U(-0.2, 0.2), U(-0.2, 0.2), U(-0.05, 0.05), U(-0.01, 0.01) };
                Array.Copy(cam, 0, cams, i * 11, 11);
            }
            var x = new double[m * 3];
            for (int i = 0; i < m; i++)
            {
                x[i * 3] = U(-1, 1);
                x[i * 3 + 1] = U(-1, 1);
                x[i * 3 + 2] = U(4, 6);
            }
            var w = new double[p];
            var obs = new int[2 * p];
            var feats = new double[2 * p];
            for (int i = 0; i < p; i++)
            {
                w[i] = U(0.5, 1.5);
                obs[2 * i] = i % n;
                obs[2 * i + 1] = i % m;
                feats[2 * i] = U(-0.5, 0.5);
                feats[2 * i + 1] = U(-0.5, 0.5);
            }
            double[] dCams = new double[cams.Length], dX = new double[x.Length], dW = new double[w.Length];
            double sink = 0;
            double primal = Best(() => sink += BundleAdjustment.Objective(n, m, p, cams, x, w, obs, feats));
            double gradient = Best(() =>
            {
                Array.Clear(dCams);
                Array.Clear(dX);
                Array.Clear(dW);
                sink += BundleAdjustment.ObjectiveBackward(n, m, p, cams, x, w, obs, feats, dCams, dX, dW);
            });
            // ADBench's BA derivative is the sparse Jacobian: per observation two rows of 15 entries (11 camera, 3 point,
            // 1 weight) and one weight row; here each row is one reverse sweep of the helper with a one-hot seed.
            var err = new double[2];
            var rows = new double[2 * p * 15];
            double jacobian = Best(() =>
            {
                for (int i = 0; i < p; i++)
                {
                    var cam = cams.AsSpan(obs[2 * i] * 11, 11);
                    var pt = x.AsSpan(obs[2 * i + 1] * 3, 3);
                    for (int k = 0; k < 2; k++)
                    {
                        var row = rows.AsSpan((2 * i + k) * 15, 15);
                        row.Clear();
                        double[] seed = { k == 0 ? 1 : 0, k == 1 ? 1 : 0 };
                        BundleAdjustment.ComputeReprojErrorBackward(cam, pt, w[i], feats.AsSpan(2 * i, 2), err, row.Slice(0, 11), row.Slice(11, 3), ref row[14], seed);
                    }
                    double dw = 0;
                    sink += BundleAdjustment.ComputeZachWeightErrorBackward(w[i], ref dw) + dw;
                }
            });
            Console.WriteLine($"BA n={n} m={m} p={p}: objective {primal:F2} ms, gradient of Σ r² {gradient:F2} ms ({gradient / primal:F2}x), Jacobian rows {jacobian:F2} ms ({jacobian / primal:F2}x)  [{sink:E1}]");
        }

        private static void LstmRatios(int l, int c, int b)
        {
            var random = new Random(2);
            double[] R(int count, double scale)
            {
                var values = new double[count];
                for (int i = 0; i < count; i++) values[i] = scale * (2 * random.NextDouble() - 1);
                return values;
            }
            double[] main = R(2 * l * 4 * b, 1), extra = R(3 * b, 1), state = R(2 * l * b, 0.5), sequence = R(c * b, 1);
            double[] dMain = new double[main.Length], dExtra = new double[extra.Length];
            double sink = 0;
            double primal = Best(() => sink += Lstm.Objective(l, c, b, main, extra, state, sequence));
            double gradient = Best(() =>
            {
                Array.Clear(dMain);
                Array.Clear(dExtra);
                sink += Lstm.ObjectiveBackward(l, c, b, main, extra, state, sequence, dMain, dExtra);
            });
            Console.WriteLine($"LSTM l={l} c={c} b={b}: objective {primal:F3} ms, gradient {gradient:F3} ms ({gradient / primal:F2}x)  [{sink:E1}]");
        }

        /// <summary>Milliseconds per call: the best of 5 timed runs of at least 50 ms each, after a 300 ms warm-up.</summary>
        private static double Best(Action call)
        {
            for (var warm = Stopwatch.StartNew(); warm.ElapsedMilliseconds < 300;) call();
            int repeats = 1;
            for (var probe = Stopwatch.StartNew(); probe.ElapsedMilliseconds < 50; repeats *= 2)
            {
                probe.Restart();
                for (int i = 0; i < repeats; i++) call();
            }
            double best = double.MaxValue;
            for (int run = 0; run < 5; run++)
            {
                var timer = Stopwatch.StartNew();
                for (int i = 0; i < repeats; i++) call();
                best = Math.Min(best, timer.Elapsed.TotalMilliseconds / repeats);
            }
            return best;
        }
    }
}
