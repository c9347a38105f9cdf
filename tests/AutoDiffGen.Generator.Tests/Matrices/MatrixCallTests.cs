using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Matrices;

/// <summary>
/// double[,] and jagged arrays passed to [Differentiable] helpers (<see cref="MatrixSources.Calls"/>): the caller passes
/// its adjoint (a parameter's dA, a local double[,]'s adjoint array, a jagged row's dA[i]), or a zeroed scratch of the
/// argument's shape for a constant. Every method against central differences (which also checks that Backward adds
/// into its adjoints), hand-derived gradients where they are short, and MForward's tangent against the gradient.
/// </summary>
public class MatrixCallTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(MatrixSources.Calls));

    private static Type L => Compiled.Value.GetType("Matrices.L")!;

    private static MethodInfo M(string name) => L.GetMethod(name)!;

    private static readonly double[,] A = { { 1.0, 2.0, -0.5 }, { -0.5, 3.0, 0.25 }, { 0.7, -1.1, 0.4 } };
    private static readonly double[] X = { 0.3, -0.8, 1.2 };
    private static readonly double[][] Rows = { new[] { 0.5, -1.2, 0.3 }, new[] { 1.1, 0.4, -0.7 }, new[] { -0.2, 0.9, 1.5 }, new[] { 0.8, -0.6, 0.1 } };
    private static readonly double[] Y = { 1, 0, 1, 0 };

    public static IEnumerable<object[]> Cases()
    {
        yield return new object[] { "Quad", new object[] { A, X } };
        yield return new object[] { "QuadTwice", new object[] { A, X } };
        yield return new object[] { "Frobenius", new object[] { A } };
        yield return new object[] { "Mlp", new object[] { new[,] { { 0.5, -0.3, 0.2 }, { 0.1, 0.8, -0.6 } }, new[] { 0.05, -0.1 }, new[] { 0.9, -1.3 }, 0.2, X, 0.4 } };
        yield return new object[] { "LogisticRows", new object[] { Rows, new[] { 0.7, -0.3, 0.45 }, Y } };
        yield return new object[] { "RowsSpan", new object[] { Rows, new[] { 0.7, -0.3, 0.45 } } };
        yield return new object[] { "Jagged", new object[] { new[] { new[] { 0.5, -1.2 }, new[] { 1.1 }, new double[0], new[] { -0.2, 0.9 } }, new[] { 0.7, -0.3 } } };
        yield return new object[] { "Constants", new object[] { A, Rows, X } };
        yield return new object[] { "LocalGrid", new object[] { 0.6, -1.4 } };
        yield return new object[] { "FloatQuad", new object[] { new[,] { { 1.0f, 2.0f }, { -0.5f, 3.0f } }, new[] { 0.3f, -0.8f } } };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backward_MatchesCentralDifferences(string name, object[] point) => CentralDifferenceRunner.Check(M(name), null, point);

    [Fact]
    public void QuadTwice_MatchesHandDerivedGradient()
    {
        // f = (2 + x₀) q with q = xᵀAx: ∂f/∂A = (2 + x₀) x xᵀ, ∂f/∂x = (2 + x₀)(A + Aᵀ)x + q e₀.
        int n = X.Length;
        double q = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) q += X[i] * A[i, j] * X[j];
        var dA = new double[n, n];
        var dX = new double[n];
        double value = (double)M("QuadTwiceBackward").Invoke(null, new object[] { A, X, dA, dX, 1.0 })!;
        Tolerance.AssertFormula((2 + X[0]) * q, value);
        double k = 2 + X[0];
        for (int i = 0; i < n; i++)
        {
            double ax = 0;
            for (int j = 0; j < n; j++)
            {
                Tolerance.AssertFormula(k * X[i] * X[j], dA[i, j], "dA[" + i + ", " + j + "]");
                ax += (A[i, j] + A[j, i]) * X[j];
            }
            Tolerance.AssertFormula(k * ax + (i == 0 ? q : 0), dX[i], "dX[" + i + "]");
        }
    }

    [Fact]
    public void LogisticRows_MatchesHandDerivedGradient()
    {
        // dL/dw = Σᵢ (pᵢ − yᵢ) Xᵢ / n and dL/dXᵢ = (pᵢ − yᵢ) w / n, through Dot(X[i], w) and its row adjoint dX[i].
        var w = new[] { 0.7, -0.3, 0.45 };
        int n = Rows.Length;
        var dX = Rows.Select(r => new double[r.Length]).ToArray();
        var dW = new double[3];
        M("LogisticRowsBackward").Invoke(null, new object[] { Rows, w, Y, dX, dW, 1.0 });
        var expectedW = new double[3];
        for (int i = 0; i < n; i++)
        {
            double z = Rows[i].Zip(w, (a, b) => a * b).Sum();
            double r = (1 / (1 + Math.Exp(-z)) - Y[i]) / n;
            for (int j = 0; j < 3; j++)
            {
                expectedW[j] += r * Rows[i][j];
                Tolerance.AssertFormula(r * w[j], dX[i][j], "dX[" + i + "][" + j + "]");
            }
        }
        for (int j = 0; j < 3; j++) Tolerance.AssertFormula(expectedW[j], dW[j], "dW[" + j + "]");
    }

    [Fact]
    public void Frobenius_OfALocalGrid_MatchesHandDerivedGradient()
    {
        // f = √(x² + x²y² + sin²y).
        double x = 0.6, y = -1.4;
        double f = Math.Sqrt(x * x + x * x * y * y + Math.Sin(y) * Math.Sin(y));
        var args = new object[] { x, y, 0.0, 0.0, 1.0 };
        double value = (double)M("LocalGridBackward").Invoke(null, args)!;
        Tolerance.AssertFormula(f, value);
        Tolerance.AssertFormula((x + x * y * y) / f, (double)args[2], "dx");
        Tolerance.AssertFormula((x * x * y + Math.Sin(y) * Math.Cos(y)) / f, (double)args[3], "dy");
    }

    [Fact]
    public void Backward_TakesAdjointsOfTheGridsShape_AndConstantsNone()
    {
        Assert.Equal(new[] { typeof(double[,]), typeof(double[]), typeof(double[,]), typeof(double[]), typeof(double) },
            M("QuadTwiceBackward").GetParameters().Select(p => p.ParameterType));
        Assert.Equal(new[] { typeof(double[][]), typeof(double[]), typeof(double[]), typeof(double[][]), typeof(double[]), typeof(double) },
            M("LogisticRowsBackward").GetParameters().Select(p => p.ParameterType));
        Assert.Equal(new[] { typeof(double[,]), typeof(double[][]), typeof(double[]), typeof(double[]), typeof(double) },
            M("ConstantsBackward").GetParameters().Select(p => p.ParameterType));
    }

    [Fact]
    public void Backward_LeavesConstantGridsAsTheyWere()
    {
        var m = (double[,])A.Clone();
        var k = Rows.Select(r => r.ToArray()).ToArray();
        M("ConstantsBackward").Invoke(null, new object[] { m, k, X, new double[3], 1.0 });
        Assert.Equal(A, m);
        Assert.Equal(Rows, k);
    }

    [Fact]
    public void ARowOfTheWrongLength_Throws_FromTheCalleesCheck()
    {
        var dX = Rows.Select(r => new double[r.Length]).ToArray();
        dX[2] = new double[2];
        var e = Assert.Throws<TargetInvocationException>(() => M("LogisticRowsBackward").Invoke(null, new object[] { Rows, new[] { 0.7, -0.3, 0.45 }, Y, dX, new double[3], 1.0 }));
        Assert.IsAssignableFrom<ArgumentException>(e.InnerException);
    }

    private delegate double QuadForward(double[,] A, double[] x, double[,] tA, ReadOnlySpan<double> tX, out double tResult);

    private delegate double RowsForward(double[][] X, double[] w, double[] y, double[][] tX, ReadOnlySpan<double> tW, out double tResult);

    private delegate double JaggedForward(double[][] a, double[] w, double[][] tA, ReadOnlySpan<double> tW, out double tResult);

    [Fact]
    public void Forward_TangentIsGradientDotDirection()
    {
        var tA = new[,] { { 0.2, -0.1, 0.4 }, { 0.3, 0.05, -0.6 }, { -0.2, 0.1, 0.7 } };
        var tX = new[] { 0.5, -0.25, 0.1 };
        var dA = new double[3, 3];
        var dX = new double[3];
        M("QuadTwiceBackward").Invoke(null, new object[] { A, X, dA, dX, 1.0 });
        double expected = 0;
        for (int i = 0; i < 3; i++)
        {
            expected += dX[i] * tX[i];
            for (int j = 0; j < 3; j++) expected += dA[i, j] * tA[i, j];
        }
        var quad = (QuadForward)Delegate.CreateDelegate(typeof(QuadForward), M("QuadTwiceForward"));
        double value = quad(A, X, tA, tX, out double tResult);
        Tolerance.AssertFormula((double)M("QuadTwice").Invoke(null, new object[] { A, X })!, value);
        Tolerance.AssertFormula(expected, tResult, "tResult");

        var w = new[] { 0.7, -0.3, 0.45 };
        var tRows = Rows.Select((r, i) => r.Select((v, j) => 0.1 * (i + 1) - 0.05 * j).ToArray()).ToArray();
        var tW = new[] { -0.3, 0.2, 0.6 };
        var dRows = Rows.Select(r => new double[r.Length]).ToArray();
        var dW = new double[3];
        M("LogisticRowsBackward").Invoke(null, new object[] { Rows, w, Y, dRows, dW, 1.0 });
        expected = dW.Zip(tW, (a, b) => a * b).Sum() + dRows.Zip(tRows, (a, b) => a.Zip(b, (p, q) => p * q).Sum()).Sum();
        var rows = (RowsForward)Delegate.CreateDelegate(typeof(RowsForward), M("LogisticRowsForward"));
        rows(Rows, w, Y, tRows, tW, out tResult);
        Tolerance.AssertFormula(expected, tResult, "LogisticRows tResult");

        // Along the direction, by central differences.
        const double h = 1e-6;
        double At(double s) => (double)M("LogisticRows").Invoke(null, new object[]
        {
            Rows.Select((r, i) => r.Select((v, j) => v + s * tRows[i][j]).ToArray()).ToArray(), w.Select((v, j) => v + s * tW[j]).ToArray(), Y,
        })!;
        Tolerance.AssertCentral((At(h) - At(-h)) / (2 * h), tResult, At(0), "LogisticRows along the direction");

        var ragged = new[] { new[] { 0.5, -1.2 }, new[] { 1.1 }, new double[0], new[] { -0.2, 0.9 } };
        var tRagged = new[] { new[] { 0.3, 0.1 }, new[] { -0.4 }, new double[0], new[] { 0.2, -0.7 } };
        var jagged = (JaggedForward)Delegate.CreateDelegate(typeof(JaggedForward), M("JaggedForward"));
        jagged(ragged, new[] { 0.7, -0.3 }, tRagged, new[] { 0.25, 0.5 }, out tResult);
        double J(double s) => (double)M("Jagged").Invoke(null, new object[]
        {
            ragged.Select((r, i) => r.Select((v, j) => v + s * tRagged[i][j]).ToArray()).ToArray(), new[] { 0.7 + 0.25 * s, -0.3 + 0.5 * s },
        })!;
        Tolerance.AssertCentral((J(h) - J(-h)) / (2 * h), tResult, J(0), "Jagged along the direction");
    }
}
