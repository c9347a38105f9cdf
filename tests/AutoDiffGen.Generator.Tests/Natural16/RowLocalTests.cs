using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Natural16;

/// <summary>
/// natural16's two gaps, by hand: <c>double[] x = inputs[t];</c> (a row of a jagged parameter named by a local, read as
/// <c>x[j]</c>, <c>x.Length</c>, <c>foreach</c>) and <c>h = hNew;</c> of two <c>new double[n]</c> made with one <c>n</c>
/// that never changes (a copy of n elements). Each against central differences and a hand-derived gradient, in reverse
/// and forward mode; and the forms just outside, with the ADG at the construct.
/// </summary>
public class RowLocalTests
{
    private const string Header = "using System;\nusing System.Linq;\nusing AutoDiffGen;\npublic static partial class G\n{\n";

    private static readonly Lazy<Type> Programs = new(() => GeneratorHarness.CompileAndLoad(Header + """
            [Differentiable(Forward = true)]
            public static double Rows(double[][] a, double[] w)
            {
                double s = 0;
                for (int i = 0; i < a.Length; i++)
                {
                    double[] row = a[i];
                    for (int j = 0; j < row.Length; j++)
                        s += w[j] * row[j] * row[j];
                }
                return s;
            }

            [Differentiable]
            public static double First(double[][] a, double x)
            {
                var first = a[0];
                double s = 0;
                foreach (var v in first) s += v * x;
                return s + first.Length;
            }

            [Differentiable]
            public static double Data([NoDiff] double[][] data, double[] w, double b)
            {
                double loss = 0;
                for (int n = 0; n < data.Length; n++)
                {
                    double[] x = data[n];
                    double z = b;
                    for (int j = 0; j < x.Length; j++) z += w[j] * x[j];
                    loss += z * z;
                }
                return loss;
            }

            [Differentiable(Forward = true)]
            public static double Recur(double[] w, double x, int steps)
            {
                int n = w.Length;
                var h = new double[n];
                for (int t = 0; t < steps; t++)
                {
                    var hn = new double[n];
                    for (int i = 0; i < n; i++) hn[i] = h[i] * w[i] + x;
                    h = hn;
                }
                double s = 0;
                for (int i = 0; i < n; i++) s += h[i];
                return s;
            }

            // A span tangent cannot be boxed for reflection: array-taking wrappers of the two MForward.
            public static double RowsF(double[][] a, double[] w, double[][] tA, double[] tW, out double t) => RowsForward(a, w, tA, tW, out t);
            public static double RecurF(double[] w, double x, int steps, double[] tW, double tX, out double t) => RecurForward(w, x, steps, tW, tX, out t);
        }
        """).GetType("G")!);

    private static MethodInfo M(string name) => Programs.Value.GetMethods().Single(m => m.Name == name);

    private static readonly double[][] A = { new[] { 0.5, -1.2, 0.3 }, new[] { 1.1, 0.4, -0.7 } };

    [Fact]
    public void ARowLocal_IsTheRow_ByHandAndCentralDifferences()
    {
        var w = new[] { 0.8, -0.3, 1.5 };
        var r = CentralDifferenceRunner.Check(M("Rows"), null, new object[] { A, w });
        // s = Σ w_j a_ij²: ∂/∂a_ij = 2 w_j a_ij (flattened row by row), ∂/∂w_j = Σ_i a_ij².
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                Tolerance.AssertFormula(2 * w[j] * A[i][j], r.Gradient[0]![(3 * i) + j], "∂/∂a[" + i + "][" + j + "]");
        for (int j = 0; j < 3; j++) Tolerance.AssertFormula((A[0][j] * A[0][j]) + (A[1][j] * A[1][j]), r.Gradient[1]![j], "∂/∂w" + j);
        // Forward: along tA = a, tW = 0 the derivative is Σ 2 w_j a_ij² = 2 s.
        var forward = Programs.Value.GetMethod("RowsF")!;
        var args = new object?[] { A, w, A.Select(row => row.ToArray()).ToArray(), new double[3], null };
        double value = (double)forward.Invoke(null, args)!;
        Tolerance.AssertFormula(2 * value, (double)args[4]!, "MForward");
    }

    [Fact]
    public void AConstantIndexRow_WalkedByForeach_ByHand()
    {
        var r = CentralDifferenceRunner.Check(M("First"), null, new object[] { A, 0.6 });
        // s = x Σ a_0j + 3: ∂/∂x = Σ a_0j, ∂/∂a_0j = x, the second row 0.
        Tolerance.AssertFormula(A[0].Sum(), r.Gradient[1]![0], "∂/∂x");
        for (int j = 0; j < 3; j++)
        {
            Tolerance.AssertFormula(0.6, r.Gradient[0]![j], "∂/∂a[0][" + j + "]");
            Tolerance.AssertFormula(0, r.Gradient[0]![3 + j], "∂/∂a[1][" + j + "]");
        }
    }

