using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Natural;

/// <summary>
/// The tenth round (natural23, Natural/TenthAttempts): functions copied word for word from parts of Math.NET Numerics no
/// earlier round took (Library/: Financial's absolute return and risk measures, GoodnessOfFit, Correlation's Pearson and
/// weighted Pearson, and the IEnumerable dispatchers of Statistics with the ArrayStatistics/StreamingStatistics members they
/// call; extracted by Corpus/Tools/extract.py with heldout7.json, [Differentiable] added, bodies untouched) and ten programs
/// written the natural way by a user who read only the README and docs/supported.md (N01–N10). All are compiled in ONE
/// compilation (each file its own syntax tree): <see cref="Expected"/> pins the ids each file gets, and the methods that
/// build are checked against central differences and a hand-derived value at points where the hand values are non-zero and
/// distinct. docs/corpus.md records the round.
/// </summary>
public class TenthAttemptTests(ITestOutputHelper output)
{
    /// <summary>The ids each file gets as first written; "" is a clean build.</summary>
    public static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        // All three were ADG0016 at their 'if (data == null) throw …' guard (a conversion to object) before natural23; then
        // CompoundReturn's foreach and GainMean/LossMean's data.Where(x => x >= 0).Mean() (a Where into Statistics.Mean) build.
        ["Library/MathNet.AbsoluteReturnMeasures"] = "",
        // The five: ADG0003 at the Where kept in a local (SemiDeviation's 'var belowMeanData = data.Where(x => x < mean);',
        // GainLossRatio's gains and losses) until linq24 (QueryLocals); the three that pass the Where straight to
        // StandardDeviation built already. Their null guards no longer add ADG0016 (natural23).
        ["Library/MathNet.AbsoluteRiskMeasures"] = "",
        ["Library/MathNet.ArrayStatistics"] = "",
        ["Library/MathNet.Correlation"] = "",
        // CoefficientOfDetermination: 'var y = observedValues;' and then y.GetEnumerator() in a using was ADG0003 at the
        // parameters and ADG0002 at the using until linq24 (a second name of a sequence parameter); StandardError, its
        // population form, R and RSquared built already.
        ["Library/MathNet.GoodnessOfFit"] = "",
        ["Library/MathNet.Statistics"] = "",
        ["Library/MathNet.StreamingStatistics"] = "",
        ["N01_KalmanFilter"] = "",
        ["N02_SirEpidemic"] = "",
        ["N03_PoissonGlm"] = "",
        ["N04_SpringMassDamper"] = "",
        ["N05_BezierLength"] = "",
        ["N06_RobustLoss"] = "",
        ["N07_Portfolio"] = "",
        ["N08_RaySphere"] = "",
        ["N09_LogisticGrowth"] = "",
        ["N10_VasicekBond"] = "",
    };

    private static string Directory => Path.Combine(AppContext.BaseDirectory, "Natural", "TenthAttempts");

    private static readonly string[] Names =
        System.IO.Directory.GetFiles(Directory, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Directory, f).Replace('\\', '/'))
            .Select(f => f[..^3]).OrderBy(n => n, StringComparer.Ordinal).ToArray();

    /// <summary>Every file in one run: file i of <see cref="Names"/> is User(i + 1).cs.</summary>
    private static readonly Lazy<GeneratorOutput> Run = new(() =>
        GeneratorHarness.Run(new[] { NaturalSource.ImplicitUsings }.Concat(Names.Select(n => File.ReadAllText(Path.Combine(Directory, n + ".cs")))).Append(ProbeSource).ToArray()));

    /// <summary>
    /// The test's own calls of the generated MHessian (its Span result) and MForward, which reflection cannot pass; not a
    /// program of the round (it is the last file, and must compile without a warning like generated code).
    /// </summary>
    private const string ProbeSource = """
        namespace Natural;
        public static class TenthProbe
        {
            public static double[] Glm(double[] b, double[,] x, int[] y) { var h = new double[b.Length * b.Length]; PoissonGlm.NegativeLogLikelihoodHessian(b, x, y, h); return h; }
            public static double Growth(double k, double r, double n0, double[] t, double[] c, double tk, double tr, double tn0)
            {
                LogisticGrowth.SquaredErrorForward(k, r, n0, t, c, tk, tr, tn0, new double[t.Length], new double[c.Length], out double result);
                return result;
            }
        }
        """;

    private static readonly Lazy<Assembly> Loaded = new(() =>
    {
        var run = Run.Value;
        Assert.True(run.Exceptions.IsEmpty && run.CompileDiagnostics.IsEmpty, run.Dump());
        return GeneratorHarness.Load(run);
    });

    private static string FileOf(string name) => "User" + (Array.IndexOf(Names, name) + 1) + ".cs";

    private static IEnumerable<Diagnostic> DiagnosticsOf(string name) =>
        Run.Value.Diagnostics.Concat(Run.Value.CompileDiagnostics).Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath == FileOf(name));


    [Fact]
    public void FirstAttempts_GetWhatTheTableSays_InOneCompilation()
    {
        var run = Run.Value;
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        Assert.DoesNotContain(run.Diagnostics.Concat(run.CompileDiagnostics), d => d.Severity >= DiagnosticSeverity.Warning && !Names.Select(FileOf).Contains(d.Location.SourceTree?.FilePath));
        Assert.Equal(Expected.Keys.OrderBy(k => k, StringComparer.Ordinal), Names);
        var got = Names.ToDictionary(n => n, n => string.Join(",", DiagnosticsOf(n).Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal)));
        foreach (var n in Names)
            foreach (var d in DiagnosticsOf(n))
                output.WriteLine(n + ": " + d.Id + " '" + d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) + "' " + d.GetMessage());
        var wrong = Names.Where(n => got[n] != Expected[n]).Select(n => n + ": got '" + got[n] + "', table '" + Expected[n] + "'").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong) + "\n" + run.Dump());
        foreach (var n in Names.Where(n => n.StartsWith('N') && Expected[n] == ""))
        {
            string type = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(Directory, n + ".cs")), @"partial class (\w+)").Groups[1].Value;
            Assert.True(run.Generated.Values.Any(g => g.Contains("partial class " + type, StringComparison.Ordinal) && g.Contains("Backward(", StringComparison.Ordinal)), n + ": no Backward in " + type);
        }
    }

    private static Type T(string type) => Loaded.Value.GetType(type) ?? throw new InvalidOperationException("no " + type);

    private static MethodInfo Method(string type, string name) =>
        T(type).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Single(m => m.Name == name && m.CustomAttributes.Any(a => a.AttributeType.Name == "DifferentiableAttribute"));

    private static CentralDifferenceRunner.Result Check(string type, string name, params object[] point) =>
        CentralDifferenceRunner.Check(Method(type, name), null, point);

    private static void Near(double expected, double actual, string what) => Tolerance.AssertFormula(expected, actual, what);

    private static void NearAll(Func<int, double> expected, double[]? actual, string what)
    {
        Assert.NotNull(actual);
        for (int i = 0; i < actual!.Length; i++) Near(expected(i), actual[i], what + "[" + i + "]");
    }

    private static object Probe(string name, params object[] args) => T("Natural.TenthProbe").GetMethod(name)!.Invoke(null, args)!;

    private const string Stat = "MathNet.Numerics.Statistics.";
    private static readonly double[] Xs = { 0.3, -0.2, 0.5, 0.1 }, Ys = { 1.2, 0.7, 2.1, 1.5 }, Ws = { 0.5, 1.5, 1.0, 2.0 };

    private static double Mean(double[] v) => v.Average();

    private static double Centred(double[] a, double[] b) { double ma = Mean(a), mb = Mean(b); return a.Select((x, i) => (x - ma) * (b[i] - mb)).Sum(); }

    /// <summary>One Statistics dispatcher on a double[] (its ArrayStatistics path) and on a List (its StreamingStatistics path).</summary>
    private static void BothPaths(string name, double[] data, Func<int, double> expected)
    {
        NearAll(expected, Check(Stat + "Statistics", name, data).Gradient[0], name + " (array)");
        NearAll(expected, Check(Stat + "Statistics", name, data.ToList()).Gradient[0], name + " (list)");
    }

    [Fact]
    public void MathNetStatistics_MatchCentralDifferences_AndHandValues_OnBothPaths()
    {
        int n = Xs.Length;
        double m = Mean(Xs), ss = Centred(Xs, Xs), s = Math.Sqrt(ss / (n - 1)), sigma = Math.Sqrt(ss / n);
        // Mean: 1/n; variance Σ(x − m)²/(n − 1): 2(xᵢ − m)/(n − 1); population: 2(xᵢ − m)/n; their roots: (xᵢ − m)/((n − 1)s), (xᵢ − m)/(nσ).
        BothPaths("Mean", Xs, _ => 1.0 / n);
        BothPaths("Variance", Xs, i => 2 * (Xs[i] - m) / (n - 1));
        BothPaths("PopulationVariance", Xs, i => 2 * (Xs[i] - m) / n);
        BothPaths("StandardDeviation", Xs, i => (Xs[i] - m) / ((n - 1) * s));
        BothPaths("PopulationStandardDeviation", Xs, i => (Xs[i] - m) / (n * sigma));
        // G = (Πy)^(1/n): G/(n yᵢ); H = n/Σ(1/y): H²/(n yᵢ²); RMS = √(Σx²/n): xᵢ/(n RMS).
        double g = Math.Exp(Ys.Select(y => Math.Log(y)).Average()), h = n / Ys.Sum(y => 1 / y), rms = Math.Sqrt(Xs.Sum(x => x * x) / n);
        BothPaths("GeometricMean", Ys, i => g / (n * Ys[i]));
        BothPaths("HarmonicMean", Ys, i => h * h / (n * Ys[i] * Ys[i]));
        BothPaths("RootMeanSquare", Xs, i => Xs[i] / (n * rms));
        // Covariance Σ(a − ma)(b − mb)/(n − 1): ∂/∂aᵢ = (bᵢ − mb)/(n − 1), ∂/∂bᵢ = (aᵢ − ma)/(n − 1); both arrays, then both lists.
        foreach (bool lists in new[] { false, true })
        {
            var cov = lists ? Check(Stat + "Statistics", "Covariance", Xs.ToList(), Ys.ToList()) : Check(Stat + "Statistics", "Covariance", Xs, Ys);
            NearAll(i => (Ys[i] - Mean(Ys)) / (n - 1), cov.Gradient[0], "∂cov/∂a");
            NearAll(i => (Xs[i] - m) / (n - 1), cov.Gradient[1], "∂cov/∂b");
        }
    }

    [Fact]
    public void MathNetCorrelationAndGoodnessOfFit_MatchCentralDifferences_AndHandValues()
    {
        int n = Xs.Length;
        double ma = Mean(Xs), mb = Mean(Ys), saa = Centred(Xs, Xs), sbb = Centred(Ys, Ys), r = Centred(Xs, Ys) / Math.Sqrt(saa * sbb);
        // r = Sab/√(Saa Sbb): ∂r/∂aᵢ = (bᵢ − mb)/√(Saa Sbb) − r (aᵢ − ma)/Saa, and the same with a and b exchanged.
        double Da(int i) => ((Ys[i] - mb) / Math.Sqrt(saa * sbb)) - (r * (Xs[i] - ma) / saa);
        double Db(int i) => ((Xs[i] - ma) / Math.Sqrt(saa * sbb)) - (r * (Ys[i] - mb) / sbb);
        var pearson = Check(Stat + "Correlation", "Pearson", Xs.ToList(), Ys.ToList());
        NearAll(Da, pearson.Gradient[0], "∂r/∂a");
        NearAll(Db, pearson.Gradient[1], "∂r/∂b");
        NearAll(Da, Check("MathNet.Numerics.GoodnessOfFit", "R", Xs.ToList(), Ys.ToList()).Gradient[0], "∂R/∂modelled");
        // R² = r²: 2r ∂r.
        NearAll(i => 2 * r * Db(i), Check("MathNet.Numerics.GoodnessOfFit", "RSquared", Xs.ToList(), Ys.ToList()).Gradient[1], "∂R²/∂observed");

        // Weighted: means and sums weighted by w; ∂r/∂aᵢ = wᵢ(bᵢ − mb)/√(Va Vb) − r wᵢ(aᵢ − ma)/Va and ∂r/∂wᵢ =
        // (aᵢ − ma)(bᵢ − mb)/√(Va Vb) − r/2 ((aᵢ − ma)²/Va + (bᵢ − mb)²/Vb) (the means' own slopes cancel: Σw(a − ma) = 0).
        double sw = Ws.Sum(), wa = Xs.Select((x, i) => Ws[i] * x).Sum() / sw, wb = Ys.Select((y, i) => Ws[i] * y).Sum() / sw;
        double va = Xs.Select((x, i) => Ws[i] * (x - wa) * (x - wa)).Sum(), vb = Ys.Select((y, i) => Ws[i] * (y - wb) * (y - wb)).Sum();
        double rw = Xs.Select((x, i) => Ws[i] * (x - wa) * (Ys[i] - wb)).Sum() / Math.Sqrt(va * vb);
        var weighted = Check(Stat + "Correlation", "WeightedPearson", Xs.ToList(), Ys.ToList(), Ws.ToList());
        NearAll(i => (Ws[i] * (Ys[i] - wb) / Math.Sqrt(va * vb)) - (rw * Ws[i] * (Xs[i] - wa) / va), weighted.Gradient[0], "∂rw/∂a");
        NearAll(i => ((Xs[i] - wa) * (Ys[i] - wb) / Math.Sqrt(va * vb)) - (rw / 2 * ((((Xs[i] - wa) * (Xs[i] - wa)) / va) + (((Ys[i] - wb) * (Ys[i] - wb)) / vb))), weighted.Gradient[2], "∂rw/∂w");

        // SE = √(Σ(m − o)²/(n − dof)): ∂/∂mᵢ = (mᵢ − oᵢ)/((n − dof) SE) = −∂/∂oᵢ; dof 1 and the population form's 0.
        foreach (int dof in new[] { 1, 0 })
        {
            double se = Math.Sqrt(Xs.Select((x, i) => (x - Ys[i]) * (x - Ys[i])).Sum() / (n - dof));
            var result = dof == 1
                ? Check("MathNet.Numerics.GoodnessOfFit", "StandardError", Xs.ToList(), Ys.ToList(), dof)
                : Check("MathNet.Numerics.GoodnessOfFit", "PopulationStandardError", Xs.ToList(), Ys.ToList());
            NearAll(i => (Xs[i] - Ys[i]) / ((n - dof) * se), result.Gradient[0], "∂SE/∂m, dof " + dof);
            NearAll(i => -(Xs[i] - Ys[i]) / ((n - dof) * se), result.Gradient[1], "∂SE/∂o, dof " + dof);
        }
    }

    [Fact]
    public void MathNetCoefficientOfDetermination_WalksASecondNameOfEachSequence_AndMatchesHandValues()
    {
        // R² = 1 − SSres/SStot, SSres = Σ(yᵢ − fᵢ)², SStot = Σ(yᵢ − ȳ)² (f modelled, y observed):
        // ∂/∂fᵢ = 2(yᵢ − fᵢ)/SStot, ∂/∂yᵢ = −2(yᵢ − fᵢ)/SStot + 2 SSres (yᵢ − ȳ)/SStot².
        double[] f = Xs.Select((x, i) => Ys[i] + x).ToArray();
        double my = Mean(Ys), res = Ys.Select((y, i) => (y - f[i]) * (y - f[i])).Sum(), tot = Ys.Sum(y => (y - my) * (y - my));
        var g = Check("MathNet.Numerics.GoodnessOfFit", "CoefficientOfDetermination", f.ToList(), Ys.ToList());
        Near(1 - (res / tot), g.Value, "R²");
        NearAll(i => 2 * (Ys[i] - f[i]) / tot, g.Gradient[0], "∂R²/∂modelled");
        NearAll(i => (-2 * (Ys[i] - f[i]) / tot) + (2 * res * (Ys[i] - my) / (tot * tot)), g.Gradient[1], "∂R²/∂observed");
    }

    [Fact]
    public void MathNetAbsoluteReturnMeasures_BuildWithTheirNullGuards_AndMatchHandValues()
    {
        // C = (Π(1 + xᵢ))^(1/n) − 1: ∂C/∂xᵢ = (C + 1)/(n(1 + xᵢ)); distinct for distinct returns.
        int n = Xs.Length;
        double c = Math.Pow(Xs.Aggregate(1.0, (p, x) => p * (1 + x)), 1.0 / n);
        NearAll(i => c / (n * (1 + Xs[i])), Check("MathNet.Numerics.Financial.AbsoluteReturnMeasures", "CompoundReturn", Xs.ToList()).Gradient[0], "∂C/∂x");
        // GainMean = mean of the xᵢ ≥ 0: 1/#gains at those, 0 at the losses; LossMean the other way (Where, then Statistics.Mean).
        int gains = Xs.Count(x => x >= 0);
        NearAll(i => Xs[i] >= 0 ? 1.0 / gains : 0, Check("MathNet.Numerics.Financial.AbsoluteReturnMeasures", "GainMean", Xs.ToList()).Gradient[0], "∂GainMean/∂x");
        NearAll(i => Xs[i] < 0 ? 1.0 / (n - gains) : 0, Check("MathNet.Numerics.Financial.AbsoluteReturnMeasures", "LossMean", Xs.ToList()).Gradient[0], "∂LossMean/∂x");
    }

    [Fact]
    public void MathNetAbsoluteRiskMeasures_FilteredStatistics_MatchHandValues()
    {
        const string risk = "MathNet.Numerics.Financial.AbsoluteRiskMeasures";
        double[] r = { 0.3, -0.2, 0.5, -0.45, 0.01, -0.05 };
        // The sample standard deviation s of the kept subset S (k values, mean m): ∂s/∂xᵢ = (xᵢ − m)/((k − 1)s) for i in S, 0
        // elsewhere; the filter's test is a comparison, whose derivative is 0 (so ∂/∂mar = 0 and the mean's slope in
        // SemiDeviation does not enter).
        void Subset(string name, Func<double, bool> kept, double[] point, params object[] rest)
        {
            var s = r.Where(kept).ToArray();
            double m = s.Average(), sd = Math.Sqrt(s.Sum(v => (v - m) * (v - m)) / (s.Length - 1));
            var g = Check(risk, name, new object[] { point.ToList() }.Concat(rest).ToArray());
            NearAll(i => kept(r[i]) ? (r[i] - m) / ((s.Length - 1) * sd) : 0, g.Gradient[0], name);
            if (rest.Length == 1) Near(0, g.Gradient[1]![0], name + " ∂/∂mar");
        }
        Subset("GainStandardDeviation", x => x >= 0, r);
        Subset("LossStandardDeviation", x => x < 0, r);
        Subset("DownsideDeviation", x => x < 0.4, r, 0.4);
        // SemiDeviation: the mean of all six is 0.11/6 ≈ 0.0183, so S = { −0.2, −0.45, 0.01, −0.05 }, not the losses.
        double mean = r.Average();
        Subset("SemiDeviation", x => x < mean, r);
        // GainLossRatio = |G/L| = −G/L (G = mean of the gains > 0, L = mean of the losses < 0): ∂/∂gainᵢ = −1/(k_g L),
        // ∂/∂lossᵢ = G/(k_l L²).
        double[] gains = r.Where(x => x >= 0).ToArray(), losses = r.Where(x => x < 0).ToArray();
        double G = gains.Average(), L = losses.Average();
        var ratio = Check(risk, "GainLossRatio", r.ToList());
        Near(-G / L, ratio.Value, "GainLossRatio");
        NearAll(i => r[i] >= 0 ? -1 / (gains.Length * L) : G / (losses.Length * L * L), ratio.Gradient[0], "∂GainLossRatio/∂x");
    }

    [Fact]
    public void N01_KalmanFilter_MatchesCentralDifferences_AndOneStepByHand()
    {
        // Two observations, one update: s = 1 + q + r, v = y₁ − y₀, ℓ = −½(ln 2πs + v²/s); ∂ℓ/∂ln q = q ∂ℓ/∂s = −½ q (1/s − v²/s²), ln r the same with r.
        double lq = -0.5, lr = 0.2, q = Math.Exp(lq), rr = Math.Exp(lr), v = 0.8, s = 1 + q + rr, ds = -0.5 * ((1 / s) - (v * v / (s * s)));
        var g = Check("Natural.KalmanFilter", "LogLikelihood", lq, lr, new[] { 0.5, 1.3 }).Gradient;
        Near(q * ds, g[0]![0], "∂ℓ/∂ln q");
        Near(rr * ds, g[1]![0], "∂ℓ/∂ln r");
        Check("Natural.KalmanFilter", "LogLikelihood", lq, lr, new[] { 0.5, 1.3, 0.9, 1.7, 2.2, 1.8 });
    }

    [Fact]
    public void N02_SirEpidemic_MatchesCentralDifferences_AndTheLinearCaseByHand()
    {
        // β = 0: I′ = −γI, and RK4 multiplies I by ρ = 1 − h + h²/2 − h³/6 + h⁴/24 (h = γ dt) each day: Iₖ = i₀ρᵏ.
        // ∂L/∂γ = Σ 2eₖ i₀ k ρᵏ⁻¹ ρ′ with ρ′ = dt(−1 + h − h²/2 + h³/6); ∂L/∂i₀ = Σ 2eₖ ρᵏ.
        double gamma = 0.3, i0 = 0.05, dt = 0.5, hh = gamma * dt;
        double[] observed = { 0.04, 0.045, 0.03, 0.02 };
        double rho = 1 - hh + (hh * hh / 2) - (hh * hh * hh / 6) + (hh * hh * hh * hh / 24), drho = dt * (-1 + hh - (hh * hh / 2) + (hh * hh * hh / 6));
        double dGamma = 0, dI0 = 0;
        for (int k = 1; k <= observed.Length; k++)
        {
            double e = (i0 * Math.Pow(rho, k)) - observed[k - 1];
            dGamma += 2 * e * i0 * k * Math.Pow(rho, k - 1) * drho;
            dI0 += 2 * e * Math.Pow(rho, k);
        }
        var g = Check("Natural.SirEpidemic", "Loss", 0.0, gamma, i0, observed, dt).Gradient;
        Near(dGamma, g[1]![0], "∂L/∂γ");
        Near(dI0, g[2]![0], "∂L/∂i₀");
        Check("Natural.SirEpidemic", "Loss", 0.8, gamma, i0, observed, dt);
    }

    [Fact]
    public void N03_PoissonGlm_GradientAndHessian_ByHand()
    {
        // ℓ = Σ e^(ηᵢ) − yᵢηᵢ, η = Xβ: ∇ = Σ (e^(ηᵢ) − yᵢ) xᵢ, H = Σ e^(ηᵢ) xᵢxᵢᵀ.
        double[,] x = { { 1, 0.5 }, { 1, -0.3 }, { 1, 1.2 }, { 1, 0.1 } };
        int[] y = { 2, 1, 4, 1 };
        double[] beta = { 0.3, 0.6 };
        var grad = new double[2];
        var hess = new double[4];
        for (int i = 0; i < 4; i++)
        {
            double mu = Math.Exp((x[i, 0] * beta[0]) + (x[i, 1] * beta[1]));
            for (int j = 0; j < 2; j++)
            {
                grad[j] += (mu - y[i]) * x[i, j];
                for (int k = 0; k < 2; k++) hess[(2 * j) + k] += mu * x[i, j] * x[i, k];
            }
        }
        NearAll(j => grad[j], Check("Natural.PoissonGlm", "NegativeLogLikelihood", beta, x, y).Gradient[0], "∇ℓ");
        NearAll(j => hess[j], (double[])Probe("Glm", beta, x, y), "H");
    }

    [Fact]
    public void N04_SpringMassDamper_MatchesCentralDifferences_AndOneStepByHand()
    {
        // One step: v₁ = v + (−kp − cv)/m dt, p₁ = p + v₁dt, E = ½m|v₁|² + ½k|p₁|².
        // ∂E/∂c = (m v₁ + k p₁ dt)·(−v dt/m); ∂E/∂k = (m v₁ + k p₁ dt)·(−p dt/m) + ½|p₁|².
        float k = 4f, c = 0.6f, m = 2f, dt = 0.01f;
        Vector3 p = new(1f, -0.5f, 0.25f), v = new(0.3f, 0.8f, -0.2f);
        Vector3 v1 = v + ((-k * p) - (c * v)) / m * dt, p1 = p + (v1 * dt), w = (m * v1) + (k * dt * p1);
        double dc = Vector3.Dot(w, -v * dt / m), dk = Vector3.Dot(w, -p * dt / m) + (0.5 * p1.LengthSquared());
        var g = Check("Natural.SpringMassDamper", "EnergyAfter", k, c, p, v, m, 1).Gradient;
        Tolerance.AssertClose(dk, g[0]![0], 1e-4 * Math.Max(1, Math.Abs(dk)), "∂E/∂k");
        Tolerance.AssertClose(dc, g[1]![0], 1e-4 * Math.Max(1, Math.Abs(dc)), "∂E/∂c");
        Check("Natural.SpringMassDamper", "EnergyAfter", k, c, p, v, m, 20);
    }

    [Fact]
    public void N05_BezierLength_MatchesCentralDifferences_AndTwoChordsByHand()
    {
        // Two chords through M = B(½) = (P₀ + 3C₁ + 3C₂ + P₃)/8: L = |M − P₀| + |P₃ − M|, ∂L/∂C₁ = ∂L/∂C₂ = ⅜(u₁ − u₂),
        // with u₁, u₂ the chords' unit vectors.
        var type = T("Natural.Point2");
        object P(double px, double py) => Activator.CreateInstance(type, px, py)!;
        double[] p0 = { 0, 0 }, c1 = { 1, 2 }, c2 = { 3, 2.5 }, p3 = { 4, 0.5 };
        double[] mid = Enumerable.Range(0, 2).Select(j => (p0[j] + (3 * c1[j]) + (3 * c2[j]) + p3[j]) / 8).ToArray();
        double l1 = Math.Sqrt(((mid[0] - p0[0]) * (mid[0] - p0[0])) + ((mid[1] - p0[1]) * (mid[1] - p0[1])));
        double l2 = Math.Sqrt(((p3[0] - mid[0]) * (p3[0] - mid[0])) + ((p3[1] - mid[1]) * (p3[1] - mid[1])));
        double Slope(int j) => 3.0 / 8 * (((mid[j] - p0[j]) / l1) - ((p3[j] - mid[j]) / l2));
        var g = Check("Natural.BezierLength", "Length", P(c1[0], c1[1]), P(c2[0], c2[1]), P(p0[0], p0[1]), P(p3[0], p3[1]), 2).Gradient;
        NearAll(Slope, g[0], "∂L/∂C₁");
        NearAll(Slope, g[1], "∂L/∂C₂");
        Check("Natural.BezierLength", "Length", P(c1[0], c1[1]), P(c2[0], c2[1]), P(p0[0], p0[1]), P(p3[0], p3[1]), 16);
    }

    [Fact]
    public void N06_RobustLoss_EachKind_ByHand()
    {
        // r = y − (a x + b); ∂/∂a = −(1/n) Σ ψ(r) x, ∂/∂b = −(1/n) Σ ψ(r): ψ = r (squared), r or δ sign r (Huber), τ or τ − 1 (pinball).
        double a = 0.8, b = 0.13, delta = 0.5, tau = 0.3; // no residual at ±δ or 0, where Huber and pinball have kinks
        double[] xs = { -1, 0.5, 1.5, 2 }, ys = { -0.2, 0.9, 0.4, 2.5 };
        var kinds = T("Natural.LossKind");
        foreach (var (kind, psi) in new (string, Func<double, double>)[]
        {
            ("Squared", r => r),
            ("Huber", r => Math.Abs(r) <= delta ? r : delta * Math.Sign(r)),
            ("Pinball", r => r >= 0 ? tau : tau - 1),
        })
        {
            double da = 0, db = 0;
            for (int i = 0; i < xs.Length; i++) { double r = ys[i] - ((a * xs[i]) + b); da -= psi(r) * xs[i] / xs.Length; db -= psi(r) / xs.Length; }
            var g = Check("Natural.RobustLoss", "Total", a, b, xs, ys, Enum.Parse(kinds, kind), delta, tau).Gradient;
            Near(da, g[0]![0], kind + " ∂/∂slope");
            Near(db, g[1]![0], kind + " ∂/∂intercept");
        }
    }

    [Fact]
    public void N07_Portfolio_MatchesCentralDifferences_AndTheSoftmaxChainByHand()
    {
        // w = softmax(z), f = λ/2 wᵀΣw − μᵀw: g = ∂f/∂w = λΣw − μ, ∂f/∂zₖ = wₖ(gₖ − wᵀg); ∂f/∂λ = ½ wᵀΣw.
        double[] z = { 0.2, -0.1, 0.4 }, mu = { 0.05, 0.08, 0.12 };
        double[,] cov = { { 0.04, 0.01, 0.0 }, { 0.01, 0.09, 0.02 }, { 0.0, 0.02, 0.16 } };
        const double lambda = 3;
        double[] e = z.Select(v => Math.Exp(v)).ToArray(), w = e.Select(v => v / e.Sum()).ToArray();
        double[] sw = Enumerable.Range(0, 3).Select(i => Enumerable.Range(0, 3).Sum(j => cov[i, j] * w[j])).ToArray();
        double[] g = Enumerable.Range(0, 3).Select(i => (lambda * sw[i]) - mu[i]).ToArray();
        double wg = Enumerable.Range(0, 3).Sum(i => w[i] * g[i]);
        var result = Check("Natural.Portfolio", "Objective", z.ToList(), mu, cov, lambda).Gradient;
        NearAll(k => w[k] * (g[k] - wg), result[0], "∂f/∂z");
        Near(0.5 * Enumerable.Range(0, 3).Sum(i => w[i] * sw[i]), result[3]![0], "∂f/∂λ");
    }

    [Fact]
    public void N08_RaySphere_MatchesCentralDifferences_AndByHand()
    {
        // f = σ(s(R − d)), d = |q − c|, q = o + ((c − o)·u)u: ∂f/∂R = s f(1 − f); ∂f/∂c = s f(1 − f)(q − c)/d (the part of
        // ∂d/∂c along u cancels, since q − c ⟂ u).
        Vector3 o = new(0.5f, 0, 0), dir = new(1, 0.2f, 0), c = new(3, 1, 0.5f);
        float radius = 1, s = 2;
        Vector3 u = Vector3.Normalize(dir), q = o + (Vector3.Dot(c - o, u) * u);
        double d = Vector3.Distance(q, c), f = 1 / (1 + Math.Exp(-s * (radius - d))), slope = s * f * (1 - f);
        var g = Check("Natural.RaySphere", "SoftHit", o, dir, c, radius, s).Gradient;
        Vector3 toQ = (q - c) / (float)d;
        for (int j = 0; j < 3; j++) Tolerance.AssertClose(slope * toQ[j], g[2]![j], 1e-5, "∂f/∂c[" + j + "]");
        Tolerance.AssertClose(slope, g[3]![0], 1e-5, "∂f/∂R");
        // Behind the ray (along clamped to 0): q = o, and ∂f/∂c = s f(1 − f)(o − c)/|o − c|, ∂f/∂o its negative.
        Check("Natural.RaySphere", "SoftHit", o, -dir, c, radius, s);
    }

    [Fact]
    public void N09_LogisticGrowth_GradientAndForward_ByHand()
    {
        // N = K/D, D = 1 + (K − N₀)/N₀ E, E = e^(−rt): ∂N/∂K = 1/D − K E/(N₀D²), ∂N/∂r = K (K − N₀)/N₀ t E/D², ∂N/∂N₀ = K²E/(N₀²D²).
        double kk = 100, r = 0.5, n0 = 10;
        double[] times = { 1, 2, 4, 6 }, counts = { 15, 25, 55, 80 };
        double dK = 0, dR = 0, dN0 = 0;
        for (int i = 0; i < times.Length; i++)
        {
            double e = Math.Exp(-r * times[i]), d = 1 + ((kk - n0) / n0 * e), err = (kk / d) - counts[i];
            dK += 2 * err * ((1 / d) - (kk * e / (n0 * d * d)));
            dR += 2 * err * kk * (kk - n0) / n0 * times[i] * e / (d * d);
            dN0 += 2 * err * kk * kk * e / (n0 * n0 * d * d);
        }
        var g = Check("Natural.LogisticGrowth", "SquaredError", kk, r, n0, times, counts).Gradient;
        Near(dK, g[0]![0], "∂/∂K");
        Near(dR, g[1]![0], "∂/∂r");
        Near(dN0, g[2]![0], "∂/∂N₀");
        Near((0.5 * dK) - dR + (2 * dN0), (double)Probe("Growth", kk, r, n0, times, counts, 0.5, -1.0, 2.0), "MForward along (½, −1, 2)");
    }

    [Fact]
    public void N10_VasicekBond_MatchesCentralDifferences_AndByHand()
    {
        // P = exp(A − B r₀), B = (1 − e^(−aT))/a, A = (b − σ²/(2a²))(B − T) − σ²B²/(4a): ∂P/∂r₀ = −BP, ∂P/∂b = (B − T)P, ∂P/∂σ = P(−σ/a² (B − T) − σB²/(2a)).
        double r0 = 0.03, a = 0.4, b = 0.05, sigma = 0.02, t = 5;
        double bb = (1 - Math.Exp(-a * t)) / a, aa = ((b - (sigma * sigma / (2 * a * a))) * (bb - t)) - (sigma * sigma * bb * bb / (4 * a)), p = Math.Exp(aa - (bb * r0));
        var g = Check("Natural.VasicekBond", "Price", r0, a, b, sigma, t).Gradient;
        Near(-bb * p, g[0]![0], "∂P/∂r₀");
        Near((bb - t) * p, g[2]![0], "∂P/∂b");
        Near(p * ((-sigma / (a * a) * (bb - t)) - (sigma * bb * bb / (2 * a))), g[3]![0], "∂P/∂σ");
        Check("Natural.VasicekBond", "CalibrationError", r0, a, b, sigma, new[] { 1.0, 3, 5, 10 }, new[] { 0.97, 0.9, 0.84, 0.7 });
    }
}
