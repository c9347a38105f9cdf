using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// Random programs in QLNet's style (MessageHelperTests): updates of a real interleaved with validation helpers given
/// message lambdas that read the current values (<c>Check.Require(cond, () =&gt; "r " + r)</c>), a helper that validates
/// its two arguments, a <c>Check.Fail("…" + x)</c> under a condition that never holds, and such guards inside a loop.
/// Inside support every gradient matches central differences, MForward the gradient along a random tangent and MHessian
/// central differences of the gradient (ModeChecks). A block lambda of one return is the expression lambda. Just outside,
/// one guard's lambda declares a local: exactly ADG0003 at that lambda, and no code for the program.
/// </summary>
public class MessageHelperPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        public static class Check
        {
            public static void Require(bool condition, Func<string> message)
            {
                if (!condition) throw new ArgumentException(message.Invoke());
            }

            public static void Fail(string message) => throw new InvalidOperationException(message);

            public static void Both(double a, double b)
            {
                Require(a > -10.0, () => "a (" + a + ") too small");
                Require(b > -10.0, () => $"b ({b}) too small");
            }
        }

        public static partial class Guarded
        {

        """;

    [Fact]
    public void RandomGuards_MatchCentralDifferencesInEveryMode_AndALambdaDeclaringALocalIsADG0003AtIt()
    {
        var random = new Random(15_2026_1205);
        int count = ProgramBatch.Count("AUTODIFFGEN_MESSAGE_HELPER_COUNT", 32);
        var all = Enumerable.Range(0, count).Select(i => Next(random, i, i % 4 == 3)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => p);
        var withWrappers = clean.Select(p => (p.Name, Text: p.Text + "    public static double[] " + p.Name + "H(double x, double y, int k) { var h = new double[4]; " + p.Name + "Hessian(x, y, k, h); return h; }\n")).ToList();
        var type = ProgramBatch.LoadClean(Header, withWrappers.Select(p => p.Text), "Guarded");
        int points = ModeChecks.AtThreePoints(type, withWrappers, () => ProgramBatch.PointXYK(random), random);
        ProgramBatch.AssertCounts(all.Count, all.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
    }

    private static (string Name, string Text, string? Bad) Next(Random random, int index, bool outside)
    {
        string name = "P" + index;
        var text = new StringBuilder();
        text.Append("    [Differentiable(Forward = true, Hessian = true)]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double r = ").Append(random.Next(3) switch { 0 => "x * y + 0.5", 1 => "Math.Sin(x) - y", _ => "x + 2.0 * y * y" }).Append(";\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, () => Statement(random), () =>
        {
            string lambda = "() => { var text = \"r \" + r; return text; }";
            return (lambda, "Check.Require(r > -100.0, " + lambda + ");");
        });
        text.Append("        return r;\n    }\n");
        return (name, text.ToString(), bad);
    }

    /// <summary>A guard that always holds at the sampled points (x, y in [−1, 1], k below 4, |r| stays small), or an update of r.</summary>
    private static string Statement(Random random) => random.Next(7) switch
    {
        0 => random.Next(2) == 0 ? "Check.Require(x >= -1.0 && y <= 1.0, () => \"x \" + x + \", y \" + y + \", r \" + r);" : "Check.Require(x >= -1.0, () => { return \"x \" + x + \", r \" + r; });",
        1 => "Check.Both(x, r);",
        2 => "if (double.IsNaN(r)) Check.Fail(\"r is not a number at x = \" + x);",
        3 => "for (int j = 0; j < k; j++) { Check.Require(j < 10, () => $\"step {j}: r = {r}\"); r += 0.5 * Math.Tanh(x * r); }",
        4 => "r = r * Math.Cos(y) + x * 0.25;",
        5 => "r = Math.Sin(r) * x + y * 0.5;",
        _ => "{ double s = r * r; Check.Require(s >= 0.0, () => \"s \" + s + \" for \" + k + \" steps\"); r = s * 0.5 + y; }",
    };
}
