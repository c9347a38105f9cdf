using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// Bodies of several statements inlined where they are called (<see cref="InlinedBodyExamples"/>): struct methods,
/// operators and computed properties with locals, branches and loops; local functions and statement lambdas with loops;
/// void local functions that update the method's variables and arrays; ref and out parameters. Each compiles warning-free
/// from C# 7.3 to latest; gradients against central differences and by hand; forward tangents and Hessians by hand.
/// </summary>
public class InlinedBodyTests
{
    public static TheoryData<LanguageVersion, bool> Versions => new()
    {
        { LanguageVersion.CSharp7_3, false },
        { LanguageVersion.Latest, true },
    };

    private static readonly Lazy<Assembly> StructsCompiled = new(() => LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, InlinedBodyExamples.Structs).Load());
    private static readonly Lazy<Assembly> LocalsCompiled = new(() => LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, InlinedBodyExamples.Locals).Load());

    private static MethodInfo Uses(string name) => StructsCompiled.Value.GetType("Multi.Uses")!.GetMethod(name)!;

    private static MethodInfo Written(string name) => LocalsCompiled.Value.GetType("Locals.Written")!.GetMethod(name)!;

    private static object V(double x, double y) => Activator.CreateInstance(StructsCompiled.Value.GetType("Multi.V2")!, x, y)!;

    [Theory]
    [MemberData(nameof(Versions))]
    public void Structs_CompileWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, InlinedBodyExamples.Structs);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(6, result.Generated.Count);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Locals_CompileWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, InlinedBodyExamples.Locals);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(11, result.Generated.Count);
    }

    [Theory]
    [InlineData(0.6, -0.8)]
    [InlineData(-1.3, 0.4)]
    public void NormAndLength_MatchHand_ForwardAndHessianToo(double x, double y)
    {
        // |v| + |2v| = 3|v|: ∇ = 3v/|v|; H = 3(I/r − v vᵀ/r³).
        double r = Math.Sqrt((x * x) + (y * y));
        var g = CentralDifferenceRunner.Check(Uses("NormOf"), null, new object[] { x, y }).Gradient;
        Tolerance.AssertFormula(3 * x / r, g[0]![0], "∂/∂x");
        Tolerance.AssertFormula(3 * y / r, g[1]![0], "∂/∂y");
        var args = new object[] { x, y, 1.0, 0.0, 0.0 };
        Uses("NormOfForward").Invoke(null, args);
        Tolerance.AssertFormula(3 * x / r, (double)args[4], "tangent along x");
        var h = new double[4];
        ((Hessian2)Delegate.CreateDelegate(typeof(Hessian2), Uses("NormOfHessian")))(x, y, h);
        Tolerance.AssertFormula(3 * ((1 / r) - (x * x / (r * r * r))), h[0], "∂²/∂x²");
        Tolerance.AssertFormula(-3 * x * y / (r * r * r), h[1], "∂²/∂x∂y");
        Tolerance.AssertFormula(3 * ((1 / r) - (y * y / (r * r * r))), h[3], "∂²/∂y²");
    }

    private delegate double Hessian2(double x, double y, Span<double> hessian);

    [Theory]
    [InlineData(1.0, 2.0, -0.5, 0.3, 1.7)]
    [InlineData(-0.4, 0.9, 2.0, -1.0, 0.6)]
    public void OperatorsWithLocals_MatchHand(double ax, double ay, double bx, double by, double k)
    {
        // (k a)·b + |k a| with k > 0: ∂/∂a = k b + k a/|a|, ∂/∂b = k a, ∂/∂k = a·b + |a|.
        double na = Math.Sqrt((ax * ax) + (ay * ay));
        var g = CentralDifferenceRunner.Check(Uses("Scaled"), null, new object[] { V(ax, ay), V(bx, by), k }).Gradient;
        Tolerance.AssertFormula((k * bx) + (k * ax / na), g[0]![0], "∂/∂a.X");
        Tolerance.AssertFormula((k * by) + (k * ay / na), g[0]![1], "∂/∂a.Y");
        Tolerance.AssertFormula(k * ax, g[1]![0], "∂/∂b.X");
        Tolerance.AssertFormula(k * ay, g[1]![1], "∂/∂b.Y");
        Tolerance.AssertFormula((ax * bx) + (ay * by) + na, g[2]![0], "∂/∂k");
    }

    [Theory]
    [InlineData(1.5, 0.5, 0.25)]
    [InlineData(0.1, 0.5, 0.7)]
    public void BranchesInAMethod_MatchCentralDifferences(double x, double y, double t)
    {
        var g = CentralDifferenceRunner.Check(Uses("Soft"), null, new object[] { V(x, y), t }).Gradient;
        // Both branches are the same function: t·log(eˣᐟᵗ + eʸᐟᵗ); ∂/∂X = softmax weight of X.
        double wx = 1 / (1 + Math.Exp((y - x) / t));
        Tolerance.AssertFormula(wx, g[0]![0], "∂/∂a.X");
        Tolerance.AssertFormula(1 - wx, g[0]![1], "∂/∂a.Y");
    }

    [Theory]
    [InlineData(0.3, 0.4, 1.0)]
    [InlineData(3.0, -4.0, 2.0)]
    public void ReturnThisOrAScaledCopy_MatchHand(double x, double y, double m)
    {
        var g = CentralDifferenceRunner.Check(Uses("Clamp"), null, new object[] { V(x, y), m }).Gradient;
        double n = Math.Sqrt((x * x) + (y * y));
        if (n <= m)
        {
            Assert.Equal(new[] { 3.0, 1.0, 0.0 }, new[] { g[0]![0], g[0]![1], g[1]![0] });
            return;
        }
        // m a/|a| · (3, 1): ∂/∂a = m((3, 1)/|a| − (3x + y) a/|a|³), ∂/∂m = (3x + y)/|a|.
        double w = (3 * x) + y;
        Tolerance.AssertFormula(m * ((3 / n) - (w * x / (n * n * n))), g[0]![0], "∂/∂a.X");
        Tolerance.AssertFormula(m * ((1 / n) - (w * y / (n * n * n))), g[0]![1], "∂/∂a.Y");
        Tolerance.AssertFormula(w / n, g[1]![0], "∂/∂m");
    }

    [Theory]
    [InlineData(0.7, -1.2, 0)]
    [InlineData(1.1, 0.5, 3)]
    public void LoopInAMethod_MatchesHand(double x, double y, int n)
    {
        var g = CentralDifferenceRunner.Check(Uses("Power"), null, new object[] { V(x, y), n }).Gradient;
        // Σ_{j=1,2} Σ_{i=1}^{n+j} xⁱ y.
        double dx = 0, dy = 0;
        for (int j = 1; j <= 2; j++)
        {
            for (int i = 1; i <= n + j; i++)
            {
                dx += i * Math.Pow(x, i - 1) * y;
                dy += Math.Pow(x, i);
            }
        }
        Tolerance.AssertFormula(dx, g[0]![0], "∂/∂a.X");
        Tolerance.AssertFormula(dy, g[0]![1], "∂/∂a.Y");
    }

    [Fact]
    public void ReadonlyStructMethod_MatchesHand()
    {
        var r = Activator.CreateInstance(StructsCompiled.Value.GetType("Multi.R")!, 1.5, -0.5)!;
        var g = CentralDifferenceRunner.Check(Uses("Readonly"), null, new object[] { r, 2.0 }).Gradient;
        Tolerance.AssertFormula(2.0 * 1.5, g[0]![0], "∂/∂A");
        Tolerance.AssertFormula(2 * -0.5, g[0]![1], "∂/∂B");
        Tolerance.AssertFormula(0.5 * 1.5 * 1.5, g[1]![0], "∂/∂k");
    }

    [Theory]
    [InlineData(0.7, 1.3, 0)]
    [InlineData(0.4, -0.6, 4)]
    public void LocalFunctionWithALoop_MatchesHand_ForwardAndHessianToo(double x, double y, int n)
    {
        // Σ_{i≤n} sin(xi)·y + x·Σ_{i≤2} sin(xi)·y.
        double dx = 0, dy = 0, dxx = 0;
        for (int i = 1; i <= n; i++)
        {
            dx += i * Math.Cos(x * i) * y;
            dy += Math.Sin(x * i);
            dxx -= i * i * Math.Sin(x * i) * y;
        }
        for (int i = 1; i <= 2; i++)
        {
            dx += (Math.Sin(x * i) * y) + (x * i * Math.Cos(x * i) * y);
            dy += x * Math.Sin(x * i);
            dxx += (2 * i * Math.Cos(x * i) * y) - (x * i * i * Math.Sin(x * i) * y);
        }
        var g = CentralDifferenceRunner.Check(Written("SumLoop"), null, new object[] { x, y, n }).Gradient;
        Tolerance.AssertFormula(dx, g[0]![0], "∂/∂x");
        Tolerance.AssertFormula(dy, g[1]![0], "∂/∂y");
        var args = new object[] { x, y, n, 1.0, 0.0, 0.0 };
        Written("SumLoopForward").Invoke(null, args);
        Tolerance.AssertFormula(dx, (double)args[5], "tangent along x");
        var h = new double[4];
        ((Hessian2n)Delegate.CreateDelegate(typeof(Hessian2n), Written("SumLoopHessian")))(x, y, n, h);
        Tolerance.AssertFormula(dxx, h[0], "∂²/∂x²");
        Tolerance.AssertFormula(dx / y, h[1], "∂²/∂x∂y");
        Assert.Equal(0.0, h[3]);
    }

    private delegate double Hessian2n(double x, double y, int n, Span<double> hessian);

    [Theory]
    [InlineData(1.0, new[] { 0.0, 3.0, 0.0, 5.0 }, 0.0)]
    [InlineData(3.0, new[] { 0.0, 0.0, 0.0, 0.0 }, 2.0)]
    [InlineData(1.8, new[] { 0.0, 0.0, 0.0, 5.0 }, 1.0)]
    public void ReturnInsideALoopOfALocalFunction_MatchesHand(double t, double[] da, double dt)
    {
        var g = CentralDifferenceRunner.Check(Written("FirstAbove"), null, new object[] { new[] { 0.2, 1.5, 0.7, 2.5 }, t }).Gradient;
        Assert.Equal(da, g[0]!.Select(v => Math.Round(v, 12)).ToArray());
        Tolerance.AssertFormula(dt, g[1]![0], "∂/∂t");
    }

    [Fact]
    public void WhileLoopInALocalFunction_CalledInALoop_MatchesHand()
    {
        var c = new[] { 0.5, -1.0, 0.25 };
        double x = 0.3;
        var g = CentralDifferenceRunner.Check(Written("Horner"), null, new object[] { c, x }).Gradient;
        for (int i = 0; i < 3; i++)
        {
            Tolerance.AssertFormula(Enumerable.Range(0, 3).Sum(j => Math.Pow(x + j, i)), g[0]![i], "∂/∂c[" + i + "]");
        }
        Tolerance.AssertFormula(Enumerable.Range(0, 3).Sum(j => c[1] + (2 * c[2] * (x + j))), g[1]![0], "∂/∂x");
    }

    [Theory]
    [InlineData(0.5, 0.8, 0)]
    [InlineData(0.5, -0.8, 0)]
    [InlineData(1.0, 0.3, 3)]
    [InlineData(0.4, 0.3, 4)]
    public void VoidLocalFunctionUpdatingCapturedLocals_MatchesCentralDifferencesAndHand(double x, double y, int n)
    {
        var g = CentralDifferenceRunner.Check(Written("Accumulate"), null, new object[] { x, y, n }).Gradient;
        // s = Σ v², p = Π (1 + v) over the v ≥ 0 among x − 0.3i (i < n) and y.
        var vs = Enumerable.Range(0, n).Select(i => (V: x - (0.3 * i), X: 1.0)).Append((V: y, X: 0.0)).Where(v => v.V >= 0).ToList();
        double p = vs.Aggregate(1.0, (a, v) => a * (1 + v.V));
        double dx = vs.Sum(v => v.X * ((2 * v.V) + (p / (1 + v.V))));
        double dy = vs.Where(v => v.X == 0).Sum(v => (2 * v.V) + (p / (1 + v.V)));
        Tolerance.AssertFormula(dx, g[0]![0], "∂/∂x");
        Tolerance.AssertFormula(dy, g[1]![0], "∂/∂y");
        var args = new object[] { x, y, n, 0.0, 1.0, 0.0 };
        Written("AccumulateForward").Invoke(null, args);
        Tolerance.AssertFormula(dy, (double)args[5], "tangent along y");
    }

    [Theory]
    [InlineData(0.7, -1.1)]
    [InlineData(-0.3, 0.9)]
    public void VoidLocalFunctionWritingACapturedArray_MatchesHand(double x, double y)
    {
        // x² + 2y² + x⁴y².
        var g = CentralDifferenceRunner.Check(Written("FillArray"), null, new object[] { x, y }).Gradient;
        Tolerance.AssertFormula((2 * x) + (4 * x * x * x * y * y), g[0]![0], "∂/∂x");
        Tolerance.AssertFormula((4 * y) + (2 * x * x * x * x * y), g[1]![0], "∂/∂y");
    }

    [Theory]
    [InlineData(1.0, 0.0, 0.1, 0)]
    [InlineData(1.0, 0.5, 0.1, 5)]
    [InlineData(-0.4, 2.0, 0.05, 12)]
    public void RefParametersOfALocalFunction_MatchTheMatrixPower_ForwardAndHessianToo(double x0, double v0, double h, int n)
    {
        // (x, v) ← A(x, v) with A = [[1, h], [−h, 1 − 0.1h]]; f = x² + v.
        double a = 1, b = 0, c = 0, d = 1;
        for (int i = 0; i < n; i++) (a, b, c, d) = (a + (h * c), b + (h * d), (-h * a) + ((1 - (0.1 * h)) * c), (-h * b) + ((1 - (0.1 * h)) * d));
        double x = (a * x0) + (b * v0);
        var g = CentralDifferenceRunner.Check(Written("Euler"), null, new object[] { x0, v0, h, n }).Gradient;
        Tolerance.AssertFormula((2 * x * a) + c, g[0]![0], "∂/∂x0");
        Tolerance.AssertFormula((2 * x * b) + d, g[1]![0], "∂/∂v0");
        var args = new object[] { x0, v0, h, n, 1.0, 0.0, 0.0, 0.0 };
        Written("EulerForward").Invoke(null, args);
        Tolerance.AssertFormula((2 * x * a) + c, (double)args[7], "tangent along x0");
        var hessian = new double[9];
        ((Hessian3n)Delegate.CreateDelegate(typeof(Hessian3n), Written("EulerHessian")))(x0, v0, h, n, hessian);
        // The state is linear in (x0, v0): ∂²f/∂x0² = 2a², ∂²f/∂x0∂v0 = 2ab, ∂²f/∂v0² = 2b².
        Tolerance.AssertFormula(2 * a * a, hessian[0], "∂²/∂x0²");
        Tolerance.AssertFormula(2 * a * b, hessian[1], "∂²/∂x0∂v0");
        Tolerance.AssertFormula(2 * b * b, hessian[4], "∂²/∂v0²");
    }

    private delegate double Hessian3n(double x, double y, double z, int n, Span<double> hessian);

    [Theory]
    [InlineData(0.6, 0.8)]
    [InlineData(-1.2, 0.5)]
    public void OutParametersOfALocalFunction_MatchCentralDifferencesAndHand(double x, double y)
    {
        var g = CentralDifferenceRunner.Check(Written("PolarOut"), null, new object[] { x, y }).Gradient;
        // r1·t1 + r2 + t2 with r2 = √(r1² + t1²), t2 = atan2(t1, r1): through (r1, t1) by the chain rule.
        double r1 = Math.Sqrt((x * x) + (y * y)), t1 = Math.Atan2(y, x), q = (r1 * r1) + (t1 * t1);
        double dr1 = t1 + (r1 / Math.Sqrt(q)) - (t1 / q), dt1 = r1 + (t1 / Math.Sqrt(q)) + (r1 / q);
        Tolerance.AssertFormula((dr1 * x / r1) + (dt1 * -y / (r1 * r1)), g[0]![0], "∂/∂x");
        Tolerance.AssertFormula((dr1 * y / r1) + (dt1 * x / (r1 * r1)), g[1]![0], "∂/∂y");
    }

    [Fact]
    public void ForeachInALocalFunction_MatchesHand()
    {
        // (a·1)² · 2x²: ∂/∂a = 4x² Σa · 1, ∂/∂x = 4x (Σa)².
        var a = new[] { 0.5, -1.5, 2.25 };
        double sum = a.Sum(), x = 0.7;
        var g = CentralDifferenceRunner.Check(Written("ForeachDot"), null, new object[] { a, x }).Gradient;
        Assert.All(g[0]!, d => Tolerance.AssertFormula(4 * x * x * sum, d, "∂/∂a[i]"));
        Tolerance.AssertFormula(4 * x * sum * sum, g[1]![0], "∂/∂x");
    }

    [Theory]
    [InlineData(0.8, 0)]
    [InlineData(0.8, 1)]
    [InlineData(-0.6, 4)]
    public void ALoopTestThatCallsAWritingLocalFunction_MatchesHand(double x, int n)
    {
        // Each test that succeeds adds x·(left + 1) before the body scales by 1.5; the failing test adds nothing.
        double ds = 0;
        for (int left = n; left > 0; left--) ds = (ds + left) * 1.5;
        var g = CentralDifferenceRunner.Check(Written("Drain"), null, new object[] { x, n }).Gradient;
        Tolerance.AssertFormula(ds, g[0]![0], "∂/∂x");
    }

    [Fact]
    public void AVoidLocalFunctionWritingAnArrayParameter_MatchesHandAndCentralDifferences_WithAnInOutAdjoint()
    {
        // a[i] ← k a[i]: f = k a0 + k² a1²; ∂/∂a = (k, 2k² a1, 0), ∂/∂k = a0 + 2k a1². The method writes into a, so dA is
        // in/out (docs/ref-out.md): on entry the adjoint of what it leaves in a (k a), which adds k·dA[i] and a[i]·dA[i] into dK.
        var a = new[] { 0.5, -1.5, 2.0 };
        double k = 1.3;
        var method = Written("ScaleInPlace");
        var backward = LocalsCompiled.Value.GetType("Locals.Written")!.GetMethod("ScaleInPlaceBackward")!;
        double Primal(double[] v, double kk) => (double)method.Invoke(null, new object[] { (double[])v.Clone(), kk })!;
        var hand = new[] { k, 2 * k * k * a[1], 0 };
        for (int i = 0; i < 3; i++)
        {
            var up = (double[])a.Clone();
            var down = (double[])a.Clone();
            up[i] += 1e-6;
            down[i] -= 1e-6;
            Tolerance.AssertCentral((Primal(up, k) - Primal(down, k)) / 2e-6, hand[i], Primal(a, k), "∂/∂a[" + i + "] central");
        }
        Tolerance.AssertCentral((Primal(a, k + 1e-6) - Primal(a, k - 1e-6)) / 2e-6, a[0] + (2 * k * a[1] * a[1]), Primal(a, k), "∂/∂k central");
        foreach (double preload in new[] { 0.0, 0.5 })
        {
            var x = (double[])a.Clone();
            var dA = Enumerable.Repeat(preload, 3).ToArray();
            var args = new object[] { x, k, dA, 0.0, 1.0 };
            Tolerance.AssertFormula(Primal(a, k), (double)backward.Invoke(null, args)!, "value");
            Assert.Equal(a.Select(v => k * v).ToArray(), x);
            for (int i = 0; i < 3; i++) Tolerance.AssertFormula(hand[i] + (preload * k), dA[i], "dA[" + i + "] preloaded " + preload);
            Tolerance.AssertFormula(a[0] + (2 * k * a[1] * a[1]) + (preload * a.Sum()), (double)args[3], "dK preloaded " + preload);
        }
    }

    [Theory]
    [InlineData(0.4, 0)]
    [InlineData(0.4, 4)]
    [InlineData(-0.9, 6)]
    public void StatementLambdaWithALoop_MatchesHand(double x, int n)
    {
        double F(double t) => Enumerable.Range(0, n).Sum(i => Math.Pow(t, i) / (i + 1));
        double D(double t) => Enumerable.Range(1, Math.Max(n - 1, 0)).Sum(i => i * Math.Pow(t, i - 1) / (i + 1));
        var g = CentralDifferenceRunner.Check(Written("LambdaLoop"), null, new object[] { x, n }).Gradient;
        Tolerance.AssertFormula((D(x) * F(2 * x)) + (2 * F(x) * D(2 * x)), g[0]![0], "∂/∂x");
    }
}
