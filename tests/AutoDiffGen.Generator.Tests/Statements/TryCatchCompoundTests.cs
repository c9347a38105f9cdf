using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// First rule (hunt6): a compound assignment whose own operation throws, standing as a statement of a try with a catch
/// (<c>n /= k</c>, <c>m %= k</c>), was taken for never throwing. The generator then dropped the catch, so where the
/// method caught a DivideByZeroException (or the OverflowException of int.MinValue / -1) and returned the catch's value,
/// its Backward and Forward threw. Now the division is tested before the statement as <c>n / k</c> is. What the generator
/// cannot place a test for is ADG0002 at the operation: a checked increment, a checked compound +, -, * of a short (of an int or a long it is tested since idioms7: TryCatchCallTests), a division of a short, a
/// user's operator, decimal arithmetic.
/// </summary>
public class TryCatchCompoundTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class T
        {
            [Differentiable(Forward = true)]
            public static double DivAssign(double x, int k)
            {
                double r;
                int n = 12;
                try
                {
                    n /= k;
                    r = x * n;
                }
                catch (DivideByZeroException)
                {
                    r = -x * x;
                }
                return r;
            }

            [Differentiable]
            public static double RemAssign(double x, double y, int k)
            {
                double r = x * y;
                long m = 7;
                try
                {
                    m %= (long)k;
                    r += m * x;
                }
                catch (ArithmeticException)
                {
                    r = y * y;
                }
                return r * x;
            }

            // k = -1: int.MinValue / -1 overflows; k = 0 divides by zero, which this catch does not catch.
            [Differentiable]
            public static double MinOverMinusOne(double x, int k)
            {
                double r = x;
                int n = int.MinValue;
                try
                {
                    n /= k;
                    r = x * (n < 0 ? 2 : 3);
                }
                catch (OverflowException)
                {
                    r = x * x * x;
                }
                return r;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("T")!.GetMethod(name)!;

    // k = 0: the catch, r = -x², d/dx = -2x; k = 4: n = 3, r = 3x, d/dx = 3.
    [Theory]
    [InlineData(1.5, 0, -2.25, -3.0)]
    [InlineData(1.5, 4, 4.5, 3.0)]
    [InlineData(-0.5, 0, -0.25, 1.0)]
    public void ADivisionAssigned_TheCatchOrTheRest_BackwardAndForward(double x, int k, double value, double dx)
    {
        var args = new object[] { x, k, 0.0, 1.0 };
        Assert.Equal(value, (double)Method("DivAssignBackward").Invoke(null, args)!, 12);
        Assert.Equal(dx, (double)args[2], 12);
        var forward = new object?[] { x, k, 1.0, null };
        Assert.Equal(value, (double)Method("DivAssignForward").Invoke(null, forward)!, 12);
        Assert.Equal(dx, (double)forward[3]!, 12);
        CentralDifferenceRunner.Check(Method("DivAssign"), null, new object[] { x, k });
    }

    // k = 0: r = y², returns y²·x: d/dx = y² = 4, d/dy = 2xy = 2. k = 3: m = 1, r = xy + x, returns x²y + x² = 0.75:
    // d/dx = 2xy + 2x = 3, d/dy = x² = 0.25 (at x = 0.5, y = 2).
    [Theory]
    [InlineData(0, 2.0, 4.0, 2.0)]
    [InlineData(3, 0.75, 3.0, 0.25)]
    public void ARemainderAssigned_OfALong(int k, double value, double dx, double dy)
    {
        var args = new object[] { 0.5, 2.0, k, 0.0, 0.0, 1.0 };
        Assert.Equal(value, (double)Method("RemAssignBackward").Invoke(null, args)!, 12);
        Assert.Equal(dx, (double)args[3], 12);
        Assert.Equal(dy, (double)args[4], 12);
        CentralDifferenceRunner.Check(Method("RemAssign"), null, new object[] { 0.5, 2.0, k });
    }

    // k = -1: the overflow is caught, r = x³, d/dx = 3x² = 12 at x = 2; k = 1: n stays int.MinValue, r = 2x, d/dx = 2.
    [Theory]
    [InlineData(-1, 8.0, 12.0)]
    [InlineData(1, 4.0, 2.0)]
    public void MinValueOverMinusOne_IsTheOverflowTheCatchCatches(int k, double value, double dx)
    {
        var args = new object[] { 2.0, k, 0.0, 1.0 };
        Assert.Equal(value, (double)Method("MinOverMinusOneBackward").Invoke(null, args)!, 12);
        Assert.Equal(dx, (double)args[2], 12);
        CentralDifferenceRunner.Check(Method("MinOverMinusOne"), null, new object[] { 2.0, k });
    }

    [Fact]
    public void ADivisionByZeroTheCatchDoesNotCatch_LeavesTheMethodAndItsBackwardAlike()
    {
        var a = Assert.Throws<TargetInvocationException>(() => Method("MinOverMinusOne").Invoke(null, new object[] { 2.0, 0 }));
        var b = Assert.Throws<TargetInvocationException>(() => Method("MinOverMinusOneBackward").Invoke(null, new object[] { 2.0, 0, 0.0, 1.0 }));
        Assert.IsType<DivideByZeroException>(a.InnerException);
        Assert.IsType<DivideByZeroException>(b.InnerException);
    }

    [Theory]
    [InlineData("int m = 0; double r; try { checked { m++; } r = x * m; } catch (OverflowException) { r = x; } return r;", "m++")]
    [InlineData("short m = 9; double r; try { checked { m *= 3; } r = x * m; } catch { r = x; } return r;", "m *= 3")]
    [InlineData("short h = 9; double r; try { h /= (short)k; r = x * h; } catch (DivideByZeroException) { r = x; } return r;", "h /= (short)k")]
    [InlineData("var p = new M(x); double r; try { var q = p / k; r = q.A; } catch (DivideByZeroException) { r = x; } return r;", "p / k")]
    [InlineData("var p = new M(x); double r; try { p /= k; r = p.A; } catch (DivideByZeroException) { r = x; } return r;", "p /= k")]
    public void WhatTheGeneratorCannotPlaceATestFor_IsADG0002AtTheOperation(string body, string at)
    {
        string source = "using System;\nusing AutoDiffGen;\npublic struct M\n{\n    public double A;\n    public M(double a) { A = a; }\n"
            + "    public static M operator /(M m, int k) => new M(m.A / (12 / k));\n}\npublic static partial class G\n{\n    [Differentiable]\n"
            + "    public static double F(double x, int k)\n    {\n        " + body + "\n    }\n}\n";
        ProgramBatch.AssertSingleErrorAt(source, "ADG0002", at, "cannot tell when it throws");
    }
}
