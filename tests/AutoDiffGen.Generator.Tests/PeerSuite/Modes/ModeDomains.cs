namespace AutoDiffGen.Generator.Tests.PeerSuite.Modes;

/// <summary>
/// Where to sample the translated mode sources. Points come from <see cref="Corpus.CorpusDomains.Default"/>'s
/// intervals in turn; entries here only fix what the defaults would miss (an array's length where the peer's test
/// reads a fixed number of elements, an integer argument).
/// </summary>
public static class ModeDomains
{
    /// <summary>Per "Class.Method.parameter" (or "Class.Method"): the interval to draw reals from.</summary>
    public static readonly Dictionary<string, (double Lo, double Hi)> Real = new(StringComparer.Ordinal)
    {
    };

    /// <summary>Per "Class.Method": the length of its array arguments (else <see cref="ArrayLength"/>).</summary>
    public static readonly Dictionary<string, int> Lengths = new(StringComparer.Ordinal)
    {
        ["Hessians.ManyDirections"] = 4,
        ["HessianCalls.F0Inner"] = 5,
        ["HessianCalls.F0Outer"] = 5,
    };

    /// <summary>The peer's arrays are mostly double[2] or double[3]; a method reading more elements has an entry above.</summary>
    public const int ArrayLength = 3;

    /// <summary>Value of an integer parameter: "Class.Method.parameter" first, then the bare name, else 3.</summary>
    public static int Integer(string key, string parameter) =>
        IntegerByKey.TryGetValue(key, out var v) ? v : IntegerByName.TryGetValue(parameter, out v) ? v : 3;

    private static readonly Dictionary<string, int> IntegerByKey = new(StringComparer.Ordinal)
    {
        // Sections that fall through into others (goto case), rather than the default alone.
        ["Fallthrough.Fn1.count"] = 1, ["Fallthrough.Returning.k"] = 0,
    };

    private static readonly Dictionary<string, int> IntegerByName = new(StringComparer.Ordinal)
    {
        ["n"] = 3, ["y"] = 3, ["k"] = 1,
    };
}
