using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// Local functions with if/else, switch, several returns and throws, inlined at each call as a method body is lowered
/// (early returns take the rest into each branch): gradients by hand and against central differences, called in loops
/// and expressions, forward mode and Hessians, C# 7.3 to latest without warnings; and a property test of random bodies,
/// where bodies just outside (an array of its own assigned whole, recursion, a throwing function called on only some paths of an expression) get an
/// ADG0003 at the call and no code.
/// </summary>
public class LocalFunctionBranchTests(ITestOutputHelper output)
{
    private const string Examples = @"
using System;
using AutoDiffGen;

namespace Locals
{
    public static partial class Written
    {
        [Differentiable(Forward = true, Hessian = true)]
        public static double Huber(double x, double y)
        {
            double H(double r)
            {
                if (Math.Abs(r) <= 1) return 0.5 * r * r;
                return Math.Abs(r) - 0.5;
            }
            return H(x - y) + H(2 * x);
        }

        [Differentiable]
        public static double Piecewise(double x, int k)
        {
            double P(double t, int m)
            {
                switch (m)
                {
                    case 0: return t * t;
                    case 1: return Math.Sin(t);
                    default:
                        if (t < 0) throw new ArgumentOutOfRangeException(nameof(t));
                        return Math.Sqrt(t);
                }
            }
            double s = 0;
            for (int i = 0; i <= k; i++) s += P(x + i, i);
            return s;
        }

        [Differentiable]
        public static double Clamped(double x, double y)
        {
            double lo = y - 1;
            double C(double v)
            {
                double w = v * y;
                if (w < lo) w = lo;
                else if (w > 2) { return 2; }
                return w * w;
            }
            return C(x) + (x > 0 ? C(x * x) : 0);
        }

        [Differentiable]
        public static double Lambda(double x, double y)
        {
            Func<double, double> f = v => { if (v > 1) return v * y; return v * v; };
            return f(x) + f(2 * x);
        }
    }
}
";

