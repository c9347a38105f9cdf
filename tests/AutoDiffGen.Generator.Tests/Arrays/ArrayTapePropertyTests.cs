using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Random loop methods that pass local arrays to [Differentiable] helpers and change them after each call: a helper
/// that reads the array (the reverse sweep needs a copy of what it saw), one that writes every element first (a spare
/// array), one that reads and writes it (a copy of what it was passed). In loops, in branches and inner loops of them,
/// on arrays made once or per iteration (a length that changes between iterations), and after the loop (outside every
/// loop). Copies and spares taken in loops go on a per-site <c>ArrayTape</c> (contents or length pushed, popped into one
/// array per site: Differentiation/Differentiator.Arrays); outside loops they stay a clone and a kept spare. Every
/// Backward must match central differences (the helpers are nonlinear in the array, so a wrong copy is a wrong
/// gradient) and both sides are drawn. One program in six also passes a Span parameter it writes to a helper, which must
/// be an ADG0003 at that argument with no code. AUTODIFFGEN_ARRAYTAPE_COUNT sets how many programs (default 60).
/// </summary>
public class ArrayTapePropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private static string K(Random r) => (0.1 + 0.4 * r.NextDouble()).ToString("0.0##", CultureInfo.InvariantCulture);

    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Tapes
        {
            [Differentiable] public static double Sum2(ReadOnlySpan<double> v)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++) s += v[i] * v[i] * 0.3 + Math.Sin(v[i]);
                return s;
            }

            [Differentiable] public static void Fill(int n, ReadOnlySpan<double> x, double c, double[] o)
            {
                for (int i = 0; i < n; i++) o[i] = x[i % x.Length] * c + Math.Sin(x[(i + 1) % x.Length]);
            }

            [Differentiable] public static void Mix(int n, double[] o, double c)
            {
                for (int i = 0; i < n; i++) o[i] = Math.Sin(o[i]) * (1 + c * o[(i + 1) % n]);
            }

        """;

    [Fact]
    public void CopiesAndSparesInLoops_OnArrayTapes_MatchCentralDifferences()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_ARRAYTAPE_COUNT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 60;
        var random = new Random(20261203);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad));
        int diagnosed = all.Count - clean.Count;

        var run = GeneratorHarness.RunForLoad(ProgramBatch.Source(Header, clean.Select(p => p.Text)));
        Assert.True(run.Diagnostics.IsEmpty && run.Exceptions.IsEmpty && !run.CompileDiagnostics.Any(d => d.Location.SourceTree?.FilePath != "User0.cs"), run.Dump());
        var type = GeneratorHarness.Load(run).GetType("Tapes")!;
        int points = 0, onTape = 0, cloned = 0, spareOnTape = 0, spareKept = 0;
        foreach (var p in clean)
        {
            string generated = run.Generated.First(kv => kv.Key.Contains("Tapes." + p.Name + "_", StringComparison.Ordinal)).Value;
            if (generated.Contains(".Arrays<double>(", StringComparison.Ordinal)) onTape++;
            if (generated.Contains(".Clone()", StringComparison.Ordinal)) cloned++;
            if (generated.Contains(".PushLength(", StringComparison.Ordinal)) spareOnTape++;
            if (generated.Contains("SpareKept", StringComparison.Ordinal)) spareKept++;
            var method = type.GetMethod(p.Name, BindingFlags.Public | BindingFlags.Static)!;
            foreach (int m in new[] { 1, 3 })
            {
                var a = Enumerable.Range(0, 3).Select(_ => Math.Round(random.NextDouble() * 1.6 - 0.8, 3)).ToArray();
                try
                {
                    CentralDifferenceRunner.Check(method, null, new object[] { a, 0.2 + 0.5 * random.NextDouble(), m });
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(p.Name + " at m = " + m + ": " + e.Message + "\n" + p.Text + "\n" + generated);
                }
                points++;
            }
        }
        output.WriteLine($"{count} programs: {clean.Count} generated ({onTape} with array tapes, {cloned} with clones, {spareOnTape} spares on a tape, {spareKept} kept), {points} points, {diagnosed} diagnosed");
        Assert.True(diagnosed >= count / 8 && clean.Count >= count * 3 / 4 && points == 2 * clean.Count);
        // Both sides: copies and spares in loops on tapes, and outside loops as clones and kept spares.
        Assert.True(onTape >= count / 3 && cloned >= count / 8 && spareOnTape >= count / 8 && spareKept >= count / 15,
            $"tapes {onTape}, clones {cloned}, spares on tapes {spareOnTape}, kept spares {spareKept}");
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Change(string array, string k = "k") => random.Next(3) switch
        {
            0 => array + "[0] = " + array + "[0] * c + s * " + K(random) + ";",
            1 => "for (int i = 0; i < " + array + ".Length; i++) " + array + "[i] = " + array + "[i] * " + K(random) + " + a[i % a.Length] * " + k + ";",
            _ => array + "[" + array + ".Length - 1] = Math.Cos(" + array + "[0]) + c * " + k + ";",
        };

        string Call(string array, string k = "k") => random.Next(3) switch
        {
            0 => "s += Sum2(" + array + ") * " + K(random) + ";",
            1 => "Fill(" + array + ".Length, a, c + " + K(random) + " * " + k + ", " + array + ");",
            _ => "Mix(" + array + ".Length, " + array + ", c * " + K(random) + ");",
        };

        // One statement of the loop body: a call, then a change of the array it was passed (so a copy is needed).
        string Statement(int depth)
        {
            switch (random.Next(depth > 0 ? 6 : 4))
            {
                case 0:
                case 1:
                    return Call("t") + " " + Change("t");
                case 2:
                    // An array of its own per iteration, whose length changes between iterations.
                    return "{ double[] u = new double[1 + k % 3]; for (int i = 0; i < u.Length; i++) u[i] = a[i % a.Length] * c + k; "
                        + Call("u") + " " + Change("u") + " s += u[0] * " + K(random) + "; }";
                case 3:
                    return "if (k % 2 == " + random.Next(2) + ") { " + Call("t") + " } else { " + Change("t") + " } s += t[0] * t[1] * " + K(random) + ";";
                case 4:
                    return "for (int j = 0; j < 2; j++) { " + Statement(depth - 1) + " }";
                default:
                    return "if (s > " + K(random) + ") { " + Statement(depth - 1) + " }";
            }
        }

        var text = new StringBuilder();
        string parameters = outside ? "double[] a, double c, int m, Span<double> w" : "double[] a, double c, int m";
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append('(').Append(parameters).Append(")\n    {\n");
        text.Append("        double s = c; double[] t = new double[a.Length]; for (int i = 0; i < t.Length; i++) t[i] = a[i] * c;\n");
        text.Append("        for (int k = 0; k < m; k++)\n        {\n");
        for (int i = 0, statements = 1 + random.Next(3); i < statements; i++) text.Append("            ").Append(Statement(1)).Append('\n');
        string? bad = null;
        if (outside)
        {
            bad = "w";
            text.Append("            w[0] = w[0] * c; s += Sum2(w);\n");
        }
        text.Append("        }\n");
        // After the loop: outside every loop, a copy is a clone and a spare is kept in its local.
        if (random.Next(2) == 0) text.Append("        ").Append(Call("t", "2")).Append(' ').Append(Change("t", "2")).Append('\n');
        text.Append("        return s + t[0] * t[t.Length - 1] * ").Append(K(random)).Append(";\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
