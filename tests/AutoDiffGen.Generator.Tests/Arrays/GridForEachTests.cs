using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// <see cref="GridForEachExamples"/>: foreach over a double[,] (row-major) and over jagged rows, each gradient against
/// central differences and by hand, MForward against MBackward along a random direction, MHessian by hand; and the rows
/// used otherwise stay errors at the foreach.
/// </summary>
public class GridForEachTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(GridForEachExamples.Source));

    private static Type Type => Compiled.Value.GetType("Grids")!;

    private static MethodInfo Get(string name) => Type.GetMethod(name)!;

    private static double[,] M() => new[,] { { 0.7, -1.2, 0.4 }, { 1.9, 0.3, -0.8 } };

    private static double[][] A() => new[] { new[] { 0.5, -0.3 }, new[] { 1.1, 0.2, -0.9 }, Array.Empty<double>(), new[] { 0.6 } };

    public static TheoryData<string, object[]> Points => new()
    {
        { "Weighted", new object[] { M(), 0.6 } },
        { "Rows", new object[] { A(), 1.3 } },
        { "OneRow", new object[] { A(), -0.7 } },
        { "UntilLarge", new object[] { new[,] { { 0.7, 1.2 }, { 2.5, 0.3 } }, 0.9 } },
        { "RowWeighted", new object[] { A() } },
        { "Floats", new object[] { new[,] { { 0.5f, -1.5f }, { 2f, 0.25f } } } },
        { "LocalGrid", new object[] { 0.8 } },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void GradientMatchesCentralDifferences(string name, object[] point) => CentralDifferenceRunner.Check(Get(name), null, point);

    [Fact]
    public void RectangularForEach_IsRowMajor_ByHand()
    {
        var m = M();
        var r = CentralDifferenceRunner.Check(Get("Weighted"), null, new object[] { m, 0.6 });
        // d/dm[i, j] = 2(k + 1)·m[i, j] + x with k = 3i + j; d/dx = Σ m.
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 3; j++) Tolerance.AssertFormula((2 * ((3 * i) + j + 1) * m[i, j]) + 0.6, r.Gradient[0]![(3 * i) + j], $"dWeighted/dm[{i}, {j}]");
        }
        Tolerance.AssertFormula(0.7 - 1.2 + 0.4 + 1.9 + 0.3 - 0.8, r.Gradient[1]![0], "dWeighted/dx");

        // Stops at 2.5 (row 1, column 0): the elements after it get nothing.
        var until = CentralDifferenceRunner.Check(Get("UntilLarge"), null, new object[] { new[,] { { 0.7, 1.2 }, { 2.5, 0.3 } }, 0.9 });
        AssertAll(new[] { 0.9, 0.9, 0.0, 0.0 }, until.Gradient[0]!, "until");
        Tolerance.AssertFormula(1.9, until.Gradient[1]![0], "dUntilLarge/dx");

        var f = CentralDifferenceRunner.Check(Get("Floats"), null, new object[] { new[,] { { 0.5f, -1.5f }, { 2f, 0.25f } } });
        AssertAll(new[] { 1.0, -3.0, 4.0, 0.5 }, f.Gradient[0]!, "f");

        double x = 0.8;
        var local = CentralDifferenceRunner.Check(Get("LocalGrid"), null, new object[] { x });
        Tolerance.AssertFormula((2 * x) + (4 * Math.Pow(x, 3)) + (6 * Math.Pow(x, 5)), local.Gradient[0]![0], "dLocalGrid/dx");
    }

    [Fact]
    public void JaggedForEach_ReachesEachElement_ByHand()
    {
        var a = A();
        var rows = CentralDifferenceRunner.Check(Get("Rows"), null, new object[] { a, 1.3 });
        var flat = a.SelectMany(row => row).ToArray();
        for (int k = 0; k < flat.Length; k++) Tolerance.AssertFormula(1.3 * Math.Cos(flat[k]), rows.Gradient[0]![k], $"dRows/da (element {k})");
        Tolerance.AssertFormula(flat.Sum(Math.Sin), rows.Gradient[1]![0], "dRows/dx");

        // Row 1 only: elements 2..4 of the flattened rows.
        var one = CentralDifferenceRunner.Check(Get("OneRow"), null, new object[] { a, -0.7 });
        AssertAll(new[] { 0, 0, 2 * 1.1 * -0.7, 2 * 0.2 * -0.7, 2 * -0.9 * -0.7, 0 }, one.Gradient[0]!, "one");
        Tolerance.AssertFormula((1.1 * 1.1) + (0.2 * 0.2) + (0.9 * 0.9), one.Gradient[1]![0], "dOneRow/dx");

        // 2(i + 1)·aᵢⱼ where aᵢⱼ ≥ 0, else 0.
        var weighted = CentralDifferenceRunner.Check(Get("RowWeighted"), null, new object[] { a });
        AssertAll(new[] { 2 * 1 * 0.5, 0, 2 * 2 * 1.1, 2 * 2 * 0.2, 0, 2 * 4 * 0.6 }, weighted.Gradient[0]!, "weighted");
    }

    [Theory]
    [InlineData("Weighted")]
    [InlineData("Rows")]
    [InlineData("OneRow")]
    [InlineData("UntilLarge")]
    [InlineData("RowWeighted")]
    [InlineData("LocalGrid")]
    public void ForwardMode_IsBackwardsGradientAlongTheDirection(string name)
    {
        var point = Points.Single(p => (string)p[0] == name)[1] as object[];
        var r = CentralDifferenceRunner.Check(Get(name), null, point!);
        var random = new Random(13);
        var args = new List<object?>(point!);
        double expected = 0;
        for (int p = 0; p < point!.Length; p++)
        {
            switch (point[p])
            {
                case double[,] m:
                    var tm = new double[m.GetLength(0), m.GetLength(1)];
                    for (int k = 0; k < m.Length; k++)
                    {
                        tm[k / m.GetLength(1), k % m.GetLength(1)] = random.NextDouble() - 0.5;
                        expected += tm[k / m.GetLength(1), k % m.GetLength(1)] * r.Gradient[p]![k];
                    }
                    args.Add(tm);
                    break;
                case double[][] a:
                    var ta = a.Select(row => row.Select(_ => random.NextDouble() - 0.5).ToArray()).ToArray();
                    var flat = ta.SelectMany(row => row).ToArray();
                    for (int k = 0; k < flat.Length; k++) expected += flat[k] * r.Gradient[p]![k];
                    args.Add(ta);
                    break;
                case double:
                    double t = random.NextDouble() - 0.5;
                    expected += t * r.Gradient[p]![0];
                    args.Add(t);
                    break;
            }
        }
        args.Add(null);
        var array = args.ToArray();
        double value = (double)Type.GetMethod(name + "Forward")!.Invoke(null, array)!;
        Assert.Equal(r.Value, value);
        Tolerance.AssertFormula(expected, (double)array[^1]!, name + " tResult vs Backward · t");
    }

    /// <summary>Each component by hand (AssertFormula's relative tolerance).</summary>
    private static void AssertAll(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++) Tolerance.AssertFormula(expected[k], actual[k], what + "[" + k + "]");
    }

    private delegate double HessianM(double[,] m, double x, Span<double> hessian);

    private delegate double Hessian1(double x, Span<double> hessian);

    [Fact]
    public void Hessian_ByHand()
    {
        // Weighted: ∂²/∂m[k]² = 2(k + 1), ∂²/∂m[k]∂x = 1, ∂²/∂x² = 0 (7 scalars: m row-major, then x).
        var h = new double[49];
        Get("WeightedHessian").CreateDelegate<HessianM>()(M(), 0.6, h);
        for (int a = 0; a < 7; a++)
        {
            for (int b = 0; b < 7; b++)
            {
                double expected = a == b && a < 6 ? 2 * (a + 1) : (a == 6) != (b == 6) ? 1 : 0;
                Tolerance.AssertFormula(expected, h[(7 * a) + b], $"WeightedHessian[{a}, {b}]");
            }
        }
        var h1 = new double[1];
        Get("LocalGridHessian").CreateDelegate<Hessian1>()(0.8, h1);
        Tolerance.AssertFormula(2 + (12 * 0.64) + (30 * Math.Pow(0.8, 4)), h1[0], "LocalGridHessian");
    }

    private const string Header = "using System;\nusing AutoDiffGen;\npublic static partial class G\n{\n";

    [Theory]
    // A row used other than as a foreach's collection, row[j] or row.Length (idioms12: Idioms12/Idioms12Tests): written,
    // named again, captured; an alias the graph does not follow.
    [InlineData("double[][] a, double x", "double s = 0; foreach (var row in a) { row[0] = x; s += x; } return s;", "foreach")]
    [InlineData("double[][] a, double x", "double s = 0; foreach (var row in a) { var r = row; s += r[0] * x; } return s;", "foreach")]
    [InlineData("double[][] a, double x", "double s = 0; foreach (var row in a) { Func<int, double> at = j => row[j]; s += at(0) * x; } return s;", "foreach")]
    // A variable of another type than the element (a conversion per element).
    [InlineData("float[,] m, double x", "double s = 0; foreach (double v in m) s += v * x; return s;", "foreach")]
    // Three dimensions.
    [InlineData("double[,,] m, double x", "double s = 0; foreach (double v in m) s += v * x; return s;", "double[,,] m")]
    public void RowsUsedOtherwise_AreErrors(string parameters, string body, string at)
    {
        string source = Header + "    [Differentiable]\n    public static double F(" + parameters + ")\n    {\n        " + body + "\n    }\n}\n";
        OutsideErrors.AssertAt(source, at == "foreach" ? "ADG0002" : "ADG0006", at, "FBackward");
    }
}
