using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Tensors;
using Xunit;

namespace AutoDiffGen.Generator.Tests;

/// <summary>
/// Every golden example (GoldenExamples) compiled and run: its Backward against central differences at points
/// that visit each branch, loop exit and switch section, and against a hand derivation where one is short.
/// A golden file pins what the generator writes; this pins that what it writes is right.
/// </summary>
public class GoldenExampleGradientTests
{
    private static readonly Lazy<Dictionary<string, Assembly>> Compiled = new(() =>
        GoldenExamples.All.ToDictionary(g => g.Name, g => GeneratorHarness.CompileAndLoad(g.Source)));

    /// <summary>Argument lists per method ("Namespace.Type.Method"), chosen away from kinks and branch boundaries.</summary>
    private static readonly Dictionary<string, Func<object[][]>> Points = new()
    {
        ["Golden.Branches.Piecewise.IfElse"] = () => new[] { A(1.7, 0.3), A(-1.4, 0.8), A(0.3, -0.6) },
        ["Golden.Branches.Piecewise.Huber"] = () => new[] { A(0.4, 1.0), A(-2.5, 1.0), A(1.5, 0.5) },
        ["Golden.Branches.Piecewise.Activation"] = () => new[] { A(0.7, 0), A(0.7, 1), A(-0.4, 2), A(0.6, 3), A(-0.5, -1) },
        ["Golden.Branches.Piecewise.Smooth"] = () => new[] { A(0.8, 0), A(0.8, 1), A(0.8, -2), A(0.8, 3), A(-0.5, 3) },
        ["Golden.Loops.Iterations.Horner"] = () => new[] { A(new[] { 1.0, -2.0, 0.5, 3.0 }, 0.7), A(new[] { 0.5 }, -1.3) },
        ["Golden.Loops.Iterations.Heron"] = () => new[] { A(2.0, 5), A(0.3, 3), A(1.7, 0) },
        // Running sums 0.25, 1.69, 2.33: the loop breaks before x[3] with limit 2, and runs to the end with limit 10.
        ["Golden.Loops.Iterations.SumUntil"] = () => new[] { A(new[] { 0.5, -1.2, 0.8, 2.0, 0.3 }, 2.0), A(new[] { 0.5, -1.2, 0.8, 2.0, 0.3 }, 10.0) },
        // w = 1.3 returns at x[1] (1.17 > 1); w = 0.5 never does and returns w.
        ["Golden.Loops.Iterations.FirstAbove"] = () => new[] { A(new[] { 0.2, 0.9, 0.4, 1.5 }, 1.3), A(new[] { 0.2, 0.9, 0.4, 1.5 }, 0.5) },
        ["Golden.Loops.Iterations.Quadratic"] = () => new[] { A(new[] { 1.0, 0.5, -0.3, 0.2, 2.0, 0.7, -1.1, 0.4, 1.5 }, new[] { 0.3, -0.8, 1.2 }) },
        ["Golden.Loops.Iterations.Recurrent"] = () => new[] { A(new[] { 0.5, -0.3, 0.8 }, 0.7, 1.1, 2), A(new[] { 0.5, -0.3, 0.8 }, 0.7, 1.1, 0) },
        ["Golden.Calls.Functions.Sigmoid"] = () => new[] { A(0.3), A(-2.0) },
        ["Golden.Calls.Functions.TwoNeurons"] = () => new[] { A(0.5, -1.2, 0.8) },
        ["Golden.Calls.Functions.UsesDerivatives"] = () => new[] { A(0.7, -0.4) },
        ["Golden.Calls.LinearModel.Predict"] = () => new[] { A(1.5, 0.4) },
        ["Golden.Calls.LinearModel.SquaredError"] = () => new[] { A(1.5, 0.4, 2.0) },
        ["Golden.Arrays.Vectors.Dot"] = () => new[] { A(new[] { 0.5, -1.0, 2.0 }, new[] { 1.5, 0.25, -0.75 }) },
        ["Golden.Arrays.Vectors.LogisticLoss"] = () => new[] { A(new[] { 0.3, -0.2 }, new[] { 1.0, 0.5, -0.4, 1.2, 0.8, -0.9 }, new[] { 1, -1, 1 }) },
        ["Golden.Arrays.Vectors.Smoothed"] = () => new[] { A(new[] { 0.4, -0.2, 1.1, 0.7 }, 0.3) },
        ["Golden.Arrays.Vectors.Overwrite"] = () => new[] { A(0.3, -1.2), A(-0.8, 0.5) },
        ["Golden.Arrays.Matrices.LogisticRegression"] = () => new[] { A(new[,] { { 0.5, -1.2, 0.3 }, { 1.1, 0.4, -0.7 } }, new[] { 0.7, -0.3, 0.45 }, new[] { 1.0, 0.0 }) },
        ["Golden.Arrays.Matrices.RowNorms"] = () => new[] { A((object)new[] { new[] { 0.5, -1.2, 0.3 }, new[] { 1.1 }, new[] { -0.4, 0.9 } }) },
        ["Golden.Precision.Single.Neuron"] = () => new[] { A(0.5f, -1.5f, 0.2f) },
        ["Golden.Precision.Single.MeanSquare"] = () => new[] { A(new[] { 0.5f, -1.25f, 2f }) },
        ["Golden.Precision.Single.Mixed"] = () => new[] { A(0.4f, 1.3) },
        ["Golden.Tensors.Classifier.TwoLayerLoss"] = () =>
        {
            var random = new Random(3);
            return new[]
            {
                A(Tensor.RandomNormal(5, 3, 1f, random), Tensor.RandomNormal(3, 4, 0.5f, random), Tensor.FromArray(Tensor.RandomNormal(1, 4, 0.1f, random).ToArray()),
                  Tensor.RandomNormal(4, 3, 0.5f, random), Tensor.FromArray(Tensor.RandomNormal(1, 3, 0.1f, random).ToArray()), new[] { 0, 2, 1, 1, 0 }),
            };
        },
        ["Golden.Tensors.Classifier.Regularized"] = () =>
        {
            var random = new Random(5);
            return new[] { A(Tensor.RandomNormal(4, 3, 1f, random), Tensor.RandomNormal(3, 2, 0.5f, random), new[] { 1, 0, 0, 1 }, 0.1f) };
        },
        ["Golden.Forward.Directional.Neuron"] = () => new[] { A(2.0, -1.0, -3.0, -2.0, -3.0), A(0.3, 0.8, -0.5, 1.1, 0.2) },
        ["Golden.Forward.Directional.Rosenbrock"] = () => new[] { A(-1.2, 1.0), A(0.7, 0.3) },
        ["Golden.Forward.Directional.Horner"] = () => new[] { A(new[] { 1.0, -2.0, 0.5, 3.0 }, 0.7) },
        ["Golden.Forward.Directional.Huber"] = () => new[] { A(0.4, 1.0), A(-2.5, 1.0) },
        ["Golden.Forward.Directional.Smoothed"] = () => new[] { A(new[] { 0.4, -0.2, 1.1 }, 0.7) },
        ["Golden.Forward.Directional.Layer"] = () => new[] { A(new[] { 0.4, -0.9 }, 0.6, -0.1) },
        ["Golden.Hessian.Curvature.Neuron"] = () => new[] { A(2.0, -1.0, -3.0, -2.0, -3.0), A(0.3, 0.8, -0.5, 1.1, 0.2) },
        ["Golden.Hessian.Curvature.Rosenbrock"] = () => new[] { A(-1.2, 1.0), A(0.7, 0.3) },
        ["Golden.Hessian.Curvature.SoftMax"] = () => new[] { A(new[] { 0.4, -0.2, 1.1 }, 0.7) },
        ["Golden.Hessian.Curvature.Cubic"] = () => new[] { A(0.8, new[] { 0.4, -0.2, 1.1 }) },
        ["Golden.Hessian.Curvature.ThroughCall"] = () => new[] { A(0.8, new[] { 0.4, -0.2, 1.1 }), A(-1.3, new[] { 1.5, 0.3, -0.6 }) },
        ["Golden.Hessian.Curvature.Reach"] = () => new[] { A(new System.Numerics.Vector2(0.3f, -0.7f), 1.2f), A(new System.Numerics.Vector2(-1.1f, 0.4f), 0.5f) },
        ["Golden.Hessian.Curvature.Decay"] = () => new[] { A(0.7, 0.9, 40), A(1.2, 0.5, 0), A(-0.4, 1.1, 7) },
        ["Golden.Hessian.Curvature.LocalExps"] = () => new[] { A(new[] { 0.4, -0.2, 1.1 }) },
        ["Golden.Hessian.Curvature.SquareF"] = () => new[] { A(0.7f), A(-1.3f) },
        ["Golden.Hessian.Curvature.FloatCall"] = () => new[] { A(0.3f, 0.8f), A(-1.2f, 1f) },
        ["Golden.Hessian.Curvature.MixedCall"] = () => new[] { A(0.4, 1.5f), A(-0.9, 0.25f) },
        ["Golden.Structs.Arm.Reach"] = () => new[] { A(0.3f, 0.9f, new System.Numerics.Vector2(1.2f, 0.5f)), A(-1.1f, 2f, new System.Numerics.Vector2(-0.4f, 1.7f)) },
        ["Golden.Vectors.Arm.Hand"] = () => new[] { A(0.3f, 0.9f), A(-1.1f, 2f) },
        ["Golden.Vectors.Arm.ToCartesian"] = () => new[] { A(2.0, 0.7), A(0.5, -2.2) },
        ["Golden.Vectors.Arm.Reach"] = () => new[] { A(0.3f, 0.9f, new System.Numerics.Vector2(0.5f, -0.2f)), A(-1.1f, 2f, new System.Numerics.Vector2(-0.4f, 1.7f)) },
        ["Golden.Vectors.Arm.ToPolar"] = () => new[] { A(new System.Numerics.Vector2(1.2f, 0.5f)), A(new System.Numerics.Vector2(-0.4f, 1.7f)) },
        ["Golden.Library.Bcl.Barrier"] = () => new[] { A(0.6, -0.8), A(-1.5, 0.25) },
        ["Golden.Library.Bcl.SoftClip"] = () => new[] { A(0.7f, 1.2f), A(-0.4f, 0.5f) },
        ["Golden.Composed.Pieces.Ends"] = () => new[] { A(new[] { 0.5, -1.2, 0.8, 2.0 }, 0.7) },
        ["Golden.Composed.Pieces.Windows"] = () => new[] { A(new[] { 0.5, -1.2, 0.8, 2.0 }, 2), A(new[] { 0.5, -1.2, 0.8 }, 3) },
        ["Golden.Composed.Pieces.Total"] = () => new[] { A(new[] { 0.5, -1.2, 0.8 }) },
        ["Golden.Composed.Pieces.Listed"] = () => new[] { A(0.7, -0.4) },
        ["Golden.Linq.Sequences.Dot"] = () => new[] { A(new[] { 0.5, -1.2, 0.8, 2.0 }, new[] { 1.5, 0.3, -0.7, 0.2 }), A(new[] { 0.5, -1.2 }, new[] { 1.5, 0.3, -0.7 }) },
        ["Golden.Linq.Sequences.Peak"] = () => new[] { A(new[] { 0.5, -1.2, 0.8, 2.0 }, 0.7), A(new[] { 0.5, -1.2, 0.8 }, -0.4) },
        ["Golden.Graph.Drawn.Neuron"] = () => new[] { A(2.0, -1.0, -3.0, -2.0, -3.0) },
        ["Golden.Graph.Drawn.Clipped"] = () => new[] { A(1.5, 2.0), A(0.5, 0.8) },
        // v: 0.5 → 0.98 → 1.81 → 1.63 → 1.47 visits both branches; from 2 with k = 0.8 only the first.
        ["Golden.Graph.Drawn.Damped"] = () => new[] { A(0.5, 0.9, 4), A(2.0, 0.8, 3) },
        ["Golden.BuiltWhole.Oscillator.Energy"] = () => new[] { A(Motion(1.5, -0.5), 2.0), A(Motion(-0.3, 1.2), 0.7) },
        ["Golden.ComplexNumbers.Filters.Step"] = () => new[] { A(new System.Numerics.Complex(0.7, -0.4), new System.Numerics.Complex(-0.2, 0.5)) },
        ["Golden.ComplexNumbers.Filters.Energy"] = () => new[] { A(new System.Numerics.Complex(0.7, -0.4), new System.Numerics.Complex(-0.2, 0.5)), A(new System.Numerics.Complex(-1.1, 0.3), new System.Numerics.Complex(0.4, 0.9)) },
        ["Golden.StructCalls.V2.Norm"] = () => new[] { A(3.0, 4.0), A(-0.7, 1.9) },
        ["Golden.StructCalls.Uses.NormOf"] = () => new[] { A(3.0, 4.0), A(-0.7, 1.9) },
        ["Golden.StructCalls.Uses.Polar"] = () => new[] { A(2.0, 0.7), A(-1.5, 2.4) },
        ["Golden.StructCalls.Uses.Radius"] = () => new[] { A(2.0, 0.7), A(-1.5, 2.4) },
        ["Golden.StructCalls.Uses.Abs2"] = () => new[] { A(0.7, 0.4), A(-1.3, -0.9) },
        ["Golden.Checkpoint.Long.Decay"] = () => new[] { A(0.7, 0.9, 40), A(1.2, 0.5, 0), A(-0.4, 1.1, 7) },
        ["Golden.Checkpoint.Long.Price"] = () => new[]
        {
            A(100.0, 0.2, 0.03, 1.0, 95.0, new[] { 0.3, -1.2, 0.8, 0.1, -0.5, 1.4, 0.9, -0.2, 0.0, 1.1, -0.7, 0.4, 0.2, 0.6, -1.5, 0.3, 1.0, -0.9, 0.5, -0.1, 0.8, 0.2, -0.4, 1.3 }, 6, 4),
        },
    };

