using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms;

/// <summary>
/// Ref locals bound to array elements and struct members (<see cref="RefLocalExamples"/>): gradients against central
/// differences and by hand, forward mode against Backward, a write into the caller's array, and the forms that stay errors.
/// </summary>
public class RefLocalTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(RefLocalExamples.Source));

    private static Type Type => Compiled.Value.GetType("RefLocals")!;

    private static MethodInfo Get(string name) => Type.GetMethod(name)!;

    private static object P(double x, double y)
    {
        var p = Activator.CreateInstance(Compiled.Value.GetType("P")!)!;
        p.GetType().GetField("X")!.SetValue(p, x);
        p.GetType().GetField("Y")!.SetValue(p, y);
        return p;
    }

    public static TheoryData<string, object[]> Points => new()
    {
        { "ScaleInLoop", new object[] { 0.7, -1.3 } },
        { "IndexBoundOnce", new object[] { 1.4 } },
        { "ReadOnlyElement", new object[] { new[] { 0.5, -2.0 } } },
        { "StructMember", new object[] { P(1.5, -0.5), 0.8 } },
        { "MemberInLoop", new object[] { P(1.2, 0.7), 3 } },
        { "LocalInLoop", new object[] { 0.9, 1.1, 4 } },
        { "Floats", new object[] { 0.75f, -1.5f } },
        { "VectorMember", new object[] { new System.Numerics.Vector2(1.5f, -0.5f), 2f } },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void GradientMatchesCentralDifferences(string name, object[] point) => CentralDifferenceRunner.Check(Get(name), null, point);

    [Fact]
    public void ElementAliases_ByHand()
    {
        double x = 0.7, y = -1.3;
        var r = CentralDifferenceRunner.Check(Get("ScaleInLoop"), null, new object[] { x, y });
        double a0 = (x * x) + 1, a1 = (y * x) + 1 + (y * y), a2 = (x * x * y) + 1;
        Tolerance.AssertFormula(a0 + (a1 * a2) + a1, r.Value, "ScaleInLoop value");
        Tolerance.AssertFormula((2 * x) + (y * a2) + (a1 * 2 * x * y) + y, r.Gradient[0]![0], "dScaleInLoop/dx");
        Tolerance.AssertFormula(((x + (2 * y)) * a2) + (a1 * x * x) + x + (2 * y), r.Gradient[1]![0], "dScaleInLoop/dy");

        var once = CentralDifferenceRunner.Check(Get("IndexBoundOnce"), null, new object[] { 1.4 });
        Tolerance.AssertFormula((2.4 * 2.4) + 2.8, once.Value, "IndexBoundOnce value");
        Tolerance.AssertFormula((2 * 2.4) + 2, once.Gradient[0]![0], "dIndexBoundOnce/dx");

        var ro = CentralDifferenceRunner.Check(Get("ReadOnlyElement"), null, new object[] { new[] { 0.5, -2.0 } });
        Tolerance.AssertFormula(1, ro.Gradient[0]![0], "dReadOnlyElement/dx0");
        Tolerance.AssertFormula(-4, ro.Gradient[0]![1], "dReadOnlyElement/dx1");

        var f = CentralDifferenceRunner.Check(Get("Floats"), null, new object[] { 0.75f, -1.5f });
        Tolerance.AssertClose(2 * -1.5, f.Gradient[0]![0], 1e-5, "dFloats/dx");
        Tolerance.AssertClose(1.5 - 3.0, f.Gradient[1]![0], 1e-5, "dFloats/dy");
    }

    [Fact]
    public void StructMemberAliases_ByHand()
    {
        var s = CentralDifferenceRunner.Check(Get("StructMember"), null, new object[] { P(1.5, -0.5), 0.8 });
        // X·k·Y + X·k: d/dX = kY + k, d/dY = Xk, d/dk = XY + X.
        Tolerance.AssertFormula((0.8 * -0.5) + 0.8, s.Gradient[0]![0], "dStructMember/dX");
        Tolerance.AssertFormula(1.5 * 0.8, s.Gradient[0]![1], "dStructMember/dY");
        Tolerance.AssertFormula((1.5 * -0.5) + 1.5, s.Gradient[1]![0], "dStructMember/dk");

        var loop = CentralDifferenceRunner.Check(Get("MemberInLoop"), null, new object[] { P(1.2, 0.7), 3 });
        Tolerance.AssertFormula(3 * 0.7 * 1.2 * 1.2, loop.Gradient[0]![0], "dMemberInLoop/dX");
        Tolerance.AssertFormula(1.2 * 1.2 * 1.2, loop.Gradient[0]![1], "dMemberInLoop/dY");

        var v = CentralDifferenceRunner.Check(Get("VectorMember"), null, new object[] { new System.Numerics.Vector2(1.5f, -0.5f), 2f });
        Tolerance.AssertClose(2 * -0.5, v.Gradient[0]![0], 1e-5, "dVectorMember/dX");
        Tolerance.AssertClose(2 * 1.5, v.Gradient[0]![1], 1e-5, "dVectorMember/dY");
        Tolerance.AssertClose(1.5 * -0.5, v.Gradient[1]![0], 1e-5, "dVectorMember/dk");

        var local = CentralDifferenceRunner.Check(Get("LocalInLoop"), null, new object[] { 0.9, 1.1, 4 });
        Tolerance.AssertFormula(Math.Pow(1.1, 4), local.Gradient[0]![0], "dLocalInLoop/dx");
        Tolerance.AssertFormula(4 * 0.9 * Math.Pow(1.1, 3), local.Gradient[1]![0], "dLocalInLoop/dy");
    }

    [Fact]
    public void WritingTheCallersArrayThroughARefLocal_LeavesItAsTheMethodDoes_AndGetsTheGradientOfTheValuesItCameWith()
    {
        double[] w = { 0.4, -1.1, 2.2 };
        double x = 1.3;
        var backward = Type.GetMethod("WriteParameterBackward")!;
        var wb = (double[])w.Clone();
        var dW = new double[3];
        var args = new object[] { wb, x, dW, 0.0, 1.0 };
        double value = (double)backward.Invoke(null, args)!;
        var wp = (double[])w.Clone();
        double primal = (double)Get("WriteParameter").Invoke(null, new object[] { wp, x })!;
        Assert.Equal(primal, value);
        Assert.Equal(wp, wb); // Backward leaves the array as the method does.
        double l = (w[2] * x) + 1, f = (w[0] * x) + 1;
        Tolerance.AssertFormula(x * l, dW[0], "dW[0] by hand");
        Tolerance.AssertFormula(0, dW[1], "dW[1] by hand");
        Tolerance.AssertFormula(x * f, dW[2], "dW[2] by hand");
        Tolerance.AssertFormula((w[0] * l) + (w[2] * f), (double)args[3], "dX by hand");
        for (int j = 0; j < 3; j++)
        {
            double h = 1e-6;
            var up = (double[])w.Clone(); up[j] += h;
            var down = (double[])w.Clone(); down[j] -= h;
            double numeric = ((double)Get("WriteParameter").Invoke(null, new object[] { up, x })! - (double)Get("WriteParameter").Invoke(null, new object[] { down, x })!) / (2 * h);
            Tolerance.AssertCentral(numeric, dW[j], value, "dW[" + j + "]");
        }
    }

    [Theory]
    [InlineData("ScaleInLoop", new[] { 0.7, -1.3 }, new[] { 0.4, 1.7 })]
    [InlineData("IndexBoundOnce", new[] { 1.4 }, new[] { 1.0 })]
    [InlineData("LocalInLoop", new[] { 0.9, 1.1 }, new[] { -0.3, 0.6 })]
    public void ForwardMode_IsBackwardsGradientAlongTheDirection(string name, double[] x, double[] t)
    {
        var ps = Get(name).GetParameters();
        var point = x.Cast<object>().ToList();
        if (ps.Length > x.Length) point.Add(4);
        var args = point.Concat(t.Cast<object>()).Append(null!).ToArray();
        double value = (double)Type.GetMethod(name + "Forward")!.Invoke(null, args)!;
        double tangent = (double)args[^1];
        var r = CentralDifferenceRunner.Check(Get(name), null, point.ToArray());
        Assert.Equal(r.Value, value);
        Tolerance.AssertFormula(x.Select((_, i) => r.Gradient[i]![0] * t[i]).Sum(), tangent, name + " tResult vs Backward · t");
    }

    private static Microsoft.CodeAnalysis.Diagnostic Only(string body, string id, string underlined)
    {
        var result = GeneratorHarness.Run("using System; using AutoDiffGen; public static partial class C { " + body + " }");
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.Empty(result.Generated);
        var d = Assert.Single(result.GeneratorDiagnostics, d => d.Id == id);
        Assert.Equal(underlined, d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
        return d;
    }

    [Fact]
    public void WhatStaysAnError_IsReportedAtTheConstruct_SayingWhatToWrite()
    {
        var grid = Only("[Differentiable] public static double F(double x) { var m = new double[2, 2]; m[0, 0] = x; ref double r = ref m[0, 0]; r *= x; return m[0, 0]; }", "ADG0002", "ref");
        Assert.Contains("A 'ref' local ('r = ref m[0, 0]')", grid.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("write 'a[i, j] += x;'", grid.GetMessage(), StringComparison.Ordinal);

        var inside = Only("[Differentiable] public static double F(double x) { var a = new double[1]; a[0] = x; ref double r = ref a[0]; return (r += x) * a[0]; }", "ADG0003", "r += x");
        Assert.Contains("An assignment to an array element (through the ref local 'r') inside an expression", inside.GetMessage(), StringComparison.Ordinal);

        var noDiff = Only("[Differentiable] public static double F([NoDiff] double[] c, double x) { ref double r = ref c[0]; r = x; return c[0] * x; }", "ADG0002", "ref");
        Assert.Contains("writes into the [NoDiff] array 'c'", noDiff.GetMessage(), StringComparison.Ordinal);

        var forward = GeneratorHarness.Run("using System; using AutoDiffGen; public static partial class C { [Differentiable(Forward = true)] public static System.Numerics.Vector2 F(float[] w, float x) { ref float r = ref w[0]; r *= x; return new System.Numerics.Vector2(w[0], x); } }");
        Assert.Contains(forward.GeneratorDiagnostics, d => d.Id == "ADG0018");
    }
}
