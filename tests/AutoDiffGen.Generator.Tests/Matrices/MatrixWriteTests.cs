using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Matrices;

/// <summary>
/// Writes into double[,] parameters (<see cref="MatrixSources.Writes"/>), as 1-D array parameters are written: MBackward
/// leaves the array as the method does, and its adjoint is in/out (docs/ref-out.md): seeded with the adjoint of what the
/// method left in the array, it returns the gradient with respect to what came in. Checked against central differences
/// of f and of f + Σ seed ⊙ (what the method left), so the restore of overwritten values is checked too.
/// </summary>
public class MatrixWriteTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(MatrixSources.Writes));

    private static MethodInfo M(string name) => Compiled.Value.GetType("Matrices.W")!.GetMethod(name)!;

    private static readonly double[,] A = { { 0.7, -1.3, 0.4 }, { 2.1, 0.5, -0.9 } };

    private static double[,] Square => new[,] { { 0.7, -1.3 }, { 2.1, 0.5 } };

    /// <summary>f + Σ seed ⊙ a_final for the method <paramref name="name"/> at (a, scalars…); a is copied.</summary>
    private static double Seeded(string name, double[,] a, double[] scalars, double[,] seed)
    {
        var copy = (double[,])a.Clone();
        double f = (double)M(name).Invoke(null, new object[] { copy }.Concat(scalars.Cast<object>()).ToArray())!;
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++) f += seed[i, j] * copy[i, j];
        return f;
    }

    public static IEnumerable<object[]> Cases()
    {
        foreach (bool seeded in new[] { false, true })
        {
            yield return new object[] { "Twice", Square, new double[0], seeded };
            yield return new object[] { "Scale", A, new[] { 1.7 }, seeded };
            yield return new object[] { "Scale", A, new[] { -0.4 }, seeded };
            yield return new object[] { "Shift", Square, new[] { 0.9 }, seeded };
            yield return new object[] { "UseFill", Square, new[] { -1.1 }, seeded };
            yield return new object[] { "PassThenWrite", A, new[] { 1.3 }, seeded };
            yield return new object[] { "PassThenWriteInALoop", A, new[] { -0.7 }, seeded };
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backward_MatchesCentralDifferences_AndLeavesTheArrayAsTheMethodDoes(string name, double[,] point, double[] scalars, bool seeded)
    {
        int rows = point.GetLength(0), columns = point.GetLength(1);
        var seed = new double[rows, columns];
        if (seeded)
        {
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < columns; j++) seed[i, j] = 0.3 * (i + 1) - 0.45 * j;
        }
        var a = (double[,])point.Clone();
        var dA = (double[,])seed.Clone();
        var args = new object[] { a }.Concat(scalars.Cast<object>()).Append(dA).Concat(scalars.Select(_ => (object)0.0)).Append(1.0).ToArray();
        double value = (double)M(name + "Backward").Invoke(null, args)!;

        var expected = (double[,])point.Clone();
        double f = (double)M(name).Invoke(null, new object[] { expected }.Concat(scalars.Cast<object>()).ToArray())!;
        Tolerance.AssertFormula(f, value);
        Assert.Equal(expected, a);

        const double h = 1e-6;
        double g = Seeded(name, point, scalars, seed);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                var up = (double[,])point.Clone();
                var down = (double[,])point.Clone();
                up[i, j] += h;
                down[i, j] -= h;
                double numeric = (Seeded(name, up, scalars, seed) - Seeded(name, down, scalars, seed)) / (2 * h);
                Tolerance.AssertCentral(numeric, dA[i, j], g, name + " dA[" + i + ", " + j + "]");
            }
        }
        for (int k = 0; k < scalars.Length; k++)
        {
            var up = scalars.ToArray();
            var down = scalars.ToArray();
            up[k] += h;
            down[k] -= h;
            double numeric = (Seeded(name, point, up, seed) - Seeded(name, point, down, seed)) / (2 * h);
            Tolerance.AssertCentral(numeric, (double)args[2 + scalars.Length + k], g, name + " d/dscalar" + k);
        }
    }

    [Fact]
    public void Twice_MatchesHandDerivedGradient()
    {
        // f = 2a₀₀a₀₁: ∂f/∂a₀₀ = 2a₀₁, ∂f/∂a₀₁ = 2a₀₀; with a seed s on the final a₀₀ = 2a₀₀, ∂/∂a₀₀ gains 2s.
        var a = Square;
        var dA = new double[2, 2];
        dA[0, 0] = 0.5;
        dA[1, 1] = -0.25;
        M("TwiceBackward").Invoke(null, new object[] { a, dA, 1.0 });
        Tolerance.AssertFormula(2 * -1.3 + 2 * 0.5, dA[0, 0], "dA[0, 0]");
        Tolerance.AssertFormula(2 * 0.7, dA[0, 1], "dA[0, 1]");
        Tolerance.AssertFormula(0, dA[1, 0], "dA[1, 0]");
        Tolerance.AssertFormula(-0.25, dA[1, 1], "dA[1, 1]: an untouched slot passes its seed through");
    }

    [Fact]
    public void AHelperWritingIntoALocalGrid_MatchesHand()
    {
        // m = [[0, x²], [3x + x, x]]: f = x² · 4x · x = 4x⁴.
        double x = 0.8;
        var args = new object[] { x, 0.0, 1.0 };
        double value = (double)M("UseFillLocalBackward").Invoke(null, args)!;
        Tolerance.AssertFormula(4 * Math.Pow(x, 4), value);
        Tolerance.AssertFormula(16 * Math.Pow(x, 3), (double)args[1], "dx");
    }
}
