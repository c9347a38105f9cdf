using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.StatefulCalls;

/// <summary>
/// Values that change from read to read without a method call in sight: a property whose getter counts its reads (on a
/// <c>[NoDiff]</c> object, or static), and a static helper that counts in an element of a static array (a buffer). Before
/// 2026-12-03 (second session, later) these were not seen as changing: a caller's Backward ran the callee again inside its
/// Backward (<c>Two(x) = Leg(x, cn) · Leg(x, cn)</c> gave 0.005008 at x = 0.7 where central differences give 0.000549),
/// and <c>MJacobian</c> read <c>Ticker.Now</c> once per row (row 2 at t = 0.2: 0.28 where by hand it is 0.14). Now each
/// is ADG0032 where it would run again; the method's own Backward, which reads once, stays, as do getters that only read.
/// The same for a generator struct that lives on (in a static field, in an object: <c>G.Next()</c> writes it back, it was
/// taken for a copy) and a delegate handed in (a field, a parameter), while a struct passed by value changes only its copy.
/// </summary>
public class StatefulReadTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public sealed class Counter
        {
            int n;
            public double Next { get { n++; return n * 0.1; } }
            public double Peek => n * 0.1;
            public double Auto { get; set; } = 0.5;
        }

        public static class Ticker
        {
            static int n;
            public static double Now { get { n++; return n * 0.1; } }
            public static double Arrow => ++n * 0.1;
        }

        // Another type than the callers': not inlined, so a caller calls their Backward.
        public static partial class Q
        {
            static readonly double[] buf = new double[1];
            static double Tick() { buf[0] += 1; return buf[0]; }
            [Differentiable] public static double Leg1(double x, [NoDiff] Counter cn) { double u = x * cn.Next; return u * u; }
            [Differentiable] public static double Leg2(double x) { double u = x * Ticker.Now; return u * u; }
            [Differentiable] public static double Leg8(double x) { double u = x * Tick(); return u * u; }
            [Differentiable] public static double LegA(double x) { double u = x * Ticker.Arrow; return u * u; }
            [Differentiable] public static double LegPeek(double x, [NoDiff] Counter cn) { double u = x * (cn.Peek + cn.Auto); return u * u; }
        }

        public static partial class P
        {
            [Differentiable] public static double Two1(double x, [NoDiff] Counter cn) => Q.Leg1(x, cn) * Q.Leg1(x, cn);
            [Differentiable] public static double Two2(double x) => Q.Leg2(x) * Q.Leg2(x);
            [Differentiable] public static double Two8(double x) => Q.Leg8(x) * Q.Leg8(x);
            [Differentiable] public static double TwoA(double x) => Q.LegA(x) * Q.LegA(x);
            [Differentiable] public static double TwoPeek(double x, [NoDiff] Counter cn) => Q.LegPeek(x, cn) * Q.LegPeek(x, cn);
            [Differentiable(Jacobian = true)] public static (double, double) J(double x, double y) { double t = Ticker.Now; return (x * t * y, x * x * t); }
            [Differentiable(Hessian = true)] public static double H(double x, double y, [NoDiff] Counter cn) { double t = cn.Next; return x * x * y * t; }
        }
        """;

    private static readonly Lazy<GeneratorOutput> Run = new(() => GeneratorHarness.RunForLoad(Source));

    private static string At(Diagnostic d) => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan);

    [Fact]
    public void OwnBackward_ReadsACountingPropertyOnce_ByHandAndCentralDifferences()
    {
        var assembly = GeneratorHarness.CompileAndLoad(Source.Replace("[Differentiable(Jacobian = true)]", "").Replace("[Differentiable(Hessian = true)]", "")
            .Replace("[Differentiable] public static double Two", "public static double Two"));
        var q = assembly.GetType("Q")!;
        var counter = assembly.GetType("Counter")!;
        object Fresh() => Activator.CreateInstance(counter)!;
        double x = 0.7;
        // Leg1 = (x·0.1)² with a fresh counter (first read 0.1): 0.01x², derivative 0.02x.
        var args = new object?[] { x, Fresh(), 0.0, 1.0 };
        double value = (double)q.GetMethod("Leg1Backward")!.Invoke(null, args)!;
        Assert.Equal(0.01 * x * x, value, 14);
        Assert.Equal(0.02 * x, (double)args[2]!, 14);
        var primal = q.GetMethod("Leg1")!;
        const double h = 1e-6;
        double difference = ((double)primal.Invoke(null, [x + h, Fresh()])! - (double)primal.Invoke(null, [x - h, Fresh()])!) / (2 * h);
        Assert.Equal(difference, (double)args[2]!, 7);
    }

    [Fact]
    public void GettersThatOnlyRead_AreCalledAgain_ByHandAndCentralDifferences()
    {
        var p = GeneratorHarness.Load(Run.Value).GetType("P")!;
        var counter = p.Assembly.GetType("Counter")!;
        double x = 0.7;
        // LegPeek = (x·(0 + 0.5))² = 0.25x²; TwoPeek = 0.0625x⁴, derivative 0.25x³.
        var args = new object?[] { x, Activator.CreateInstance(counter), 0.0, 1.0 };
        double value = (double)p.GetMethod("TwoPeekBackward")!.Invoke(null, args)!;
        Assert.Equal(0.0625 * Math.Pow(x, 4), value, 14);
        Assert.Equal(0.25 * x * x * x, (double)args[2]!, 14);
        CentralDifferenceRunner.Check(p.GetMethod("TwoPeek")!, null, [x, Activator.CreateInstance(counter)!]);
    }

    [Fact]
    public void CallersAndMatricesThatWouldReadAgain_GetADG0032AtTheCall()
    {
        var run = Run.Value;
        Assert.Empty(run.Exceptions);
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.All(errors, d => Assert.Equal("ADG0032", d.Id));
        Assert.Equal(
            new[] { "Q.Leg1(x, cn)", "Q.Leg1(x, cn)", "Q.Leg2(x)", "Q.Leg2(x)", "Q.Leg8(x)", "Q.Leg8(x)", "Q.LegA(x)", "Q.LegA(x)", "Ticker.Now", "cn.Next" },
            errors.Select(At).OrderBy(s => s, StringComparer.Ordinal));
        string Message(string at) => errors.First(d => At(d) == at).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'cn.Next' may give another value", Message("Q.Leg1(x, cn)"));
        Assert.Contains("'Tick()' may give another value", Message("Q.Leg8(x)"));
        Assert.Contains("MJacobian", Message("Ticker.Now"));
        Assert.Contains("MHessian", Message("cn.Next"));
        // The callees keep their Backward (each reads once); the callers and the matrices get none.
        foreach (var kept in new[] { "Q.Leg1_", "Q.Leg2_", "Q.Leg8_", "Q.LegA_", "P.TwoPeek_" }) Assert.Contains(run.Generated.Keys, k => k.Contains(kept, StringComparison.Ordinal));
        foreach (var gone in new[] { "P.Two1_", "P.Two2_", "P.Two8_", "P.TwoA_", "P.J_", "P.H_" }) Assert.DoesNotContain(run.Generated.Keys, k => k.Contains(gone, StringComparison.Ordinal));
    }

    private const string Structs = """
        using System;
        using AutoDiffGen;

        public struct Gen
        {
            ulong s;
            public double Next() { s = s * 6364136223846793005UL + 1442695040888963407UL; return (s >> 11) * (1.0 / 9007199254740992.0); }
        }

        public sealed class Holder { public Gen G; }

        public static partial class Q
        {
            public static Gen G;
            public static readonly Holder H = new Holder();
            public static Func<double> Source = () => 0.5;
            [Differentiable] public static double LegS(double x) { double u = x * G.Next(); return u * u; }
            [Differentiable] public static double LegH(double x) { double u = x * H.G.Next(); return u * u; }
            [Differentiable] public static double LegD(double x) { double u = x * Source(); return u * u; }
            [Differentiable] public static double LegP(double x, [NoDiff] Func<double> f) { double u = x * f(); return u * u; }
            [Differentiable] public static double LegL(double x, [NoDiff] Gen g) { double u = x * g.Next(); return u * u; }
        }

        public static partial class P
        {
            [Differentiable] public static double TwoS(double x) => Q.LegS(x) * Q.LegS(x);
            [Differentiable] public static double TwoH(double x) => Q.LegH(x) * Q.LegH(x);
            [Differentiable] public static double TwoD(double x) => Q.LegD(x) * Q.LegD(x);
            [Differentiable] public static double TwoP(double x, [NoDiff] Func<double> f) => Q.LegP(x, f) * Q.LegP(x, f);
            [Differentiable] public static double TwoL(double x, [NoDiff] Gen g) => Q.LegL(x, g) * Q.LegL(x, g);
            [Differentiable(Jacobian = true)] public static (double, double) J(double x, double y) { double t = Q.G.Next(); return (x * t * y, x * x * t); }
        }
        """;

    [Fact]
    public void StructsThatLiveOnAndDelegatesHandedIn_GetADG0032_AStructCopyIsCalledAgain()
    {
        var run = GeneratorHarness.RunForLoad(Structs);
        Assert.Empty(run.Exceptions);
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.All(errors, d => Assert.Equal("ADG0032", d.Id));
        Assert.Equal(
            new[] { "Q.G.Next()", "Q.LegD(x)", "Q.LegD(x)", "Q.LegH(x)", "Q.LegH(x)", "Q.LegP(x, f)", "Q.LegP(x, f)", "Q.LegS(x)", "Q.LegS(x)" },
            errors.Select(At).OrderBy(s => s, StringComparer.Ordinal));
        Assert.Contains("'H.G.Next()' may give another value", errors.First(d => At(d) == "Q.LegH(x)").GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        // A struct passed by value: each call of LegL draws from its own copy, the same number; u = the first draw from 0.
        var p = GeneratorHarness.Load(run).GetType("P")!;
        var gen = p.Assembly.GetType("Gen")!;
        ulong state = 1442695040888963407UL;
        double u = (state >> 11) * (1.0 / 9007199254740992.0), x = 0.7;
        // TwoL = (x·u)²·(x·u)² = u⁴x⁴: derivative 4u⁴x³.
        var args = new object?[] { x, Activator.CreateInstance(gen), 0.0, 1.0 };
        double value = (double)p.GetMethod("TwoLBackward")!.Invoke(null, args)!;
        Assert.Equal(Math.Pow(u * x, 4), value, 14);
        Assert.Equal(4 * Math.Pow(u, 4) * x * x * x, (double)args[2]!, 14);
        CentralDifferenceRunner.Check(p.GetMethod("TwoL")!, null, [x, Activator.CreateInstance(gen)!]);
    }
}
