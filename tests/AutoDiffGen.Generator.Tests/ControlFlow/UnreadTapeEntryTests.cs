using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>
/// Values no reverse rule reads are not taped (Differentiator.Needed): a max or min gate's output (its rule compares the
/// inputs), and the factor of a product whose other factor carries no gradient (a literal, a value computed from ints),
/// since the product's rule reads input i only for the contribution to the other input. A product of two gradients
/// still tapes both. Hand-derived gradients and central differences; the pushes checked in the generated text.
/// </summary>
public class UnreadTapeEntryTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Unread
        {
            // log Σ exp(a_i) by the max trick: the max loop's output is never read by a rule.
            [Differentiable]
            public static double LogSumExp(double[] a)
            {
                double mx = a[0];
                for (int i = 1; i < a.Length; i++) mx = Math.Max(mx, a[i]);
                double se = 0;
                for (int i = 0; i < a.Length; i++) se += Math.Exp(a[i] - mx);
                return Math.Log(se) + mx;
            }

            // s = Σ_i a_i·h^(n−1−i) with h = 0.5 (a literal) or h = (n % 3 + 1)·0.25 (from ints): s is not read by h·s.
            [Differentiable]
            public static double Decay(double[] a, int n)
            {
                double s = 0, t = 0;
                double h = (n % 3 + 1) * 0.25;
                for (int i = 0; i < n; i++)
                {
                    s = 0.5 * s + a[i % a.Length];
                    t = h * t + a[i % a.Length];
                }
                return s * t;
            }

            // s = Π_i (c·a_i): c carries a gradient, so c·s reads s; s·a_i reads both.
            [Differentiable]
            public static double Product(double[] a, double c)
            {
                double s = 1;
                for (int i = 0; i < a.Length; i++) s = c * s * a[i];
                return s;
            }
        }
        """;

    private delegate double LogSumExpBackward(double[] a, double[] dA, double dResult);
    private delegate double DecayBackward(double[] a, int n, double[] dA, double dResult);
    private delegate double ProductBackward(double[] a, double c, double[] dA, ref double dC, double dResult);

    private static readonly Lazy<GeneratorOutput> Generated = new(() => GeneratorHarness.Run(Source));
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static string Code(string method) => Generated.Value.Generated.Single(g => g.Key.StartsWith("Unread." + method + "_", StringComparison.Ordinal)).Value;

    private static T Backward<T>(string name) where T : Delegate => Compiled.Value.GetType("Unread")!.GetMethod(name + "Backward")!.CreateDelegate<T>();

    private static double Primal(string name, params object[] args) => (double)Compiled.Value.GetType("Unread")!.GetMethod(name)!.Invoke(null, args)!;

    private static int Pushes(string code, string value) =>
        code.Split('\n').Count(l => l.Trim().EndsWith("++] = " + value + ";", StringComparison.Ordinal));

    [Fact]
    public void UnreadOutputsAndFactors_AreNotTaped()
    {
        Assert.True(Generated.Value.Diagnostics.IsEmpty && Generated.Value.CompileDiagnostics.IsEmpty, Generated.Value.Dump());
        // The max loop pushes its inputs (the comparison reads both), not its output.
        string lse = Code("LogSumExp");
        Assert.Equal(0, Pushes(lse, "mx_2"));
        Assert.Equal(1, Pushes(lse, "mx_1"));
        // 0.5·s and h·t read neither s nor t: nothing is pushed but the trip count's local.
        Assert.DoesNotContain("tapeDouble", Code("Decay"), StringComparison.Ordinal);
        // c·s read s only for c's adjoint: c's derivative is carried forward beside a's reverse sweep (a mixed Backward,
        // Lowering/CarriedBackwards), so s is not taped; (c·s)·a_i reads the product for a_i's adjoint, which is.
        Assert.True(AutoDiffGen.Generator.Tests.Forward.CarriedSeeds.Adds(Code("Product"), "dC"), Code("Product"));
        Assert.Equal(0, Pushes(Code("Product"), "s_1"));
        Assert.Contains("tapeDouble[tapeDoubleTop++] = ", Code("Product"), StringComparison.Ordinal);
    }

    [Fact]
    public void LogSumExp_IsTheSoftmax()
    {
        var a = new[] { 0.3, 1.7, -0.4, 1.7, 0.9 };
        var dA = new double[a.Length];
        double value = Backward<LogSumExpBackward>("LogSumExp")(a, dA, 1.0);
        double z = a.Sum(Math.Exp);
        Assert.Equal(Math.Log(z), value, 1e-12);
        // ∂/∂a_i = e^(a_i)/Σe^a: the max's routing cancels (it enters +1 and −Σ softmax = −1).
        for (int i = 0; i < a.Length; i++) Assert.Equal(Math.Exp(a[i]) / z, dA[i], 1e-12);
        GradCheck.Check(v => Primal("LogSumExp", v), a, dA).ThrowIfFailed();
    }

    [Theory]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(0)]
    public void Decay_MatchesItsHandDerivative(int n)
    {
        var a = new[] { 0.5, -1.25, 2.0 };
        var dA = new double[a.Length];
        double value = Backward<DecayBackward>("Decay")(a, n, dA, 1.0);
        double h = (n % 3 + 1) * 0.25, s = 0, t = 0;
        var ds = new double[a.Length];
        var dt = new double[a.Length];
        for (int i = 0; i < n; i++)
        {
            s = 0.5 * s + a[i % a.Length];
            t = h * t + a[i % a.Length];
            // ∂s/∂a_j after step i: the weight of every earlier a_j decays by the factor, the new one enters with 1.
            for (int j = 0; j < a.Length; j++) { ds[j] *= 0.5; dt[j] *= h; }
            ds[i % a.Length] += 1;
            dt[i % a.Length] += 1;
        }
        Assert.Equal(s * t, value, 1e-12);
        for (int j = 0; j < a.Length; j++) Assert.Equal(ds[j] * t + s * dt[j], dA[j], 1e-12);
        GradCheck.Check(v => Primal("Decay", v, n), a, dA).ThrowIfFailed();
    }

    [Fact]
    public void Product_MatchesItsHandDerivative()
    {
        var a = new[] { 0.5, -1.25, 2.0, 0.75 };
        double c = 0.9, dC = 0;
        var dA = new double[a.Length];
        double value = Backward<ProductBackward>("Product")(a, c, dA, ref dC, 1.0);
        // s = c^n·Π a: ∂s/∂c = n·s/c, ∂s/∂a_i = s/a_i (no a_i is zero).
        double s = Math.Pow(c, a.Length) * a.Aggregate(1.0, (p, v) => p * v);
        Assert.Equal(s, value, 1e-12);
        Assert.Equal(a.Length * s / c, dC, 1e-12);
        for (int i = 0; i < a.Length; i++) Assert.Equal(s / a[i], dA[i], 1e-12);
        GradCheck.Check(v => Primal("Product", v, c), a, dA).ThrowIfFailed();
        GradCheck.Check(v => Primal("Product", a, v[0]), new[] { c }, new[] { dC }).ThrowIfFailed();
    }
}