    [Fact]
    public void ARowOfNoDiffData_ByHand()
    {
        var w = new[] { 0.3, -0.4, 0.2 };
        var r = CentralDifferenceRunner.Check(M("Data"), null, new object[] { A, w, 0.1 });
        // loss = Σ z_n², z_n = b + w·x_n: ∂/∂b = 2 Σ z_n, ∂/∂w_j = 2 Σ z_n x_nj.
        double[] z = A.Select(x => 0.1 + x.Zip(w, (p, q) => p * q).Sum()).ToArray();
        Tolerance.AssertFormula(2 * z.Sum(), r.Gradient[2]![0], "∂/∂b");
        for (int j = 0; j < 3; j++) Tolerance.AssertFormula(2 * ((z[0] * A[0][j]) + (z[1] * A[1][j])), r.Gradient[1]![j], "∂/∂w" + j);
    }

    [Fact]
    public void ARebindingOfOneRuntimeLength_IsACopy_ByHandAndCentralDifferences()
    {
        var w = new[] { 0.5, -0.8, 1.1, 0.2 };
        const double x = 0.7;
        const int steps = 4;
        var r = CentralDifferenceRunner.Check(M("Recur"), null, new object[] { w, x, steps });
        // h_i after T steps = x Σ_{k<T} w_i^k: ∂s/∂x = Σ_i Σ_k w_i^k, ∂s/∂w_i = x Σ_k k w_i^(k−1).
        double dx = 0;
        for (int i = 0; i < 4; i++)
        {
            double dw = 0;
            for (int k = 0; k < steps; k++)
            {
                dx += Math.Pow(w[i], k);
                if (k > 0) dw += k * Math.Pow(w[i], k - 1);
            }
            Tolerance.AssertFormula(x * dw, r.Gradient[0]![i], "∂/∂w" + i);
        }
        Tolerance.AssertFormula(dx, r.Gradient[1]![0], "∂/∂x");
        // Forward along tX = 1: ∂s/∂x.
        var forward = Programs.Value.GetMethod("RecurF")!;
        var args = new object?[] { w, x, steps, new double[4], 1.0, null };
        forward.Invoke(null, args);
        Tolerance.AssertFormula(dx, (double)args[5]!, "MForward");
    }

    [Theory]
    // The row passed whole to a plain helper, or its index moved in its scope: a row that is not only read.
    [InlineData("double[] row = a[i]; s += Total(row);", "a[i]", "A row of a jagged array taken as a local")]
    [InlineData("int r = i; double[] row = a[r]; r = 0; s += row[0] * x;", "a[r]", "A row of a jagged array taken as a local")]
    public void ARowLocalUsedOtherwise_IsOneADG0003AtTheRow(string body, string at, string says)
    {
        string source = Header + "    static double Total(double[] v) { double t = 0; foreach (var e in v) t += e; return t; }\n"
            + "    [Differentiable] public static double F(double[][] a, double x)\n    {\n        double s = 0;\n        for (int i = 0; i < a.Length; i++)\n        {\n            "
            + body + "\n        }\n        return s;\n    }\n}\n";
        ProgramBatch.AssertSingleErrorAt(source, "ADG0003", at, says);
    }

    [Fact]
    public void ARowLocalWritten_IsADG0003AtTheRow_AndADG0007AtTheWrite()
    {
        string source = Header + "    [Differentiable] public static double F(double[][] a, double x)\n    {\n        double[] row = a[1];\n        row[0] = x;\n        return row[1];\n    }\n}\n";
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Exceptions);
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        Assert.Equal(new[] { "ADG0003", "ADG0007" }, errors.Select(d => d.Id).OrderBy(i => i, StringComparer.Ordinal));
        Assert.Equal(source.IndexOf("a[1]", StringComparison.Ordinal), errors.Single(d => d.Id == "ADG0003").Location.SourceSpan.Start);
        Assert.Equal(source.IndexOf("row[0] = x", StringComparison.Ordinal), errors.Single(d => d.Id == "ADG0007").Location.SourceSpan.Start);
        Assert.DoesNotContain(run.Generated.Values, g => g.Contains("FBackward", StringComparison.Ordinal));
    }

    [Theory]
    // Another length, or one whose variable is assigned again: the lengths may differ.
    [InlineData("var hn = new double[n + 1];", "int n = w.Length;", "nor as new double[n] with the length 'h' is created with")]
    [InlineData("var hn = new double[n];", "int n = w.Length; n = Math.Min(n, 3);", "nor as new double[n] with the length 'h' is created with")]
    public void ARebindingOfOtherLengths_IsOneADG0003AtTheAssignment(string made, string length, string says)
    {
        string source = Header + "    [Differentiable] public static double F(double[] w, double x)\n    {\n        " + length + "\n        var h = new double[n];\n"
            + "        for (int t = 0; t < 3; t++)\n        {\n            " + made + "\n            for (int i = 0; i < n; i++) hn[i] = h[i] * w[i] + x;\n            h = hn;\n        }\n"
            + "        return h[0];\n    }\n}\n";
        ProgramBatch.AssertSingleErrorAt(source, "ADG0003", "h = hn", says);
    }
}
