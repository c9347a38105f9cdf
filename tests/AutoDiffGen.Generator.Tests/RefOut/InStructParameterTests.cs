using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.RefOut;

/// <summary>
/// A struct of reals passed by <c>in</c> is an input exactly like a by-value one (issue 13):
/// <c>MBackward(double x, in Pt p, ref double dX, ref Pt dP, …)</c>, <c>MForward(…, in Pt p, double tX, Pt tP, out …)</c>,
/// MHessian and MJacobian as the by-value form (which take it by value). Callers pass a local, a parameter, a
/// <c>new Pt(…)</c> or <c>in q</c>. Every gradient is checked against a hand-derived value and central differences.
/// </summary>
public class InStructParameterTests
{
    public const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;
        namespace InStructs
        {
            public readonly record struct Pt(double X, double Y);
            public struct P2 { public double X; public double Y; public P2(double x, double y) { X = x; Y = y; } }
            public struct Tagged { public double X; public int Id; }
            public static partial class C
            {
                [Differentiable(Forward = true, Jacobian = true)]
                public static double InParam(double x, in Pt p) => x * p.X + p.Y;
                [Differentiable(Forward = true)]
                public static double Caller(double x, double y)
                {
                    var q = new Pt(y, x * y);
                    return InParam(x, q) + InParam(y, new Pt(y, x * y)) + InParam(x, in q);
                }
                [Differentiable(Forward = true, Hessian = true, Jacobian = true)]
                public static double M(double x, in P2 p) => x * p.X * p.X + Math.Sin(p.Y);
                [Differentiable(Forward = true)]
                public static double MCaller(double x, double y) { var q = new P2(x, y); return M(y, in q) * x + M(x, new P2(y, x)); }
                [Differentiable] public static double Through(double x, in P2 p) => M(x, p) + M(p.Y, in p);
                [Differentiable] public static double ThroughCaller(double x, double y) => Through(y, new P2(x, x * y));
                [Differentiable] public static double Discrete(in Tagged t, double k) => t.X * t.Id * k;
                [Differentiable] public static double DiscreteCaller(double x, double k) { var t = new Tagged { X = x, Id = 3 }; return Discrete(in t, k); }
            }
            public static class Probe
            {
                public static double InParam(double x, double px, double py) => C.InParam(x, new Pt(px, py));
                public static double[] InParamBackward(double x, double px, double py)
                {
                    double dX = 0; var dP = new Pt(0, 0); var p = new Pt(px, py);
                    double v = C.InParamBackward(x, in p, ref dX, ref dP);
                    return new[] { v, dX, dP.X, dP.Y };
                }
                public static double[] InParamForward(double x, double px, double py, double tx, double tpx, double tpy)
                {
                    var p = new Pt(px, py);
                    double v = C.InParamForward(x, in p, tx, new Pt(tpx, tpy), out double t);
                    return new[] { v, t };
                }
                public static double[] InParamJacobian(double x, double px, double py)
                {
                    var j = new double[3];
                    double v = C.InParamJacobian(x, new Pt(px, py), j);
                    return new[] { v, j[0], j[1], j[2] };
                }
                public static double M(double x, double px, double py) => C.M(x, new P2(px, py));
                public static double[] MBackward(double x, double px, double py)
                {
                    double dX = 0; var dP = new P2(0, 0); var p = new P2(px, py);
                    double v = C.MBackward(x, in p, ref dX, ref dP);
                    return new[] { v, dX, dP.X, dP.Y };
                }
                public static double[] MForward(double x, double px, double py, double tx, double tpx, double tpy)
                {
                    var p = new P2(px, py);
                    double v = C.MForward(x, in p, tx, new P2(tpx, tpy), out double t);
                    return new[] { v, t };
                }
                public static double[] MHessian(double x, double px, double py)
                {
                    var h = new double[9];
                    double v = C.MHessian(x, new P2(px, py), h);
                    var r = new double[10]; r[0] = v; Array.Copy(h, 0, r, 1, 9);
                    return r;
                }
                public static double[] MJacobian(double x, double px, double py)
                {
                    var j = new double[3];
                    double v = C.MJacobian(x, new P2(px, py), j);
                    return new[] { v, j[0], j[1], j[2] };
                }
                public static double[] CallerForward(double x, double y, double tx, double ty) { double v = C.CallerForward(x, y, tx, ty, out double t); return new[] { v, t }; }
                public static double[] MCallerForward(double x, double y, double tx, double ty) { double v = C.MCallerForward(x, y, tx, ty, out double t); return new[] { v, t }; }
            }
        }
        """;

    /// <summary>The same with an <c>in</c> Vector3, float.</summary>
    private const string InVector = """
        using System.Numerics;
        using AutoDiffGen;
        namespace InStructs
        {
            public static partial class V
            {
                [Differentiable(Forward = true, Hessian = true)]
                public static float V3(float a, in Vector3 v) => a * v.X * v.Z + v.Y;
                [Differentiable] public static float V3Caller(float a, float b) { var v = new Vector3(b, a, a * b); return V3(a, in v) + V3(b, new Vector3(a, 1, b)); }
                public static float[] Backward(float a, float x, float y, float z)
                {
                    float dA = 0; var dV = Vector3.Zero; var v = new Vector3(x, y, z);
                    float r = V3Backward(a, in v, ref dA, ref dV);
                    return new[] { r, dA, dV.X, dV.Y, dV.Z };
                }
                public static float[] Forward(float a, float x, float y, float z, float ta, float tx, float ty, float tz)
                {
                    var v = new Vector3(x, y, z);
                    float r = V3Forward(a, in v, ta, new Vector3(tx, ty, tz), out float t);
                    return new[] { r, t };
                }
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static double[] Call(string method, params object[] args) =>
        (double[])Compiled.Value.GetType("InStructs.Probe")!.GetMethod(method)!.Invoke(null, args)!;

