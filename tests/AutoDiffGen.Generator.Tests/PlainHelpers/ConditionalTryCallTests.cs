using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.PlainHelpers;

/// <summary>
/// A Try-shaped helper called on only some paths (issue 13, idioms13b): <c>x &gt; 0 &amp;&amp; TryG(x, out var r) ? r : 0</c>,
/// <c>if (a &gt; 0 &amp;&amp; TryG(x, out r))</c>, <c>if (x &lt; 0 || !TryG(x, out var r))</c>. The short-circuit is lowered as
/// the if/else C# runs, the call inlined in its branch; its out variable holds a default on the path where the call did
/// not run. Each gradient by hand and by central differences on both paths, forward and Hessian modes against them. A
/// refused Try call is one error at the call, not a trail of "read before it is assigned" after it.
/// </summary>
public class ConditionalTryCallTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static class U
        {
            public static bool TryG(double x, out double r) { r = Math.Sqrt(x + 1); return x < 4; }
        }

        public static partial class Net
        {
            [Differentiable(Forward = true, Hessian = true)]
            public static double Ternary(double x) => x > 0 && U.TryG(x, out var r) ? r * x : x * x;

            [Differentiable(Forward = true, Hessian = true)]
            public static double IfAnd(double x, double a)
            {
                double r = a;
                if (a > 0 && U.TryG(x, out r)) return r * a;
                return r + a;
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double IfOr(double x)
            {
                if (x < 0 || !U.TryG(x, out var r)) return 2 * x;
                return r * x;
            }

            public static double[] TernaryH(double x) { var h = new double[1]; TernaryHessian(x, h); return h; }
            public static double[] IfAndH(double x, double a) { var h = new double[4]; IfAndHessian(x, a, h); return h; }
            public static double[] IfOrH(double x) { var h = new double[1]; IfOrHessian(x, h); return h; }
        }
        """;

    private static readonly Lazy<Type> Net = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("Net", throwOnError: true)!);

    [Theory]
    [InlineData(1.5)]   // the call runs and succeeds: f = x·√(x+1)
    [InlineData(-0.7)]  // the call does not run: f = x²
    [InlineData(5.0)]   // the call runs and fails: f = x²
    public void ATernaryOverAndWithATryCall_IsRightOnEveryPath(double x)
    {
        bool called = x > 0 && x < 4;
        double s = Math.Sqrt(x + 1);
        var r = CentralDifferenceRunner.Check(Net.Value.GetMethod("Ternary")!, null, new object[] { x });
        // x·√(x+1): √(x+1) + x/(2√(x+1)); second 1/√(x+1) − x/(4(x+1)^1.5). x²: 2x, 2.
        Tolerance.AssertFormula(called ? s + x / (2 * s) : 2 * x, r.Gradient[0]![0], "d/dx");
        ModeChecks.AtPoint(Net.Value, "Ternary", new object[] { x }, new Random(1));
        var h = (double[])Net.Value.GetMethod("TernaryH")!.Invoke(null, new object[] { x })!;
        Tolerance.AssertFormula(called ? 1 / s - x / (4 * s * s * s) : 2, h[0], "d²/dx²");
    }

    [Theory]
    [InlineData(1.2, 0.8)]   // runs, succeeds: f = a·√(x+1)
    [InlineData(1.2, -0.8)]  // does not run: r = a, f = 2a
    [InlineData(6.0, 0.8)]   // runs, fails (r assigned all the same): f = √(x+1) + a
    public void AnIfOverAndWithATryCall_AssignsTheOutOnlyWhereItRan(double x, double a)
    {
        double s = Math.Sqrt(x + 1);
        var r = CentralDifferenceRunner.Check(Net.Value.GetMethod("IfAnd")!, null, new object[] { x, a });
        (double dx, double da) = a <= 0 ? (0.0, 2.0) : x < 4 ? (a / (2 * s), s) : (1 / (2 * s), 1.0);
        Tolerance.AssertFormula(dx, r.Gradient[0]![0], "d/dx");
        Tolerance.AssertFormula(da, r.Gradient[1]![0], "d/da");
        ModeChecks.AtPoint(Net.Value, "IfAnd", new object[] { x, a }, new Random(2));
    }

    [Theory]
    [InlineData(2.0)]   // f = x·√(x+1)
    [InlineData(-0.5)]  // the call does not run: f = 2x
    [InlineData(7.0)]   // the call fails: f = 2x
    public void AnIfOverOrWithATryCall_IsRightOnEveryPath(double x)
    {
        bool used = x >= 0 && x < 4;
        double s = Math.Sqrt(x + 1);
        var r = CentralDifferenceRunner.Check(Net.Value.GetMethod("IfOr")!, null, new object[] { x });
        Tolerance.AssertFormula(used ? s + x / (2 * s) : 2, r.Gradient[0]![0], "d/dx");
        ModeChecks.AtPoint(Net.Value, "IfOr", new object[] { x }, new Random(3));
    }

    [Fact]
    public void ARefusedTryCall_IsOneErrorAtTheCall_NotACascade()
    {
        // The helper's body writes a static field: refused at the call; r, read after it, reports nothing more.
        const string source = """
            using System;
            using AutoDiffGen;
            public static class U { public static int Calls; public static bool TryG(double x, out double r) { Calls++; r = x; return true; } }
            public static partial class Net
            {
                [Differentiable]
                public static double F(double x) { if (x < 0 || !U.TryG(x, out var r)) return 0; return r * x; }
            }
            """;
        var result = GeneratorHarness.Run(source);
        Assert.Empty(result.Exceptions);
        Assert.Empty(result.CompileDiagnostics);
        var error = Assert.Single(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0004", error.Id);
        Assert.Equal("U.TryG(x, out var r)", error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        Assert.Contains("static field 'Calls'", error.GetMessage(), StringComparison.Ordinal);
    }
}
