using System;
using System.Diagnostics;
using System.Linq;
using AutoDiffGen.Benchmarks;

namespace HvpProbe
{
    /// <summary>One Hessian–vector product at a fixed point and direction, into hv.</summary>
    internal delegate double Product(double[] hv);

    /// <summary>
    /// Usage: hvp-probe [rounds] [calls]. For each scalar-suite method: checks that MHessianVector and the same product made
    /// by one call of MBackwardTangent (dResult = 1, tdResult = 0: it adds H·t into the adjoints' tangents, and the gradient
    /// into the adjoints, which the product does not form) agree, then times both interleaved: per round the mean of `calls`
    /// calls, each form first in every other round; prints best and median of the rounds and the ratio tangent / product.
    /// With a third argument <c>main</c>, the second form is main 70759451's generated product instead (MainHessianVectors.cs,
    /// frozen), which must agree bit for bit: the ratio is then main / this build.
    /// </summary>
    internal static class Program
    {
        private static void Main(string[] args)
        {
            int rounds = args.Length > 0 ? int.Parse(args[0]) : 61;
            int calls = args.Length > 1 ? int.Parse(args[1]) : 20_000;
            bool main = args.Length > 2 && args[2] == "main";
            var random = new Random(1);
            var c = new double[64];
            for (int i = 0; i < c.Length; i++) c[i] = random.NextDouble() - 0.5;
            var cDir = new double[65];
            for (int i = 0; i < cDir.Length; i++) cDir[i] = random.NextDouble() - 0.5;
            var dC = new double[64];
            var tdC = new double[64];
            double[] n5 = { 0.3, -0.7, 0.9, 0.2, -0.4 }, v5 = { 0.5, 0.1, -0.3, 0.8, -0.6 };
            double[] r2 = { -1.2, 1.0 }, v2 = { 0.4, -0.9 };
            double[] g4 = { 0.7, 0.4, -0.5, 1.1 }, v4 = { -0.2, 0.6, 0.3, -0.8 };
            var cases = new (string Name, int N, Product Generated, Product Tangent)[]
            {
                ("Neuron", 5, hv => ScalarFunctions.NeuronHessianVector(n5[0], n5[1], n5[2], n5[3], n5[4], v5, hv), hv =>
                {
                    double a = 0, b = 0, e = 0, f = 0, g = 0, ta = 0, tb = 0, te = 0, tf = 0, tg = 0;
                    double value = ScalarFunctions.NeuronBackwardTangent(n5[0], n5[1], n5[2], n5[3], n5[4], v5[0], v5[1], v5[2], v5[3], v5[4],
                        ref a, ref b, ref e, ref f, ref g, ref ta, ref tb, ref te, ref tf, ref tg, 1.0, 0.0, out _);
                    hv[0] = ta; hv[1] = tb; hv[2] = te; hv[3] = tf; hv[4] = tg;
                    return value;
                }),
                ("Rosenbrock", 2, hv => ScalarFunctions.RosenbrockHessianVector(r2[0], r2[1], v2, hv), hv =>
                {
                    double a = 0, b = 0, ta = 0, tb = 0;
                    double value = ScalarFunctions.RosenbrockBackwardTangent(r2[0], r2[1], v2[0], v2[1], ref a, ref b, ref ta, ref tb, 1.0, 0.0, out _);
                    hv[0] = ta; hv[1] = tb;
                    return value;
                }),
                ("Gates20", 4, hv => ScalarFunctions.Gates20HessianVector(g4[0], g4[1], g4[2], g4[3], v4, hv), hv =>
                {
                    double a = 0, b = 0, e = 0, f = 0, ta = 0, tb = 0, te = 0, tf = 0;
                    double value = ScalarFunctions.Gates20BackwardTangent(g4[0], g4[1], g4[2], g4[3], v4[0], v4[1], v4[2], v4[3],
                        ref a, ref b, ref e, ref f, ref ta, ref tb, ref te, ref tf, 1.0, 0.0, out _);
                    hv[0] = ta; hv[1] = tb; hv[2] = te; hv[3] = tf;
                    return value;
                }),
                ("Horner-64", 65, hv => ScalarFunctions.HornerHessianVector(c, 0.97, cDir, hv), hv =>
                {
                    Array.Clear(dC);
                    Array.Clear(tdC);
                    double dx = 0, tdx = 0;
                    double value = ScalarFunctions.HornerBackwardTangent(c, 0.97, cDir.AsSpan(0, 64), cDir[64], dC, ref dx, tdC, ref tdx, 1.0, 0.0, out _);
                    tdC.CopyTo(hv, 0);
                    hv[64] = tdx;
                    return value;
                }),
            };
            if (main)
            {
                cases[0].Tangent = hv => ScalarFunctionsMain.NeuronHessianVector(n5[0], n5[1], n5[2], n5[3], n5[4], v5, hv);
                cases[1].Tangent = hv => ScalarFunctionsMain.RosenbrockHessianVector(r2[0], r2[1], v2, hv);
                cases[2].Tangent = hv => ScalarFunctionsMain.Gates20HessianVector(g4[0], g4[1], g4[2], g4[3], v4, hv);
                cases[3].Tangent = hv => ScalarFunctionsMain.HornerHessianVector(c, 0.97, cDir, hv);
            }
            string other = main ? "main's product" : "via MBackwardTangent";
            foreach (var (name, n, generated, tangent) in cases)
            {
                var a = new double[n];
                var b = new double[n];
                double va = generated(a), vb = tangent(b);
                double worst = Math.Abs(va - vb);
                for (int i = 0; i < n; i++) worst = Math.Max(worst, Math.Abs(a[i] - b[i]) / (1 + Math.Abs(a[i])));
                Console.WriteLine($"{name,-12} n = {n,2}: product vs {other}, max rel. diff. {worst:E1}");
                if (main && worst != 0) throw new InvalidOperationException(name + ": this build's product and main's differ");
                if (worst > 1e-12) throw new InvalidOperationException(name + ": the two forms disagree");
            }

            Console.WriteLine($"rounds {rounds}, calls {calls} per round, load {System.IO.File.ReadAllText("/proc/loadavg").Trim()}");
            foreach (var (name, n, generated, tangent) in cases)
            {
                var hv = new double[n];
                var times = new double[2][];
                times[0] = new double[rounds];
                times[1] = new double[rounds];
                for (int r = 0; r < rounds; r++)
                {
                    // Each form goes first in every other round: the first of a pair is slower on a loaded machine.
                    for (int j = 0; j < 2; j++)
                    {
                        int k = (j + r) % 2;
                        var run = k == 0 ? generated : tangent;
                        long start = Stopwatch.GetTimestamp();
                        for (int i = 0; i < calls; i++) run(hv);
                        times[k][r] = (Stopwatch.GetTimestamp() - start) * 1e9 / Stopwatch.Frequency / calls;
                    }
                }
                double Best(int k) => times[k].Min();
                double Median(int k) => times[k].OrderBy(t => t).ElementAt(rounds / 2);
                Console.WriteLine($"{name,-12} MHessianVector best {Best(0),7:F1} ns median {Median(0),7:F1} ns | {other} best {Best(1),7:F1} ns median {Median(1),7:F1} ns | ratio best {Best(1) / Best(0):F2} median {Median(1) / Median(0):F2}");
            }
        }
    }
}
