using System.Diagnostics;
using GradBench;

namespace GradBenchProbe;

/// <summary>
/// Usage: gradbench-probe [rounds]. Per eval: checks that our gradient and the manual one agree (ode: at n = 4, where RK4 is
/// exact and the manual's closed form is the RK4 gradient; timed at the size below), then times both interleaved, each
/// first in every other round; prints median and best per call, and the ratio ours / manual of the medians; then ours against the
/// primal objective (the overhead of the gradient over one evaluation).
/// </summary>
internal static class Program
{
    private static void Main(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0]) : 41;
        var random = new Random(24);
        double[] Vector(int n) => Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();

        var lseX = Vector(10_000);
        var lseOurs = new double[lseX.Length];
        var lseManual = new double[lseX.Length];
        var llsqX = Vector(8);
        int llsqN = 4096;
        var llsqOurs = new double[8];
        var llsqManual = new double[8];
        var llsqSums = new double[llsqN];
        var odeX = Enumerable.Range(0, 10).Select(_ => 0.5 + random.NextDouble()).ToArray();
        int odeS = 1000;
        var odeOurs = new double[odeX.Length];
        var odeManual = new double[odeX.Length];
        var points = Enumerable.Range(0, 5000).Select(_ => Vector(8)).ToArray();
        var centroids = Enumerable.Range(0, 20).Select(j => points[j * 7].Select(v => v + 0.01).ToArray()).ToArray();
        var sizes = new int[20];
        var sums = new double[20 * 8];
        var dirManual = Enumerable.Range(0, 20).Select(_ => new double[8]).ToArray();

        // Agreement first (a timing of a wrong gradient is worth nothing).
        Agree("lse", () => { Array.Clear(lseOurs); LogSumExp.PrimalBackward(lseX, lseOurs); return lseOurs; }, () => { Manual.Lse(lseX, lseManual); return lseManual; });
        Agree("llsq", () => { Array.Clear(llsqOurs); LinearLeastSquares.PrimalBackward(llsqX, llsqN, llsqOurs); return llsqOurs; }, () => { Manual.Llsq(llsqX, llsqN, llsqSums, llsqManual); return llsqManual; });
        double[] x4 = { 0.9, 1.1, 0.8, 1.3 }, g4 = new double[4], m4 = new double[4];
        Agree("ode (n = 4)", () => { OdeSolution.LastBackward(x4, 7, g4); return g4; }, () => { Manual.Ode(x4, m4); return m4; });
        Agree("kmeans dir", () => KMeans.Dir(points, centroids).SelectMany(r => r).ToArray(), () => { Manual.KMeansDir(points, centroids, sizes, sums, dirManual); return dirManual.SelectMany(r => r).ToArray(); });

        Console.WriteLine($"load: {File.ReadAllText("/proc/loadavg").Trim()}  rounds: {rounds}");
        Time("lse (n = 10000)", rounds, 200, () => { Array.Clear(lseOurs); LogSumExp.PrimalBackward(lseX, lseOurs); }, () => Manual.Lse(lseX, lseManual));
        Time("llsq (m = 8, n = 4096)", rounds, 100, () => { Array.Clear(llsqOurs); LinearLeastSquares.PrimalBackward(llsqX, llsqN, llsqOurs); }, () => Manual.Llsq(llsqX, llsqN, llsqSums, llsqManual));
        Time("ode (n = 10, s = 1000)", rounds, 5, () => { Array.Clear(odeOurs); OdeSolution.LastBackward(odeX, odeS, odeOurs); }, () => Manual.Ode(odeX, odeManual));
        Time("kmeans dir (n = 5000, k = 20, d = 8)", rounds, 3, () => KMeans.Dir(points, centroids), () => Manual.KMeansDir(points, centroids, sizes, sums, dirManual));
        // The manual ode gradient is GradBench's closed form of the exact solution (no RK4 steps at all), so the ratio above
        // says little about AD; ours against the primal RK4 itself is the overhead of differentiating it, and likewise below.
        var yf = new double[odeX.Length];
        Time("ode vs its primal", rounds, 5, () => { Array.Clear(odeOurs); OdeSolution.LastBackward(odeX, odeS, odeOurs); }, () => OdeSolution.Primal(odeX, odeS, yf));
        Time("lse vs its primal", rounds, 200, () => { Array.Clear(lseOurs); LogSumExp.PrimalBackward(lseX, lseOurs); }, () => LogSumExp.Primal(lseX));
        Time("llsq vs its primal", rounds, 100, () => { Array.Clear(llsqOurs); LinearLeastSquares.PrimalBackward(llsqX, llsqN, llsqOurs); }, () => LinearLeastSquares.Primal(llsqX, llsqN));
        Time("kmeans dir vs the cost", rounds, 3, () => KMeans.Dir(points, centroids), () => KMeans.Cost(points, centroids));
        Console.WriteLine($"load: {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    private static void Agree(string name, Func<double[]> ours, Func<double[]> manual)
    {
        double[] a = ours(), b = manual();
        double worst = a.Zip(b, (p, q) => Math.Abs(p - q) / Math.Max(1, Math.Abs(q))).Max();
        if (worst > 1e-8) throw new InvalidOperationException(name + ": ours and manual differ by " + worst);
        Console.WriteLine($"{name}: agree to {worst:E1}");
    }

    private static void Time(string name, int rounds, int calls, Action ours, Action manual)
    {
        var o = new List<double>();
        var m = new List<double>();
        for (int r = 0; r < rounds; r++)
        {
            if (r % 2 == 0) { o.Add(Per(ours, calls)); m.Add(Per(manual, calls)); }
            else { m.Add(Per(manual, calls)); o.Add(Per(ours, calls)); }
        }
        o.Sort();
        m.Sort();
        double om = o[o.Count / 2], mm = m[m.Count / 2];
        Console.WriteLine($"{name}: ours median {om:F2} µs (best {o[0]:F2}), manual median {mm:F2} µs (best {m[0]:F2}), ratio ours/manual {om / mm:F2}");
    }

    private static double Per(Action action, int calls)
    {
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < calls; i++) action();
        return watch.Elapsed.TotalMilliseconds * 1000 / calls;
    }
}