    /// <summary>Span methods: reflection cannot box a span, so each has a delegate; the key marks it as covered.</summary>
    private const string SpanMethod = "Golden.Arrays.Vectors.Rastrigin";

    private delegate double RastriginBackward(ReadOnlySpan<double> x, double a, Span<double> dX, ref double dA, double dResult);

    private delegate double RastriginPrimal(ReadOnlySpan<double> x, double a);

    public static IEnumerable<object[]> Cases() =>
        Points.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => Enumerable.Range(0, p.Value().Length).Select(i => new object[] { p.Key, i }));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backward_MatchesCentralDifferences(string method, int point) => Run(method, point);

    [Fact]
    public void EveryGoldenExample_HasPoints()
    {
        var methods = Compiled.Value.Values.SelectMany(a => a.GetTypes()).SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.CustomAttributes.Any(a => a.AttributeType == typeof(DifferentiableAttribute)))
            .Select(m => m.DeclaringType!.FullName + "." + m.Name).ToList();
        Assert.Equal(methods.Count, methods.Distinct().Count());
        Assert.Equal(methods.OrderBy(m => m, StringComparer.Ordinal), Points.Keys.Append(SpanMethod).OrderBy(m => m, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(new[] { 0.5, -1.2, 2.0 }, 0.8)]
    [InlineData(new[] { 1.5 }, -0.3)]
    public void SpanParameter_MatchesCentralDifferencesAndHand(double[] x, double a)
    {
        var type = Compiled.Value[nameof(GoldenExamples.Arrays)].GetType("Golden.Arrays.Vectors")!;
        var backward = type.GetMethod("RastriginBackward")!.CreateDelegate<RastriginBackward>();
        var primal = type.GetMethod("Rastrigin")!.CreateDelegate<RastriginPrimal>();
        var dX = new double[x.Length];
        double dA = 0;
        double value = backward(x, a, dX, ref dA, 1.0);
        Tolerance.AssertFormula(primal(x, a), value);

        // f = a·n + Σ (xᵢ² − a·cos 2πxᵢ): ∂f/∂xᵢ = 2xᵢ + 2πa·sin 2πxᵢ, ∂f/∂a = n − Σ cos 2πxᵢ.
        for (int i = 0; i < x.Length; i++) Tolerance.AssertFormula((2 * x[i]) + (2 * Math.PI * a * Math.Sin(2 * Math.PI * x[i])), dX[i], $"dX[{i}]");
        Tolerance.AssertFormula(x.Length - x.Sum(v => Math.Cos(2 * Math.PI * v)), dA, "dA");
        GradCheck.Check(p => primal(p, a), x, dX).ThrowIfFailed();
        const double h = 1e-6;
        Tolerance.AssertCentral((primal(x, a + h) - primal(x, a - h)) / (2 * h), dA, value, "dA");
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    public void Horner_MatchesHand(double x)
    {
        double[] c = { 1.0, -2.0, 0.5, 3.0 };
        var result = Check("Golden.Loops.Iterations.Horner", A(c, x));
        // p(x) = Σ cᵢxⁱ: ∂p/∂cᵢ = xⁱ, ∂p/∂x = Σ i·cᵢ·xⁱ⁻¹.
        for (int i = 0; i < c.Length; i++) Tolerance.AssertFormula(Math.Pow(x, i), result.Gradient[0]![i], $"dc[{i}]");
        Tolerance.AssertFormula(-2.0 + (2 * 0.5 * x) + (3 * 3.0 * x * x), result.Gradient[1]![0], "dx");
    }

    [Theory]
    [InlineData(0.6, -0.8)]
    [InlineData(-1.5, 0.25)]
    public void LibraryBarrier_MatchesHand(double x, double y)
    {
        var result = Check("Golden.Library.Bcl.Barrier", A(x, y));
        // f = r² − ln(1 + r²) + x/8 with r² = x² + y²: ∂f/∂x = 2x − 2x/(1 + r²) + 1/8, ∂f/∂y = 2y − 2y/(1 + r²).
        double r2 = (x * x) + (y * y);
        Tolerance.AssertFormula((2 * x) - (2 * x / (1 + r2)) + 0.125, result.Gradient[0]![0], "dx");
        Tolerance.AssertFormula((2 * y) - (2 * y / (1 + r2)), result.Gradient[1]![0], "dy");
    }

    [Fact]
    public void DerivativeOfShapes_MatchHand()
    {
        double x = 0.7, y = -0.4;
        var result = Check("Golden.Calls.Functions.UsesDerivatives", A(x, y));
        // f = x³·2ʸ + y³ through CubeBackward (Backward shape) and Exp2Pullback (pullback shape).
        Tolerance.AssertFormula(3 * x * x * Math.Pow(2, y), result.Gradient[0]![0], "dx");
        Tolerance.AssertFormula((x * x * x * Math.Pow(2, y) * Math.Log(2)) + (3 * y * y), result.Gradient[1]![0], "dy");
    }

    [Fact]
    public void InstanceMethodWithNoDiffData_MatchesHand()
    {
        var result = Check("Golden.Calls.LinearModel.SquaredError", A(1.5, 0.4, 2.0));
        // e = w·x + Bias − target = 0.6 + 0.25 − 2 = −1.15; ∂e²/∂w = 2·e·x; x and target get no adjoint.
        Assert.Equal(2, result.Gradient.Count(g => g is null));
        Tolerance.AssertFormula(2 * -1.15 * 0.4, result.Gradient[0]![0], "dw");
    }

    [Fact]
    public void Switch_EverySection_MatchesHand()
    {
        double x = 0.7;
        double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
        double[] expected = { 2 * (1 - (Math.Tanh(x) * Math.Tanh(x))), 2 * Sigmoid(x) * (1 - Sigmoid(x)), 2 * Sigmoid(x) * (1 - Sigmoid(x)), 2 };
        for (int kind = 0; kind < 4; kind++)
        {
            var result = Check("Golden.Branches.Piecewise.Activation", A(x, kind));
            Tolerance.AssertFormula(expected[kind], result.Gradient[0]![0], $"kind {kind}");
        }
    }

    /// <summary>The traced run writes the same value and parameter gradients as Backward (on each branch).</summary>
    [Theory]
    [InlineData("Clipped", new[] { 1.5, 2.0 }, new[] { "x", "y" })]
    [InlineData("Clipped", new[] { 0.5, 0.8 }, new[] { "x", "y" })]
    [InlineData("Neuron", new[] { 2.0, -1.0, -3.0, -2.0, -3.0 }, new[] { "w0", "x0", "w1", "x1", "b" })]
    public void GraphTrace_AgreesWithBackward(string method, double[] point, string[] parameters)
    {
        var type = Compiled.Value[nameof(GoldenExamples.Graph)].GetType("Golden.Graph.Drawn")!;
        var graph = (global::AutoDiffGen.GraphView)type.GetProperty(method + "Graph")!.GetValue(null)!;
        var trace = (GraphTrace)type.GetMethod(method + "Trace")!.Invoke(null, point.Cast<object>().Append(1.0).ToArray())!;
        var result = Check("Golden.Graph.Drawn." + method, point.Cast<object>().ToArray());
        Tolerance.AssertFormula(result.Value, trace.Value(graph.Output), "traced output");
        for (int i = 0; i < parameters.Length; i++)
        {
            Tolerance.AssertFormula(result.Gradient[i]![0], trace.Gradient(graph.IndexOf(parameters[i])), "traced d" + parameters[i]);
        }
    }

    private static void Run(string method, int point)
    {
        if (method.StartsWith("Golden.Vectors.", StringComparison.Ordinal))
        {
            // Vector-valued: every row of the Jacobian by MBackward, every column by MForward, against central differences.
            int dot = method.LastIndexOf('.');
            var type = Compiled.Value[nameof(GoldenExamples.Vectors)].GetType(method[..dot], throwOnError: true)!;
            Structs.VectorChecks.Check(type.GetMethod(method[(dot + 1)..])!, Points[method]()[point]);
            return;
        }
        if (method == "Golden.ComplexNumbers.Filters.Step")
        {
            Structs.VectorChecks.Check(Compiled.Value[nameof(GoldenExamples.ComplexNumbers)].GetType("Golden.ComplexNumbers.Filters")!.GetMethod("Step")!, Points[method]()[point]);
            return;
        }
        if (method == "Golden.StructCalls.Uses.Polar")
        {
            Structs.VectorChecks.Check(Compiled.Value[nameof(GoldenExamples.StructCalls)].GetType("Golden.StructCalls.Uses")!.GetMethod("Polar")!, Points[method]()[point]);
            return;
        }
        if (method == "Golden.StructCalls.V2.Norm")
        {
            // The struct's own method: its members against central differences, the receiver built from the point.
            var v2 = Compiled.Value[nameof(GoldenExamples.StructCalls)].GetType("Golden.StructCalls.V2")!;
            object receiver = Activator.CreateInstance(v2)!;
            var p = Points[method]()[point];
            v2.GetField("X")!.SetValue(receiver, p[0]);
            v2.GetField("Y")!.SetValue(receiver, p[1]);
            State.StateCheck.Members(receiver, "Norm", Array.Empty<object>(), () => Activator.CreateInstance(v2)!);
            return;
        }
        Check(method, Points[method]()[point]);
    }

    private static CentralDifferenceRunner.Result Check(string method, object[] point)
    {
        int dot = method.LastIndexOf('.');
        string typeName = method[..dot], name = method[(dot + 1)..];
        string group = typeName.Split('.')[1];
        var type = Compiled.Value[group].GetType(typeName, throwOnError: true)!;
        var primal = type.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)!;
        object? receiver = primal.IsStatic ? null : Activator.CreateInstance(type);
        return CentralDifferenceRunner.Check(primal, receiver, point);
    }

    private static object[] A(params object[] values) => values;

    private static object Motion(double x, double v) =>
        Activator.CreateInstance(Compiled.Value[nameof(GoldenExamples.BuiltWhole)].GetType("Golden.BuiltWhole.Motion", throwOnError: true)!, x, v)!;
}
