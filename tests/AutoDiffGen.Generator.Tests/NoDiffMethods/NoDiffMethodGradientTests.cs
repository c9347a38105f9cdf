using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.NoDiffMethods;

/// <summary>
/// Issue 13: a method marked [NoDiff] is a stop-gradient. Its call is evaluated in the forward sweep and its value is a
/// constant in reverse, forward and Hessian mode. Where the helper's value truly depends on x (Scale(v) = 2v) the
/// generated derivative is, by design, not the true one: the tests pin the documented semantics by hand. Where the
/// helper is locally constant (a rounding helper) the generated gradient is also the true one: central differences too.
/// </summary>
public class NoDiffMethodGradientTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static class H
        {
            [NoDiff] public static double Scale(double v) => 2 * v;
            [NoDiff] public static float ScaleF(float v) => 2 * v;
            // Rounds to a quarter: piecewise constant, so the stop-gradient is also the true derivative off its jumps.
            [NoDiff] public static double Snap(double v) => Math.Round(v * 4, MidpointRounding.AwayFromZero) / 4;
            [NoDiff] public static bool IsLarge(double v) => v > 10;
            [NoDiff] public static void Log(double v) { }
        }

        public static partial class Net
        {
            [Differentiable(Forward = true, Hessian = true)]
            public static double Stopped(double x) => x * H.Scale(x);

            [Differentiable(Forward = true, Hessian = true)]
            public static double ThroughLocals(double x)
            {
                double t = x * x;
                double s = H.Scale(t);
                H.Log(s);
                return H.IsLarge(t) ? t : t * s;
            }

            [Differentiable(Forward = true)]
            public static float StoppedF(float x) => x * H.ScaleF(x);

            [Differentiable(Forward = true, Hessian = true)]
            public static double Snapped(double x, double y) => Math.Sin(x) * H.Snap(y) + x * y * H.Snap(x);

            // MHessian takes a Span, which reflection cannot box: the tests call these wrappers.
            public static double[] StoppedH(double x) { var h = new double[1]; StoppedHessian(x, h); return h; }
            public static double[] ThroughLocalsH(double x) { var h = new double[1]; ThroughLocalsHessian(x, h); return h; }
            public static double[] SnappedH(double x, double y) { var h = new double[4]; SnappedHessian(x, y, h); return h; }
        }
        """;

    private static readonly Lazy<Type> Net = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("Net", throwOnError: true)!);

    private static double Backward(string name, double x)
    {
        var args = new object[] { x, 0.0, 1.0 };
        Net.Value.GetMethod(name + "Backward")!.Invoke(null, args);
        return (double)args[1];
    }

    private static double Forward(string name, double x, double tx)
    {
        var args = new object?[] { x, tx, null };
        Net.Value.GetMethod(name + "Forward")!.Invoke(null, args);
        return (double)args[2]!;
    }

    private static double[] Hessian(string name, params object[] at) => (double[])Net.Value.GetMethod(name + "H")!.Invoke(null, at)!;

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.8)]
    public void XTimesScaleOfX_HasTheStopGradientDerivativeScaleOfX_NotTheTrue4X(double x)
    {
        // f = x·sg(2x): f' = sg(2x) = 2x (the true derivative of 2x² is 4x); f'' = 0; forward: 2x·tX.
        Tolerance.AssertClose(2 * x, Backward("Stopped", x), 1e-12, "Backward");
        Assert.NotEqual(4 * x, Backward("Stopped", x), 6);
        Tolerance.AssertClose(2 * x * 0.75, Forward("Stopped", x, 0.75), 1e-12, "Forward");
        Tolerance.AssertClose(0, Hessian("Stopped", x)[0], 1e-12, "Hessian");
        // The primal value is the program's own: 2x².
        Tolerance.AssertClose(2 * x * x, (double)Net.Value.GetMethod("Stopped")!.Invoke(null, new object[] { x })!, 1e-12, "value");
    }

    [Theory]
    [InlineData(1.2)]
    [InlineData(-0.5)]
    public void ThroughLocals_TheStoppedLocalIsAConstant_AndVoidAndBoolNoDiffCallsRun(double x)
    {
        // t = x², s = sg(2t): f = t·s, f' = s·2x = 4x³, f'' = d(sg(2x²)·2x)/dx = 2·sg = 4x²; forward 4x³·tX.
        Tolerance.AssertClose(4 * x * x * x, Backward("ThroughLocals", x), 1e-12, "Backward");
        Tolerance.AssertClose(4 * x * x * x * -1.5, Forward("ThroughLocals", x, -1.5), 1e-12, "Forward");
        Tolerance.AssertClose(4 * x * x, Hessian("ThroughLocals", x)[0], 1e-12, "Hessian");
        // Past the [NoDiff] bool's threshold (x² > 10) the other branch: f = t, f' = 2x.
        Tolerance.AssertClose(2 * 4.0, Backward("ThroughLocals", 4.0), 1e-12, "Backward past the branch");
    }

    [Fact]
    public void AFloatNoDiffHelper_IsAConstantToo()
    {
        var args = new object[] { 1.5f, 0f, 1f };
        Net.Value.GetMethod("StoppedFBackward")!.Invoke(null, args);
        Tolerance.AssertClose(3.0, (float)args[1], 1e-6, "dX = ScaleF(x) = 2x");
    }

    [Theory]
    [InlineData(0.3, 0.8)]
    [InlineData(-1.1, 2.2)]
    public void ALocallyConstantNoDiffHelper_GivesTheTrueGradient_ByHandAndByCentralDifferences(double x, double y)
    {
        var result = CentralDifferenceRunner.Check(Net.Value.GetMethod("Snapped")!, null, new object[] { x, y });
        double sx = Math.Round(x * 4, MidpointRounding.AwayFromZero) / 4, sy = Math.Round(y * 4, MidpointRounding.AwayFromZero) / 4;
        // f = sin x·S(y) + x·y·S(x), S locally constant: ∂x = cos x·S(y) + y·S(x), ∂y = x·S(x).
        Tolerance.AssertClose(Math.Cos(x) * sy + y * sx, result.Gradient[0]![0], 1e-12, "d/dx");
        Tolerance.AssertClose(x * sx, result.Gradient[1]![0], 1e-12, "d/dy");
        // Hessian by hand: ∂xx = −sin x·S(y), ∂xy = S(x), ∂yy = 0; forward and Hessian against reverse and central differences.
        var h = Hessian("Snapped", x, y);
        Tolerance.AssertClose(-Math.Sin(x) * sy, h[0], 1e-9, "d²/dx²");
        Tolerance.AssertClose(sx, h[1], 1e-9, "d²/dxdy");
        Tolerance.AssertClose(0, h[3], 1e-9, "d²/dy²");
        ModeChecks.AtPoint(Net.Value, "Snapped", new object[] { x, y }, new Random(13));
    }
}
