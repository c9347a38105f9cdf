using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace AutoDiffGen.Benchmarks.Hessian
{
    /// <summary>
    /// `dotnet run -c Release --project tests/AutoDiffGen.Benchmarks -- hessian`: on the scalar suite, the time of one
    /// MHessianVector and one MHessian over one MBackward gradient (best of 5 batches after a warm-up; a Stopwatch, not
    /// BenchmarkDotNet, so that it finishes on a loaded machine). The goal: H·v ≤ 5× the gradient.
    /// </summary>
    public static class HessianRatios
    {
        public static void Run()
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            var p = new[] { 0.3, 0.8, -0.5, 1.1, 0.2 };
            var c = Enumerable.Range(0, 64).Select(i => 1.0 / (i + 1)).ToArray();
            double[] dc = new double[64], v = Enumerable.Range(0, 65).Select(i => 0.5 - 0.01 * i).ToArray(), hv = new double[65], h = new double[65 * 65];
            Report("Neuron (n = 5)",
                () => { double a = 0, b = 0, d = 0, e = 0, f = 0; ScalarFunctions.NeuronBackward(p[0], p[1], p[2], p[3], p[4], ref a, ref b, ref d, ref e, ref f); Sink(a + b + d + e + f); },
                () => ScalarFunctions.NeuronHessianVector(p[0], p[1], p[2], p[3], p[4], v.AsSpan(0, 5), hv.AsSpan(0, 5)),
                () => ScalarFunctions.NeuronHessian(p[0], p[1], p[2], p[3], p[4], h.AsSpan(0, 25)));
            Report("Rosenbrock (n = 2)",
                () => { double a = 0, b = 0; ScalarFunctions.RosenbrockBackward(p[0], p[1], ref a, ref b); Sink(a + b); },
                () => ScalarFunctions.RosenbrockHessianVector(p[0], p[1], v.AsSpan(0, 2), hv.AsSpan(0, 2)),
                () => ScalarFunctions.RosenbrockHessian(p[0], p[1], h.AsSpan(0, 4)));
            Report("Gates20 (n = 4)",
                () => { double a = 0, b = 0, d = 0, e = 0; ScalarFunctions.Gates20Backward(p[0], p[1], p[2], p[3], ref a, ref b, ref d, ref e); Sink(a + b + d + e); },
                () => ScalarFunctions.Gates20HessianVector(p[0], p[1], p[2], p[3], v.AsSpan(0, 4), hv.AsSpan(0, 4)),
                () => ScalarFunctions.Gates20Hessian(p[0], p[1], p[2], p[3], h.AsSpan(0, 16)));
            Report("Horner-64 (n = 65)",
                () => { double dx = 0; Array.Clear(dc); ScalarFunctions.HornerBackward(c, 0.7, dc, ref dx); },
                () => ScalarFunctions.HornerHessianVector(c, 0.7, v, hv),
                () => ScalarFunctions.HornerHessian(c, 0.7, h));
        }

        private static double s_sink;

        /// <summary>Keeps a gradient held in locals from being optimised away.</summary>
        private static void Sink(double value) => s_sink += value;

        private static void Report(string name, Action gradient, Action product, Action dense)
        {
            double tg = Best(gradient), tv = Best(product), th = Best(dense);
            Console.WriteLine($"{name,-20} gradient {tg * 1000,8:F1} ns   H·v {tv * 1000,8:F1} ns ({tv / tg,5:F2}x)   H {th * 1000,10:F1} ns ({th / tg,7:F2}x, {th / tv,6:F1} products)");
        }

        /// <summary>Microseconds per call: the best of 5 batches of ~100 ms, after a warm-up that lets tiered compilation finish.</summary>
        private static double Best(Action call)
        {
            for (var warm = Stopwatch.StartNew(); warm.ElapsedMilliseconds < 300;) call();
            int repeats = 1;
            for (var probe = Stopwatch.StartNew(); probe.ElapsedMilliseconds < 20; repeats *= 2)
            {
                probe.Restart();
                for (int i = 0; i < repeats; i++) call();
            }
            repeats *= 5;
            double best = double.MaxValue;
            for (int batch = 0; batch < 5; batch++)
            {
                var timer = Stopwatch.StartNew();
                for (int i = 0; i < repeats; i++) call();
                best = Math.Min(best, timer.Elapsed.TotalMilliseconds * 1000 / repeats);
            }
            return best;
        }
    }
}
