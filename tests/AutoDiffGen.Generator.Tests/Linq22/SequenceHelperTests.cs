using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Linq22;

/// <summary>
/// Issue 13, linq22 item 1: a plain (unmarked) helper over an <c>IEnumerable&lt;double&gt;</c>, <c>IReadOnlyList&lt;double&gt;</c>
/// or <c>ICollection&lt;double&gt;</c> parameter, written as a numerics library writes it (Math.NET's <c>Mean</c> with
/// <c>foreach</c>, Welford's update and <c>checked(++m)</c>; <c>Variance</c> with an explicit enumerator in a <c>using</c>;
/// <c>StandardDeviation</c> passing the sequence on; LINQ over it), called with an array, a local list or a list or
/// sequence parameter of the caller: inlined with the parameter standing for that array or list. By hand and against
/// central differences. A helper that indexes its <c>IReadOnlyList</c> parameter (<c>d[i]</c>, <c>d.Count</c>) is one
/// ADG0004 at the call saying what to write, and no code for the method.
/// </summary>
public class SequenceHelperTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static class Stats22
        {
            public static double Mean(this IEnumerable<double> data)
            {
                double mean = 0.0;
                ulong m = 0;
                foreach (var x in data) mean += (x - mean) / checked(++m);
                return m > 0 ? mean : double.NaN;
            }

            public static double Variance(this IEnumerable<double> samples)
            {
                double variance = 0.0, t = 0.0;
                ulong j = 0;
                using (IEnumerator<double> iterator = samples.GetEnumerator())
                {
                    if (iterator.MoveNext()) { j++; t = iterator.Current; }
                    while (iterator.MoveNext())
                    {
                        j++;
                        double xi = iterator.Current;
                        t += xi;
                        double diff = (j * xi) - t;
                        variance += (diff * diff) / (j * (j - 1));
                    }
                }
                return j > 1 ? variance / (j - 1) : double.NaN;
            }

            public static double StandardDeviation(this IEnumerable<double> samples) => Math.Sqrt(samples.Variance());

            public static double RootMeanSquare(this ICollection<double> d) => Math.Sqrt(d.Select(v => v * v).Average());

            public static double Twice(IReadOnlyList<double> d) => 2 * d.Sum();

            public static double Indexed(IReadOnlyList<double> d) { double s = 0; for (int i = 0; i < d.Count; i++) s += d[i] * d[i]; return s; }
        }

        public static partial class Seq22
        {
            [Differentiable]
            public static double Cv(double[] s) => s.StandardDeviation() / s.Mean();

            [Differentiable]
            public static double StdOf(IEnumerable<double> data) => data.StandardDeviation();

            [Differentiable]
            public static double Rms(double[] s, double w) => w * s.RootMeanSquare() + Stats22.Twice(s);

            [Differentiable]
            public static double Scaled(double[] s, double w)
            {
                var l = new List<double>();
                foreach (var v in s) l.Add(v * w);
                return l.StandardDeviation();
            }

            [Differentiable]
            public static double TwoLists(double[] s, double w)
            {
                var l = new List<double>();
                var m = new List<double>();
                foreach (var v in s) { l.Add(v * w); m.Add(v + w); }
                return s.Variance() + l.Variance() + m.Variance();
            }

            [Differentiable]
            public static double ListParam(List<double> xs) => xs.Variance() + xs.Mean();

            [Differentiable(Forward = true, Hessian = true)]
            public static double MeanSquared(double[] s) => s.Mean() * s.Mean();

            [Differentiable(Forward = true)]
            public static double MeanSquaredOf(List<double> xs) => xs.Mean() * xs.Mean();

            [Differentiable]
            public static double Bad(double[] s) => Stats22.Indexed(s);
        }
        """;

    // One compilation: Bad's ADG0004 is the only diagnostic (checked below); the other methods generate and load.
    private static readonly Lazy<GeneratorOutput> Run = new(() => GeneratorHarness.RunForLoad(Source));

    private static readonly Lazy<Assembly> Compiled = new(() =>
    {
        var run = Run.Value;
        Assert.True(run.Diagnostics.All(d => d.Id == "ADG0004") && run.Exceptions.IsEmpty && run.CompileDiagnostics.IsEmpty, run.Dump());
        return GeneratorHarness.Load(run);
    });

    private static MethodInfo Get(string name) => Compiled.Value.GetType("Seq22")!.GetMethod(name)!;

    private static readonly double[] X = { 0.4, 1.9, -0.7, 1.2 };

    private static (double Mean, double Sd) Moments(double[] x)
    {
        double mean = x.Average();
        return (mean, Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1)));
    }

    [Fact]
    public void CoefficientOfVariation_OverAnArray_ByHand()
    {
        // Cv = σ/μ with σ² = Σ(x − μ)²/(n − 1): ∂σ/∂x_i = (x_i − μ)/((n − 1)σ), ∂μ/∂x_i = 1/n, so
        // ∂Cv/∂x_i = (x_i − μ)/((n − 1)σμ) − σ/(nμ²): at X (μ = 0.7, σ = 1.1045) −1.021, 1.120, −1.827, −0.114.
        var r = CentralDifferenceRunner.Check(Get("Cv"), null, new object[] { X });
        var (mu, sd) = Moments(X);
        int n = X.Length;
        for (int i = 0; i < n; i++)
            Tolerance.AssertFormula(((X[i] - mu) / ((n - 1) * sd * mu)) - (sd / (n * mu * mu)), r.Gradient[0]![i], "∂Cv/∂x" + i);
    }

    [Fact]
    public void SequenceAndListParameters_PassedOn_ByHand()
    {
        // StdOf(IEnumerable) called with a list: ∂σ/∂x_i = (x_i − μ)/((n − 1)σ).
        var list = X.ToList();
        var r = CentralDifferenceRunner.Check(Get("StdOf"), null, new object[] { list });
        var (mu, sd) = Moments(X);
        int n = X.Length;
        for (int i = 0; i < n; i++) Tolerance.AssertFormula((X[i] - mu) / ((n - 1) * sd), r.Gradient[0]![i], "∂σ/∂x" + i);
        // ListParam = V + μ: ∂/∂x_i = 2(x_i − μ)/(n − 1) + 1/n.
        r = CentralDifferenceRunner.Check(Get("ListParam"), null, new object[] { list });
        for (int i = 0; i < n; i++) Tolerance.AssertFormula((2 * (X[i] - mu) / (n - 1)) + (1.0 / n), r.Gradient[0]![i], "∂(V + μ)/∂x" + i);
    }

    [Fact]
    public void LinqOverTheParameter_AndALocalList_ByHand()
    {
        double w = 1.3;
        // Rms = w √(Σx²/n) + 2Σx: ∂/∂x_i = w x_i/(n·rms) + 2, ∂/∂w = rms.
        var r = CentralDifferenceRunner.Check(Get("Rms"), null, new object[] { X, w });
        int n = X.Length;
        double rms = Math.Sqrt(X.Sum(v => v * v) / n);
        for (int i = 0; i < n; i++) Tolerance.AssertFormula((w * X[i] / (n * rms)) + 2, r.Gradient[0]![i], "∂Rms/∂x" + i);
        Tolerance.AssertFormula(rms, r.Gradient[1]![0], "∂Rms/∂w");
        // Scaled = σ(w x) = w σ(x) for w > 0: ∂/∂x_i = w (x_i − μ)/((n − 1)σ), ∂/∂w = σ.
        r = CentralDifferenceRunner.Check(Get("Scaled"), null, new object[] { X, w });
        var (mu, sd) = Moments(X);
        for (int i = 0; i < n; i++) Tolerance.AssertFormula(w * (X[i] - mu) / ((n - 1) * sd), r.Gradient[0]![i], "∂σ(wx)/∂x" + i);
        Tolerance.AssertFormula(sd, r.Gradient[1]![0], "∂σ(wx)/∂w");
    }

    [Fact]
    public void OneEnumeratorHelper_WalksEachCallsOwnSequence_ByHand()
    {
        // V(s) + V(w s) + V(s + w) = (2 + w²) V(s): ∂/∂s_i = (2 + w²) · 2(s_i − μ)/(n − 1), ∂/∂w = 2w V(s). The helper's
        // enumerator is one local inlined three times; a walk that kept its first sequence read s three times (3V).
        double w = 1.3;
        var r = CentralDifferenceRunner.Check(Get("TwoLists"), null, new object[] { X, w });
        var (mu, sd) = Moments(X);
        int n = X.Length;
        for (int i = 0; i < n; i++) Tolerance.AssertFormula((2 + (w * w)) * 2 * (X[i] - mu) / (n - 1), r.Gradient[0]![i], "∂/∂s" + i);
        Tolerance.AssertFormula(2 * w * sd * sd, r.Gradient[1]![0], "∂/∂w");
    }

    private delegate double ArrayForward(double[] s, ReadOnlySpan<double> tS, out double tResult);

    private delegate double ListForward(List<double> xs, ReadOnlySpan<double> tXs, out double tResult);

    private delegate double ArrayHessian(double[] s, Span<double> hessian);

    [Fact]
    public void ForwardAndHessian_ThroughTheInlinedHelper_ByHand()
    {
        // μ² with μ = Σx/n: ∂/∂x_i = 2μ/n, so the tangent is (2μ/n) Σ t_i; the Hessian is 2/n² in every entry.
        double[] t = { 0.3, -1.0, 0.5, 2.0 };
        int n = X.Length;
        double mu = X.Average(), expected = 2 * mu / n * t.Sum();
        var r = CentralDifferenceRunner.Check(Get("MeanSquared"), null, new object[] { X });
        for (int i = 0; i < n; i++) Tolerance.AssertFormula(2 * mu / n, r.Gradient[0]![i], "∂μ²/∂x" + i);
        Get("MeanSquaredForward").CreateDelegate<ArrayForward>()(X, t, out double tResult);
        Tolerance.AssertFormula(expected, tResult, "tangent over an array");
        Get("MeanSquaredOfForward").CreateDelegate<ListForward>()(X.ToList(), t, out tResult);
        Tolerance.AssertFormula(expected, tResult, "tangent over a list");
        var hessian = new double[n * n];
        Get("MeanSquaredHessian").CreateDelegate<ArrayHessian>()(X, hessian);
        foreach (double h in hessian) Tolerance.AssertFormula(2.0 / (n * n), h, "∂²μ²");
    }

    [Fact]
    public void AnIndexedListParameter_IsOneADG0004AtTheCall_SayingWhatToWrite()
    {
        var run = Run.Value;
        var bad = run.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        Assert.True(bad.Count == 1 && bad[0].Id == "ADG0004", run.Dump());
        Assert.Equal("Stats22.Indexed(s)", bad[0].Location.SourceTree!.GetText().ToString(bad[0].Location.SourceSpan));
        Assert.Contains("declare it double[] to index it", bad[0].GetMessage(), StringComparison.Ordinal);
        // The helper is inlined for an array or a tracked list alike, so the message names both (it said "passed an array" only).
        Assert.Contains("'d' (IReadOnlyList<double>), passed an array or a list,", bad[0].GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Generated.Keys, k => k.Contains(".Bad_", StringComparison.Ordinal));
    }
}
