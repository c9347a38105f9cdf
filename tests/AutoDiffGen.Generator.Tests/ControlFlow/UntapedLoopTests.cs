using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>
/// A loop whose result is used but carries no gradient (it reaches the result only through Floor) is run
/// by the forward sweep but not walked by the reverse sweep. It must not push onto the tapes: they are
/// stacks shared by every loop, so its unpopped trip count made the earlier loop pop the wrong one
/// (IndexOutOfRangeException, found by the 10,000-program property run).
/// </summary>
public class UntapedLoopTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Untaped
        {
            [Differentiable]
            public static double F(double a, double c)
            {
                double t = Math.Sin(a);
                for (int k = 0; k < 3; k++) { t = t * a; if (k == 5) return t; }
                if (t > 100) return t;
                double u = t;
                for (int k = 0; k < 2; k++) u += a * a;
                return Math.Floor(Math.Max(-c, Math.Abs(u))) + t;
            }

            [Differentiable]
            public static double Nested(double a)
            {
                double s = 0;
                for (int i = 0; i < 3; i++)
                {
                    double u = a;
                    for (int j = 0; j < 2; j++) u = u * a;
                    s = s * a + Math.Floor(u) + a;
                }
                return s;
            }
        }
        """;

    private static readonly Lazy<System.Reflection.Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    [Theory]
    [InlineData(0.3, 0.2)]
    [InlineData(1.2, -0.5)]
    public void LoopThroughFloorOnly_DoesNotUnbalanceTheTapes(double a, double c)
    {
        var f = new Differentiated(Compiled.Value, "Untaped", "F");
        var (value, gradient) = f.Backward(new[] { a, c });
        Tolerance.AssertFormula(f.Value(a, c), value);
        // Hand derivation: only t = sin(a)·a³ carries a gradient: d/da = cos(a)·a³ + 3a²·sin(a); d/dc = 0.
        Tolerance.AssertFormula(Math.Cos(a) * a * a * a + 3 * a * a * Math.Sin(a), gradient[0]);
        Assert.Equal(0.0, gradient[1]);
        const double h = 1e-6;
        double central = (f.Value(a + h, c) - f.Value(a - h, c)) / (2 * h);
        Assert.True(Math.Abs(central - gradient[0]) < 1e-5 * (1 + Math.Abs(central)), $"{gradient[0]} vs central {central}");
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(1.3)]
    public void InnerLoopThroughFloorOnly_InsideATapedLoop(double a)
    {
        var f = new Differentiated(Compiled.Value, "Untaped", "Nested");
        var (_, gradient) = f.Backward(new[] { a });
        // Hand derivation: s = ((F0 + a)·a + F1 + a)·a + F2 + a with the floors Fi constant:
        // ds/da = 3a²·(F0 + a)... written out: s = F0 a² + F1 a + F2 + a³ + a² + a → 2 F0 a + F1 + 3a² + 2a + 1,
        // where every Fi = floor(a³).
        double fl = Math.Floor(a * a * a);
        Tolerance.AssertFormula(2 * fl * a + fl + 3 * a * a + 2 * a + 1, gradient[0]);
        const double h = 1e-6;
        double central = (f.Value(a + h) - f.Value(a - h)) / (2 * h);
        Assert.True(Math.Abs(central - gradient[0]) < 1e-5 * (1 + Math.Abs(central)), $"{gradient[0]} vs central {central}");
    }
}
