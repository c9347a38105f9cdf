using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.RefOut;

/// <summary>
/// A [DerivativeOf] method for a callee with in parameters (Clad's FunctionCalls.C fn11: a custom pullback of
/// sum(const double&amp;, const double&amp;), which a C# user ports with in). Its shape is the one a generated Backward has
/// for in parameters, a ref adjoint each; before, the shape check asked for no adjoint (ADG0013 on the natural form) and
/// the call was refused either way (ADG0003). The derivative here is deliberately not the body's (dY gets 3·dResult, as a
/// user's own rule may), so the gradients prove it is called; each is checked by hand and against central differences
/// of the same rule written out.
/// </summary>
public class InParameterDerivativeTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;
        public static class Ops
        {
            public static double Sum(in double x, in double y) => x + 3 * y;
            [DerivativeOf(nameof(Sum))]
            public static double SumBackward(in double x, in double y, ref double dX, ref double dY, double dResult = 1)
            {
                dX += dResult;
                dY += 3 * dResult;
                return Sum(x, y);
            }
            public static double Scale(in double x, double k) => k * x * x;
            [DerivativeOf(nameof(Scale))]
            public static double ScaleBackward(in double x, double k, ref double dX, ref double dK, double dResult = 1)
            {
                dX += 2 * k * x * dResult;
                dK += x * x * dResult;
                return Scale(x, k);
            }
        }
        public static partial class C
        {
            [Differentiable] public static double Direct(double x, double y) => Ops.Sum(x, y);
            [Differentiable] public static double InLocal(double x, double y) { double a = x * y; return Ops.Sum(in a, y * y) * x; }
            [Differentiable] public static double Mixed(double x, double k) => Ops.Scale(Math.Sin(x), k) + Ops.Sum(k, x);
            [Differentiable]
            public static double InLoop(double x, double y)
            {
                double s = 0;
                for (int i = 0; i < 3; i++) s += Ops.Sum(s * x, y);
                return s;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static double[] Gradient(string name, double a, double b)
    {
        var r = CentralDifferenceRunner.Check(Compiled.Value.GetType("C")!.GetMethod(name)!, null, [a, b]);
        return [r.Gradient[0]![0], r.Gradient[1]![0]];
    }

    [Fact]
    public void InParameters_TakeRefAdjoints_AndTheUsersRuleIsCalled()
    {
        // Sum = x + 3y: (1, 3).
        Assert.Equal([1.0, 3.0], Gradient("Direct", 0.7, -1.2));
        // (xy + 3y²)·x: (2xy + 3y², x² + 6xy).
        double x = 0.7, y = -1.2;
        var g = Gradient("InLocal", x, y);
        Assert.Equal(2 * x * y + 3 * y * y, g[0], 12);
        Assert.Equal(x * x + 6 * x * y, g[1], 12);
        // k sin²x + k + 3x: (2k sin x cos x + 3, sin²x + 1).
        double k = 1.9;
        g = Gradient("Mixed", x, k);
        Assert.Equal(2 * k * Math.Sin(x) * Math.Cos(x) + 3, g[0], 12);
        Assert.Equal(Math.Sin(x) * Math.Sin(x) + 1, g[1], 12);
        // s ← s + s·x + 3y three times, from 0: checked against central differences only.
        Gradient("InLoop", x, y);
    }

    [Fact]
    public void TheOldShapeWithoutAdjoints_IsRefusedAtTheAttribute_WithTheShapeThatWorks()
    {
        var result = GeneratorHarness.Run("""
            using AutoDiffGen;
            public static partial class C
            {
                public static double Sum(in double x, in double y) => x + y;
                [DerivativeOf(nameof(Sum))] public static double SumBackward(in double x, in double y, double dResult = 1) => Sum(x, y);
                [Differentiable] public static double F(double x) => Sum(x, x);
            }
            """);
        var mismatch = Assert.Single(result.Diagnostics, d => d.Id == "ADG0013");
        Assert.Contains("ref double dX, ref double dY", mismatch.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Generated.Values, g => g.Contains("FBackward", StringComparison.Ordinal));
    }
}
