using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.StructMethods;

/// <summary>
/// Property test for <see cref="WithRespectToThisModesTests"/>: random methods with <c>Forward = true, Hessian = true,
/// Jacobian = true</c> that build structs from their inputs and call the struct's <c>WithRespectToThis</c> methods on them
/// (a dot product, a norm, a struct result called on again, one calling another on this, a branch, a loop), alone, summed,
/// under a branch. Each clean one is checked at three points in every mode (<see cref="ModeChecks"/>: MBackward against
/// central differences, MForward, MJacobian and MHessian against it). Just outside, a call on a struct with a
/// <c>[NoDiff]</c> member, which no mode inlines: ADG0018/ADG0019 at exactly that call, and no code.
/// AUTODIFFGEN_THIS_MODES_COUNT runs more (60 in CI; 400 locally).
/// </summary>
public class WithRespectToThisModesPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        public partial struct V2
        {
            public double X, Y;
            public V2(double x, double y) { X = x; Y = y; }
            [Differentiable(WithRespectToThis = true)] public readonly double Dot(V2 o) => X * o.X + Y * o.Y;
            [Differentiable(WithRespectToThis = true)] public readonly double Norm() => Math.Sqrt(X * X + Y * Y + 1);
            [Differentiable(WithRespectToThis = true)] public readonly V2 Scaled(double k) => new V2(k * X, k * Y);
            [Differentiable(WithRespectToThis = true)] public readonly double Twice() => 2 * Norm();
            [Differentiable(WithRespectToThis = true)]
            public readonly double Soft(double t)
            {
                double s = X * t;
                if (s > Y) s = Y + Math.Log(1 + s - Y);
                return s * s;
            }
            [Differentiable(WithRespectToThis = true)]
            public readonly double Ramp(int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += X * i + Y * Y;
                return s;
            }
        }

        public partial struct VK
        {
            public double X;
            [NoDiff] public double K;
            public VK(double x, double k) { X = x; K = k; }
            [Differentiable(WithRespectToThis = true)] public readonly double Scaled() => K * X;
        }

        public static partial class Opted
        {

        """;

    private sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void RandomCalls_InEveryMode_MatchTheCheckedGradient_ANoDiffMemberIsAnErrorAtTheCall()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_THIS_MODES_COUNT", 60);
        var random = new Random(20261416);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i, outside: i % 6 == 5)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad), "ADG0018,ADG0019");
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text + Wrappers(p.Name)), "Opted");
        int points = ModeChecks.AtThreePoints(type, clean.Select(p => (p.Name, p.Text)), () => new object[] { Coordinate(random), Coordinate(random), Coordinate(random) }, random);
        ProgramBatch.AssertCounts(all.Count, all.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
    }

    private static double Coordinate(Random random) => Math.Round((random.NextDouble() * 2) - 1, 4);

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Value() => Pick("x", "y", "k", "x * y", "Math.Sin(x)", "0.5 * k + y", "1.5", "x - k");
        string Term() => Pick("p.Dot(q)", "q.Norm()", "p.Scaled(k).Norm()", "p.Twice() * k", "p.Soft(k)", "q.Ramp(3)", "p.Scaled(0.5).Dot(q)",
            "(p.Dot(p) + q.Norm()) * x", "q.Scaled(y).Soft(x)");
        var text = new StringBuilder();
        text.Append("    [Differentiable(Forward = true, Hessian = true, Jacobian = true)]\n    public static double ").Append(name).Append("(double x, double y, double k)\n    {\n");
        text.Append("        var p = new V2(").Append(Value()).Append(", ").Append(Value()).Append(");\n");
        text.Append("        var q = new V2(").Append(Value()).Append(", ").Append(Value()).Append(");\n");
        text.Append("        double s = ").Append(Term()).Append(";\n");
        if (random.Next(2) == 0) text.Append("        if (").Append(Pick("x > 0", "y < k", "p.Dot(q) > 0.2")).Append(") s += ").Append(Term()).Append(";\n        else s -= ").Append(Term()).Append(" * 0.5;\n");
        else text.Append("        s += ").Append(Term()).Append(" * ").Append(Term()).Append(";\n");
        string? bad = null;
        if (outside)
        {
            // Made from an input, so that the call carries a gradient (a constant receiver is computed as it stands).
            bad = "new VK(" + Pick("x", "y * k", "Math.Sin(x)") + ", 2.0).Scaled()";
            text.Append("        s += ").Append(bad).Append(";\n");
        }
        text.Append("        return s;\n    }\n");
        return new Program(name, text.ToString(), bad);
    }

    /// <summary>MJacobian and MHessian behind arrays, which reflection can pass (a span it cannot).</summary>
    private static string Wrappers(string name) =>
        "    public static double[] " + name + "J(double x, double y, double k) { var j = new double[3]; " + name + "Jacobian(x, y, k, j); return j; }\n"
        + "    public static double[] " + name + "H(double x, double y, double k) { var h = new double[9]; " + name + "Hessian(x, y, k, h); return h; }\n";
}
