using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// Issue 13 (idioms7): in a try with a catch, a call of a <c>[Differentiable]</c> callee or a plain helper whose body the
/// generator reads and finds never to throw, a field of a class object the method made, a checked int or long
/// +, -, *, a List&lt;T&gt; element, a struct's or tuple's member and a computed property were refused (ADG0002). Now the
/// throw test before the statement covers them (a List's index against Count, a checked product against the type's range,
/// a receiver that may be null against null), and each is checked by hand and against central differences in Backward,
/// Forward, Hessian and Jacobian. A call that may throw (its body divides by an int, writes a field, is virtual,
/// recursive, or passes by ref) stays ADG0002 at it, and so does a method of a class object (not yet: see CatchSites.KnownCall).
/// </summary>
public class TryCatchCallTests
{
    /// <summary>A class and a struct the tests and <see cref="TryCatchCallPropertyTests"/> read inside a try.</summary>
    internal const string Types = """
        public sealed class Line
        {
            public readonly double Slope;
            public readonly double Intercept;
            public Line(double slope, double intercept) { Slope = slope; Intercept = intercept; }
            public double At(double x) => Slope * x + Intercept;
        }

        public readonly struct P2
        {
            public P2(double x, double y) { X = x; Y = y; }
            public double X { get; }
            public double Y { get; }
            public double Norm2 => X * X + Y * Y;
        }

        """;

