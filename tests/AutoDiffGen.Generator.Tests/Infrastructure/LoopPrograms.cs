using System.Text;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>The random loop methods of the 2026-12-03 tape property tests: one shape, each test its own statements.</summary>
internal static class LoopPrograms
{
    /// <summary>The just-outside statement some programs hold, and the text its ADG0003 points at.</summary>
    public const string Outside = "{ if (s * c is double d) s += d * c; }", OutsideAt = "double d";

    /// <summary>
    /// <c>double name(double[] a, double c, int m)</c> up to the end of its loop: <paramref name="before"/> (whole lines),
    /// then <c>for (int i = 0; i &lt; m; i++)</c> holding <paramref name="top"/>, <paramref name="statements"/> statements
    /// drawn by <paramref name="statement"/> (with <see cref="Outside"/> at a random place when <paramref name="outside"/>)
    /// and <paramref name="after"/>. The caller appends what follows the loop and the closing brace.
    /// </summary>
    public static StringBuilder Method(string name, string before, string top, int statements, bool outside, Random random, Func<string> statement, string after = "")
    {
        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double[] a, double c, int m)\n    {\n");
        text.Append(before);
        text.Append("        for (int i = 0; i < m; i++)\n        {\n");
        if (top.Length > 0) text.Append("            ").Append(top).Append('\n');
        int badAt = outside ? random.Next(statements) : -1;
        for (int k = 0; k < statements; k++)
        {
            if (k == badAt) text.Append("            ").Append(Outside).Append('\n');
            text.Append("            ").Append(statement()).Append('\n');
        }
        text.Append(after);
        text.Append("        }\n");
        return text;
    }
}
