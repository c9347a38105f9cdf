using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Structs;
using Xunit;

namespace AutoDiffGen.Generator.Tests.StructMethods;

/// <summary>
/// Instance methods of structs of reals called on struct values (issue 13 item 4): the callee opts in with
/// <c>WithRespectToThis = true</c>, its Backward takes <c>ref S dThis</c>, and the caller passes the receiver's adjoint there.
/// Each caller is checked against central differences (every member of every struct moved on its own) and, where easy,
/// against a hand-derived gradient.
/// </summary>
public class StructMethodTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(StructMethodExamples.Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("StructMethods.Uses")!.GetMethod(name)!;

    private static object V2(double x, double y)
    {
        var type = Compiled.Value.GetType("StructMethods.V2")!;
        object p = Activator.CreateInstance(type)!;
        type.GetField("X")!.SetValue(p, x);
        type.GetField("Y")!.SetValue(p, y);
        return p;
    }

    private static object P(double x, double y) => Activator.CreateInstance(Compiled.Value.GetType("StructMethods.P")!, x, y)!;

    [Theory]
    [InlineData(3.0, 4.0)]
    [InlineData(-0.7, 1.9)]
    public void Norm_OnALocal_IsTheUnitVector(double x, double y)
    {
        var r = CentralDifferenceRunner.Check(Method("NormOf"), null, new object[] { x, y });
        double n = Math.Sqrt((x * x) + (y * y));
        Tolerance.AssertFormula(x / n, r.Gradient[0]![0], "∂|p|/∂x");
        Tolerance.AssertFormula(y / n, r.Gradient[1]![0], "∂|p|/∂y");
    }

    [Theory]
    [InlineData(1.0, 2.0, -3.0, 0.5)]
    [InlineData(0.3, -1.1, 2.2, 4.0)]
    public void Dot_ThroughAnInstanceMethod_IsTheOtherVector(double ax, double ay, double bx, double by)
    {
        var r = CentralDifferenceRunner.Check(Method("DotOf"), null, new object[] { V2(ax, ay), V2(bx, by) });
        // a·b: ∂/∂a = b, ∂/∂b = a.
        Tolerance.AssertFormula(bx, r.Gradient[0]![0], "∂/∂a.X");
        Tolerance.AssertFormula(by, r.Gradient[0]![1], "∂/∂a.Y");
        Tolerance.AssertFormula(ax, r.Gradient[1]![0], "∂/∂b.X");
        Tolerance.AssertFormula(ay, r.Gradient[1]![1], "∂/∂b.Y");
    }

    [Theory]
    [InlineData(1.0, 2.0, 1.5)]
    [InlineData(-0.4, 0.9, -2.0)]
    public void Chain_StructResultThenCallOnThis_MatchesHand(double x, double y, double k)
    {
        var r = CentralDifferenceRunner.Check(Method("Chain"), null, new object[] { V2(x, y), k });
        // |k·a| + 2|a| = (|k| + 2)|a|: ∂/∂a = (|k| + 2)·a/|a|, ∂/∂k = sign(k)·|a|.
        double n = Math.Sqrt((x * x) + (y * y));
        Tolerance.AssertFormula((Math.Abs(k) + 2) * x / n, r.Gradient[0]![0], "∂/∂a.X");
        Tolerance.AssertFormula((Math.Abs(k) + 2) * y / n, r.Gradient[0]![1], "∂/∂a.Y");
        Tolerance.AssertFormula(Math.Sign(k) * n, r.Gradient[1]![0], "∂/∂k");
    }

    [Fact]
    public void ConstantReceiver_VariedArgument_IsTheReceiver()
    {
        var r = CentralDifferenceRunner.Check(Method("Against"), null, new object[] { V2(2, -1) });
        Tolerance.AssertFormula(0.6, r.Gradient[0]![0], "∂/∂b.X");
        Tolerance.AssertFormula(0.8, r.Gradient[0]![1], "∂/∂b.Y");
    }

    [Theory]
    [InlineData(1.0, 2.0, 3.0, -1.0)]
    [InlineData(-0.5, 0.25, 1.5, 2.0)]
    public void RecordStructMethod_Cross_MatchesHand(double ax, double ay, double bx, double by)
    {
        var r = CentralDifferenceRunner.Check(Method("Area"), null, new object[] { P(ax, ay), P(bx, by) });
        // ½(ax·by − ay·bx).
        Tolerance.AssertFormula(0.5 * by, r.Gradient[0]![0], "∂/∂a.X");
        Tolerance.AssertFormula(-0.5 * bx, r.Gradient[0]![1], "∂/∂a.Y");
        Tolerance.AssertFormula(-0.5 * ay, r.Gradient[1]![0], "∂/∂b.X");
        Tolerance.AssertFormula(0.5 * ax, r.Gradient[1]![1], "∂/∂b.Y");
    }

    [Theory]
    [InlineData(1.0, -2.0, 0.7)]
    [InlineData(0.2, 0.4, -1.3)]
    public void StructResult_OfAStructMethod_JacobianMatchesHand(double x, double y, double k)
    {
        var j = VectorChecks.Check(Method("Scaled"), new object[] { V2(x, y), k });
        // k²·a: J = [[k², 0, 2k·x], [0, k², 2k·y]].
        var hand = new double[,] { { k * k, 0, 2 * k * x }, { 0, k * k, 2 * k * y } };
        VectorChecks.AssertHand(hand, j.Reverse, floats: false, "J of Scaled");
    }

    [Theory]
    [InlineData(1.0, 2.0, 0.5)]
    [InlineData(1.0, 2.0, -0.5)]
    [InlineData(-3.0, 0.1, 2.0)]
    public void Branch_MatchesCentralDifferences(double x, double y, double t) =>
        CentralDifferenceRunner.Check(Method("Branch"), null, new object[] { V2(x, y), t });

    [Theory]
    [InlineData(new[] { 0.5, -1.0, 2.0 }, 0.3)]
    [InlineData(new double[0], 1.5)]
    [InlineData(new[] { 1.5 }, -0.8)]
    public void Loop_StructMethodsCarriedAcrossIterations_MatchCentralDifferences(double[] xs, double w) =>
        CentralDifferenceRunner.Check(Method("Loop"), null, new object[] { xs, w });

    [Fact]
    public void TheStructsOwnBackward_TakesRefDThis()
    {
        var backward = Compiled.Value.GetType("StructMethods.V2")!.GetMethod("DotBackward")!;
        var names = backward.GetParameters().Select(p => p.Name + (p.ParameterType.IsByRef ? "&" : "")).ToArray();
        Assert.Equal(new[] { "o", "dO&", "dThis&", "dResult" }, names);
    }
}
