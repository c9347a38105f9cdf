using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.StatefulCalls;

/// <summary>
/// Calls whose value changes from call to call (<c>rng.NextDouble()</c>, a user's generator class, a static helper drawing
/// from a shared <c>Random</c>). A method's own Backward makes each such call once and keeps its value, so a Monte Carlo
/// estimate written with a <c>[NoDiff] Random</c> is differentiated at the draws its value was computed from. Anything
/// that would run the method again gets ADG0032: a caller's Backward (it ran the callee once for its value, then again
/// inside the callee's Backward, at other draws: a wrong gradient before 2026-12-03), and the Jacobian and Hessian
/// matrices (one sweep per row). Values are checked by hand and by central differences, each evaluation from a fresh
/// seeded generator.
/// </summary>
public class StatefulCallTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using AutoDiffGen;

        public sealed class Lcg
        {
            private ulong _s;
            public Lcg(ulong seed) { _s = seed; }
            public double Next() { _s = _s * 6364136223846793005UL + 1442695040888963407UL; return (_s >> 11) * (1.0 / 9007199254740992.0); }
        }

        public static partial class Mc
        {
            // A pathwise Monte Carlo price: the draws are constants of the forward sweep, made once.
            [Differentiable]
            public static double Call(double s0, double sigma, [NoDiff] Random rng)
            {
                double payoff = 0;
                for (int p = 0; p < 64; p++)
                {
                    double z = rng.NextDouble() - 0.5;
                    double st = s0 * Math.Exp(sigma * z);
                    payoff += Math.Max(st - 1.0, 0);
                }
                return payoff / 64;
            }

            // The same with the generator inside a local function: lowered in place, so still one call per draw.
            [Differentiable]
            public static double LocalHelper(double x, [NoDiff] Lcg g)
            {
                double Leg(double v) => v * g.Next();
                return Leg(x) * Leg(x) + x;
            }

            [Differentiable]
            public static double Leg(double x, [NoDiff] Random r) => x * r.NextDouble();

            [Differentiable]
            public static double Gen(double x, [NoDiff] Lcg g) { double u = g.Next(); return Math.Sin(x * u); }

            // A generator made in the method from a seed, as a Monte Carlo pricer is first written.
            [Differentiable]
            public static double Price(double s0, double sigma, double r, double k)
            {
                var rng = new Random(7);
                double payoff = 0;
                const int paths = 200;
                for (int p = 0; p < paths; p++)
                {
                    double z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                    double st = s0 * Math.Exp((r - 0.5 * sigma * sigma) + sigma * z);
                    payoff += Math.Max(st - k, 0);
                }
                return Math.Exp(-r) * payoff / paths;
            }

            // Reading a collection is not a change: a caller may call it.
            [Differentiable]
            public static double Lookup(double x, [NoDiff] List<double> table) => table.Contains(2.0) ? x * x : x;

            [Differentiable]
            public static double CallsLookup(double x, [NoDiff] List<double> table) => Lookup(x, table) * Lookup(2 * x, table);
        }
        """;

    private const string Refused = """
        using System;
        using AutoDiffGen;

        public sealed class Lcg
        {
            private ulong _s = 1;
            public double Next() { _s = _s * 6364136223846793005UL + 1442695040888963407UL; return (_s >> 11) * (1.0 / 9007199254740992.0); }
        }

        public sealed class Counter
        {
            private static int _made;
            public readonly int Seed;
            public Counter() { Seed = ++_made; }
        }

        public static partial class R
        {
            private static readonly Random Shared = new Random(3);
            private static double Draw() => Shared.NextDouble();

            [Differentiable] public static double Leg(double x, [NoDiff] Random r) => x * r.NextDouble();
            [Differentiable] public static double Gen(double x, [NoDiff] Lcg g, int n) { double s = 0; for (int i = 0; i < n; i++) s += x * g.Next(); return s; }
            [Differentiable] public static double Drawn(double x, [NoDiff] double[] w) => x * Draw() + w[0];

            [Differentiable] public static double Two(double x, [NoDiff] Random rng) => Leg(x, rng) * Leg(x, rng);
            [Differentiable] public static double ViaGen(double x, [NoDiff] Lcg g) => Math.Exp(Gen(x, g, 3));
            [Differentiable] public static double ViaStatic(double x, [NoDiff] double[] w) => Drawn(x, w) * x;
            [Differentiable] public static double Above(double x, [NoDiff] Random rng) => Two(x, rng) + x;

            [Differentiable(Jacobian = true)]
            public static (double, double) J(double x, double y, [NoDiff] Random rng) { double z = rng.NextDouble(); return (x * z * y, x + y * z); }

            [Differentiable(Hessian = true)]
            public static double H(double x, double y) { double z = Draw(); return x * x * z * y; }

            // A method making its own generator is refused where it would run again, too (an array parameter: not inlined).
            [Differentiable] public static double Own(double x, [NoDiff] double[] w) { var g = new Lcg(); return x * g.Next() + w[0]; }
            [Differentiable] public static double ViaOwn(double x, [NoDiff] double[] w) => Own(x, w) + Own(2 * x, w);

            // A constructor counting its instances in a static field: made again, the object differs (a field read, no call).
            [Differentiable] public static double Seeded(double x, [NoDiff] double[] w) { var c = new Counter(); return x * c.Seed + w[0]; }
            [Differentiable] public static double ViaSeeded(double x, [NoDiff] double[] w) => Seeded(x, w) * x;

            // An object made from a value that carries a gradient could hand it back without one.
            [Differentiable] public static double Boxed(double x) { var box = new Tuple<double>(x * x); return box.Item1; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private delegate double Primal(double a, double b);

    /// <summary>Central difference of <paramref name="f"/> in one coordinate, each evaluation from a fresh generator.</summary>
    private static double Difference(Func<double, double> f, double at)
    {
        const double h = 1e-6;
        return (f(at + h) - f(at - h)) / (2 * h);
    }

    [Fact]
    public void MonteCarloPrice_GradientAtItsOwnDraws_ByHandAndCentralDifferences()
    {
        var type = Compiled.Value.GetType("Mc")!;
        var primal = type.GetMethod("Call")!;
        var backward = type.GetMethod("CallBackward")!;
        double s0 = 1.1, sigma = 0.4;
        double F(double a, double b) => (double)primal.Invoke(null, [a, b, new Random(5)])!;
        var args = new object?[] { s0, sigma, new Random(5), 0.0, 0.0, 1.0 };
        double value = (double)backward.Invoke(null, args)!;
        double dS0 = (double)args[3]!, dSigma = (double)args[4]!;

        // By hand: payoff = mean(max(s0·e^{σz} − 1, 0)); ∂/∂s0 = mean(e^{σz}·[st > 1]), ∂/∂σ = mean(s0·z·e^{σz}·[st > 1]).
        var draws = new Random(5);
        double v = 0, h0 = 0, h1 = 0;
        for (int p = 0; p < 64; p++)
        {
            double z = draws.NextDouble() - 0.5, e = Math.Exp(sigma * z), st = s0 * e;
            if (st > 1) { v += st - 1; h0 += e; h1 += s0 * z * e; }
        }
        Assert.Equal(v / 64, value, 12);
        Assert.Equal(h0 / 64, dS0, 12);
        Assert.Equal(h1 / 64, dSigma, 12);
        Assert.Equal(Difference(a => F(a, sigma), s0), dS0, 5);
        Assert.Equal(Difference(b => F(s0, b), sigma), dSigma, 5);
    }

    [Fact]
    public void GeneratorMadeInTheMethod_ByHandAndCentralDifferences()
    {
        var type = Compiled.Value.GetType("Mc")!;
        var primal = type.GetMethod("Price")!;
        double s0 = 1.05, sigma = 0.3, r = 0.02, k = 1.0;
        var args = new object?[] { s0, sigma, r, k, 0.0, 0.0, 0.0, 0.0, 1.0 };
        double value = (double)type.GetMethod("PriceBackward")!.Invoke(null, args)!;
        // By hand, from the same draws: price = e^{−r}·mean(max(st − k, 0)), st = s0·e^{r − σ²/2 + σz}.
        var rng = new Random(7);
        double v = 0, d0 = 0, dSigma = 0, dR = 0, dK = 0;
        for (int p = 0; p < 200; p++)
        {
            double z = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            double st = s0 * Math.Exp((r - 0.5 * sigma * sigma) + sigma * z);
            if (st <= k) continue;
            v += st - k; d0 += st / s0; dSigma += st * (z - sigma); dR += st; dK -= 1;
        }
        double disc = Math.Exp(-r) / 200;
        Assert.Equal(disc * v, value, 12);
        Assert.Equal(disc * d0, (double)args[4]!, 12);
        Assert.Equal(disc * dSigma, (double)args[5]!, 12);
        Assert.Equal(disc * dR - disc * v, (double)args[6]!, 12);
        Assert.Equal(disc * dK, (double)args[7]!, 12);
        CentralDifferenceRunner.Check(primal, null, [s0, sigma, r, k]);
    }

    [Fact]
    public void LocalFunctionDrawing_IsRunOnce_ByHandAndCentralDifferences()
    {
        var type = Compiled.Value.GetType("Mc")!;
        var lcg = Compiled.Value.GetType("Lcg")!;
        object Fresh() => Activator.CreateInstance(lcg, 17UL)!;
        var next = lcg.GetMethod("Next")!;
        var g = Fresh();
        double u1 = (double)next.Invoke(g, null)!, u2 = (double)next.Invoke(g, null)!;
        double x = 0.8;
        var args = new object?[] { x, Fresh(), 0.0, 1.0 };
        double value = (double)type.GetMethod("LocalHelperBackward")!.Invoke(null, args)!;
        // f = (x·u1)(x·u2) + x: f' = 2x·u1·u2 + 1.
        Assert.Equal(x * u1 * x * u2 + x, value, 12);
        Assert.Equal(2 * x * u1 * u2 + 1, (double)args[2]!, 12);
        var primal = type.GetMethod("LocalHelper")!;
        Assert.Equal(Difference(a => (double)primal.Invoke(null, [a, Fresh()])!, x), (double)args[2]!, 6);
    }

    [Fact]
    public void CalleesThatOnlyRead_AreCalled_ByHandAndCentralDifferences()
    {
        var type = Compiled.Value.GetType("Mc")!;
        var table = new List<double> { 1.0, 2.0 };
        double x = 0.6;
        // Lookup(x)·Lookup(2x) = x²·4x² = 4x⁴: 16x³.
        var args = new object?[] { x, table, 0.0, 1.0 };
        double value = (double)type.GetMethod("CallsLookupBackward")!.Invoke(null, args)!;
        Assert.Equal(4 * Math.Pow(x, 4), value, 12);
        Assert.Equal(16 * x * x * x, (double)args[2]!, 12);
        CentralDifferenceRunner.Check(type.GetMethod("CallsLookup")!, null, [x, table]);
    }

    [Fact]
    public void CallersAndMatricesThatWouldRunADrawAgain_GetADG0032()
    {
        var run = GeneratorHarness.Run(Refused);
        Assert.Empty(run.Exceptions);
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        string At(Diagnostic d) => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan);
        var stateful = errors.Where(d => d.Id == "ADG0032").Select(At).OrderBy(s => s, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "Draw()", "Drawn(x, w)", "Gen(x, g, 3)", "Leg(x, rng)", "Leg(x, rng)", "Own(2 * x, w)", "Own(x, w)", "Seeded(x, w)", "rng.NextDouble()" }, stateful);
        // Two's caller: Two has no Backward now, the existing ADG0017 says so at the call.
        Assert.Contains(errors, d => d.Id == "ADG0017" && At(d) == "Two(x, rng)");
        Assert.Contains(errors, d => d.Id == "ADG0003" && At(d) == "new Tuple<double>(x * x)");
        Assert.Equal(errors.Count, stateful.Count + 2);
        // The callees keep their own Backward (each makes its draws once); the callers and matrices get none.
        foreach (var kept in new[] { "Leg", "Gen", "Drawn", "Own", "Seeded" }) Assert.Contains(run.Generated.Keys, k => k.Contains("R." + kept + "_", StringComparison.Ordinal));
        foreach (var gone in new[] { "Two", "ViaGen", "ViaStatic", "Above", "J", "H", "ViaOwn", "Boxed", "ViaSeeded" }) Assert.DoesNotContain(run.Generated.Keys, k => k.Contains("R." + gone + "_", StringComparison.Ordinal));
        var message = errors.First(d => d.Id == "ADG0032" && At(d) == "Drawn(x, w)").GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'Draw()' may give another value each time", message);
        Assert.Contains("DrawnBackward", message);
    }
}
