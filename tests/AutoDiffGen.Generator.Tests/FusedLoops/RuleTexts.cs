using AutoDiffGen.Generator.Tests.Infrastructure;

namespace AutoDiffGen.Generator.Tests.FusedLoops;

/// <summary>
/// The by-hand tests of the fused-loop rules (walked-back counters, shared pops, taken steps) compile one source and read
/// each method's Backward text to see whether its rule fired; this is that shared step.
/// </summary>
internal static class RuleTexts
{
    /// <summary>Generates and compiles <paramref name="source"/> (clean, or it throws), and returns the type and each named method's Backward text.</summary>
    public static (Type Type, Dictionary<string, string> Texts) Compile(string source, string typeName, IEnumerable<string> names)
    {
        var run = GeneratorHarness.RunForLoad(source);
        run.AssertClean();
        string all = string.Concat(run.Generated.Values);
        var texts = names.ToDictionary(n => n, n => Backward(all, n));
        return (GeneratorHarness.Load(run).GetType(typeName)!, texts);
    }

    /// <summary>The method's text from its Backward's signature to the next Backward's.</summary>
    public static string Backward(string text, string name)
    {
        int at = text.IndexOf(" " + name + "Backward(", StringComparison.Ordinal);
        int next = text.IndexOf("Backward(", at + name.Length + 10, StringComparison.Ordinal);
        return next < 0 ? text[at..] : text[at..next];
    }
}
