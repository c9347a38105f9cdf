using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.TypeTests;

/// <summary>
/// <see cref="RealTypePatternExamples"/>: each gradient against central differences and by hand, MForward against
/// MBackward; and the type tests the static type does not decide (an element, a nullable, a boxed value) stay errors at
/// the pattern.
/// </summary>
public class RealTypePatternTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(RealTypePatternExamples.Source));

    private static Type Type => Compiled.Value.GetType("Patterns")!;

    private static MethodInfo Get(string name) => Type.GetMethod(name)!;

    private delegate double Hessian2(double x, double y, Span<double> hessian);

    [Theory]
    [InlineData("IsDouble", 1.3, 0.4)]
    [InlineData("IsVar", 0.8, 1.1)]
    [InlineData("IsVar", 0.8, -1.1)]
    [InlineData("SwitchCase", 1.7, 0.4)]
    [InlineData("SwitchCase", 0.6, -0.9)]
    [InlineData("SwitchArm", -0.7, 1.2)]
    [InlineData("SwitchArm", 0.7, 1.2)]
    [InlineData("Negated", 0.3, -1.4)]
    public void GradientMatchesCentralDifferences(string name, double x, double y) => CentralDifferenceRunner.Check(Get(name), null, new object[] { x, y });

    [Fact]
    public void Gradients_ByHand()
    {
        double x = 1.3, y = 0.4;
        var g = CentralDifferenceRunner.Check(Get("IsDouble"), null, new object[] { x, y });
        Tolerance.AssertFormula(x * x * y, g.Value, "IsDouble value");
        Tolerance.AssertFormula(2 * x * y, g.Gradient[0]![0], "dIsDouble/dx");
        Tolerance.AssertFormula(x * x, g.Gradient[1]![0], "dIsDouble/dy");

        // t = xy > 0: d sin t = cos t · (y, x); t < 0: d t² = 2t · (y, x).
        var pos = CentralDifferenceRunner.Check(Get("IsVar"), null, new object[] { 0.8, 1.1 });
        Tolerance.AssertFormula(Math.Cos(0.88) * 1.1, pos.Gradient[0]![0], "dIsVar/dx, t > 0");
        var neg = CentralDifferenceRunner.Check(Get("IsVar"), null, new object[] { 0.8, -1.1 });
        Tolerance.AssertFormula(2 * -0.88 * -1.1, neg.Gradient[0]![0], "dIsVar/dx, t < 0");
        Tolerance.AssertFormula(2 * -0.88 * 0.8, neg.Gradient[1]![0], "dIsVar/dy, t < 0");

        var log = CentralDifferenceRunner.Check(Get("SwitchCase"), null, new object[] { 1.7, 0.4 });
        Tolerance.AssertFormula(1 / 1.7, log.Gradient[0]![0], "dSwitchCase/dx, ln x");
        Tolerance.AssertFormula(0, log.Gradient[1]![0], "dSwitchCase/dy, ln x");
        var sq = CentralDifferenceRunner.Check(Get("SwitchCase"), null, new object[] { 0.6, -0.9 });
        Tolerance.AssertFormula(2 * 0.6 * -0.9, sq.Gradient[0]![0], "dSwitchCase/dx, x²y");
        Tolerance.AssertFormula(0.36, sq.Gradient[1]![0], "dSwitchCase/dy, x²y");

        var arm = CentralDifferenceRunner.Check(Get("SwitchArm"), null, new object[] { -0.7, 1.2 });
        Tolerance.AssertFormula(-1.2, arm.Gradient[0]![0], "dSwitchArm/dx, x < 0");
        Tolerance.AssertFormula(0.7, arm.Gradient[1]![0], "dSwitchArm/dy, x < 0");
        var arm2 = CentralDifferenceRunner.Check(Get("SwitchArm"), null, new object[] { 0.7, 1.2 });
        Tolerance.AssertFormula(1.2, arm2.Gradient[0]![0], "dSwitchArm/dx, x > 0");
        Tolerance.AssertFormula(1.7, arm2.Gradient[1]![0], "dSwitchArm/dy, x > 0");

        // (x + y)y: (y, x + 2y).
        var neg2 = CentralDifferenceRunner.Check(Get("Negated"), null, new object[] { 0.3, -1.4 });
        Tolerance.AssertFormula(-1.4, neg2.Gradient[0]![0], "dNegated/dx");
        Tolerance.AssertFormula(0.3 - 2.8, neg2.Gradient[1]![0], "dNegated/dy");

        var f = CentralDifferenceRunner.Check(Get("OnFloat"), null, new object[] { 1.5f });
        Tolerance.AssertClose(3 * 1.5 * 1.5, f.Gradient[0]![0], 1e-5, "dOnFloat/df");

        // Σ 2(x + i) = 6x + 6.
        var loop = CentralDifferenceRunner.Check(Get("InLoop"), null, new object[] { 0.45 });
        Tolerance.AssertFormula((6 * 0.45) + 6, loop.Gradient[0]![0], "dInLoop/dx");
    }

    [Theory]
    [InlineData("IsDouble", 1.3, 0.4, 0.5, -1.0)]
    [InlineData("IsVar", 0.8, -1.1, 1.0, 0.25)]
    [InlineData("SwitchCase", 1.7, 0.4, -0.3, 0.8)]
    [InlineData("SwitchArm", -0.7, 1.2, 0.2, 1.0)]
    [InlineData("Negated", 0.3, -1.4, 0.6, 0.1)]
    public void ForwardMode_IsBackwardsGradientAlongTheDirection(string name, double x, double y, double tx, double ty)
    {
        var args = new object[] { x, y, tx, ty, null! };
        double value = (double)Type.GetMethod(name + "Forward")!.Invoke(null, args)!;
        var r = CentralDifferenceRunner.Check(Get(name), null, new object[] { x, y });
        Assert.Equal(r.Value, value);
        Tolerance.AssertFormula((r.Gradient[0]![0] * tx) + (r.Gradient[1]![0] * ty), (double)args[4], name + " tResult vs Backward · t");
    }

    [Fact]
    public void Hessian_ByHand()
    {
        // x²y: [[2y, 2x], [2x, 0]].
        var h = new double[4];
        double value = Get("IsDoubleHessian").CreateDelegate<Hessian2>()(1.3, 0.4, h);
        Tolerance.AssertFormula(1.3 * 1.3 * 0.4, value, "IsDoubleHessian value");
        Assert.Equal(new[] { 0.8, 2.6, 2.6, 0.0 }, h.Select(v => Math.Round(v, 12)).ToArray());
    }

    private const string Header = "using System;\nusing System.Collections.Generic;\nusing AutoDiffGen;\npublic static partial class G\n{\n";

    [Theory]
    // An element or a sum: no variable to alias (store it in a local first).
    [InlineData("double[] a, double x", "return a[0] is double d ? d * x : x;", "double d", "store the value in a local first")]
    [InlineData("double x, double y", "return x * y is var v ? v * v : 0;", "var v", "store the value in a local first")]
    // A nullable that carries a gradient: the test is decided at run time.
    [InlineData("double x", "double? w = x > 0 ? x : (double?)null; return w is double d ? d * d : 0;", "double d", "decided at run time")]
    public void TypeTestsNotDecidedByTheStaticType_AreErrorsAtThePattern(string parameters, string body, string at, string says)
    {
        string source = Header + "    [Differentiable]\n    public static double F(" + parameters + ")\n    {\n        " + body + "\n    }\n}\n";
        var run = OutsideErrors.AssertAt(source, "ADG0003", at, "FBackward");
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "ADG0003" && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(says, StringComparison.Ordinal));
    }
}
