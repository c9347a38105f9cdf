using System.Globalization;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Random <c>Forward = true</c> programs over a local array of tuples of reals (named <c>(double W, double C)[]</c> or
/// unnamed): made from constants and differentiated values (an initializer, or sized and filled in a loop), updated in a
/// loop over its elements (whole elements from a tuple literal or another element, member stores and compound stores,
/// branches on its members, an element deconstructed or kept in a tuple local), then read by <c>foreach (var (w, c) in a)</c>,
/// <c>foreach (var p in a)</c>, a discard, or by index. Every program inside support must generate cleanly and its
/// Backward and Forward match central differences (<see cref="ForwardPrograms"/>); one in six adds a construct just outside
/// (a second name for the array, the array passed to a plain helper, a ref local to an element, a store inside an
/// expression), which must be an ADG error exactly there, and no code. AUTODIFFGEN_LOCAL_TUPLE_ARRAY_COUNT changes the run.
/// </summary>
public class LocalTupleArrayPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;
        public static partial class Drawn
        {
            public static double Plain((double, double)[] b) => b[0].Item1;

        """;

    [Fact]
    public void RandomPrograms_MatchCentralDifferences_OrAreDiagnosedAtTheConstruct()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_LOCAL_TUPLE_ARRAY_COUNT", 60);
        var random = new Random(20261205);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), i % 6 == 5)).ToList();
        ForwardPrograms.JudgeAndCheck(Header, "Drawn", all, random, output.WriteLine, "ADG0002,ADG0003,ADG0007");
    }

    private static (string Name, string Text, string? Bad) Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        bool named = random.Next(2) == 0;
        string w = named ? "W" : "Item1", c = named ? "C" : "Item2", type = named ? "(double W, double C)" : "(double, double)";
        var body = new System.Text.StringBuilder();
        body.Append("    [Differentiable(Forward = true)] public static double ").Append(name).Append("(double x, double y, int k)\n    {\n        double s = 0;\n");
        body.Append("        ").Append(random.Next(3) switch
        {
            0 => "var a = new " + type + "[] { (1.0, 0.5), (x, 2 * x), (y, -0.3) };",
            1 => type + "[] a = { (x, y), (0.5, x * y) };",
            _ => "var a = new " + type + "[k + 1];\n        for (int i = 0; i < a.Length; i++) a[i] = (x * (i + 1), y - 0.2 * i);",
        }).Append('\n');
        body.Append("        for (int i = 0; i < a.Length; i++)\n        {\n");
        string? bad = ProgramBatch.AppendStatements(body, random, outside,
            () => Pick("a[i]." + c + " += x * a[i]." + w + ";", "a[i] = (a[i]." + c + ", Math.Sin(a[i]." + w + "));",
                "if (a[i]." + w + " > 0) a[i]." + c + " *= 0.5; else a[i]." + w + " -= 0.1 * y;", "s += a[i]." + w + " * a[i]." + c + ";",
                "a[(i + 1) % a.Length] = a[i];", "a[i].Item1 = a[i].Item2 * y;", "{ var (p, q) = a[i]; s += p * Math.Exp(0.1 * q); }",
                "{ var t = a[i]; s += t." + w + " - t." + c + " * x; }", "a[i]." + w + "++;", "a[i] = (Math.Tanh(a[i]." + w + " + a[i]." + c + "), 0.5 * a[i]." + w + ");"),
            () => random.Next(4) switch
            {
                0 => ("a", "{ var b = a; s += b[0].Item1; }"),
                1 => ("a", "s += Plain(a);"),
                2 => ("a", "{ ref " + type + " e = ref a[i]; e.Item1 += y; }"),
                _ => ("a[i]." + c + " = 2", "s += a[i]." + c + " = 2;"),
            });
        body.Append("        }\n");
        body.Append("        ").Append(Pick("foreach (var (w, c) in a) s += w * Math.Exp(c * x);", "foreach (var p in a) s += p." + w + " * p." + c + ";",
            "foreach ((double w, _) in a) s += w * w;", "for (int i = 0; i < a.Length; i++) s += a[i]." + c + ";")).Append('\n');
        body.Append("        return s;\n    }\n");
        return (name, body.ToString(), bad);
    }
}
