using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Natural;

/// <summary>
/// The eleventh round (round25, Natural/EleventhAttempts/Library): 33 functions (27 build, 6 refused) copied word for word from parts of
/// USACE-RMC/Numerics no earlier round took (its Bessel functions, its hydrological goodness-of-fit measures, Box–Cox and
/// Pearson's correlation; extracted by Corpus/Tools/extract.py with heldout8.json, [Differentiable] added before each method
/// returning a real, bodies untouched). All are compiled in ONE compilation (each file its own syntax tree):
/// <see cref="Expected"/> pins the ids each file gets, and the methods that build are checked against central differences
/// and a hand-derived value at points where the hand values are non-zero and distinct. docs/corpus.md records the round.
/// </summary>
public class EleventhAttemptTests(ITestOutputHelper output)
{
    /// <summary>The ids each file gets as first written; "" is a clean build.</summary>
    public static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["Library/Rmc.Bessel"] = "",
        // LogLikelihood's guard 'if (!CanFitLambda(values) || …)' passes the list to a private bool helper: ADG0016 at
        // 'values' (the helper's parameter would need [NoDiff], which a word-for-word copy cannot add). Transform,
        // InverseTransform and LogJacobian build.
        ["Library/Rmc.BoxCox"] = "ADG0016",
        ["Library/Rmc.Correlation"] = "",
        // NashSutcliffeEfficiency, LogNashSutcliffeEfficiency and the three IndexOfAgreement forms call the plain helper
        // Statistics.Mean(IList<double> data), which indexes its parameter (data[i], data.Count): ADG0004 at the call, saying to
        // declare it double[] or read it as a sequence. The other eleven measures build.
        ["Library/Rmc.GoodnessOfFit"] = "ADG0004",
        ["Library/Rmc.Statistics"] = "",
        ["Library/Rmc.Tools"] = "",
    };

    private static string Directory => Path.Combine(AppContext.BaseDirectory, "Natural", "EleventhAttempts");

    private static readonly string[] Names =
        System.IO.Directory.GetFiles(Directory, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Directory, f).Replace('\\', '/'))
            .Select(f => f[..^3]).OrderBy(n => n, StringComparer.Ordinal).ToArray();

    /// <summary>Every file in one run: file i of <see cref="Names"/> is User(i + 1).cs.</summary>
    private static readonly Lazy<GeneratorOutput> Run = new(() =>
        GeneratorHarness.Run(new[] { NaturalSource.ImplicitUsings }.Concat(Names.Select(n => File.ReadAllText(Path.Combine(Directory, n + ".cs")))).ToArray()));

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
    public void LibraryCopies_GetWhatTheTableSays_InOneCompilation()
    {
        var run = Run.Value;
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        Assert.Equal(Expected.Keys.OrderBy(k => k, StringComparer.Ordinal), Names);
        var got = Names.ToDictionary(n => n, n => string.Join(",", DiagnosticsOf(n).Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal)));
        foreach (var n in Names)
            foreach (var d in DiagnosticsOf(n))
                output.WriteLine(n + ": " + d.Id + " '" + d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) + "' " + d.GetMessage());
        var wrong = Names.Where(n => got[n] != Expected[n]).Select(n => n + ": got '" + got[n] + "', table '" + Expected[n] + "'").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong) + "\n" + run.Dump());
        // Of the 33 marked methods, exactly the six refused ones have no Backward.
        var refused = Loaded.Value.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.CustomAttributes.Any(a => a.AttributeType.Name == "DifferentiableAttribute") && !m.DeclaringType!.GetMethods().Any(b => b.Name == m.Name + "Backward"))
            .Select(m => m.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { "IndexOfAgreement", "LogLikelihood", "LogNashSutcliffeEfficiency", "ModifiedIndexOfAgreement", "NashSutcliffeEfficiency", "RefinedIndexOfAgreement" }, refused);
    }

    private static Type T(string type) => Loaded.Value.GetType(type) ?? throw new InvalidOperationException("no " + type);

    private static MethodInfo Method(string type, string name) =>
        T(type).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Single(m => m.Name == name && m.CustomAttributes.Any(a => a.AttributeType.Name == "DifferentiableAttribute"));

    private static CentralDifferenceRunner.Result Check(string type, string name, params object[] point) =>
        CentralDifferenceRunner.Check(Method(type, name), null, point);

    private static double Call(string type, string name, params object[] args) => (double)Method(type, name).Invoke(null, args)!;

    private static void Near(double expected, double actual, string what) => Tolerance.AssertFormula(expected, actual, what);

    private static void NearAll(Func<int, double> expected, double[]? actual, string what)
    {
        Assert.NotNull(actual);
        for (int i = 0; i < actual!.Length; i++) Near(expected(i), actual[i], what + "[" + i + "]");
    }

    private const string Bessel = "Numerics.Mathematics.SpecialFunctions.Bessel";

    private static double B(string name, double x) => Call(Bessel, name, x);

    private static double Bn(string name, int n, double x) => Call(Bessel, name, n, x);

    /// <summary>
    /// The library's fits (Numerical Recipes' polynomial and rational approximations, |error| ≲ 1e-7) are not exactly the
    /// functions whose identities the hand values use, and their slopes differ from the exact ones by a little more: 2e-5
    /// relative to the larger of 1 and the value (a derivative returning 0 or the function's value misses by far more).
    /// </summary>
    private static void NearFit(double expected, double actual, string what) =>
        Tolerance.AssertClose(expected, actual, 2e-5 * Math.Max(1, Math.Abs(expected)), what);

    [Fact]
    public void RmcBessel_MatchCentralDifferences_AndTheRecurrenceIdentities()
    {
        // x on both sides of each fit's break (3.75 for I and K's polynomials, 8 for J and Y's rational forms); n = 3.
        foreach (double x in new[] { 1.7, 5.3, 9.1 })
        {
            // I0' = I1, I1' = I0 − I1/x, In' = (I_{n−1} + I_{n+1})/2.
            NearFit(B("I1", x), Check(Bessel, "I0", x).Gradient[0]![0], "I0'(" + x + ")");
            NearFit(B("I0", x) - (B("I1", x) / x), Check(Bessel, "I1", x).Gradient[0]![0], "I1'(" + x + ")");
            NearFit((Bn("In", 2, x) + Bn("In", 4, x)) / 2, Check(Bessel, "In", 3, x).Gradient[1]![0], "I3'(" + x + ")");
            // K0' = −K1, K1' = −K0 − K1/x, Kn' = −(K_{n−1} + K_{n+1})/2.
            NearFit(-B("K1", x), Check(Bessel, "K0", x).Gradient[0]![0], "K0'(" + x + ")");
            NearFit(-B("K0", x) - (B("K1", x) / x), Check(Bessel, "K1", x).Gradient[0]![0], "K1'(" + x + ")");
            NearFit(-(Bn("Kn", 2, x) + Bn("Kn", 4, x)) / 2, Check(Bessel, "Kn", 3, x).Gradient[1]![0], "K3'(" + x + ")");
            // J0' = −J1, J1' = J0 − J1/x, Jn' = (J_{n−1} − J_{n+1})/2; the same for Y.
            NearFit(-B("J1", x), Check(Bessel, "J0", x).Gradient[0]![0], "J0'(" + x + ")");
            NearFit(B("J0", x) - (B("J1", x) / x), Check(Bessel, "J1", x).Gradient[0]![0], "J1'(" + x + ")");
            NearFit((Bn("Jn", 2, x) - Bn("Jn", 4, x)) / 2, Check(Bessel, "Jn", 3, x).Gradient[1]![0], "J3'(" + x + ")");
            NearFit(-B("Y1", x), Check(Bessel, "Y0", x).Gradient[0]![0], "Y0'(" + x + ")");
            NearFit(B("Y0", x) - (B("Y1", x) / x), Check(Bessel, "Y1", x).Gradient[0]![0], "Y1'(" + x + ")");
            NearFit((Bn("Yn", 2, x) - Bn("Yn", 4, x)) / 2, Check(Bessel, "Yn", 3, x).Gradient[1]![0], "Y3'(" + x + ")");
        }
    }

    private const string Fit = "Numerics.Data.Statistics.GoodnessOfFit";
    private static readonly double[] Obs = { 1.2, 2.9, 2.1, 4.4, 3.3 }, Mod = { 1.5, 2.6, 2.4, 3.9, 3.6 };

    [Fact]
    public void RmcGoodnessOfFit_MatchCentralDifferences_AndHandValues()
    {
        int n = Obs.Length;
        double sse = Obs.Select((o, i) => (Mod[i] - o) * (Mod[i] - o)).Sum();
        // MSE = Σ(m − o)²/n: ∂/∂mᵢ = 2(mᵢ − oᵢ)/n = −∂/∂oᵢ; RMSE = √MSE: (mᵢ − oᵢ)/(n RMSE).
        var mse = Check(Fit, "MSE", Obs.ToList(), Mod.ToList());
        NearAll(i => 2 * (Mod[i] - Obs[i]) / n, mse.Gradient[1], "∂MSE/∂m");
        NearAll(i => -2 * (Mod[i] - Obs[i]) / n, mse.Gradient[0], "∂MSE/∂o");
        double rmse = Math.Sqrt(sse / n);
        NearAll(i => (Mod[i] - Obs[i]) / (n * rmse), Check(Fit, "RMSE", Obs.ToList(), Mod.ToList(), 0).Gradient[1], "∂RMSE/∂m");
        // MAE = Σ|m − o|/n: sign(mᵢ − oᵢ)/n.
        NearAll(i => Math.Sign(Mod[i] - Obs[i]) / (double)n, Check(Fit, "MAE", Obs.ToList(), Mod.ToList()).Gradient[1], "∂MAE/∂m");
        // PBIAS = 100 Σ(m − o)/Σo: ∂/∂mᵢ = 100/Σo, ∂/∂oᵢ = −100/Σo − 100 Σ(m − o)/(Σo)².
        double so = Obs.Sum(), sd = Mod.Sum() - so;
        var pbias = Check(Fit, "PBIAS", Obs.ToList(), Mod.ToList());
        NearAll(_ => 100 / so, pbias.Gradient[1], "∂PBIAS/∂m");
        NearAll(_ => (-100 / so) - (100 * sd / (so * so)), pbias.Gradient[0], "∂PBIAS/∂o");
        // MAPE = 100/n Σ|(o − m)/o|: ∂/∂mᵢ = 100/n · sign(mᵢ − oᵢ)/|oᵢ|.
        NearAll(i => 100.0 / n * Math.Sign(Mod[i] - Obs[i]) / Math.Abs(Obs[i]), Check(Fit, "MAPE", Obs.ToList(), Mod.ToList()).Gradient[1], "∂MAPE/∂m");
        // Every other measure against central differences (each at the same point: all are smooth there).
        foreach (var name in new[] { "sMAPE", "KlingGuptaEfficiency", "KlingGuptaEfficiencyMod", "RSR", "RSquared", "VolumetricEfficiency" })
        {
            var args = new List<object> { Obs.ToList(), Mod.ToList() };
            var m = Method(Fit, name);
            args.AddRange(m.GetParameters().Skip(2).Select(p => p.DefaultValue!));
            var g = CentralDifferenceRunner.Check(m, null, args.ToArray());
            Assert.Contains(g.Gradient[1]!, v => v != 0);
        }
    }

    [Fact]
    public void RmcBoxCoxAndPearson_MatchCentralDifferences_AndHandValues()
    {
        const string boxCox = "Numerics.Data.Statistics.BoxCox";
        double x = 2.3, lambda = 0.4;
        // T = (x^λ − 1)/λ: ∂T/∂x = x^(λ−1), ∂T/∂λ = (λ x^λ ln x − (x^λ − 1))/λ².
        var t = Check(boxCox, "Transform", x, lambda).Gradient;
        Near(Math.Pow(x, lambda - 1), t[0]![0], "∂T/∂x");
        Near(((lambda * Math.Pow(x, lambda) * Math.Log(x)) - (Math.Pow(x, lambda) - 1)) / (lambda * lambda), t[1]![0], "∂T/∂λ");
        // T⁻¹ = (yλ + 1)^(1/λ): ∂/∂y = (yλ + 1)^(1/λ − 1).
        Near(Math.Pow((x * lambda) + 1, (1 / lambda) - 1), Check(boxCox, "InverseTransform", x, lambda).Gradient[0]![0], "∂T⁻¹/∂y");
        double[] values = { 1.4, 2.2, 0.7, 3.1 };
        // LogJacobian = Σ (λ − 1) ln xᵢ over positive values (checked by central differences; LogLikelihood is refused).
        Check(boxCox, "LogJacobian", values.ToList(), lambda);

        // r = Sxy/√(Sxx Syy): ∂r/∂xᵢ = (yᵢ − ȳ)/√(Sxx Syy) − r (xᵢ − x̄)/Sxx.
        double mx = Obs.Average(), my = Mod.Average();
        double sxx = Obs.Sum(o => (o - mx) * (o - mx)), syy = Mod.Sum(m => (m - my) * (m - my)), sxy = Obs.Select((o, i) => (o - mx) * (Mod[i] - my)).Sum();
        double r = sxy / Math.Sqrt(sxx * syy);
        NearAll(i => ((Mod[i] - my) / Math.Sqrt(sxx * syy)) - (r * (Obs[i] - mx) / sxx), Check("Numerics.Data.Statistics.Correlation", "Pearson", Obs.ToList(), Mod.ToList()).Gradient[0], "∂r/∂x");
    }
}