    public static TheoryData<LanguageVersion, bool> Versions => new()
    {
        { LanguageVersion.CSharp7_3, false },
        { LanguageVersion.Latest, true },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void CompilesWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Examples);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(4, result.Generated.Count);
    }

    [Fact]
    public void Gradients_MatchHandValuesAndCentralDifferences()
    {
        var type = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, Examples).Load().GetType("Locals.Written")!;
        double[] G(string name, params object[] point) => CentralDifferenceRunner.Check(type.GetMethod(name)!, null, point).Gradient.Where(g => g is not null).SelectMany(g => g!).ToArray();
        // Huber: r = x − y = 0.3 (quadratic: r), 2x = 1.4 (linear: sign·2).
        var huber = G("Huber", 0.7, 0.4);
        Tolerance.AssertFormula(0.3 + 2, huber[0], "dHuber/dx");
        Tolerance.AssertFormula(-0.3, huber[1], "dHuber/dy");
        var far = G("Huber", -0.2, 1.5);
        Tolerance.AssertFormula(-1 + 2 * -0.4, far[0], "dHuber/dx (r = −1.7)");
        // Piecewise, k = 2: (x)² + sin(x + 1) + √(x + 2).
        Tolerance.AssertFormula(2 * 0.6 + Math.Cos(1.6) + 0.5 / Math.Sqrt(2.6), G("Piecewise", 0.6, 2)[0], "dPiecewise/dx");
        // Clamped at x = 0.5, y = 1.5: C(x): w = 0.75 in [0.5, 2] → w², 2w·y; C(x²): w = 0.375 < lo = 0.5 → lo² (d/dy 2·lo).
        var clamped = G("Clamped", 0.5, 1.5);
        Tolerance.AssertFormula(2 * 0.75 * 1.5, clamped[0], "dClamped/dx");
        Tolerance.AssertFormula(2 * 0.75 * 0.5 + 2 * 0.5, clamped[1], "dClamped/dy");
        // Lambda at x = 0.7, y = 1.5: f(x) = x² (x ≤ 1), f(2x) = 2x·y (2x > 1).
        var lambda = G("Lambda", 0.7, 1.5);
        Tolerance.AssertFormula(1.4 + 3.0, lambda[0], "dLambda/dx");
        Tolerance.AssertFormula(1.4, lambda[1], "dLambda/dy");
        Assert.Throws<TargetInvocationException>(() => type.GetMethod("PiecewiseBackward")!.Invoke(null, new object[] { -5.0, 2, 0.0, 1.0 }));
    }

    [Fact]
    public void ForwardAndHessian_OfHuber_AreByHand()
    {
        var type = LanguageVersionHarness.RunForLoad(LanguageVersion.Latest, true, null, Examples).Load().GetType("Locals.Written")!;
        var args = new object[] { 0.7, 0.4, 1.0, 0.0, 0.0 };
        type.GetMethod("HuberForward")!.Invoke(null, args);
        Tolerance.AssertFormula(2.3, (double)args[4], "tangent along x");
        var hessian = new double[4];
        var call = (Func<double, double, double[], double>)((x, y, h) => ((HuberHessian)Delegate.CreateDelegate(typeof(HuberHessian), type.GetMethod("HuberHessian")!))(x, y, h));
        call(0.7, 0.4, hessian);
        // Quadratic part ½(x − y)²: [[1, −1], [−1, 1]]; the linear part |2x| − ½ adds nothing.
        Assert.Equal(new[] { 1.0, -1.0, -1.0, 1.0 }, hessian.Select(v => Math.Round(v, 12)).ToArray());
    }

    private delegate double HuberHessian(double x, double y, Span<double> hessian);

    private sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void RandomBranchingLocalFunctions_MatchCentralDifferences_OrAreDiagnosedAtTheCall()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_LOCALFN_COUNT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 120;
        var random = new Random(20261203);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), i % 6 == 5)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(Source(all)), Header, all, p => (p.Name, p.Text, p.Bad));
        var cleanRun = GeneratorHarness.RunForLoad(Source(clean));
        Assert.True(cleanRun.Diagnostics.IsEmpty && !cleanRun.CompileDiagnostics.Any(d => d.Location.SourceTree?.FilePath != "User0.cs"), cleanRun.Dump());
        var type = GeneratorHarness.Load(cleanRun).GetType("Locals")!;
        int points = 0, thrown = 0;
        foreach (var p in clean)
        {
            var method = type.GetMethod(p.Name, BindingFlags.Public | BindingFlags.Static)!;
            for (int k = 0; k < 4; k++)
            {
                var point = new object[] { Away(random), Away(random), random.Next(4) };
                try
                {
                    method.Invoke(null, point);
                }
                catch (TargetInvocationException e)
                {
                    var args = point.Concat(new object[] { 0.0, 0.0, 1.0 }).ToArray();
                    var generated = Assert.Throws<TargetInvocationException>(() => type.GetMethod(p.Name + "Backward")!.Invoke(null, args)).InnerException!;
                    Assert.True(e.InnerException!.GetType() == generated.GetType() && (double)args[3] == 0 && (double)args[4] == 0, p.Name + ": " + generated + "\n" + p.Text);
                    thrown++;
                    continue;
                }
                try
                {
                    CentralDifferenceRunner.Check(method, null, point);
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(p.Name + " at " + string.Join(", ", point) + ": " + e.Message + "\n" + p.Text);
                }
                points++;
            }
        }
        output.WriteLine($"{count} programs: {clean.Count} generated, {points} points checked, {thrown} throws compared, {count - clean.Count} diagnosed");
        Assert.True(clean.Count > count / 2 && points > clean.Count && thrown > 0);
    }

    private static readonly double[] Thresholds = { -1, -0.5, 0, 0.5, 1 };

    private static double Away(Random random)
    {
        while (true)
        {
            double v = Math.Round((random.NextDouble() * 3) - 1.5, 4);
            if (Thresholds.All(t => Math.Abs(v - t) > 0.02) && Thresholds.All(t => Math.Abs(2 * v - t) > 0.02)) return v;
        }
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Value() => Pick("t * t", "Math.Sin(t) * y", "t * y + 1", "Math.Exp(0.5 * t)", "t / (1 + y * y)", "u * t");
        string Test() => Pick("t > 0", "t < 0.5", "m > 1", "m == 0", "u > 1");

        string Body(int depth)
        {
            switch (random.Next(depth > 0 ? 5 : 2))
            {
                case 0: return "return " + Value() + ";";
                case 1: return "u = " + Value() + "; return u * " + Pick("t", "y", "2") + ";";
                case 2: return "if (" + Test() + ") { " + Body(depth - 1) + " } " + Body(depth - 1);
                case 3: return "if (" + Test() + ") { " + Body(depth - 1) + " } else { " + Body(depth - 1) + " }";
                default: return "switch (m) { case 0: " + Body(depth - 1) + " case 1: if (t < -1) throw new ArgumentException(\"t\"); " + Body(depth - 1) + " default: " + Body(depth - 1) + " }";
            }
        }

        string function = "double F(double t, int m) { double u = t + y; " + Body(2) + " }";
        string call = Pick("F(x, k)", "F(x * y, k + 1)", "2 * F(y, k) + F(x, 0)");
        string? bad = null;
        if (outside)
        {
            switch (random.Next(3))
            {
                case 0:
                    // A local array of the function's own assigned whole (filling one it made is supported since idioms16a:
                    // Idioms16a/ArrayHelperTests.ALocalFunctionFillingItsOwnArray_ByHand).
                    function = "double F(double t, int m) { var a = new double[2]; a = new double[m + 2]; a[m % 2] = t; return a[0] * y + t; }";
                    call = "F(x, k)";
                    bad = call;
                    break;
                case 1:
                    function = "double F(double t, int m) { if (m <= 0) return t * y; return F(t * 0.5, m - 1) + t; }";
                    bad = "F(t * 0.5, m - 1)";
                    call = "F(x, k)";
                    break;
                default:
                    function = "double F(double t, int m) { if (t < -1) throw new ArgumentException(\"t\"); return t * y; }";
                    call = "(k > 1 && F(x, k) > 0 ? 1 : 2) * x";
                    bad = "F(x, k)";
                    break;
            }
        }
        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        ").Append(function).Append('\n');
        text.Append("        double s = 0;\n");
        text.Append(random.Next(2) == 0 ? "        s += " + call + ";\n" : "        for (int j = 0; j < 2; j++) s += " + call.Replace("x", "(x + j)") + ";\n");
        text.Append("        return s;\n    }\n");
        return new Program(name, text.ToString(), bad is null ? null : text.ToString().Contains(bad, StringComparison.Ordinal) ? bad : bad.Replace("x", "(x + j)"));
    }

    private const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class Locals\n{\n";

    private static string Source(List<Program> programs) => ProgramBatch.Source(Header, programs.Select(p => p.Text));
}