    private static double Value(string method, params object[] args) =>
        (double)Compiled.Value.GetType("InStructs.Probe")!.GetMethod(method)!.Invoke(null, args)!;

    /// <summary>Central differences of Probe.<paramref name="primal"/> in each of its three arguments.</summary>
    private static double[] Central(string primal, double[] at)
    {
        const double h = 1e-6;
        var result = new double[at.Length];
        for (int i = 0; i < at.Length; i++)
        {
            var plus = (double[])at.Clone(); plus[i] += h;
            var minus = (double[])at.Clone(); minus[i] -= h;
            result[i] = (Value(primal, plus.Cast<object>().ToArray()) - Value(primal, minus.Cast<object>().ToArray())) / (2 * h);
        }
        return result;
    }

    [Fact]
    public void InParam_Backward_Forward_Jacobian_HandAndCentral()
    {
        double x = 0.7, px = -1.3, py = 0.4;
        // x·p.X + p.Y: ∂x = p.X, ∂p = (x, 1).
        double[] hand = [px, x, 1];
        var central = Central("InParam", [x, px, py]);
        var backward = Call("InParamBackward", x, px, py);
        Tolerance.AssertFormula(x * px + py, backward[0]);
        for (int i = 0; i < 3; i++)
        {
            Tolerance.AssertFormula(hand[i], backward[i + 1], "backward " + i);
            Tolerance.AssertCentral(central[i], backward[i + 1], backward[0], "backward " + i);
        }
        var jacobian = Call("InParamJacobian", x, px, py);
        for (int i = 0; i < 3; i++) Tolerance.AssertFormula(hand[i], jacobian[i + 1], "jacobian " + i);
        // Tangent (0.3, -0.2, 1.1): p.X·0.3 + x·(−0.2) + 1.1.
        var forward = Call("InParamForward", x, px, py, 0.3, -0.2, 1.1);
        Tolerance.AssertFormula(px * 0.3 + x * -0.2 + 1.1, forward[1], "forward");
        Tolerance.AssertCentral(central[0] * 0.3 + central[1] * -0.2 + central[2] * 1.1, forward[1], forward[0], "forward");
    }

