using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Structs;

/// <summary>
/// Vector-valued methods (struct/tuple results, Jacobian = true) where they meet the other features: a void method
/// with an out parameter that calls a struct-returning callee, WithRespectToThis on a struct result, Checkpoint = true
/// on a struct result (its loop is taped as usual, ADG0030), each checked by hand and against central differences;
/// and the combinations that would give a wrong Jacobian or Hessian, refused with an error at the method.
/// </summary>
public class VectorCombinationTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace Combo
        {
            public record struct P2(double X, double Y);

            public static partial class K
            {
                [Differentiable]
                public static P2 Polar(double r, double t) => new P2(r * Math.Cos(t), r * Math.Sin(t));

                [Differentiable]
                public static void Area(double r, double t, out double area)
                {
                    var p = Polar(r, t);
                    area = p.X * p.Y;
                }

                [Differentiable(Checkpoint = true)]
                public static (double, double) Spiral(double r, double t)
                {
                    double x = r, y = 0;
                    for (int i = 0; i < 5; i++)
                    {
                        double nx = x * Math.Cos(t) - y * Math.Sin(t);
                        y = x * Math.Sin(t) + y * Math.Cos(t);
                        x = nx;
                    }
                    return (x, y);
                }
            }

            public partial class Model
            {
                public double W = 1.5;

                [Differentiable(WithRespectToThis = true)]
                public P2 Scale(double x) => new P2(W * x, W * W);
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoadAllowing(Source, "ADG0030"));

    private static MethodInfo Static(string name) => Compiled.Value.GetType("Combo.K")!.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    [Fact]
    public void Checkpoint_OnAStructResult_IsRefusedWithAWarningThatSaysWhy()
    {
        var result = GeneratorHarness.Run(Source);
        var warning = Assert.Single(result.Diagnostics, d => d.Id == "ADG0030");
        Assert.Contains("'Spiral'", warning.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("returns a struct or tuple", warning.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.3, 0.4)]
    [InlineData(0.7, -1.1)]
    public void Spiral_TapedStructResult_MatchesHandJacobian(double r, double t)
    {
        // Five rotations by t: (r cos 5t, r sin 5t).
        var j = VectorChecks.Check(Static("Spiral"), new object[] { r, t });
        var hand = new[,] { { Math.Cos(5 * t), -5 * r * Math.Sin(5 * t) }, { Math.Sin(5 * t), 5 * r * Math.Cos(5 * t) } };
        VectorChecks.AssertHand(hand, j.Reverse, floats: false, "J by MBackward");
    }

    [Theory]
    [InlineData(1.3, 0.4, 0.75)]
    [InlineData(0.7, -1.1, -2.0)]
    public void VoidMethod_ThroughAStructCallee_MatchesHandAndCentralDifferences(double r, double t, double seed)
    {
        // area = r cos t · r sin t = r²/2 · sin 2t.
        var area = Static("Area");
        var backward = Compiled.Value.GetType("Combo.K")!.GetMethod("AreaBackward")!;
        object[] args = { r, t, 0.0, 0.25, -0.5, seed };
        backward.Invoke(null, args);
        double value = (double)args[2];
        double dR = (double)args[3] - 0.25, dT = (double)args[4] + 0.5;
        Tolerance.AssertClose(r * r / 2 * Math.Sin(2 * t), value, 1e-14, "the value left in 'area'");
        Tolerance.AssertClose(seed * r * Math.Sin(2 * t), dR, 1e-13, "dR by hand");
        Tolerance.AssertClose(seed * r * r * Math.Cos(2 * t), dT, 1e-13, "dT by hand");

        double Run(double rr, double tt)
        {
            object[] a = { rr, tt, 0.0 };
            area.Invoke(null, a);
            return (double)a[2];
        }
        const double h = 1e-6;
        Tolerance.AssertClose((Run(r + h, t) - Run(r - h, t)) / (2 * h) * seed, dR, 1e-7, "dR by central differences");
        Tolerance.AssertClose((Run(r, t + h) - Run(r, t - h)) / (2 * h) * seed, dT, 1e-7, "dT by central differences");
    }

    [Theory]
    [InlineData(0.8, 1.5)]
    [InlineData(-1.2, 0.3)]
    public void WithRespectToThis_OnAStructResult_MatchesHandAndCentralDifferences(double x, double w)
    {
        // (X, Y) = (W·x, W²): ∂/∂x = (W, 0), ∂/∂W = (x, 2W); seeded with dResult = (a, b).
        var type = Compiled.Value.GetType("Combo.Model")!;
        var pType = Compiled.Value.GetType("Combo.P2")!;
        var field = type.GetField("W")!;
        object Make(double value)
        {
            var m = Activator.CreateInstance(type)!;
            field.SetValue(m, value);
            return m;
        }
        double Component(object p, string name) => (double)pType.GetProperty(name)!.GetValue(p)!;
        const double a = 0.6, b = -1.7;
        var model = Make(w);
        var grad = Make(0.25);
        object[] args = { x, 0.5, grad, Activator.CreateInstance(pType, a, b)! };
        var value = type.GetMethod("ScaleBackward")!.Invoke(model, args)!;
        Assert.Equal(w * x, Component(value, "X"));
        double dX = (double)args[1] - 0.5, dW = (double)field.GetValue(grad)! - 0.25;
        Tolerance.AssertClose(a * w, dX, 1e-14, "dX by hand");
        Tolerance.AssertClose((a * x) + (b * 2 * w), dW, 1e-13, "dThis.W by hand");

        var scale = type.GetMethod("Scale")!;
        double Seeded(double xx, double ww)
        {
            var p = scale.Invoke(Make(ww), new object[] { xx })!;
            return (a * Component(p, "X")) + (b * Component(p, "Y"));
        }
        const double h = 1e-6;
        Tolerance.AssertClose((Seeded(x + h, w) - Seeded(x - h, w)) / (2 * h), dX, 1e-7, "dX by central differences");
        Tolerance.AssertClose((Seeded(x, w + h) - Seeded(x, w - h)) / (2 * h), dW, 1e-7, "dThis.W by central differences");
    }

    [Theory]
    [InlineData("public static partial class C { [Differentiable(Hessian = true)] public static P2 F(double x) => new P2(x * x, x); }",
        "ADG0019", "P2", "returns a struct or tuple of reals")]
    [InlineData("public static partial class C { [Differentiable(Hessian = true)] public static (double, double) F(double x) => (x * x, x); }",
        "ADG0019", "(double, double)", "returns a struct or tuple of reals")]
    [InlineData("public static partial class C { [Differentiable(Jacobian = true)] public static double F(ref double x, double[] a) { a[0] = x; x = x * x; return x; } }",
        "ADG0003", "F", "Jacobian = true on 'F', which has ref or out parameters and also writes into an array it is passed")]
    [InlineData("public static partial class C { [Differentiable(Jacobian = true)] public static P2 F(double x, out double y) { y = x; return new P2(x, x * x); } }",
        "ADG0003", "F", "also writes into its ref, out or array parameters")]
    [InlineData("public static partial class C { [Differentiable(Jacobian = true)] public static double F(double[] a) { a[0] = a[0] * a[0]; return a[0] + a[1]; } }",
        "ADG0003", "F", "Jacobian = true on 'F', which returns a value and also writes into an array it is passed")]
    [InlineData("public partial class C { public double W; [Differentiable(Jacobian = true, WithRespectToThis = true)] public P2 F(double x) => new P2(W * x, x); }",
        "ADG0003", "F", "Jacobian = true on 'F', which also differentiates the object's state (WithRespectToThis)")]
    [InlineData("public static partial class C { [Differentiable] public static P2 F(double x, out double y) { y = x * x; return new P2(x, y); } }",
        "ADG0003", "F", "A method that returns a struct or tuple ('F') and also writes into its ref, out or array parameters")]
    [InlineData("public static partial class C { [Differentiable] public static (double, double) F(double[] a) { a[0] = a[0] * 2; return (a[0], a[1]); } }",
        "ADG0003", "F", "also writes into its ref, out or array parameters")]
    public void WrongCombination_IsAnError_WithNoCode(string type, string id, string span, string says)
    {
        var source = "using System; using AutoDiffGen; public record struct P2(double X, double Y); " + type;
        var result = GeneratorHarness.Run(source);
        var all = result.GeneratorDiagnostics.Concat(GeneratorHarness.AnalyzerDiagnostics(result.Compilation)).Where(d => d.Id == id).ToList();
        Assert.True(all.Count > 0, "expected " + id + "\n" + result.Dump());
        Assert.Contains(all, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == span);
        Assert.Contains(all, d => d.GetMessage().Contains(says, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains("C.F_", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
