using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Objects;

/// <summary>
/// Immutable classes made from differentiated values (issue 13 item 1): a positional record class, a sealed class of readonly
/// fields set by its constructor, init-only properties, computed properties and methods of its own, <c>with</c>, a branch
/// choosing one object. The object is carried as its members. Hand-derived values and central differences in Backward,
/// Forward, Hessian and Jacobian; the uses that could tell the object from its members are refused at the expression.
/// </summary>
public class ValueClassTests
{
    // C# 7.3: a sealed class of readonly fields set by its constructor, a method and a computed property of its own.
    private const string Classic = """
        using System;
        using AutoDiffGen;

        public sealed class Seg
        {
            public readonly double A;
            public readonly double B;
            public Seg(double a, double b) { A = a; B = b; }
            public double Len() { return B - A; }
            public double Mid { get { return 0.5 * (A + B); } }
        }

        public static partial class Classic
        {
            // s = Seg(x, xy): (Len·Mid, A·y) = (0.5·x²(y² − 1), xy).
            [Differentiable(Jacobian = true, Forward = true)]
            public static (double, double) Pair(double x, double y)
            {
                var s = new Seg(x, x * y);
                return (s.Len() * s.Mid, s.A * y);
            }

            public static double[] PairAt(double x, double y) { var r = Pair(x, y); return new[] { r.Item1, r.Item2 }; }

            public static double[] PairJacobianAt(double x, double y) { var j = new double[4]; PairJacobian(x, y, j); return j; }

            // (x·sd^n): a new object each round, made from the last.
            [Differentiable]
            public static double Grow(double x, double sd, int n)
            {
                var g = new Seg(x, sd);
                for (int i = 0; i < n; i++) g = new Seg(g.A * g.B, g.B);
                return g.A;
            }
        }
        """;

    private const string Records = """
        using System;
        using AutoDiffGen;

        public record Gaussian(double Mean, double StdDev) { public double Variance => StdDev * StdDev; }

        public sealed class Pt { public double X { get; init; } public double Y { get; init; } }

        public static partial class Records
        {
            // The natural program of issue 13 (Natural/Batch/U04_Stats.cs).
            [Differentiable(Forward = true, Hessian = true)]
            public static double LogPdf(double x, double mean, double sd)
            {
                var g = new Gaussian(mean, sd);
                return -0.5 * Math.Log(2 * Math.PI * g.Variance) - (x - g.Mean) * (x - g.Mean) / (2 * g.Variance);
            }

            // k = x > 1 ? g : h with h = g with { StdDev = 2·sd }: k.Variance + h.Mean·g.StdDev.
            [Differentiable(Forward = true)]
            public static double Widen(double x, double sd)
            {
                var g = new Gaussian(x, sd);
                var h = g with { StdDev = g.StdDev * 2 };
                var k = x > 1 ? g : h;
                return k.Variance + h.Mean * g.StdDev;
            }

            // An object initializer of init-only properties: p = (x², xy); p.X·p.Y + p.Y.
            [Differentiable(Hessian = true)]
            public static double Init(double x, double y)
            {
                var p = new Pt { X = x * x, Y = x * y };
                return p.X * p.Y + p.Y;
            }
        }
        """;

