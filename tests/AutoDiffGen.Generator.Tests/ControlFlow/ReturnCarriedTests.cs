using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>
/// A loop that returns a variable it also carries (`t *= x; if (…) return t;`): the value is carried twice,
/// as the variable and as the returned value. The reverse sweep declared its adjoint once per carrier
/// (CS0128: duplicate `dT_2`); now the first declares and the others add.
/// </summary>
public class ReturnCarriedTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Ret
        {
            [Differentiable]
            public static double Power(double x, int n)
            {
                double t = 1;
                for (int i = 0; i < n; i++) { t *= x; if (i == 1) return t; }
                return t;
            }

            [Differentiable]
            public static double Series(double x, int n)
            {
                double result = 0;
                double del = x;
                for (int k = 0; k < 50; k++) { del *= 0.5; result += del; if (del < 0.1) return result; }
                return result;
            }

            [Differentiable]
            public static double While(double x, int n)
            {
                double t = x;
                int i = 0;
                while (i < n) { t = t * x + 1; i++; if (i == 3) return t; if (t > 100) break; }
                return t * 2;
            }

            [Differentiable]
            public static double DoWhile(double x, int n)
            {
                double t = x;
                int i = 0;
                do { t *= x; i++; if (i == 2) return t; } while (i < n);
                return t;
            }

            [Differentiable]
            public static double NestedContinue(double x, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < n; j++) { s += x * (i + 1); if (j == 1) continue; if (s > 5) return s; }
                }
                return s;
            }

            [Differentiable]
            public static double NestedInner(double x, int n)
            {
                double s = 1;
                for (int i = 0; i < n; i++)
                {
                    double u = x;
                    for (int j = 0; j < 3; j++) { u *= x; s += u; if (j == i) return s; }
                }
                return s;
            }

            [Differentiable]
            public static double IfAroundLoop(double x, int n)
            {
                double t = x;
                if (n > 0)
                {
                    for (int i = 0; i < n; i++) { t = t * 1.5; if (t > 2) return t * t; }
                }
                return t + 1;
            }

            [Differentiable]
            public static double SwitchAroundLoop(double x, int n)
            {
                double t = x;
                switch (n % 2)
                {
                    case 0:
                        for (int i = 0; i < n; i++) { t *= x; if (t > 3) return t; }
                        break;
                    default:
                        t += 1;
                        break;
                }
                return t * 2;
            }

            [Differentiable]
            public static double TwoCarried(double x, int n)
            {
                double a = x, b = 1;
                for (int i = 0; i < n; i++) { a *= x; b += a; if (i == 2) return a + b; a -= 0.1; }
                return b;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static (double Value, double Gradient) Backward(string name, double x, int n)
    {
        var args = new object[] { x, n, 0.0, 1.0 };
        double value = (double)Compiled.Value.GetType("Ret")!.GetMethod(name + "Backward")!.Invoke(null, args)!;
        return (value, (double)args[2]);
    }

    [Theory]
    [InlineData(0, 1.0, 0.0)]
    [InlineData(1, 1.3, 1.0)]
    [InlineData(2, 1.3, 2.6)]
    [InlineData(7, -0.9, -1.8)]
    public void ReturnTheAccumulator_InsideAFor_ByHand(int n, double x, double expected)
    {
        var (value, g) = Backward("Power", x, n);
        Assert.Equal(Math.Pow(x, Math.Min(n, 2)), value, 12);
        Assert.Equal(expected, g, 12);
    }

    [Theory]
    [InlineData(0.7, 0.875)] // 0.35 + 0.175 + 0.0875: returns after the third halving
    [InlineData(0.3, 0.75)] // 0.15 + 0.075
    [InlineData(0.1, 0.5)]
    public void CompoundAssignThenReturn_ByHand(double x, double expected)
    {
        var (value, g) = Backward("Series", x, 0);
        Assert.Equal(expected * x, value, 12);
        Assert.Equal(expected, g, 12);
    }

    [Theory]
    [InlineData("Power", 3)]
    [InlineData("Series", 0)]
    [InlineData("While", 2)]
    [InlineData("While", 5)]
    [InlineData("DoWhile", 1)]
    [InlineData("DoWhile", 4)]
    [InlineData("NestedContinue", 2)]
    [InlineData("NestedContinue", 4)]
    [InlineData("NestedInner", 1)]
    [InlineData("NestedInner", 3)]
    [InlineData("IfAroundLoop", 0)]
    [InlineData("IfAroundLoop", 1)]
    [InlineData("IfAroundLoop", 4)]
    [InlineData("SwitchAroundLoop", 1)]
    [InlineData("SwitchAroundLoop", 2)]
    [InlineData("SwitchAroundLoop", 6)]
    [InlineData("TwoCarried", 2)]
    [InlineData("TwoCarried", 5)]
    public void ReturnOfACarriedVariable_MatchesCentralDifferences(string name, int n)
    {
        // The value is checked too: a return from a loop in an else branch, or from a loop inside an if,
        // was lost (the method went on with the rest) before.
        var primal = Compiled.Value.GetType("Ret")!.GetMethod(name)!;
        foreach (double x in new[] { 0.45, 1.3, -0.8 })
        {
            var (value, g) = Backward(name, x, n);
            Assert.Equal((double)primal.Invoke(null, new object[] { x, n })!, value, 12);
            GradCheck.Check(p => (double)primal.Invoke(null, new object[] { p[0], n })!, new[] { x }, new[] { g }).ThrowIfFailed();
        }
    }
}
