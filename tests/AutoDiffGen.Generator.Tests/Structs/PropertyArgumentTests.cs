using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Structs;

/// <summary>
/// A member of a struct parameter passed to a [Differentiable] callee, where the member is a settable auto-property
/// (a positional record struct's X): its adjoint <c>dP.X</c> is not a variable, so the caller's Backward cannot pass it
/// by <c>ref</c> (CS0206). The callee adds into a zeroed local that is then added into <c>dP.X</c>. Checked: the
/// programs compile warning-free (reverse, forward, Hessian, WithRespectToThis), the gradients match central differences
/// and the hand values, and a field member keeps its direct <c>ref dO.C</c>.
/// </summary>
public class PropertyArgumentTests
{
    private const string Source = """
        using AutoDiffGen;
        namespace Props
        {
            public record struct Pt(double X, double Y);
            public record struct PtF(float X, float Y);
            public struct In { public double A; public double B { get; set; } }
            public struct Outer { public In I; public double C; }

            // Called from another class: a small callee of the caller's own class is inlined in every mode, and these
            // check how a call is passed a property's adjoint.
            public static partial class K2
            {
                [Differentiable(Forward = true, Hessian = true)] public static double Cube(double u) => u * u * u;
            }

            public static partial class K
            {
                [Differentiable(Forward = true, Hessian = true)] public static double Cube(double u) => u * u * u;
                [Differentiable] public static float CubeF(float u) => u * u * u;
                [Differentiable] public static double SqIn(in double u) => u * u;
                [Differentiable(Forward = true)] public static double Whole(Pt p) => p.X * p.Y;

                [Differentiable(Forward = true, Hessian = true)] public static double CallS(Pt p) => K2.Cube(p.X) * p.Y;
                [Differentiable] public static float CallF(PtF p) => CubeF(p.X) * p.Y;
                [Differentiable] public static double CallIn(Pt p) => SqIn(p.X) * p.Y + SqIn(p.Y);
                [Differentiable(Forward = true)] public static double CallTwice(Pt p) => Cube(p.X) * Whole(p) + Cube(p.X);
                [Differentiable(Forward = true, Hessian = true)] public static double Nest(Outer o) => K2.Cube(o.I.B) * o.I.A + K2.Cube(o.C);
                [Differentiable(Forward = true, Hessian = true)] public static double Local(double a, double b) { var q = new Pt(a, b); return Cube(q.X) * q.Y; }

                [Differentiable(Forward = true, Jacobian = true)] public static Pt Map(Pt p) => new Pt(Cube(p.X), p.Y * p.X);
                [Differentiable] public static double Loop(Pt p, int n) { double s = 0; for (int i = 0; i < n; i++) s += Cube(p.X) * p.Y; return s; }
                [Differentiable] public static double Branch(Pt p) { if (p.X > 0) return Cube(p.X); return Cube(p.Y); }
                [Differentiable(Jacobian = true)] public static double TwoStructs(Pt p, Pt q) => Cube(p.X) + Cube(q.Y) * Cube(p.X);

                public static double[] HessianOfCallS(Pt p) { var h = new double[4]; CallSHessian(p, h); return h; }
            }

            public partial class C
            {
                public double W { get; set; }
                [Differentiable(WithRespectToThis = true)] public double M(double x) => K.Cube(W) * x;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Type K => Compiled.Value.GetType("Props.K")!;

    private static MethodInfo Method(string name) => K.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    private static object Pt(string type, double x, double y) =>
        type == "Props.PtF" ? Activator.CreateInstance(Compiled.Value.GetType(type)!, (float)x, (float)y)! : Activator.CreateInstance(Compiled.Value.GetType(type)!, x, y)!;

    private static object Outer(double a, double b, double c)
    {
        var inner = Activator.CreateInstance(Compiled.Value.GetType("Props.In")!)!;
        inner.GetType().GetField("A")!.SetValue(inner, a);
        inner.GetType().GetProperty("B")!.SetValue(inner, b);
        var outer = Activator.CreateInstance(Compiled.Value.GetType("Props.Outer")!)!;
        outer.GetType().GetField("I")!.SetValue(outer, inner);
        outer.GetType().GetField("C")!.SetValue(outer, c);
        return outer;
    }

    [Theory]
    [InlineData(1.5, 0.5)]
    [InlineData(-0.7, 2.0)]
    [InlineData(0.3, -1.1)]
    public void PropertyOfARecordStructParameter_MatchesCentralDifferencesHandAndForward(double x, double y)
    {
        var result = CentralDifferenceRunner.Check(Method("CallS"), null, new[] { Pt("Props.Pt", x, y) });
        // f = X³·Y: ∂/∂X = 3X²·Y, ∂/∂Y = X³.
        Tolerance.AssertFormula(3 * x * x * y, result.Gradient[0]![0], "∂/∂X");
        Tolerance.AssertFormula(x * x * x, result.Gradient[0]![1], "∂/∂Y");
        Assert.NotNull(VectorChecks.Check(Method("CallS"), new[] { Pt("Props.Pt", x, y) }).Forward);
    }

    [Theory]
    [InlineData(1.5, 0.5)]
    [InlineData(-0.7, 2.0)]
    public void PropertyOfARecordStructParameter_Hessian_MatchesHand(double x, double y)
    {
        var h = (double[])Method("HessianOfCallS").Invoke(null, new[] { Pt("Props.Pt", x, y) })!;
        // H of X³·Y = [[6XY, 3X²], [3X², 0]].
        Tolerance.AssertFormula(6 * x * y, h[0], "∂²/∂X²");
        Tolerance.AssertFormula(3 * x * x, h[1], "∂²/∂X∂Y");
        Tolerance.AssertFormula(3 * x * x, h[2], "∂²/∂Y∂X");
        Tolerance.AssertFormula(0, h[3], "∂²/∂Y²");
    }

    [Theory]
    [InlineData(1.5, 0.5)]
    [InlineData(-0.7, 2.0)]
    public void FloatPropertyInAndTwiceUsedProperty_MatchCentralDifferences(double x, double y)
    {
        CentralDifferenceRunner.Check(Method("CallF"), null, new[] { Pt("Props.PtF", x, y) });
        var viaIn = CentralDifferenceRunner.Check(Method("CallIn"), null, new[] { Pt("Props.Pt", x, y) });
        // X²·Y + Y²: ∂/∂X = 2XY, ∂/∂Y = X² + 2Y.
        Tolerance.AssertFormula(2 * x * y, viaIn.Gradient[0]![0], "∂/∂X through an in parameter");
        Tolerance.AssertFormula((x * x) + (2 * y), viaIn.Gradient[0]![1], "∂/∂Y through an in parameter");
        var twice = CentralDifferenceRunner.Check(Method("CallTwice"), null, new[] { Pt("Props.Pt", x, y) });
        // X³·XY + X³ = X⁴Y + X³: ∂/∂X = 4X³Y + 3X², ∂/∂Y = X⁴.
        Tolerance.AssertFormula((4 * x * x * x * y) + (3 * x * x), twice.Gradient[0]![0], "∂/∂X, property passed to two callees");
        Tolerance.AssertFormula(x * x * x * x, twice.Gradient[0]![1], "∂/∂Y, the struct passed whole");
        VectorChecks.Check(Method("CallTwice"), new[] { Pt("Props.Pt", x, y) });
    }

    [Theory]
    [InlineData(0.5, 1.5, -0.8)]
    [InlineData(-1.2, 0.4, 2.0)]
    public void NestedPropertyAndField_MatchCentralDifferencesAndHand(double a, double b, double c)
    {
        var result = CentralDifferenceRunner.Check(Method("Nest"), null, new[] { Outer(a, b, c) });
        // B³·A + C³ with components (A, B, C): ∂/∂A = B³, ∂/∂B = 3B²·A, ∂/∂C = 3C².
        Tolerance.AssertFormula(b * b * b, result.Gradient[0]![0], "∂/∂I.A");
        Tolerance.AssertFormula(3 * b * b * a, result.Gradient[0]![1], "∂/∂I.B");
        Tolerance.AssertFormula(3 * c * c, result.Gradient[0]![2], "∂/∂C");
        VectorChecks.Check(Method("Nest"), new[] { Outer(a, b, c) });
    }

    [Theory]
    [InlineData(1.5, 0.5)]
    [InlineData(-0.7, 2.0)]
    public void PropertyOfAStructLocal_MatchesCentralDifferences(double a, double b)
    {
        var result = CentralDifferenceRunner.Check(Method("Local"), null, new object[] { a, b });
        Tolerance.AssertFormula(3 * a * a * b, result.Gradient[0]![0], "∂/∂a");
        Tolerance.AssertFormula(a * a * a, result.Gradient[1]![0], "∂/∂b");
    }

    [Theory]
    [InlineData(1.5, 0.5)]
    [InlineData(-0.7, 2.0)]
    public void PropertyOfThis_WithRespectToThis_MatchesHand(double w, double x)
    {
        var type = Compiled.Value.GetType("Props.C")!;
        var self = Activator.CreateInstance(type)!;
        type.GetProperty("W")!.SetValue(self, w);
        var dThis = Activator.CreateInstance(type)!;
        type.GetProperty("W")!.SetValue(dThis, 0.25);
        var args = new object[] { x, 0.0, dThis, 1.0 };
        double value = (double)type.GetMethod("MBackward")!.Invoke(self, args)!;
        Tolerance.AssertFormula(w * w * w * x, value, "value");
        // W³·x: ∂/∂W = 3W²·x (added to the 0.25 there), ∂/∂x = W³.
        Tolerance.AssertFormula(0.25 + (3 * w * w * x), (double)type.GetProperty("W")!.GetValue(dThis)!, "∂/∂W");
        Tolerance.AssertFormula(w * w * w, (double)args[1], "∂/∂x");
    }

    [Theory]
    [InlineData(1.5, 0.5, 3)]
    [InlineData(-0.7, 2.0, 0)]
    [InlineData(0.9, -1.3, 5)]
    public void PropertyInALoopABranchAVectorResultAndTwoStructs_MatchCentralDifferences(double x, double y, int n)
    {
        var loop = CentralDifferenceRunner.Check(Method("Loop"), null, new object[] { Pt("Props.Pt", x, y), n });
        // n·X³·Y: ∂/∂X = 3n·X²·Y, ∂/∂Y = n·X³ (the scratch is summed over the iterations).
        Tolerance.AssertFormula(3 * n * x * x * y, loop.Gradient[0]![0], "∂/∂X in a loop");
        Tolerance.AssertFormula(n * x * x * x, loop.Gradient[0]![1], "∂/∂Y in a loop");
        var branch = CentralDifferenceRunner.Check(Method("Branch"), null, new[] { Pt("Props.Pt", x, y) });
        Tolerance.AssertFormula(x > 0 ? 3 * x * x : 0, branch.Gradient[0]![0], "∂/∂X through a branch");
        Tolerance.AssertFormula(x > 0 ? 0 : 3 * y * y, branch.Gradient[0]![1], "∂/∂Y through a branch");
        var j = VectorChecks.Check(Method("Map"), new[] { Pt("Props.Pt", x, y) });
        // Map = (X³, XY): J = [[3X², 0], [Y, X]].
        VectorChecks.AssertHand(new[,] { { 3 * x * x, 0 }, { y, x } }, j.Reverse, floats: false, "J of Map");
        var two = CentralDifferenceRunner.Check(Method("TwoStructs"), null, new[] { Pt("Props.Pt", x, y), Pt("Props.Pt", y, x) });
        // X³ + Qy³·X³ with q = (y, x), so Qy = x: ∂/∂X = 3X²(1 + x³), ∂/∂Qy = 3x²·X³.
        Tolerance.AssertFormula(3 * x * x * (1 + (x * x * x)), two.Gradient[0]![0], "∂/∂p.X, passed to two calls");
        Tolerance.AssertFormula(3 * x * x * x * x * x, two.Gradient[1]![1], "∂/∂q.Y");
    }

    [Fact]
    public void Backward_PassesAScratchForAPropertyAndTheFieldItself()
    {
        var result = GeneratorHarness.Run(Source);
        result.AssertClean();
        string Of(string method) => result.Generated.Single(kv => kv.Key.Contains("." + method + "_", StringComparison.Ordinal)).Value;
        Assert.Contains("ref dO.C,", Of("Nest"), StringComparison.Ordinal);
        Assert.DoesNotContain("ref dO.I.B", Of("Nest"), StringComparison.Ordinal);
        Assert.Contains("dO.I.B += ", Of("Nest"), StringComparison.Ordinal);
        Assert.DoesNotContain("ref dP.X", Of("CallS"), StringComparison.Ordinal);
    }
}