    [Fact]
    public void MutableStruct_AllFourModes_HandAndCentral()
    {
        double x = 0.7, px = -1.3, py = 0.4;
        // x·pX² + sin pY: ∇ = (pX², 2x·pX, cos pY); Hessian [[0, 2pX, 0], [2pX, 2x, 0], [0, 0, −sin pY]].
        double[] hand = [px * px, 2 * x * px, Math.Cos(py)];
        var central = Central("M", [x, px, py]);
        var backward = Call("MBackward", x, px, py);
        var jacobian = Call("MJacobian", x, px, py);
        for (int i = 0; i < 3; i++)
        {
            Tolerance.AssertFormula(hand[i], backward[i + 1], "backward " + i);
            Tolerance.AssertCentral(central[i], backward[i + 1], backward[0], "backward " + i);
            Tolerance.AssertFormula(hand[i], jacobian[i + 1], "jacobian " + i);
        }
        var forward = Call("MForward", x, px, py, 0.3, -0.2, 1.1);
        Tolerance.AssertFormula(hand[0] * 0.3 + hand[1] * -0.2 + hand[2] * 1.1, forward[1], "forward");
        Tolerance.AssertCentral(central[0] * 0.3 + central[1] * -0.2 + central[2] * 1.1, forward[1], forward[0], "forward");
        var hessian = Call("MHessian", x, px, py);
        double[] handHessian = [0, 2 * px, 0, 2 * px, 2 * x, 0, 0, 0, -Math.Sin(py)];
        for (int i = 0; i < 9; i++) Tolerance.AssertFormula(handHessian[i], hessian[i + 1], "hessian " + i);
        // Central differences of the gradient (MBackward) give the Hessian's rows.
        const double h = 1e-5;
        double[] at = [x, px, py];
        for (int r = 0; r < 3; r++)
        {
            var plus = (double[])at.Clone(); plus[r] += h;
            var minus = (double[])at.Clone(); minus[r] -= h;
            var gp = Call("MBackward", plus[0], plus[1], plus[2]);
            var gm = Call("MBackward", minus[0], minus[1], minus[2]);
            for (int c = 0; c < 3; c++) Tolerance.AssertClose((gp[c + 1] - gm[c + 1]) / (2 * h), hessian[1 + 3 * r + c], 1e-6, "hessian central " + r + "," + c);
        }
    }

