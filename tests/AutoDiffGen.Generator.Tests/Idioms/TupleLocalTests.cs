using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms;

/// <summary>
/// Tuple locals (<see cref="TupleLocalExamples"/>), carried as their elements: each gradient against central differences
/// and by hand, MForward against MBackward, and a tuple result returned from a local (a Jacobian) by hand.
/// </summary>
public class TupleLocalTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(TupleLocalExamples.Source));

    private static Type Type => Compiled.Value.GetType("Tuples")!;

    private static MethodInfo Get(string name) => Type.GetMethod(name)!;

    public static TheoryData<string, object[]> Points => new()
    {
        { "KeptCall", new object[] { 1.3, 0.4 } },
        { "NamedCopy", new object[] { 0.8, -1.1 } },
        { "LiteralInLoop", new object[] { 0.6, 1.7 } },
        { "Widened", new object[] { 0.9f, -1.2 } },
        { "Deconstructed", new object[] { 1.1, 0.7 } },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void GradientMatchesCentralDifferences(string name, object[] point) => CentralDifferenceRunner.Check(Get(name), null, point);

    [Fact]
    public void TupleLocals_ByHand()
    {
        double r = 1.3, t = 0.4;
        var kept = CentralDifferenceRunner.Check(Get("KeptCall"), null, new object[] { r, t });
        Tolerance.AssertFormula(r * r * Math.Cos(t) * Math.Sin(t), kept.Value, "KeptCall value");
        Tolerance.AssertFormula(2 * r * Math.Cos(t) * Math.Sin(t), kept.Gradient[0]![0], "dKeptCall/dr");
        Tolerance.AssertFormula(r * r * Math.Cos(2 * t), kept.Gradient[1]![0], "dKeptCall/dt");

        // rt·(rt + r + t) + r + t.
        double a = 0.8, b = -1.1;
        var named = CentralDifferenceRunner.Check(Get("NamedCopy"), null, new object[] { a, b });
        double s = (a * b) + a + b;
        Tolerance.AssertFormula((b * s) + (a * b * (b + 1)) + 1, named.Gradient[0]![0], "dNamedCopy/dr");
        Tolerance.AssertFormula((a * s) + (a * b * (a + 1)) + 1, named.Gradient[1]![0], "dNamedCopy/dt");

        // (x, xy) → (xy, x + 2xy) → (x + 2xy, xy + 2x + 4xy) → (…); the map is linear in (a, b): check at y fixed by differences of the exact form.
        var loop = CentralDifferenceRunner.Check(Get("LiteralInLoop"), null, new object[] { 0.6, 1.7 });
        static double L(double x, double y)
        {
            double p = x, q = y * x;
            for (int i = 0; i < 3; i++) (p, q) = (q, p + (2 * q));
            return p + (q * x);
        }
        Tolerance.AssertFormula(L(0.6, 1.7), loop.Value, "LiteralInLoop value");
        // L = (5 + 12y)x·… : p₃ = 2x + 5xy, q₃ = 5x + 12xy, so L = 2x + 5xy + (5x + 12xy)x.
        Tolerance.AssertFormula(2 + (5 * 1.7) + (2 * 0.6 * (5 + (12 * 1.7))), loop.Gradient[0]![0], "dLiteralInLoop/dx");
        Tolerance.AssertFormula((5 * 0.6) + (12 * 0.6 * 0.6), loop.Gradient[1]![0], "dLiteralInLoop/dy");

        var widened = CentralDifferenceRunner.Check(Get("Widened"), null, new object[] { 0.9f, -1.2 });
        Tolerance.AssertClose(-1.2 + (4 * 0.9 * 0.9 * 0.9), widened.Gradient[0]![0], 1e-5, "dWidened/dx");
        Tolerance.AssertClose(0.9, widened.Gradient[1]![0], 1e-6, "dWidened/dy");

        var decon = CentralDifferenceRunner.Check(Get("Deconstructed"), null, new object[] { 1.1, 0.7 });
        // r³ cos t sin² t.
        Tolerance.AssertFormula(3 * 1.21 * Math.Cos(0.7) * Math.Pow(Math.Sin(0.7), 2), decon.Gradient[0]![0], "dDeconstructed/dr");
    }

    [Theory]
    [InlineData(0.7, -0.4)]
    [InlineData(-0.7, 0.4)]
    public void ATupleLocalReturned_IsTheJacobianByHand(double x, double y)
    {
        // (xy, x) for x ≤ 0, (xy, y) for x > 0; dResult = (u, v).
        double u = 0.3, v = -1.9;
        var args = new object[] { x, y, 0.0, 0.0, ValueTuple.Create(u, v) };
        var value = ((double, double))Type.GetMethod("ReturnedBackward")!.Invoke(null, args)!;
        Assert.Equal(((double, double))Get("Returned").Invoke(null, new object[] { x, y })!, value);
        Tolerance.AssertFormula((u * y) + (x > 0 ? 0 : v), (double)args[2], "dX");
        Tolerance.AssertFormula((u * x) + (x > 0 ? v : 0), (double)args[3], "dY");
    }

    [Theory]
    [InlineData("KeptCall", 1.3, 0.4, 0.5, -1.0)]
    [InlineData("NamedCopy", 0.8, -1.1, 1.0, 0.25)]
    [InlineData("LiteralInLoop", 0.6, 1.7, -0.3, 0.8)]
    [InlineData("Deconstructed", 1.1, 0.7, 0.2, 1.0)]
    public void ForwardMode_IsBackwardsGradientAlongTheDirection(string name, double x, double y, double tx, double ty)
    {
        var args = new object[] { x, y, tx, ty, null! };
        double value = (double)Type.GetMethod(name + "Forward")!.Invoke(null, args)!;
        var r = CentralDifferenceRunner.Check(Get(name), null, new object[] { x, y });
        Assert.Equal(r.Value, value);
        Tolerance.AssertFormula((r.Gradient[0]![0] * tx) + (r.Gradient[1]![0] * ty), (double)args[4], name + " tResult vs Backward · t");
    }
}
