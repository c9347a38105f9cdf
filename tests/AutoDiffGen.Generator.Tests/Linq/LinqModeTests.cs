using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Linq;

/// <summary>
/// The loops LINQ is lowered to are ordinary loops of the graph, so forward mode (MForward) and Hessians (MHessian) get
/// them too: tangents by hand, against central differences along the tangent and against Backward's gradient; the
/// Hessian by hand (diag(6x) + 2·1·1ᵀ) and exactly symmetric; a checkpointed method equals the taped one bit for bit.
/// </summary>
public class LinqModeTests
{
    private const string Source = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public static partial class Lm
        {
            [Differentiable(Forward = true)] public static double Dot(double[] x, double[] y) => x.Zip(y, (a, b) => a * b).Sum();
            [Differentiable(Forward = true)] public static double Soft(double[] x) => x.Select(v => Math.Exp(v)).Average() + x.Max() + x.Where(v => v < 0).Sum(v => v * v);
            [Differentiable(Hessian = true)] public static double Cubes(double[] x) => x.Select(v => v * v * v).Sum() + x.Sum() * x.Sum();

            public static double DotT(double[] x, double[] y, double[] tx, double[] ty) { DotForward(x, y, tx, ty, out double t); return t; }
            public static double SoftT(double[] x, double[] tx) { SoftForward(x, tx, out double t); return t; }
            public static double CubesH(double[] x, double[] h) => CubesHessian(x, h);

            [Differentiable(Checkpoint = true)]
            public static double Relax(double[] x, double a)
            {
                double s = a;
                for (int k = 0; k < 40; k++) s = s * 0.9 + 0.05 * x.Sum(v => Math.Sin(v * s));
                return s + x.Select(v => v * s).Average();
            }

            [Differentiable]
            public static double RelaxTaped(double[] x, double a)
            {
                double s = a;
                for (int k = 0; k < 40; k++) s = s * 0.9 + 0.05 * x.Sum(v => Math.Sin(v * s));
                return s + x.Select(v => v * s).Average();
            }
        }
        """;

    private static readonly Lazy<Type> Lm = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("Lm")!);

    private static double Call(string name, params object[] args) => (double)Lm.Value.GetMethod(name)!.Invoke(null, args)!;

    private static readonly double[] X = { 0.7, -1.2, 0.4, 2.1 };
    private static readonly double[] Y = { 1.5, 0.25, -2.0, 0.6 };
    private static readonly double[] T = { 0.3, -0.8, 1.1, 0.5 };
    private static readonly double[] U = { -0.4, 0.9, 0.2, -1.3 };

    private static double[] Along(double[] x, double[] t, double h) => x.Select((v, i) => v + h * t[i]).ToArray();

    [Fact]
    public void ZipDot_Forward_IsTxDotYPlusXDotTy()
    {
        double tangent = Call("DotT", X, Y, T, U);
        double hand = Enumerable.Range(0, 4).Sum(i => T[i] * Y[i] + X[i] * U[i]);
        Tolerance.AssertFormula(hand, tangent, "tResult by hand");
        double central = (Call("Dot", Along(X, T, 1e-6), Along(Y, U, 1e-6)) - Call("Dot", Along(X, T, -1e-6), Along(Y, U, -1e-6))) / 2e-6;
        Tolerance.AssertCentral(central, tangent, Call("Dot", X, Y), "tResult vs central differences");
    }

    [Fact]
    public void AverageAndMax_Forward_MatchesBackward()
    {
        double tangent = Call("SoftT", X, T);
        // Σ e^xi ti / n + t at the arg-max (x[3]).
        double hand = Enumerable.Range(0, 4).Sum(i => Math.Exp(X[i]) * T[i]) / 4 + T[3] + 2 * X[1] * T[1]; // + Σ over x < 0 (x[1]) of 2x·t
        Tolerance.AssertFormula(hand, tangent, "tResult by hand");
        var dX = new double[4];
        Lm.Value.GetMethod("SoftBackward")!.Invoke(null, new object[] { X, dX, 1.0 });
        Tolerance.AssertFormula(dX.Select((g, i) => g * T[i]).Sum(), tangent, "tResult vs Backward's gradient · t");
        var empty = Assert.Throws<TargetInvocationException>(() => Call("SoftT", new double[0], new double[0]));
        Assert.IsType<InvalidOperationException>(empty.InnerException);
    }

    [Fact]
    public void Hessian_IsDiagSixXPlusTwo()
    {
        var h = new double[16];
        Array.Fill(h, double.NaN);
        double value = Call("CubesH", X, h);
        Assert.Equal(Call("Cubes", X), value);
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                Tolerance.AssertFormula((i == j ? 6 * X[i] : 0) + 2, h[i * 4 + j], $"H[{i},{j}]");
                Assert.Equal(h[i * 4 + j], h[j * 4 + i]);
            }
        }
    }

    [Fact]
    public void Checkpointed_EqualsTaped_AndCentralDifferences()
    {
        var dX = new double[4];
        var dXTaped = new double[4];
        var args = new object[] { X, 0.3, dX, 0.0, 1.0 };
        var taped = new object[] { X, 0.3, dXTaped, 0.0, 1.0 };
        Assert.Equal((double)Lm.Value.GetMethod("RelaxTapedBackward")!.Invoke(null, taped)!, (double)Lm.Value.GetMethod("RelaxBackward")!.Invoke(null, args)!);
        Assert.Equal(dXTaped, dX);
        Assert.Equal((double)taped[3], (double)args[3]);
        CentralDifferenceRunner.Check(Lm.Value.GetMethod("Relax")!, null, new object[] { X.ToArray(), 0.3 });
        // Checkpointed indeed: no ADG0030 saying the loop was taped instead.
        var run = GeneratorHarness.Run(Source);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "ADG0030");
        Assert.Contains("checkpoint", run.Generated.Single(g => g.Key.Contains("Relax_", StringComparison.Ordinal) && !g.Key.Contains("Taped", StringComparison.Ordinal)).Value, StringComparison.OrdinalIgnoreCase);
    }
}