    [Fact]
    public void Callers_PassLocal_New_In_AndParameter_HandAndCentral()
    {
        var type = Compiled.Value.GetType("InStructs.C")!;
        double x = 0.7, y = -1.2;
        // Caller = 2·(x·y + x·y) + (y·y + x·y) = 5xy + y²: ∇ = (5y, 5x + 2y) = (−6, 1.1).
        var g = CentralDifferenceRunner.Check(type.GetMethod("Caller")!, null, [x, y]).Gradient;
        Tolerance.AssertFormula(5 * y, g[0]![0], "dx");
        Tolerance.AssertFormula(5 * x + 2 * y, g[1]![0], "dy");
        var forward = Call("CallerForward", x, y, 0.3, -0.7);
        Tolerance.AssertFormula(5 * y * 0.3 + (5 * x + 2 * y) * -0.7, forward[1], "caller forward");
        // MCaller = (y·x² + sin y)·x + x·y² + sin x: ∇ = (3x²y + sin y + y² + cos x, x³ + x cos y + 2xy).
        g = CentralDifferenceRunner.Check(type.GetMethod("MCaller")!, null, [x, y]).Gradient;
        double mx = 3 * x * x * y + Math.Sin(y) + y * y + Math.Cos(x), my = x * x * x + x * Math.Cos(y) + 2 * x * y;
        Tolerance.AssertFormula(mx, g[0]![0], "dx");
        Tolerance.AssertFormula(my, g[1]![0], "dy");
        forward = Call("MCallerForward", x, y, 0.3, -0.7);
        Tolerance.AssertFormula(mx * 0.3 + my * -0.7, forward[1], "mcaller forward");
        // Through(y, (x, xy)) = M(y, p) + M(xy, p) = (y + xy)·x² + 2 sin(xy): ∇ = (3x²y·… ) checked by hand below.
        g = CentralDifferenceRunner.Check(type.GetMethod("ThroughCaller")!, null, [x, y]).Gradient;
        // f = x²y + x³y + 2 sin(xy): ∂x = 2xy + 3x²y + 2y cos(xy), ∂y = x² + x³ + 2x cos(xy).
        Tolerance.AssertFormula(2 * x * y + 3 * x * x * y + 2 * y * Math.Cos(x * y), g[0]![0], "through dx");
        Tolerance.AssertFormula(x * x + x * x * x + 2 * x * Math.Cos(x * y), g[1]![0], "through dy");
        // DiscreteCaller = 3xk: ∇ = (3k, 3x); the int member is a constant, as in a by-value struct.
        g = CentralDifferenceRunner.Check(type.GetMethod("DiscreteCaller")!, null, [x, 1.9]).Gradient;
        Tolerance.AssertFormula(3 * 1.9, g[0]![0], "discrete dx");
        Tolerance.AssertFormula(3 * x, g[1]![0], "discrete dk");
    }

    [Fact]
    public void GeneratedSignatures_KeepIn_OnThePrimal()
    {
        var run = GeneratorHarness.Run(Source);
        var text = string.Join("\n", run.Generated.Values);
        Assert.Contains("InParamBackward(double x, in global::InStructs.Pt p, ref double dX, ref global::InStructs.Pt dP, double dResult = 1)", text);
        Assert.Contains("InParamForward(double x, in global::InStructs.Pt p, double tX, global::InStructs.Pt tP, out double tResult)", text);
    }

    [Fact]
    public void InVector3_Float_HandAndCentral()
    {
        var assembly = GeneratorHarness.CompileAndLoad(InVector);
        var type = assembly.GetType("InStructs.V")!;
        float a = 0.7f, x = -1.3f, y = 0.4f, z = 1.6f;
        // a·x·z + y: ∂a = x·z, ∂v = (a·z, 1, a·x).
        var b = (float[])type.GetMethod("Backward")!.Invoke(null, [a, x, y, z])!;
        float[] hand = [x * z, a * z, 1, a * x];
        for (int i = 0; i < 4; i++) Tolerance.AssertClose(hand[i], b[i + 1], 1e-5, "backward " + i);
        var f = (float[])type.GetMethod("Forward")!.Invoke(null, [a, x, y, z, 0.3f, -0.2f, 1.1f, 0.5f])!;
        Tolerance.AssertClose(hand[0] * 0.3 + hand[1] * -0.2 + hand[2] * 1.1 + hand[3] * 0.5, f[1], 1e-5, "forward");
        // V3Caller(a, b) = a·b·ab + a + b·a·b + 1 = a²b² + a + ab² + 1: ∇ = (2ab² + 1 + b², 2a²b + 2ab) = (4.456, −2.856).
        var g = CentralDifferenceRunner.Check(type.GetMethod("V3Caller")!, null, [0.7f, -1.2f]).Gradient;
        Tolerance.AssertClose(2 * 0.7 * 1.44 + 1 + 1.44, g[0]![0], 1e-4, "caller da");
        Tolerance.AssertClose(2 * 0.49 * -1.2 + 2 * 0.7 * -1.2, g[1]![0], 1e-4, "caller db");
    }