    private const string Source = """
        using System;
        using System.Collections.Generic;
        using AutoDiffGen;

        """ + Types + """
        public static partial class T
        {
            public static double Scale(double v) => 2.0 * v;

            [Differentiable]
            public static double Sq(double v)
            {
                double s = v * v;
                return s;
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double CallInTry(double x, int k)
            {
                double r;
                try
                {
                    int q = 12 / k;
                    r = Sq(x) * q + Scale(k) * x;
                }
                catch (DivideByZeroException)
                {
                    r = Sq(x) * Scale(0.5);
                }
                return r;
            }

            [Differentiable(Forward = true)]
            public static double LineCatch(double a, double b, double x)
            {
                var line = new Line(a, b);
                double r;
                try
                {
                    int n = checked((int)((line.Slope * x + line.Intercept) * 1e9));
                    r = line.Slope * x + (n > 0 ? 1.0 : 0.0);
                }
                catch (OverflowException)
                {
                    r = line.Intercept * line.Intercept;
                }
                return r;
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double CheckedMul(double x, int n)
            {
                double r;
                try
                {
                    int m = checked(n * 1_000_000_000);
                    r = x * x * (m / 1_000_000_000);
                }
                catch (OverflowException)
                {
                    r = -x;
                }
                return r;
            }

            [Differentiable(Forward = true)]
            public static double CheckedLong(double x, long p, long q, long s)
            {
                double r = x;
                try
                {
                    long m = checked(p * q);
                    long a = checked(m + s);
                    long d = checked(s - m);
                    r = x * (d > 0 ? 2.0 : 3.0) + a * 0.0;
                }
                catch (OverflowException)
                {
                    r = x * x;
                }
                return r;
            }

            [Differentiable(Forward = true)]
            public static double ListCatch(List<double> xs, int i, int n, double y)
            {
                double r;
                try
                {
                    int d = 10 / n;
                    r = xs[i] * d * y;
                }
                catch (ArgumentOutOfRangeException)
                {
                    r = y * y;
                }
                return r + xs[xs.Count - 1];
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double StructInTry(double x, double y, int k)
            {
                var p = new P2(x, y);
                double r;
                try
                {
                    r = p.X * (12 / k) + p.Y * p.Norm2;
                }
                catch (DivideByZeroException)
                {
                    r = p.Norm2;
                }
                return r;
            }

            [Differentiable(Forward = true, Jacobian = true)]
            public static (double A, double B) TupleInTry(double x, int k)
            {
                var t = (A: x * x, B: x + 1);
                double r;
                try
                {
                    r = t.A * (12 / k);
                }
                catch (DivideByZeroException)
                {
                    r = t.B;
                }
                return (r, r * x);
            }

            public static double CallH(double x, int k) { var h = new double[1]; CallInTryHessian(x, k, h); return h[0]; }
            public static double CheckedMulH(double x, int n) { var h = new double[1]; CheckedMulHessian(x, n, h); return h[0]; }
            public static double[] StructH(double x, double y, int k) { var h = new double[4]; StructInTryHessian(x, y, k, h); return h; }
            public static double[] TupleJ(double x, int k) { var j = new double[2]; TupleInTryJacobian(x, k, j); return j; }
            public static double ListTangent(List<double> xs, int i, int n, double y, double[] tXs, double tY) { ListCatchForward(xs, i, n, y, tXs, tY, out var t); return t; }
            public static double TupleA(double x, int k) => TupleInTry(x, k).A;
            public static double TupleB(double x, int k) => TupleInTry(x, k).B;
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("T")!.GetMethod(name)!;

    private static object? Call(string name, params object?[] args) => Method(name).Invoke(null, args);

    // Scale(v) = 2v. k = 0: the catch, r = x²·Scale(0.5) = x², d/dx = 2x, d²/dx² = 2. k = 4: q = 3, r = 3x² + 8x,
    // d/dx = 6x + 8, d²/dx² = 6. k = 5: q = 2, r = 2x² + 10x, d/dx = 4x + 10, d²/dx² = 4.
    [Theory]
    [InlineData(1.5, 0, 2.25, 3.0, 2.0)]
    [InlineData(1.5, 4, 18.75, 17.0, 6.0)]
    [InlineData(-0.5, 5, -4.5, 8.0, 4.0)]
    public void ACallOfADifferentiableCalleeAndAPlainHelper_InEveryMode(double x, int k, double value, double dx, double hxx)
    {
        var args = new object[] { x, k, 0.0, 1.0 };
        Assert.Equal(value, (double)Call("CallInTryBackward", args)!, 12);
        Assert.Equal(dx, (double)args[2], 12);
        var forward = new object?[] { x, k, 1.0, null };
        Assert.Equal(value, (double)Call("CallInTryForward", forward)!, 12);
        Assert.Equal(dx, (double)forward[3]!, 12);
        Assert.Equal(hxx, (double)Call("CallH", x, k)!, 12);
        CentralDifferenceRunner.Check(Method("CallInTry"), null, new object[] { x, k });
    }

    // a = 2, b = 1: x = 0.5 gives At = 2, 2e9 fits an int: r = a·x + 1, d/da = x, d/db = 0, d/dx = a. x = 3 gives At = 7,
    // 7e9 overflows: r = b², d/db = 2b = 2.
    [Theory]
    [InlineData(0.5, 2.0, 0.5, 0.0, 2.0)]
    [InlineData(3.0, 1.0, 0.0, 2.0, 0.0)]
    public void FieldsOfAClassObjectTheMethodMade(double x, double value, double da, double db, double dx)
    {
        var args = new object[] { 2.0, 1.0, x, 0.0, 0.0, 0.0, 1.0 };
        Assert.Equal(value, (double)Call("LineCatchBackward", args)!, 12);
        Assert.Equal(da, (double)args[3], 12);
        Assert.Equal(db, (double)args[4], 12);
        Assert.Equal(dx, (double)args[5], 12);
        var forward = new object?[] { 2.0, 1.0, x, 1.0, -2.0, 0.5, null };
        Call("LineCatchForward", forward);
        Assert.Equal(da - 2 * db + 0.5 * dx, (double)forward[6]!, 12);
        CentralDifferenceRunner.Check(Method("LineCatch"), null, new object[] { 2.0, 1.0, x });
    }

    // n·1e9 fits an int for n in -2..2 (|n·1e9| ≤ 2e9 < 2³¹): r = x²·n, d/dx = 2xn, d²/dx² = 2n; else the catch: r = -x, -1, 0.
    [Theory]
    [InlineData(1.25, 2, 3.125, 5.0, 4.0)]
    [InlineData(1.25, -2, -3.125, -5.0, -4.0)]
    [InlineData(1.25, 3, -1.25, -1.0, 0.0)]
    [InlineData(1.25, -3, -1.25, -1.0, 0.0)]
    public void ACheckedIntMultiply(double x, int n, double value, double dx, double hxx)
    {
        var args = new object[] { x, n, 0.0, 1.0 };
        Assert.Equal(value, (double)Call("CheckedMulBackward", args)!, 12);
        Assert.Equal(dx, (double)args[2], 12);
        var forward = new object?[] { x, n, 1.0, null };
        Call("CheckedMulForward", forward);
        Assert.Equal(dx, (double)forward[3]!, 12);
        Assert.Equal(hxx, (double)Call("CheckedMulH", x, n)!, 12);
        CentralDifferenceRunner.Check(Method("CheckedMul"), null, new object[] { x, n });
    }

    // m = p·q, a = m + s, d = s - m, each checked; long.MaxValue ≈ 9.22e18. Where none overflows r = 2x (d > 0) or 3x;
    // where one does, r = x², d/dx = 2x = 3 at x = 1.5.
    [Theory]
    [InlineData(4_000_000_000_000_000_000L, 1L, 1_000_000_000_000_000_000L, 3.0)]    // d = -3e18
    [InlineData(4_000_000_000_000_000_000L, -1L, 1_000_000_000_000_000_000L, 2.0)]   // d = 5e18
    [InlineData(4_000_000_000_000_000_000L, 2L, 0L, 3.0)]                            // m = 8e18 fits, d = -8e18: 3x
    [InlineData(4_000_000_000_000_000_000L, 3L, 0L, 3.0)]                            // p·q overflows: 2x = 3
    [InlineData(-4_000_000_000_000_000_000L, 3L, 0L, 3.0)]                           // overflows below
    [InlineData(long.MinValue, -1L, 0L, 3.0)]                                        // MinValue·-1 overflows
    [InlineData(-1L, long.MinValue, 0L, 3.0)]                                        // -1·MinValue overflows
    [InlineData(-1L, long.MaxValue, 0L, 2.0)]                                        // -MaxValue fits: d = MaxValue
    [InlineData(4_000_000_000_000_000_000L, 2L, 2_000_000_000_000_000_000L, 3.0)]    // m + s = 1e19 overflows
    [InlineData(4_000_000_000_000_000_000L, -2L, 2_000_000_000_000_000_000L, 3.0)]   // s - m = 1e19 overflows
    [InlineData(4_000_000_000_000_000_000L, 2L, -2_000_000_000_000_000_000L, 3.0)]   // s - m = -1e19 overflows
    public void ACheckedLongProductSumAndDifference(long p, long q, long s, double dx)
    {
        var args = new object[] { 1.5, p, q, s, 0.0, 1.0 };
        Call("CheckedLongBackward", args);
        Assert.Equal(dx, (double)args[4], 12);
        var forward = new object?[] { 1.5, p, q, s, 1.0, null };
        Call("CheckedLongForward", forward);
        Assert.Equal(dx, (double)forward[5]!, 12);
        CentralDifferenceRunner.Check(Method("CheckedLong"), null, new object[] { 1.5, p, q, s });
    }

    // xs = [1.5, -2], y = 3. i = 1, n = 5: d = 2, r = xs[1]·2·y + xs[1] = -14: d/dxs = [0, 2y + 1] = [0, 7], d/dy = 2·xs[1] = -4.
    // i = 2 (past Count): the catch, r = y² + xs[1] = 7: d/dxs = [0, 1], d/dy = 2y = 6.
    [Theory]
    [InlineData(1, -14.0, 7.0, -4.0)]
    [InlineData(2, 7.0, 1.0, 6.0)]
    [InlineData(-1, 7.0, 1.0, 6.0)]
    public void AListElement_PastItsEnd_IsTheCatch(int i, double value, double dx1, double dy)
    {
        var xs = new List<double> { 1.5, -2.0 };
        var dXs = new double[2];
        var args = new object[] { xs, i, 5, 3.0, dXs, 0.0, 1.0 };
        Assert.Equal(value, (double)Call("ListCatchBackward", args)!, 12);
        Assert.Equal(new[] { 0.0, dx1 }, dXs);
        Assert.Equal(dy, (double)args[5], 12);
        Assert.Equal(dx1 + dy, (double)Call("ListTangent", xs, i, 5, 3.0, new[] { 0.0, 1.0 }, 1.0)!, 12);
        CentralDifferenceRunner.Check(Method("ListCatch"), null, new object[] { xs, i, 5, 3.0 });
    }

    [Fact]
    public void ADivisionTheCatchDoesNotCatch_LeavesTheMethodAndItsBackwardAlike()
    {
        var xs = new List<double> { 1.5, -2.0 };
        var a = Assert.Throws<TargetInvocationException>(() => Call("ListCatch", xs, 0, 0, 3.0));
        var b = Assert.Throws<TargetInvocationException>(() => Call("ListCatchBackward", xs, 0, 0, 3.0, new double[2], 0.0, 1.0));
        Assert.IsType<DivideByZeroException>(a.InnerException);
        Assert.IsType<DivideByZeroException>(b.InnerException);
    }

    // k = 4: r = 3x + y(x² + y²): d/dx = 3 + 2xy, d/dy = x² + 3y²; Hessian [[2y, 2x], [2x, 6y]]. k = 0: r = x² + y²:
    // d/dx = 2x, d/dy = 2y, Hessian [[2, 0], [0, 2]]. At x = 0.5, y = -1.5.
    [Theory]
    [InlineData(4)]
    [InlineData(0)]
    public void AStructsPropertiesAndComputedProperty(int k)
    {
        double x = 0.5, y = -1.5;
        bool caught = k == 0;
        double dx = caught ? 2 * x : 3 + 2 * x * y, dy = caught ? 2 * y : x * x + 3 * y * y;
        var args = new object[] { x, y, k, 0.0, 0.0, 1.0 };
        Call("StructInTryBackward", args);
        Assert.Equal(dx, (double)args[3], 12);
        Assert.Equal(dy, (double)args[4], 12);
        var forward = new object?[] { x, y, k, 1.0, 2.0, null };
        Call("StructInTryForward", forward);
        Assert.Equal(dx + 2 * dy, (double)forward[5]!, 12);
        var h = (double[])Call("StructH", x, y, k)!;
        Assert.Equal(caught ? new[] { 2.0, 0.0, 0.0, 2.0 } : new[] { 2 * y, 2 * x, 2 * x, 6 * y }, h);
        CentralDifferenceRunner.Check(Method("StructInTry"), null, new object[] { x, y, k });
    }

    // k = 4: r = 3x², results (3x², 3x³): Jacobian [6x, 9x²]. k = 0: r = x + 1, results (x + 1, x² + x): [1, 2x + 1].
    [Theory]
    [InlineData(4, 7.2, 12.96)]
    [InlineData(0, 1.0, 3.4)]
    public void ATuplesMembers_InJacobianMode(int k, double dA, double dB)
    {
        double x = 1.2;
        var j = (double[])Call("TupleJ", x, k)!;
        Assert.Equal(dA, j[0], 12);
        Assert.Equal(dB, j[1], 12);
        Assert.Equal(dA, Central(v => (double)Call("TupleA", v, k)!, x), 6);
        Assert.Equal(dB, Central(v => (double)Call("TupleB", v, k)!, x), 6);
    }

    private static double Central(Func<double, double> f, double x) => (f(x + 1e-6) - f(x - 1e-6)) / 2e-6;

    [Theory]
    [InlineData("public static double Div(double v, int k) => v * (12 / k);", "r = Div(x, k) * y;", "Div(x, k)")]
    [InlineData("public static double Last; public static double Keep(double v) { Last = v; return v; }", "r = Keep(x) * y;", "Keep(x)")]
    [InlineData("public static double Twice(ref double v) { v *= 2; return v; }", "double u = x; r = Twice(ref u) * y;", "Twice(ref u)")]
    [InlineData("public static double Rec(double v, int n) => n <= 0 ? v : Rec(v * 0.5, n - 1);", "r = Rec(x, k) * y;", "Rec(x, k)")]
    [InlineData("public static double Sum(IList<double> l) => l[0];", "r = Sum(new List<double> { x }) * y;", "Sum(new List<double> { x })")]
    [InlineData("", "short h = 300; short g = checked((short)(h * h)); r = g * x;", "(short)(h * h)")]
    [InlineData("", "int m = k; checked { m++; } r = m * x;", "m++")]
    [InlineData("", "r = line.At(x);", "line.At(x)")]
    public void ACallThatMayThrow_OrAnOperationWithoutATest_IsADG0002AtIt(string helper, string body, string at)
    {
        string source = "using System;\nusing System.Collections.Generic;\nusing AutoDiffGen;\n" + Types + "public static partial class G\n{\n    " + helper + "\n    [Differentiable]\n"
            + "    public static double F(double x, double y, int k)\n    {\n        double r;\n        var line = new Line(x, y);\n        try { " + body + " }\n        catch (Exception) { r = x; }\n        return r;\n    }\n}\n";
        ProgramBatch.AssertSingleErrorAt(source, "ADG0002", at, "cannot tell when it throws");
    }
}
