using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Soundness;

/// <summary>
/// Broken builds: a loop body's local initialised to a constant and used only as a counter, flag or index (an inner
/// <c>while</c> that finds a place, a flag set in an inner loop, an accumulator, a count before a <c>do</c>, an index
/// found before a <c>break</c>, an argmax, a list's insertion point) was declared again in MBackward's reverse loop and
/// never read there: CS0219, an error with warnings as errors (SortedSum on main). Random programs of such bodies, in
/// every mode (a list, which Hessian mode does not follow, only in MBackward and MForward), compiled with every warning
/// an error (<see cref="ProgramBatch.Judge"/>), then checked at three points (<see cref="ModeChecks"/>). Some take y as
/// [NoDiff], so that their MBackward is the carried form. Just outside: a list sorted in place, ADG0003 at the call.
/// AUTODIFFGEN_UNUSED_LOCALS_COUNT runs more (60 in CI; 400 locally).
/// </summary>
public class UnusedLocalsPropertyTests(ITestOutputHelper output)
{
    internal const string Header = """
        using System;
        using System.Collections.Generic;
        using AutoDiffGen;

        public static partial class Locals
        {

        """;

    private sealed record Program(string Name, string Text, string? Bad, bool AllModes, bool NoDiffY);

    [Fact]
    public void ConstantLocalsOfLoopBodies_CompileWithoutWarnings_InEveryMode()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_UNUSED_LOCALS_COUNT", 60);
        var random = new Random(20261204);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i, outside: i % 6 == 5)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad));
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text + (p.AllModes ? Wrappers(p.Name, p.NoDiffY ? 1 : 2) : "")), "Locals");
        int points = ModeChecks.AtThreePoints(type, clean.Select(p => (p.Name, p.Text)),
            () => [Coordinate(random), Coordinate(random), random.Next(5)], random);
        ProgramBatch.AssertCounts(all.Count, all.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
    }

    /// <summary><paramref name="count"/> programs inside (none just outside), each with its wrappers: for other language versions.</summary>
    internal static IEnumerable<string> Inside(int seed, int count)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => Next(random, "P" + i, outside: false)).Select(p => p.Text + (p.AllModes ? Wrappers(p.Name, p.NoDiffY ? 1 : 2) : ""));
    }

    private static double Coordinate(Random random) => Math.Round((random.NextDouble() * 2) - 1, 4);

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        bool list = outside || random.Next(4) == 0;
        bool noDiffY = random.Next(3) == 0;
        int local = 0;
        string Shape()
        {
            string v = "v" + local++;
            return Pick(
                // an insertion point found by an inner while
                "int " + v + " = 0; while (" + v + " < 3 && a[" + v + "] <= y) " + v + "++; s += a[" + v + "] * x;",
                // a flag set in an inner loop
                "bool " + v + " = false; for (int j = 0; j < 3; j++) { if (a[j] > y) " + v + " = true; } if (" + v + ") s += x * y; else s -= y * 0.5;",
                // a double accumulator
                "double " + v + " = 0.0; for (int j = 0; j < 2; j++) " + v + " += x * j; s += " + v + " * y;",
                // a count before a do
                "int " + v + " = 0; do { " + v + "++; } while (" + v + " < i); s += " + v + " * x;",
                // an index found before a break
                "int " + v + " = -1; for (int j = 0; j < 4; j++) { if (a[j] > y) { " + v + " = j; break; } } if (" + v + " >= 0) s += a[" + v + "] * x;",
                // an argmax
                "int " + v + " = 0; for (int j = 1; j < 4; j++) { if (a[j] > a[" + v + "]) " + v + " = j; } s += a[" + v + "] * y;",
                // a counter only counted
                "int " + v + " = 0; for (int j = 0; j < 3; j++) { if (a[j] * s > 0.1) " + v + "++; } s = s * 0.5 + " + v + " * x;");
        }
        var text = new StringBuilder();
        text.Append("    [Differentiable(").Append(list ? "Forward = true" : "Forward = true, Hessian = true, Jacobian = true").Append(")]\n    public static double ")
            .Append(name).Append("(double x, ").Append(noDiffY ? "[NoDiff] " : "").Append("double y, int n)\n    {\n");
        text.Append("        var a = new[] { x, y, x * y, 1.5 };\n        double s = ").Append(Pick("x", "y", "0.0", "x * y")).Append(";\n");
        if (list) text.Append("        var l = new List<double>();\n");
        text.Append("        for (int i = 0; i < n; i++)\n        {\n");
        text.Append("            ").Append(Shape()).Append('\n');
        if (random.Next(2) == 0) text.Append("            ").Append(Shape()).Append('\n');
        if (list)
        {
            // SortedSum's shape: an insertion point, then the list read in order.
            string at = "at" + local;
            text.Append("            int ").Append(at).Append(" = 0; while (").Append(at).Append(" < l.Count && l[").Append(at).Append("] <= s) ").Append(at).Append("++; l.Insert(").Append(at).Append(", s * x);\n");
        }
        text.Append("        }\n");
        string? bad = null;
        if (list)
        {
            if (outside)
            {
                bad = "l.Sort((p, q) => q.CompareTo(p))";
                text.Append("        ").Append(bad).Append(";\n");
            }
            text.Append("        for (int i = 0; i < l.Count; i++) s += l[i] * (i + 1);\n");
        }
        text.Append("        return s;\n    }\n");
        return new Program(name, text.ToString(), bad, !list, noDiffY);
    }

    private static string Wrappers(string name, int n) =>
        "    public static double[] " + name + "J(double x, double y, int n) { var j = new double[" + n + "]; " + name + "Jacobian(x, y, n, j); return j; }\n"
        + "    public static double[] " + name + "H(double x, double y, int n) { var h = new double[" + n * n + "]; " + name + "Hessian(x, y, n, h); return h; }\n";
}