    public static TheoryData<LanguageVersion, bool> Versions => new()
    {
        { LanguageVersion.CSharp7_3, false },
        { LanguageVersion.CSharp8, true },
        { LanguageVersion.Latest, true },
    };

    /// <summary>The generated code compiles warning-free at every language version (in parameters are C# 7.2).</summary>
    [Theory]
    [MemberData(nameof(Versions))]
    public void CompilesAtEveryLanguageVersion(LanguageVersion version, bool nullable)
    {
        // C# 7.3 has no record struct: Pt is written as a readonly struct with a constructor taking every member.
        string source = Source.Replace("public readonly record struct Pt(double X, double Y);",
            "public readonly struct Pt { public Pt(double x, double y) { X = x; Y = y; } public double X { get; } public double Y { get; } }");
        var result = LanguageVersionHarness.Run(version, nullable, null, source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
    }

    /// <summary>Just outside: a struct passed by ref, out or ref readonly stays ADG0006 at the parameter, its message saying in works; no code.</summary>
    [Theory]
    [InlineData("[Differentiable] public static double F(double x, ref P2 p) => x * p.X;", "ref P2 p", "passed by ref")]
    [InlineData("[Differentiable] public static double F(double x, out P2 p) { p = new P2(x, x); return x; }", "out P2 p", "passed by out")]
    // ref readonly would need a variable at every generated call (a value is warning CS9193): refused, in works.
    [InlineData("[Differentiable] public static double F(double x, ref readonly P2 p) => x * p.X;", "ref readonly P2 p", "passed by ref readonly")]
    public void RefOrOutStruct_StaysADG0006(string member, string span, string says)
    {
        string source = "using AutoDiffGen; public struct P2 { public double X; public double Y; public P2(double x, double y) { X = x; Y = y; } } public static partial class C { " + member + " }";
        var run = GeneratorHarness.Run(source);
        var errors = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Contains(errors, d => d.Id == "ADG0006" && source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length) == span
            && d.GetMessage().Contains(says, StringComparison.Ordinal) && d.GetMessage().Contains("in for a struct of reals", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
    }

    private delegate double Hessian1(double x, Span<double> h);
    private delegate double Backward1(double x, ref double dX, double dResult);

    /// <summary>Hessian = true on a caller that passes a struct: the callee inlined as for a by-value struct (hess14; ADG0019 at the call before).</summary>
    [Theory]
    [InlineData("in P2 p")]
    [InlineData("P2 p")]
    public void HessianCaller_InlinesTheCallee_AsTheByValueForm(string parameter)
    {
        // Since hess14 a Hessian-mode call passing a struct of reals inlines the callee (its product cannot call it):
        // f = M(x, (x, 1)) = x·x, so H = [2], by hand and by central differences of FBackward's gradient.
        string source = "using System; using AutoDiffGen; public struct P2 { public double X; public double Y; } public static partial class C { [Differentiable] public static double M(double x, "
            + parameter + ") => x * p.X; [Differentiable(Hessian = true)] public static double F(double x) => M(x, new P2 { X = x, Y = 1 }); }";
        var type = GeneratorHarness.CompileAndLoad(source).GetType("C")!;
        var hessian = type.GetMethod("FHessian")!.CreateDelegate<Hessian1>();
        var backward = type.GetMethod("FBackward")!.CreateDelegate<Backward1>();
        foreach (double x in new[] { 0.7, -1.3 })
        {
            var h = new double[1];
            Tolerance.AssertFormula(x * x, hessian(x, h), "value");
            Tolerance.AssertFormula(2, h[0], "H by hand");
            var central = Hessians.HessianModeTests.CentralHessian((p, g) => { double d = 0; backward(p[0], ref d, 1); g[0] = d; }, new[] { x });
            Tolerance.AssertCentral(central[0], h[0], 10, "H vs central differences of FBackward");
        }
    }
}
