using System.Diagnostics;
using System.Globalization;
using NewtonSample;

// Newton's method on the extended Rosenbrock function from (−1.2, 1, 1, …), with the
// generated MHessian and MBackward, and with finite differences of f as a user would write them without AD.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
long objectiveCalls = 0;
foreach (var start in new[] { new[] { -1.2, 1.0 }, new double[10] })
{
    Run(start);
    Console.WriteLine();
}

// Cost of one Hessian–vector product, and of the dense Hessian, against one gradient, by n.
foreach (int n in new[] { 10, 100 }) Ratios(n);

void Ratios(int n)
{
    var x = Enumerable.Range(0, n).Select(i => 0.5 + 0.1 * Math.Sin(i)).ToArray();
    var v = Enumerable.Range(0, n).Select(i => 1.0 / (i + 1)).ToArray();
    var g = new double[n];
    var h = new double[n * n];
    var hv = new double[n];
    double gradient = Best(() => { Array.Clear(g); Objective.RosenbrockBackward(x, g); });
    double product = Best(() => Objective.RosenbrockHessianVector(x, v, hv));
    double dense = Best(() => Objective.RosenbrockHessian(x, h));
    Console.WriteLine($"n = {n,3}: one MBackward gradient {gradient:F3} us; one MHessianVector {product:F3} us ({product / gradient:F1}x the gradient); " +
                      $"one MHessian {dense:F3} us ({dense / gradient:F1}x; {dense / product:F1} products)");
}

// Microseconds per call: the best of 5 batches of ~100 ms each, after a warm-up that lets tiered compilation finish.
static double Best(Action call)
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

double F(double[] x) { objectiveCalls++; return Objective.Rosenbrock(x); }

void Run(double[] start)
{
int n = start.Length;
double Exact(double[] x, double[] g, double[] h)
{
    Array.Clear(g);
    Objective.RosenbrockBackward(x, g);
    return Objective.RosenbrockHessian(x, h);
}

double Numeric(double[] x, double[] g, double[] h) => FiniteDifferences.Derivatives(Objective.Rosenbrock, x, g, h);

// The two Hessians at the start.
var hExact = new double[n * n];
var hNumeric = new double[n * n];
Exact(start, new double[n], hExact);
Numeric(start, new double[n], hNumeric);
double worst = hExact.Zip(hNumeric, (a, b) => Math.Abs(a - b)).Max();
Console.WriteLine($"extended Rosenbrock, n = {n}, start ({string.Join(", ", start)})");
Console.WriteLine($"Hessian at the start: H[0,0] = {hExact[0]:R} (by hand 1200x0^2 - 400x1 + 2 = {1200 * start[0] * start[0] - 400 * start[1] + 2:R}); finite differences differ by up to {worst:E2}");
Console.WriteLine();

// Warm up (JIT) both, then run each once, timed.
Newton.Minimise(F, Exact, start);
Newton.Minimise(F, Numeric, start);
foreach (var (name, derivatives) in new (string, Newton.Derivatives)[] { ("MHessian + MBackward", Exact), ("finite differences", Numeric) })
{
    objectiveCalls = 0;
    FiniteDifferences.Calls = 0;
    var watch = Stopwatch.StartNew();
    var result = Newton.Minimise(F, derivatives, start);
    watch.Stop();
    double error = Math.Sqrt(result.X.Sum(v => (v - 1) * (v - 1)));
    Console.WriteLine($"{name,-22} {result.Iterations,3} iterations, f = {result.F:E3}, |grad| = {result.GradientNorm:E2}, |x - 1| = {error:E2}, " +
                      $"{objectiveCalls + FiniteDifferences.Calls} calls of f, {watch.Elapsed.TotalMilliseconds:F1} ms");
}

// One Hessian, timed (steady state, after the runs above warmed up).
var g = new double[n];
var h = new double[n * n];
const int Repeats = 20000;
// Let tiered compilation finish (the kernels' loops start in tier 0) before timing.
for (var warm = Stopwatch.StartNew(); warm.ElapsedMilliseconds < 500;)
{
    Objective.RosenbrockHessian(start, h);
    Array.Clear(g);
    Objective.RosenbrockBackward(start, g);
}
var timer = Stopwatch.StartNew();
for (int i = 0; i < Repeats; i++) Objective.RosenbrockHessian(start, h);
double exactUs = timer.Elapsed.TotalMilliseconds * 1000 / Repeats;
timer.Restart();
for (int i = 0; i < Repeats; i++) { Array.Clear(g); Objective.RosenbrockBackward(start, g); }
double gradientUs = timer.Elapsed.TotalMilliseconds * 1000 / Repeats;
var v = Enumerable.Range(0, n).Select(i => 1.0 / (i + 1)).ToArray();
var hv = new double[n];
for (int i = 0; i < 1000; i++) Objective.RosenbrockHessianVector(start, v, hv);
timer.Restart();
for (int i = 0; i < Repeats; i++) Objective.RosenbrockHessianVector(start, v, hv);
double vectorUs = timer.Elapsed.TotalMilliseconds * 1000 / Repeats;
timer.Restart();
for (int i = 0; i < Repeats / 10; i++) FiniteDifferences.Derivatives(Objective.Rosenbrock, start, g, h);
double numericUs = timer.Elapsed.TotalMilliseconds * 1000 / (Repeats / 10);
Console.WriteLine();
Console.WriteLine($"one MBackward gradient: {gradientUs:F2} us; one MHessian: {exactUs:F2} us ({exactUs / gradientUs:F1}x); one MHessianVector: {vectorUs:F2} us ({vectorUs / gradientUs:F1}x); finite-difference gradient + Hessian: {numericUs:F2} us");
}
