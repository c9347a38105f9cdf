namespace AutoDiffGen.Generator.Tests.Corpus;

/// <summary>
/// Where to sample each corpus method. Most methods need nothing here: points are drawn from a few default
/// intervals in turn and those where the method throws or is not finite are skipped. Entries below only
/// steer methods whose useful domain the defaults would miss, or fix an integer argument.
/// </summary>
public static class CorpusDomains
{
    /// <summary>Intervals tried in order for a real parameter with no entry.</summary>
    public static readonly (double Lo, double Hi)[] Default = [(0.2, 3.0), (0.05, 0.95), (-3.0, 3.0), (3.0, 40.0)];

    /// <summary>Per "Class.Method.parameter" (or "Class.Method" for all its real parameters): the interval to use.</summary>
    public static readonly Dictionary<string, (double Lo, double Hi)> Real = new(StringComparer.Ordinal)
    {
        ["Normal.Bivariate.rho"] = (-0.8, 0.8),
        ["Normal.BivariateComplemented.rho"] = (-0.8, 0.8),
        ["AdvancedMath.EllipticK"] = (0.05, 0.9),
        ["AdvancedMath.EllipticE"] = (0.05, 0.9),
        ["AdvancedMath.EllipticPi.k"] = (0.05, 0.9),
        ["AdvancedMath.EllipticPi.n"] = (0.05, 0.9),
        ["AdvancedMath.EllipticNome"] = (0.05, 0.9),
        // The series converges only for x < 1; beyond it the method itself never returns.
        ["Beta.PowerSeries.x"] = (0.05, 0.95),
        // hunt13 (Natural/Batch/X14_hunt13.cs): market inputs where the methods' Newton iterations converge. Beyond them the
        // iterates overflow (par rates of 50-240 % drive the bootstrap's discount factor to 0 and its step to ∞; a price below
        // the call's intrinsic value drives the vol to its floor with vega = 0), the value stays finite, and the reverse sweep
        // gives NaN = 0·∞ as any reverse mode does (docs/supported.md, "What is left, by design").
        ["Finance13.BootstrapBondPrice.parRates"] = (0.005, 0.08),
        ["Finance13.ImpliedVol.price"] = (0.08, 0.3),
        ["Finance13.ImpliedVol.spot"] = (0.95, 1.05),
    };

    /// <summary>Value of an integer parameter by name ("Class.Method.parameter" first, then the bare name).</summary>
    public static int Integer(string key, string parameter) =>
        IntegerByKey.TryGetValue(key, out var v) ? v : IntegerByName.TryGetValue(parameter, out v) ? v : 2;

    private static readonly Dictionary<string, int> IntegerByKey = new(StringComparer.Ordinal)
    {
        ["Special.Polevl.n"] = 4,
        ["Special.P1evl.n"] = 3,
        ["Gamma.Log.p"] = 2,
        ["Modular.Distance.modulo"] = 5,
        // Clad's issue-1941 reads c[i * 2 + 1] and c[i * n + j] of a five-element array.
        ["CladRegressions.nested_products.i"] = 1,
        ["CladRegressions.mixed_div.i"] = 1,
        ["CladRegressions.multi_var.n"] = 2,
    };

    private static readonly Dictionary<string, int> IntegerByName = new(StringComparer.Ordinal)
    {
        ["n"] = 3, ["k"] = 1, ["m"] = 1, ["p"] = 2, ["order"] = 2, ["ell"] = 3, ["l"] = 3, ["dimensions"] = 2,
    };

    /// <summary>Length of every real array argument (Polevl's coefficients need n + 1 of them).</summary>
    public const int ArrayLength = 5;
}
