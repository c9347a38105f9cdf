using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.RefOut;

/// <summary>
/// <c>Jacobian = true</c> on methods that leave results in <c>ref</c>/<c>out</c> reals (issue 14, hess24; was ADG0003 at the
/// name): rows are the result (unless void) and each ref/out parameter's value left; columns the by-value scalars and each
/// ref parameter's value passed in. Checked against hand derivations (in the comments) and central differences of the
/// method itself, in the row form (MBackward per row) and, with Forward = true and fewer inputs than outputs, the column
/// form (MForward per column), against the same method without Forward. MJacobian leaves the parameters as the method does.
/// </summary>
public class RefOutJacobianTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;
        public static partial class Kin
        {
            // A symplectic Euler step: the Jacobian is the step's transition matrix, with h's column.
            [Differentiable(Jacobian = true)]
            public static void Step(ref double x, ref double v, double h) { v -= h * Math.Sin(x); x += h * v; }

            [Differentiable(Jacobian = true)]
            public static double Split(double a, ref double b, double h, out double square)
            {
                double r = Math.Sin(a) * h * b;
                square = a * a * b;
                b = b * Math.Sin(a) + h * a;
                return r;
            }

            [Differentiable(Forward = true, Jacobian = true)]
            public static void Polar(double r, double t, out double x, out double y, out double z) { x = r * Math.Cos(t); y = r * Math.Sin(t); z = r * r * t; }

            [Differentiable(Jacobian = true)]
            public static void PolarRows(double r, double t, out double x, out double y, out double z) { x = r * Math.Cos(t); y = r * Math.Sin(t); z = r * r * t; }

            [Differentiable(Jacobian = true)]
            public static float Scale(float r, ref float s, out float q) { q = r * s * s; s = s * r + 1f; return r * r; }

            public static double[] StepJ(double x, double v, double h) { var j = new double[6]; StepJacobian(ref x, ref v, h, j); return new[] { j[0], j[1], j[2], j[3], j[4], j[5], x, v }; }
            public static double[] StepV(double x, double v, double h) { Step(ref x, ref v, h); return new[] { x, v }; }
            public static double[] SplitJ(double a, double b, double h) { var j = new double[9]; double r = SplitJacobian(a, ref b, h, out double q, j); return new[] { j[0], j[1], j[2], j[3], j[4], j[5], j[6], j[7], j[8], r, b, q }; }
            public static double[] SplitV(double a, double b, double h) { double r = Split(a, ref b, h, out double q); return new[] { r, b, q }; }
            public static double[] PolarJ(double r, double t) { var j = new double[6]; PolarJacobian(r, t, out double x, out double y, out double z, j); return new[] { j[0], j[1], j[2], j[3], j[4], j[5], x, y, z }; }
            public static double[] PolarRowsJ(double r, double t) { var j = new double[6]; PolarRowsJacobian(r, t, out double x, out double y, out double z, j); return new[] { j[0], j[1], j[2], j[3], j[4], j[5], x, y, z }; }
            public static double[] PolarV(double r, double t) { Polar(r, t, out double x, out double y, out double z); return new[] { x, y, z }; }
            public static double[] ScaleJ(float r, float s) { var j = new float[6]; float v = ScaleJacobian(r, ref s, out float q, j); return new double[] { j[0], j[1], j[2], j[3], j[4], j[5], v, s, q }; }
            public static void Short(double x, double v) => StepJacobian(ref x, ref v, 0.1, new double[5]);
        }
        """;

    private static readonly Lazy<Type> Kin = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("Kin")!);

    private static double[] Call(string name, params object[] args) => (double[])Kin.Value.GetMethod(name)!.Invoke(null, args)!;

    /// <summary>Central differences of <paramref name="f"/> (m outputs of n inputs) against the m × n Jacobian <paramref name="j"/>.</summary>
    private static void AssertCentral(Func<double[], double[]> f, double[] at, double[] j, int m, string what)
    {
        const double h = 1e-6;
        var value = f(at);
        for (int c = 0; c < at.Length; c++)
        {
            var up = (double[])at.Clone();
            var down = (double[])at.Clone();
            up[c] += h;
            down[c] -= h;
            var (fu, fd) = (f(up), f(down));
            for (int r = 0; r < m; r++) Tolerance.AssertCentral((fu[r] - fd[r]) / (2 * h), j[(r * at.Length) + c], value[r], what + " J[" + r + ", " + c + "]");
        }
    }

    [Fact]
    public void Step_RefInAndOut_IsTheTransitionMatrix()
    {
        // v' = v − h·sin x, x' = x + h·v'. Rows x', v'; columns x, v, h (passed in):
        //   ∂x'/∂x = 1 − h²·cos x, ∂x'/∂v = h, ∂x'/∂h = v' − h·sin x = v − 2h·sin x;
        //   ∂v'/∂x = −h·cos x,     ∂v'/∂v = 1, ∂v'/∂h = −sin x.
        // At x = 0.5, v = 2, h = 0.1: 0.99122417, 0.1, 1.90411489; −0.08775826, 1, −0.47942554.
        double x = 0.5, v = 2, h = 0.1;
        var j = Call("StepJ", x, v, h);
        double[] hand = { 1 - (h * h * Math.Cos(x)), h, v - (2 * h * Math.Sin(x)), -h * Math.Cos(x), 1, -Math.Sin(x) };
        for (int i = 0; i < 6; i++) Tolerance.AssertFormula(hand[i], j[i], "Step J" + i);
        Assert.Equal(Call("StepV", x, v, h), j.Skip(6).ToArray());
        AssertCentral(p => Call("StepV", p[0], p[1], p[2]), new[] { x, v, h }, j, 2, "Step");
        var wrong = Assert.Throws<System.Reflection.TargetInvocationException>(() => Kin.Value.GetMethod("Short")!.Invoke(null, new object[] { x, v }));
        Assert.IsType<ArgumentException>(wrong.InnerException);
    }

    [Fact]
    public void Split_AValueARefAndAnOut_RowsInOrder()
    {
        // r = sin a·h·b, square = a²·b, b' = b·sin a + h·a (b the value passed). Rows r, b', square; columns a, b, h:
        //   r:      h·b·cos a,       h·sin a, b·sin a
        //   b':     b·cos a + h,     sin a,   a
        //   square: 2ab,             a²,      0
        // At a = 0.8, b = 1.3, h = 0.4: 0.36225, 0.28694, 0.93256; 1.30565, 0.71736, 0.8; 2.08, 0.64, 0.
        double a = 0.8, b = 1.3, h = 0.4;
        var j = Call("SplitJ", a, b, h);
        double[] hand =
        {
            h * b * Math.Cos(a), h * Math.Sin(a), b * Math.Sin(a),
            (b * Math.Cos(a)) + h, Math.Sin(a), a,
            2 * a * b, a * a, 0,
        };
        for (int i = 0; i < 9; i++) Tolerance.AssertFormula(hand[i], j[i], "Split J" + i);
        Assert.Equal(Call("SplitV", a, b, h), j.Skip(9).ToArray());
        AssertCentral(p => Call("SplitV", p[0], p[1], p[2]), new[] { a, b, h }, j, 3, "Split");
    }

    [Fact]
    public void Polar_ThreeOutsOfTwoInputs_TakesColumns_AndMatchesTheRows()
    {
        var run = GeneratorHarness.Run(Source);
        string polar = run.Generated.Single(kv => kv.Key.Contains(".Polar_", StringComparison.Ordinal)).Value;
        string jacobian = polar.Substring(polar.IndexOf("PolarJacobian(", StringComparison.Ordinal));
        Assert.Contains("PolarForward(", jacobian, StringComparison.Ordinal);
        Assert.DoesNotContain("PolarBackward(", jacobian, StringComparison.Ordinal);
        // x = r·cos t, y = r·sin t, z = r²·t: rows (cos t, −r·sin t), (sin t, r·cos t), (2rt, r²).
        // At r = 1.5, t = 0.7: 0.76484, −0.96632; 0.64422, 1.14726; 2.1, 2.25.
        double r = 1.5, t = 0.7;
        var columns = Call("PolarJ", r, t);
        var rows = Call("PolarRowsJ", r, t);
        double[] hand = { Math.Cos(t), -r * Math.Sin(t), Math.Sin(t), r * Math.Cos(t), 2 * r * t, r * r };
        for (int i = 0; i < 6; i++)
        {
            Tolerance.AssertFormula(hand[i], columns[i], "Polar columns J" + i);
            Tolerance.AssertFormula(hand[i], rows[i], "Polar rows J" + i);
        }
        Assert.Equal(Call("PolarV", r, t), columns.Skip(6).ToArray());
        Assert.Equal(Call("PolarV", r, t), rows.Skip(6).ToArray());
        AssertCentral(p => Call("PolarV", p[0], p[1]), new[] { r, t }, columns, 3, "Polar");
    }

    [Fact]
    public void Scale_FloatRefAndOut_FloatJacobian()
    {
        // q = r·s², s' = s·r + 1, result r². Rows result, s', q; columns r, s. Float throughout: J is float.
        //   result: 2r, 0;  s': s, r;  q: s², 2rs.  At r = 1.5, s = 0.75: 3, 0; 0.75, 1.5; 0.5625, 2.25.
        var j = Call("ScaleJ", 1.5f, 0.75f);
        double[] hand = { 3, 0, 0.75, 1.5, 0.5625, 2.25 };
        for (int i = 0; i < 6; i++) Assert.Equal(hand[i], j[i]);
        // What it leaves: r² = 2.25, s' = 2.125, q = 0.84375 (exact in float).
        Assert.Equal(new double[] { 2.25, 2.125, 0.84375 }, j.Skip(6).ToArray());
    }
}