    private static readonly Lazy<Assembly> ClassicAssembly = new(() => LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, Classic).Load());
    private static readonly Lazy<Assembly> RecordAssembly = new(() => GeneratorHarness.CompileAndLoad(Records));

    private static MethodInfo C(string name) => ClassicAssembly.Value.GetType("Classic")!.GetMethod(name)!;

    private static MethodInfo R(string name) => RecordAssembly.Value.GetType("Records")!.GetMethod(name)!;

    private delegate double Hessian3(double x, double mean, double sd, Span<double> hessian);

    private delegate double Hessian2(double x, double y, Span<double> hessian);

    [Theory]
    [InlineData(false, LanguageVersion.CSharp7_3, false)]
    [InlineData(false, LanguageVersion.Latest, true)]
    [InlineData(true, LanguageVersion.CSharp9, false)]
    [InlineData(true, LanguageVersion.Latest, true)]
    public void CompilesWithoutErrorsOrWarnings(bool records, LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, records ? Records : Classic);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
    }

    [Theory]
    [InlineData(1.5, 0.5, 0.8)]
    [InlineData(-0.3, 0.4, 1.7)]
    public void LogPdf_MatchesHand_BackwardForwardHessian(double x, double m, double s)
    {
        // f = −½ ln(2π s²) − (x − m)²/(2 s²), u = x − m: ∂x = −u/s², ∂m = u/s², ∂s = −1/s + u²/s³.
        // At (1.5, 0.5, 0.8): ∂x = −1.5625, ∂m = 1.5625, ∂s = −1.25 + 1.953125 = 0.703125.
        double u = x - m, s2 = s * s, s3 = s2 * s;
        var g = CentralDifferenceRunner.Check(R("LogPdf"), null, [x, m, s]).Gradient;
        Tolerance.AssertFormula(-u / s2, g[0]![0], "∂/∂x");
        Tolerance.AssertFormula(u / s2, g[1]![0], "∂/∂mean");
        Tolerance.AssertFormula((-1 / s) + (u * u / s3), g[2]![0], "∂/∂sd");
        if (x == 1.5) Tolerance.AssertFormula(0.703125, g[2]![0], "∂/∂sd at (1.5, 0.5, 0.8)");

        double[] t = [0.3, -0.7, 0.25];
        var args = new object?[] { x, m, s, t[0], t[1], t[2], null };
        R("LogPdfForward").Invoke(null, args);
        Tolerance.AssertFormula((-u / s2 * t[0]) + (u / s2 * t[1]) + (((-1 / s) + (u * u / s3)) * t[2]), (double)args[6]!, "tangent");

        // H = [[−1/s², 1/s², 2u/s³], [1/s², −1/s², −2u/s³], [2u/s³, −2u/s³, 1/s² − 3u²/s⁴]].
        var h = new double[9];
        ((Hessian3)Delegate.CreateDelegate(typeof(Hessian3), R("LogPdfHessian")))(x, m, s, h);
        double[] hand = [-1 / s2, 1 / s2, 2 * u / s3, 1 / s2, -1 / s2, -2 * u / s3, 2 * u / s3, -2 * u / s3, (1 / s2) - (3 * u * u / (s2 * s2))];
        for (int k = 0; k < 9; k++) Tolerance.AssertFormula(hand[k], h[k], "H[" + (k / 3) + ", " + (k % 3) + "]");
    }

    [Theory]
    [InlineData(1.4, 0.6)]
    [InlineData(0.3, -0.8)]
    public void WithAndChoice_MatchHand_ForwardToo(double x, double sd)
    {
        // (x > 1 ? sd² : 4 sd²) + x·sd: ∂x = sd, ∂sd = (x > 1 ? 2 sd : 8 sd) + x.
        var g = CentralDifferenceRunner.Check(R("Widen"), null, [x, sd]).Gradient;
        double dSd = (x > 1 ? 2 * sd : 8 * sd) + x;
        Tolerance.AssertFormula(sd, g[0]![0], "∂/∂x");
        Tolerance.AssertFormula(dSd, g[1]![0], "∂/∂sd");
        var args = new object?[] { x, sd, 0.5, -1.0, null };
        R("WidenForward").Invoke(null, args);
        Tolerance.AssertFormula((0.5 * sd) - dSd, (double)args[4]!, "tangent");
    }

    [Theory]
    [InlineData(0.7, -1.2)]
    [InlineData(-1.1, 0.4)]
    public void InitOnly_MatchesHand_Hessian(double x, double y)
    {
        // f = x³y + xy: ∂x = 3x²y + y, ∂y = x³ + x; H = [[6xy, 3x² + 1], [3x² + 1, 0]].
        var g = CentralDifferenceRunner.Check(R("Init"), null, [x, y]).Gradient;
        Tolerance.AssertFormula((3 * x * x * y) + y, g[0]![0], "∂/∂x");
        Tolerance.AssertFormula((x * x * x) + x, g[1]![0], "∂/∂y");
        var h = new double[4];
        ((Hessian2)Delegate.CreateDelegate(typeof(Hessian2), R("InitHessian")))(x, y, h);
        double[] hand = [6 * x * y, (3 * x * x) + 1, (3 * x * x) + 1, 0];
        for (int k = 0; k < 4; k++) Tolerance.AssertFormula(hand[k], h[k], "H[" + k + "]");
    }

    [Theory]
    [InlineData(0.4, -0.9)]
    [InlineData(1.3, 0.6)]
    public void Classic_Jacobian_ByHandAndCentralDifferences(double x, double y)
    {
        // (0.5·x²(y² − 1), xy): J = [[x(y² − 1), x²y], [y, x]].
        var j = (double[])C("PairJacobianAt").Invoke(null, [x, y])!;
        double[] hand = [x * ((y * y) - 1), x * x * y, y, x];
        for (int k = 0; k < 4; k++) Tolerance.AssertFormula(hand[k], j[k], "J[" + k + "]");
        PairJacobian.AssertCentral((a, b) => (double[])C("PairAt").Invoke(null, [a, b])!, x, y, j, "Pair");
        var args = new object?[] { x, y, 1.0, 0.0, null };
        var value = C("PairForward").Invoke(null, args);
        var tangent = ((double, double))args[4]!;
        Tolerance.AssertFormula(hand[0], tangent.Item1, "tangent along x, first");
        Tolerance.AssertFormula(hand[2], tangent.Item2, "tangent along x, second");
        Assert.NotNull(value);
    }

    [Theory]
    [InlineData(0.7, 1.3, 3)]
    [InlineData(-0.5, 0.8, 0)]
    public void Classic_Loop_MatchesHand(double x, double sd, int n)
    {
        // x·sd^n: ∂x = sd^n, ∂sd = n·x·sd^(n−1).
        var g = CentralDifferenceRunner.Check(C("Grow"), null, [x, sd, n]).Gradient;
        Tolerance.AssertFormula(Math.Pow(sd, n), g[0]![0], "∂/∂x");
        Tolerance.AssertFormula(n * x * Math.Pow(sd, n - 1), g[1]![0], "∂/∂sd");
    }

    private const string RefusalHeader = """
        using System;
        using AutoDiffGen;

        public record Gaussian(double Mean, double StdDev);
        public record Declared(double M, double S) { public double M { get; } = M * 2; }
        public sealed class Box { public double W; public double H; }
        public class Open { public readonly double A; public Open(double a) { A = a; } public virtual double Twice => 2 * A; }
        public sealed class Walker { public double P; public Walker(double p) { P = p; } public void Step() { P += 1; } }

        public static partial class Refused
        {
            static Gaussian? Kept;
            static double Plain(Gaussian g) => g.Mean;

        """;

    [Theory]
    [InlineData("var g = new Gaussian(x, 1); return Plain(g);", "g", "ADG0003")]
    [InlineData("var g = new Gaussian(x, 1); Kept = g; return x;", "g", "ADG0003")]
    [InlineData("var g = new Gaussian(x, 1); var h = g with { }; return ReferenceEquals(g, h) ? x : 2 * x;", "g", "ADG0003")]
    [InlineData("var g = new Gaussian(x, 1); var h = g with { }; return g == h ? x : 2 * x;", "g", "ADG0003")]
    [InlineData("var g = new Gaussian(x, 1); return g is null ? 0 : g.Mean;", "g", "ADG0003")]
    [InlineData("var g = new Gaussian(x, 1); Func<double> f = () => g.Mean; return f();", "g", "ADG0003")]
    [InlineData("Gaussian? g = x > 0 ? new Gaussian(x, 2) : null; return g!.Mean;", "null", "ADG0003")]
    // var (m, s) = g; of a positional record made here is differentiated since idioms25 (Idioms25/StructDeconstructionTests).
    [InlineData("var b = new Box { W = x, H = 2 }; b.W = x * x; return b.W * b.H;", "b.W = x * x", "ADG0007")]
    [InlineData("var b = new Box { W = x, H = 2 }; b.H++; return b.W * b.H;", "b.H++", "ADG0007")]
    [InlineData("var o = new Open(x); return o.Twice;", "new Open(x)", "ADG0003")]
    [InlineData("var d = new Declared(x, 2); return d.M * x;", "new Declared(x, 2)", "ADG0003")] // M is 2x, not the argument: its initializer is not read
    [InlineData("var w = new Walker(x); return w.P;", "new Walker(x)", "ADG0003")]
    [InlineData("var e = new Exception(x.ToString()); return x;", "new Exception(x.ToString())", "ADG0003")]
    public void UsesThatTellTheObjectFromItsMembers_AreRefusedAtTheExpression(string body, string at, string id)
    {
        var run = GeneratorHarness.Run(RefusalHeader + "    [Differentiable(Forward = true)] public static double F(double x) { " + body + " }\n}\n");
        Assert.Empty(run.Exceptions);
        var mine = run.GeneratorDiagnostics.Where(d => d.Id.StartsWith("ADG", StringComparison.Ordinal)).ToList();
        Assert.True(mine.Count > 0 && mine.All(d => d.Id == id), run.Dump());
        Assert.Contains(mine, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == at);
        Assert.DoesNotContain(run.Generated.Keys, k => k.Contains("Refused.F_", StringComparison.Ordinal));
    }
}
