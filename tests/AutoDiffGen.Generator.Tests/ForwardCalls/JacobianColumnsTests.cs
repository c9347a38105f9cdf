using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.SpanOutputs;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ForwardCalls;

/// <summary>
/// MJacobian of a void method writing its outputs, by columns (n forward sweeps) when the outputs at the call outnumber
/// the inputs, by rows (m reverse sweeps) otherwise (issue 14 item 2): at each shape, against central differences
/// (<see cref="OutputChecks.Jacobian"/>) and against the matrix built row by row from MBackward with one-hot seeds
/// (the two modes give the same matrix), and the columns path is the one taken (the generated code, and a JVP check).
/// </summary>
public class JacobianColumnsTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(JacobianColumnsSources.Source));

    /// <summary>The m × n matrix from m MBackward calls seeded with eᵢ (the outputs' incoming contents held constant).</summary>
    private static double[] ByVjps(OutputChecks checks, double[] p, double[] y0)
    {
        int m = y0.Length, n = p.Length;
        var j = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            var w = new double[m];
            w[i] = 1;
            var (dP, _) = checks.Vjp(p, y0, w);
            for (int k = 0; k < n; k++) j[i * n + k] = dP[k];
        }
        return j;
    }

    public static TheoryData<string, int, int, bool> Shapes => new()
    {
        // name, inputs n, outputs m, float; n < m takes columns, n ≥ m rows
        { "Poly", 2, 7, false },
        { "Poly", 2, 1, false },
        { "Poly", 2, 2, false },
        { "Curve", 4, 9, false },
        { "Curve", 4, 3, false },
        { "Ramp", 1, 5, true },
        { "Two", 1, 5, false },
        { "ViaCallee", 2, 6, false },
        { "ViaCallee", 2, 1, false },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Jacobian_MatchesCentralDifferencesAndTheRowsFromBackward(string name, int n, int m, bool single)
    {
        var checks = new OutputChecks(Compiled.Value, name, single);
        var r = new Random(name.Length * 101 + m);
        for (int trial = 0; trial < 3; trial++)
        {
            var p = Enumerable.Range(0, n).Select(_ => 1.5 * r.NextDouble() - 0.5).ToArray();
            if (name == "Curve") p[n - 1] = trial % 2 == 0 ? 0.6 : -0.4; // both branches
            var y0 = Enumerable.Range(0, m).Select(_ => 2 * r.NextDouble() - 1).ToArray();
            var j = checks.Jacobian(p, y0);
            var rows = ByVjps(checks, p, y0);
            for (int k = 0; k < j.Length; k++)
            {
                if (single) Tolerance.AssertClose(rows[k], j[k], 1e-5 * (1 + Math.Abs(rows[k])), name + " J[" + k / n + ", " + k % n + "] vs MBackward");
                else Tolerance.AssertFormula(rows[k], j[k], name + " J[" + k / n + ", " + k % n + "] vs MBackward");
            }
        }
    }

    [Fact]
    public void Poly_MatchesTheHandJacobian_ByColumns()
    {
        // y_i = a sin(b i) + y0_i b: ∂y_i/∂a = sin(b i), ∂y_i/∂b = a i cos(b i) + y0_i.
        double a = 0.8, b = -0.6;
        var y0 = new[] { 0.5, -1.0, 2.0, 0.25, 1.5 };
        var j = new OutputChecks(Compiled.Value, "Poly").Jacobian(new[] { a, b }, y0);
        for (int i = 0; i < 5; i++)
        {
            Tolerance.AssertFormula(Math.Sin(b * i), j[i * 2], "J[" + i + ", a]");
            Tolerance.AssertFormula(a * i * Math.Cos(b * i) + y0[i], j[i * 2 + 1], "J[" + i + ", b]");
        }
    }

    [Fact]
    public void TheGeneratedJacobian_TakesColumnsWhenThereAreFewerInputs()
    {
        var result = GeneratorHarness.Run(JacobianColumnsSources.Source);
        result.AssertClean();
        string poly = result.Generated["SpanOut.S.Poly_double_double_Span_double_.g.cs"];
        string jacobian = poly.Substring(poly.IndexOf("void PolyJacobian(", StringComparison.Ordinal));
        Assert.Contains("if (0 < n && n < m)", jacobian, StringComparison.Ordinal);
        Assert.Contains("PolyForward(a, b, y, tA, tB, tY);", jacobian, StringComparison.Ordinal);
        Assert.Contains("PolyBackward(", jacobian, StringComparison.Ordinal);
    }

    [Fact]
    public void AWrongLength_ThrowsBeforeAnyWork_InBothForms()
    {
        var checks = new OutputChecks(Compiled.Value, "Poly");
        Assert.IsType<ArgumentException>(checks.JacobianOfLength(new[] { 0.1, 0.2 }, new double[5], 9));
        Assert.IsType<ArgumentException>(checks.JacobianOfLength(new[] { 0.1, 0.2 }, new double[1], 3));
    }
}
