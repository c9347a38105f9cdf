using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// Issue 14: try/catch and a backward goto in <c>MJacobian</c>, by rows (m <c>MBackward</c> sweeps) and by columns (n
/// <c>MForward</c> sweeps, with <c>Forward = true</c> and fewer inputs than results). Checked by hand on both sides of the
/// throw and against central differences of each result. (Hessian mode over both: TryCatchTests and BackwardGotoTests;
/// random programs in every mode: ControlFlowModesPropertyTests.)
/// </summary>
public class ControlFlowJacobianTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class P
        {
            [Differentiable(Forward = true, Jacobian = true)]
            public static (double A, double B, double C) TryCols(double x, double y)
            {
                double r = x * y;
                double s = y;
                try
                {
                    r = r * r;
                    int n = checked((int)(x * 1e9));
                    s += n * 0.0 + x;
                }
                catch (OverflowException)
                {
                    r = r + 2 * x;
                    s = s * y;
                }
                return (r, s, r * s);
            }

            [Differentiable(Jacobian = true)]
            public static (double A, double B) TryRows(double x, double y)
            {
                double r = x;
                try
                {
                    if (y < 0) throw new ArgumentException("neg");
                    r = Math.Sqrt(y) * x;
                }
                catch (ArgumentException) { r = -x * y; }
                finally { r += y; }
                return (r, r * x);
            }

            [Differentiable(Forward = true, Jacobian = true)]
            public static (double A, double B, double C) GotoCols(double x, double y)
            {
                double r = x;
                int i = 0;
            again:
                r = r * y;
                i++;
                if (i < 3) goto again;
                return (r, r + x, r * x);
            }

            [Differentiable(Jacobian = true)]
            public static (double A, double B, double C) GotoRows(double x, double y)
            {
                double r = x;
                int i = 0;
            again:
                r = r * y;
                i++;
                if (i < 3) goto again;
                return (r, r + x, r * x);
            }

            public static double[] J3(string name, double x, double y)
            {
                var j = new double[6];
                if (name == "TryCols") TryColsJacobian(x, y, j);
                else if (name == "GotoCols") GotoColsJacobian(x, y, j);
                else GotoRowsJacobian(x, y, j);
                return j;
            }
            public static double[] V3(string name, double x, double y)
            {
                var r = name == "TryCols" ? TryCols(x, y) : name == "GotoCols" ? GotoCols(x, y) : GotoRows(x, y);
                return new[] { r.A, r.B, r.C };
            }
            public static double[] TryRowsJ(double x, double y) { var j = new double[4]; TryRowsJacobian(x, y, j); return j; }
            public static double[] TryRowsV(double x, double y) { var r = TryRows(x, y); return new[] { r.A, r.B }; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static object Invoke(string name, params object[] args) => Compiled.Value.GetType("P")!.GetMethod(name)!.Invoke(null, args)!;

    [Theory]
    [InlineData(0.8, 1.3)]
    [InlineData(-1.5, 0.4)]
    [InlineData(2.5, 0.7)]    // the catch: x·1e9 > int.MaxValue
    [InlineData(-3.1, -0.6)]  // the catch
    public void TryCatch_ByColumns(double x, double y)
    {
        bool caught = Math.Abs(x) > 2.147483648;
        // Not caught: (x²y², y + x, x²y²(x + y)); caught (r = r·r completed, then r += 2x, s = y·y): (x²y² + 2x, y², A·B).
        double a = (x * x * y * y) + (caught ? 2 * x : 0), b = caught ? y * y : y + x;
        double ax = (2 * x * y * y) + (caught ? 2 : 0), ay = 2 * x * x * y, bx = caught ? 0 : 1, by = caught ? 2 * y : 1;
        var hand = new[] { ax, ay, bx, by, (ax * b) + (a * bx), (ay * b) + (a * by) };
        var j = (double[])Invoke("J3", "TryCols", x, y);
        for (int c = 0; c < 6; c++) Assert.Equal(hand[c], j[c], 9);
        AssertCentral("TryCols", x, y, j);
    }

    [Theory]
    [InlineData(0.9, 1.7)]
    [InlineData(-1.2, -0.8)]  // the throw: r = −xy, then the finally's + y
    public void AThrowAndAFinally_ByRows(double x, double y)
    {
        // y ≥ 0: r = x√y + y, (r, r·x); y < 0: r = −xy + y.
        double r = y >= 0 ? (x * Math.Sqrt(y)) + y : (-x * y) + y;
        double rx = y >= 0 ? Math.Sqrt(y) : -y, ry = y >= 0 ? (x / (2 * Math.Sqrt(y))) + 1 : 1 - x;
        var hand = new[] { rx, ry, (rx * x) + r, ry * x };
        var j = (double[])Invoke("TryRowsJ", x, y);
        for (int c = 0; c < 4; c++) Assert.Equal(hand[c], j[c], 10);
        PairJacobian.AssertCentral((u, v) => (double[])Invoke("TryRowsV", u, v), x, y, j, "TryRows");
    }

    [Theory]
    [InlineData("GotoCols", 0.7, -1.1)]
    [InlineData("GotoRows", 0.7, -1.1)]
    [InlineData("GotoCols", -1.3, 0.6)]
    public void ABackwardGoto_ByColumnsAndByRows(string name, double x, double y)
    {
        // r = xy³: (xy³, xy³ + x, x²y³).
        double y3 = y * y * y;
        var hand = new[] { y3, 3 * x * y * y, y3 + 1, 3 * x * y * y, 2 * x * y3, 3 * x * x * y * y };
        var j = (double[])Invoke("J3", name, x, y);
        for (int c = 0; c < 6; c++) Assert.Equal(hand[c], j[c], 10);
        AssertCentral(name, x, y, j);
    }

    private static void AssertCentral(string name, double x, double y, double[] j) =>
        FlatJacobian.AssertCentral(v => (double[])Invoke("V3", name, v[0], v[1]), new[] { x, y }, j, name);
}
