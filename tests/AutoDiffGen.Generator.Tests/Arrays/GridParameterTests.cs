using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// double[,]/float[,] and jagged double[][]/float[][] parameters (GridExamples): MBackward takes adjoints of the same
/// type and shape and adds into them. Every method against central differences (CentralDifferenceRunner, which also
/// checks the value and that Backward adds, never overwrites), and against a hand-derived gradient.
/// </summary>
public class GridParameterTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(GridExamples.Source));

    private static Type M => Compiled.Value.GetType("Grids.M")!;

    private static MethodInfo Method(string name) => M.GetMethod(name)!;

    private static readonly double[,] X = { { 0.5, -1.2, 0.3 }, { 1.1, 0.4, -0.7 }, { -0.2, 0.9, 1.5 }, { 0.8, -0.6, 0.1 } };
    private static readonly double[] W = { 0.7, -0.3, 0.45 };
    private static readonly double[] Y = { 1, 0, 1, 0 };

    private static double[][] Rows(double[,] a) =>
        Enumerable.Range(0, a.GetLength(0)).Select(i => Enumerable.Range(0, a.GetLength(1)).Select(j => a[i, j]).ToArray()).ToArray();

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    public static IEnumerable<object[]> Cases()
    {
        yield return new object[] { "Logistic", new object[] { X, W, Y } };
        yield return new object[] { "LogisticJagged", new object[] { Rows(X), W, Y } };
        yield return new object[] { "MatVec", new object[] { X, W } };
        yield return new object[] { "MatVecJagged", new object[] { new[] { new[] { 0.5f, -1.2f }, new[] { 1.1f, 0.4f }, new[] { -0.2f, 0.9f } }, new[] { 0.7f, -0.3f } } };
        yield return new object[] { "Frobenius", new object[] { X } };
        yield return new object[] { "FrobeniusFloat", new object[] { new[,] { { 0.5f, -1.2f }, { 1.1f, 0.4f } } } };
        yield return new object[] { "FrobeniusJagged", new object[] { new[] { new[] { 0.5, -1.2, 0.3 }, new[] { 1.1 }, new double[0], new[] { -0.2, 0.9 } } } };
        yield return new object[] { "Trace", new object[] { new[,] { { 0.5, -1.2, 0.3 }, { 1.1, 0.4, -0.7 }, { -0.2, 0.9, 1.5 } } } };
        yield return new object[] { "TraceJagged", new object[] { new[] { new[] { 0.5, -1.2 }, new[] { 1.1, 0.4, 2.0 } } } };
        yield return new object[] { "Quadratic", new object[] { new[,] { { 1.0, 2.0 }, { -0.5, 3.0 } }, new[] { 0.3, -0.8 } } };
        yield return new object[] { "Pairs", new object[] { new[] { 0.3, -0.8, 1.2 }, new[,] { { 0, 1 }, { 2, 2 }, { 1, 0 } } } };
        yield return new object[] { "Gram", new object[] { new[,] { { 0.5, -1.2 }, { 1.1, 0.4 }, { -0.2, 0.9 } }, 0.7 } };
        yield return new object[] { "Gram", new object[] { new[,] { { 0.3 } }, -0.4 } };
        yield return new object[] { "Outer", new object[] { new[] { 0.5f, -1.2f, 0.8f }, 1 } };
        yield return new object[] { "Outer", new object[] { new[] { 0.5f, -1.2f, 0.8f }, 0 } };
        yield return new object[] { "Mixed", new object[] { new[] { new[] { 0.5, -1.2 }, new[] { 1.1, 0.4, 2.0 } }, new[] { new[] { 1.0 }, new[] { -2.0 } }, new[,] { { 0.3, 0.6 }, { -0.4, 1.3 } }, 0.8 } };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backward_MatchesCentralDifferences(string name, object[] point) => CentralDifferenceRunner.Check(Method(name), null, point);

    [Fact]
    public void Backward_TakesAdjointsOfTheParametersTypeAndShape()
    {
        Assert.Equal(new[] { typeof(double[,]), typeof(double[]), typeof(double[]), typeof(double[,]), typeof(double[]), typeof(double) },
            Method("LogisticBackward").GetParameters().Select(p => p.ParameterType));
        Assert.Equal(new[] { "X", "w", "y", "dX", "dW", "dResult" }, Method("LogisticBackward").GetParameters().Select(p => p.Name));
        Assert.Equal(new[] { typeof(float[][]), typeof(float[]), typeof(float[][]), typeof(float[]), typeof(float) },
            Method("MatVecJaggedBackward").GetParameters().Select(p => p.ParameterType));
        // [NoDiff] double[,] and int[,] get no adjoint.
        Assert.Equal(new[] { typeof(double[,]), typeof(double[]), typeof(double[]), typeof(double) }, Method("QuadraticBackward").GetParameters().Select(p => p.ParameterType));
        Assert.Equal(new[] { typeof(double[]), typeof(int[,]), typeof(double[]), typeof(double) }, Method("PairsBackward").GetParameters().Select(p => p.ParameterType));
    }

    [Fact]
    public void Logistic_MatchesHandDerivedGradient()
    {
        // dL/dw = Xᵀ(σ(Xw) − y) / n and dL/dX[i, j] = (σ(x_i·w) − y_i) w_j / n.
        int n = X.GetLength(0), d = X.GetLength(1);
        var residual = new double[n];
        for (int i = 0; i < n; i++)
        {
            double z = 0;
            for (int j = 0; j < d; j++) z += X[i, j] * W[j];
            residual[i] = Sigmoid(z) - Y[i];
        }
        var dX = new double[n, d];
        var dW = new double[d];
        Method("LogisticBackward").Invoke(null, new object[] { X, W, Y, dX, dW, 1.0 });
        var dXj = Rows(new double[n, d]);
        var dWj = new double[d];
        Method("LogisticJaggedBackward").Invoke(null, new object[] { Rows(X), W, Y, dXj, dWj, 1.0 });
        for (int j = 0; j < d; j++)
        {
            double expected = Enumerable.Range(0, n).Sum(i => X[i, j] * residual[i]) / n;
            Tolerance.AssertFormula(expected, dW[j], "dW[" + j + "]");
            Tolerance.AssertFormula(expected, dWj[j], "jagged dW[" + j + "]");
            for (int i = 0; i < n; i++)
            {
                Tolerance.AssertFormula(residual[i] * W[j] / n, dX[i, j], "dX[" + i + ", " + j + "]");
                Tolerance.AssertFormula(residual[i] * W[j] / n, dXj[i][j], "dX[" + i + "][" + j + "]");
            }
        }
    }

    [Fact]
    public void MatVec_FrobeniusTrace_MatchHand()
    {
        // MatVec: r = A x; dx = Aᵀ r, dA = r xᵀ.
        var r = Enumerable.Range(0, 4).Select(i => Enumerable.Range(0, 3).Sum(j => X[i, j] * W[j])).ToArray();
        var dA = new double[4, 3];
        var dx = new double[3];
        Method("MatVecBackward").Invoke(null, new object[] { X, W, dA, dx, 1.0 });
        for (int j = 0; j < 3; j++)
        {
            Tolerance.AssertFormula(Enumerable.Range(0, 4).Sum(i => X[i, j] * r[i]), dx[j], "dx");
            for (int i = 0; i < 4; i++) Tolerance.AssertFormula(r[i] * W[j], dA[i, j], "dA");
        }

        // Frobenius: dA = A / ‖A‖.
        double norm = Math.Sqrt(X.Cast<double>().Sum(v => v * v));
        var dF = new double[4, 3];
        double value = (double)Method("FrobeniusBackward").Invoke(null, new object[] { X, dF, 1.0 })!;
        Tolerance.AssertFormula(norm, value);
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 3; j++) Tolerance.AssertFormula(X[i, j] / norm, dF[i, j], "dF");

        // Trace: the identity (times Rank / 2 = 1); the jagged trace too, off-diagonal slots untouched.
        var dT = new double[3, 3];
        Method("TraceBackward").Invoke(null, new object[] { new double[3, 3], dT, 1.0 });
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) Assert.Equal(i == j ? 1.0 : 0.0, dT[i, j]);
        var dTj = new[] { new double[2], new double[3] };
        Method("TraceJaggedBackward").Invoke(null, new object[] { new[] { new double[2], new double[3] }, dTj, 1.0 });
        Assert.Equal(new[] { 1.0, 0.0 }, dTj[0]);
        Assert.Equal(new[] { 0.0, 1.0, 0.0 }, dTj[1]);
    }

    [Fact]
    public void LocalMatrix_Outer_MatchesHand()
    {
        // s = Σ x_j² sin x_j: ds/dx_j = 2 x_j sin x_j + x_j² cos x_j.
        var x = new[] { 0.5f, -1.2f, 0.8f };
        var dx = new float[3];
        Method("OuterBackward").Invoke(null, new object[] { x, 1, dx, 1f });
        for (int j = 0; j < 3; j++) Tolerance.AssertClose(2 * x[j] * Math.Sin(x[j]) + x[j] * x[j] * Math.Cos(x[j]), dx[j], 1e-5, "dx");
    }

    [Fact]
    public void Quadratic_WithConstantMatrix_MatchesHand()
    {
        var K = new[,] { { 1.0, 2.0 }, { -0.5, 3.0 } };
        var x = new[] { 0.3, -0.8 };
        var dx = new double[2];
        Method("QuadraticBackward").Invoke(null, new object[] { K, x, dx, 1.0 });
        for (int i = 0; i < 2; i++) Tolerance.AssertFormula(Enumerable.Range(0, 2).Sum(j => (K[i, j] + K[j, i]) * x[j]), dx[i], "dx");
    }

    [Fact]
    public void Backward_Adds_NeverOverwrites()
    {
        var dA = new double[4, 3];
        var dx = new double[3];
        Method("MatVecBackward").Invoke(null, new object[] { X, W, dA, dx, 1.0 });
        var twice = new double[4, 3];
        var dx2 = new double[3];
        for (int k = 0; k < 2; k++) Method("MatVecBackward").Invoke(null, new object[] { X, W, twice, dx2, 1.0 });
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 3; j++) Tolerance.AssertFormula(2 * dA[i, j], twice[i, j], "dA twice");
    }

    public static IEnumerable<object[]> Mismatches()
    {
        // Wrong shape of a 2-D adjoint (rows, then columns), a jagged adjoint with a row too few, a row of another length.
        yield return new object[] { "FrobeniusBackward", new object[] { new double[2, 3], new double[3, 3], 1.0 }, "dA", "shape 3×3" };
        yield return new object[] { "FrobeniusBackward", new object[] { new double[2, 3], new double[2, 2], 1.0 }, "dA", "shape 2×2" };
        yield return new object[] { "FrobeniusJaggedBackward", new object[] { new[] { new double[2], new double[1] }, new[] { new double[2] }, 1.0 }, "dA", "length 1" };
        yield return new object[] { "FrobeniusJaggedBackward", new object[] { new[] { new double[2], new double[1] }, new[] { new double[2], new double[2] }, 1.0 }, "dA[1]", "length 2" };
        yield return new object[] { "FrobeniusFloatBackward", new object[] { new float[1, 2], new float[2, 1], 1f }, "dA", "shape 2×1" };
    }

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void AdjointOfAnotherShape_Throws(string backward, object[] args, string parameter, string says)
    {
        var e = Assert.Throws<TargetInvocationException>(() => Method(backward).Invoke(null, args));
        var inner = Assert.IsType<ArgumentException>(e.InnerException);
        Assert.Equal(parameter, inner.ParamName);
        Assert.Contains(says, inner.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingAdjointRow_Throws_ButANullParameterRowIsNeverRead()
    {
        var e = Assert.Throws<TargetInvocationException>(() =>
            Method("FrobeniusJaggedBackward").Invoke(null, new object[] { new[] { new double[2], new double[1] }, new[] { new double[2], null! }, 1.0 }));
        Assert.Equal("dA[1]", Assert.IsType<ArgumentNullException>(e.InnerException).ParamName);
        Assert.Throws<TargetInvocationException>(() => Method("FrobeniusBackward").Invoke(null, new object?[] { new double[2, 2], null, 1.0 }));
    }
}
