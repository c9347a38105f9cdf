using System.Globalization;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.FusedLoops;

/// <summary>
/// Property test of running Max/Min gates routed by their last taken step (<c>Differentiator.TakenSteps</c>, perf17, the GMM's
/// `Gen16a`): random per-point programs over <c>double P(double[] a, double[] m, [NoDiff] double[] x)</c> that reduce the
/// point's values t[0..k) to their max or min (from t[0] up, from t[k − 1] down, or from a constant), sometimes inside a
/// log-sum-exp, sometimes with t overwritten before the reverse, sometimes with a second running reduction beside it. Some
/// must not be routed by step: the running value read in its loop, a <c>break</c>, the running value as the right input,
/// the gate under a branch. Outside what is supported: a local jagged array created in the loop (ADG0003 at it). Every
/// program that generates: value and gradient against central differences at three points, and against the same model's
/// MBackward with the rule off to 1e-12 relative. CI runs 40 programs; AUTODIFFGEN_TAKEN_STEP_COUNT runs more.
/// </summary>
public class TakenStepPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Tsp
        {
        """;

    private sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void RandomRunningMaxima_MatchCentralDifferencesAndTheTapedRunningValues()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_TAKEN_STEP_COUNT", 40);
        var random = new Random(20261217);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture))).ToList();
        RuleOffCheck.Run(Header, "Tsp", all.Select(p => (p.Name, p.Text, p.Bad)).ToList(), m => BackwardEmitter.Emit(m, takenSteps: false), TakenStepTests.Taken,
            () => Point(random), "routed by step", appliedShare: 4, output.WriteLine);
    }

    /// <summary>a and m of length k = 1–4 (k = 1: the running loop runs no step), x of 1–3 points, in [−1.2, 1.2].</summary>
    private static object[] Point(Random random)
    {
        double Real() => Math.Round((random.NextDouble() * 2.4) - 1.2, 4);
        int k = 1 + random.Next(4);
        return [Enumerable.Range(0, k).Select(_ => Real()).ToArray(), Enumerable.Range(0, k).Select(_ => Real()).ToArray(), Enumerable.Range(0, 1 + random.Next(3)).Select(_ => Real()).ToArray()];
    }

    private static Program Next(Random random, string name)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string element = Pick("a[j] * x[p] + m[j]", "a[j] * x[p] + m[j]", "Math.Sin(a[j] + x[p]) * m[j]", "a[j] * m[j] - 0.5 * x[p] * a[j]");
        string gate = Pick("Math.Max", "Math.Max", "Math.Min");
        // Must not be routed by step: r read in the loop, a break, r as the right input, the gate under a branch.
        string shape = Pick("plain", "plain", "plain", "plain", "two", "inside", "break", "swapped", "branch");
        // The running loop: up from t[0], down from t[k − 1], or over all of t from a constant (not where a step may be
        // skipped: r would stay ±1e300 and the value overflow).
        string from = shape is "break" or "branch" ? Pick("up", "down") : Pick("up", "up", "down", "constant");
        string init = from switch { "up" => "t[0]", "down" => "t[k - 1]", _ => gate == "Math.Max" ? "-1e300" : "1e300" };
        string header = from switch { "up" => "for (int j = 1; j < k; j++)", "down" => "for (int j = k - 1; j > 0; j--)", _ => "for (int j = 0; j < k; j++)" };
        string at = from == "down" ? "t[j - 1]" : "t[j]";
        string step = shape switch
        {
            "inside" => "{ r = " + gate + "(r, " + at + "); acc += r; }",
            "break" => "{ if (" + at + " > 0.8) break; r = " + gate + "(r, " + at + "); }",
            "swapped" => "r = " + gate + "(" + at + ", r);",
            "branch" => "{ if (x[p] > 0.1) r = " + gate + "(r, " + at + "); }",
            "two" => "{ r = " + gate + "(r, " + at + "); r2 = Math.Min(r2, " + at + "); }",
            _ => "r = " + gate + "(r, " + at + ");",
        };
        string use = Pick("r * x[p]", "Math.Sin(r)", "r * r", "Math.Log(se) + r", "Math.Log(se) + r * x[p]");
        string after = Pick("", "", "for (int j = 0; j < k; j++) t[j] = 0.0;");
        bool outside = random.Next(8) == 0;
        string bad = outside ? "new double[2][]" : "";
        string badStatement = outside ? "var spare = new double[2][]; spare[0] = new double[1]; spare[0][0] = r; total += spare[0][0];" : "";
        string text = $$"""
                [Differentiable]
                public static double {{name}}(double[] a, double[] m, [NoDiff] double[] x)
                {
                    int k = a.Length;
                    var t = new double[k];
                    double total = 0;
                    for (int p = 0; p < x.Length; p++)
                    {
                        for (int j = 0; j < k; j++) t[j] = {{element}};
                        double r = {{init}};
                        double r2 = 1e300;
                        double acc = 0;
                        {{header}} {{step}}
                        double se = 0;
                        for (int j = 0; j < k; j++) se += Math.Exp(t[j] - r);
                        {{after}}
                        total += {{use}} + 0.5 * acc;
                        if (r2 < 1e300) total += r2 * x[p];
                        {{badStatement}}
                    }
                    return total;
                }
            """;
        return new Program(name, text, outside ? bad : null);
    }
}
