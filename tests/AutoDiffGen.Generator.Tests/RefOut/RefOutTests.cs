using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.RefOut;

/// <summary>
/// void methods, ref/out/in parameters and writes into array parameters (docs/ref-out.md). The adjoint of a parameter
/// the method writes is in/out: on entry the adjoint of the value the method leaves, on return that of the value it
/// came in with. Each test drives the generated Backward directly with arbitrary seeds and checks it against central
/// differences of the seeded sum Σ seed · output (a scalar whose gradient the in/out contract says Backward returns),
/// and against a hand-derived value where one is easy. Arrays are copied for every evaluation: the method writes them.
/// </summary>
public class RefOutTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(RefOutSources.Helpers));

    private static Type H => Compiled.Value.GetType("RefOut.H")!;

    private static object[] Call(string name, params object[] args)
    {
        var result = H.GetMethod(name)!.Invoke(null, args);
        return result is null ? args : args.Append(result).ToArray();
    }

    private const double Step = 1e-6;

    /// <summary>Central difference of <paramref name="f"/> at <paramref name="x"/> along coordinate <paramref name="i"/>.</summary>
    private static double Central(Func<double[], double> f, double[] x, int i)
    {
        var up = (double[])x.Clone();
        var down = (double[])x.Clone();
        up[i] += Step;
        down[i] -= Step;
        return (f(up) - f(down)) / (2 * Step);
    }

    private static void AssertGradient(Func<double[], double> f, double[] x, double[] gradient, string what)
    {
        for (int i = 0; i < x.Length; i++) Tolerance.AssertCentral(Central(f, x, i), gradient[i], Math.Abs(f(x)) + 1, what + " d/dp" + i);
    }

    [Theory]
    [InlineData(0.8, -0.3, 0.1, 1.0, 0.0)]
    [InlineData(-1.2, 0.5, 0.05, 0.7, -1.9)]
    public void Step_RefAdjointsAreInOut_ByHandAndCentralDifferences(double x, double v, double h, double sx, double sv)
    {
        var args = Call("StepBackward", x, v, h, sx, sv, 0.0);
        // Backward leaves x and v as Step does.
        Assert.Equal(x + h * v, (double)args[0]);
        Assert.Equal(v + h * (-x * x * x), (double)args[1]);
        double dX = (double)args[3], dV = (double)args[4], dH = (double)args[5];
        // f = sx·x' + sv·v' with x' = x + h v, v' = v − h x³.
        Tolerance.AssertFormula(sx - 3 * h * x * x * sv, dX, "dX");
        Tolerance.AssertFormula(h * sx + sv, dV, "dV");
        Tolerance.AssertFormula(v * sx - x * x * x * sv, dH, "dH");
        AssertGradient(p =>
        {
            var a = Call("Step", p[0], p[1], p[2]);
            return sx * (double)a[0] + sv * (double)a[1];
        }, new[] { x, v, h }, new[] { dX, dV, dH }, "Step");
    }

    [Fact]
    public void Step_ANonRefAdjoint_Adds()
    {
        var args = Call("StepBackward", 0.8, -0.3, 0.1, 1.0, 0.0, 10.0);
        Tolerance.AssertFormula(10.0 + -0.3, (double)args[5], "dH added to 10");
    }

    [Theory]
    [InlineData(0.9, 0.0, 0.05, 20)]
    [InlineData(-0.4, 1.1, 0.1, 7)]
    [InlineData(0.3, 0.2, 0.1, 0)]
    public void Integrate_RefValuesThroughALoop_CentralDifferences(double x, double v, double h, int n)
    {
        foreach (var (sx, sv) in new[] { (1.0, 0.0), (0.0, 1.0), (0.6, -1.3) })
        {
            var args = Call("IntegrateBackward", x, v, h, n, sx, sv, 0.0);
            var forward = Call("Integrate", x, v, h, n);
            Assert.Equal((double)forward[0], (double)args[0]);
            Assert.Equal((double)forward[1], (double)args[1]);
            AssertGradient(p =>
            {
                var a = Call("Integrate", p[0], p[1], p[2], n);
                return sx * (double)a[0] + sv * (double)a[1];
            }, new[] { x, v, h }, new[] { (double)args[4], (double)args[5], (double)args[6] }, "Integrate n=" + n);
        }
        // No steps: x and v leave as they came, so the seeds come straight back.
        if (n == 0)
        {
            var args = Call("IntegrateBackward", x, v, h, 0, 0.6, -1.3, 0.0);
            Assert.Equal(0.6, (double)args[4]);
            Assert.Equal(-1.3, (double)args[5]);
        }
    }

    [Theory]
    [InlineData(0.7, 1.5, 2.0)]
    [InlineData(-2.1, -0.4, -0.5)]
    public void Compute_OutTakesASeedByValue_InAdds(double x, double z, double seed)
    {
        // dX and dZ start non-zero: they are inputs only, so the method adds into them.
        var args = Call("ComputeBackward", x, null!, z, 0.25, seed, -1.0);
        Assert.Equal(Math.Sin(x) * z, (double)args[1]);
        Tolerance.AssertFormula(0.25 + seed * Math.Cos(x) * z, (double)args[3], "dX");
        Tolerance.AssertFormula(-1.0 + seed * Math.Sin(x), (double)args[5], "dZ");
        AssertGradient(p => seed * (double)Call("Compute", p[0], null!, p[1])[1], new[] { x, z },
            new[] { (double)args[3] - 0.25, (double)args[5] + 1.0 }, "Compute");
    }

    [Fact]
    public void WithOut_ResultAndOutAreBothSeeds()
    {
        // value 3x, square x²: dX = 3·dResult + 2x·dSquare.
        var args = Call("WithOutBackward", 1.5, null!, 0.0, 4.0, 2.0);
        Assert.Equal(2.25, (double)args[1]);
        Assert.Equal(4.5, (double)args[5]);
        Tolerance.AssertFormula(3 * 2.0 + 2 * 1.5 * 4.0, (double)args[2], "dX");
    }

    [Fact]
    public void Subtract_WritesTheArray_AndConsumesItsAdjoint()
    {
        double[] a = { 1.0, -2.0, 0.5 }, b = { 0.25, 4.0, -1.0 }, result = { 9.0, 9.0, 9.0 };
        double[] seed = { 1.5, -0.5, 2.0 };
        double[] dA = { 0.1, 0.1, 0.1 }, dB = { 0.0, 0.0, 0.0 }, dResult = (double[])seed.Clone();
        Call("SubtractBackward", a, b, result, dA, dB, dResult);
        Assert.Equal(new[] { 0.75, -6.0, 1.5 }, result);
        // Every slot of result was overwritten: its incoming value gets no gradient.
        Assert.Equal(new[] { 0.0, 0.0, 0.0 }, dResult);
        Assert.Equal(seed.Select(s => 0.1 + s), dA);
        Assert.Equal(seed.Select(s => -s), dB);
        // Central differences of Σ seed·result over (a, b).
        var p0 = a.Concat(b).ToArray();
        AssertGradient(p =>
        {
            var r = new double[3];
            Call("Subtract", p.Take(3).ToArray(), p.Skip(3).ToArray(), r);
            return r.Zip(seed, (u, s) => u * s).Sum();
        }, p0, dA.Select(d => d - 0.1).Concat(dB).ToArray(), "Subtract");
    }

    [Theory]
    [InlineData(new[] { 1.0, -2.0, 0.5 })]
    [InlineData(new[] { 0.3 })]
    public void ScaleThenSquares_TapesWhatItOverwrote_ByHandAndCentralDifferences(double[] a)
    {
        var arr = (double[])a.Clone();
        var dArr = new double[a.Length];
        var args = Call("ScaleThenSquaresBackward", arr, dArr, 1.0);
        Assert.Equal(a.Select(v => 5 * v), arr);
        Tolerance.AssertFormula(25 * a.Sum(v => v * v), (double)args[3], "value");
        // 25 Σ aᵢ² → 50 aᵢ.
        for (int i = 0; i < a.Length; i++) Tolerance.AssertFormula(50 * a[i], dArr[i], "dArr" + i);
        AssertGradient(p => (double)Call("ScaleThenSquares", (double[])p.Clone())[1], a, dArr, "ScaleThenSquares");

        // A non-zero incoming adjoint is the adjoint of the values left behind (5a): it reaches a scaled by 5.
        var incoming = a.Select((_, i) => 0.5 + i).ToArray();
        var dIn = (double[])incoming.Clone();
        Call("ScaleThenSquaresBackward", (double[])a.Clone(), dIn, 1.0);
        for (int i = 0; i < a.Length; i++) Tolerance.AssertFormula(5 * incoming[i] + 50 * a[i], dIn[i], "in/out dArr" + i);
    }

    [Theory]
    [InlineData(new[] { 0.5, 1.5, -0.7, 2.0 })]
    [InlineData(new[] { -1.1, 0.4 })]
    public void PrefixProducts_CentralDifferences(double[] x)
    {
        var dX = new double[x.Length];
        Call("PrefixProductsBackward", (double[])x.Clone(), dX, 1.0);
        AssertGradient(p => (double)Call("PrefixProducts", (double[])p.Clone())[1], x, dX, "PrefixProducts");
        if (x.Length == 2)
        {
            // x1' = x1 + x0·x1: d/dx0 = x1, d/dx1 = 1 + x0.
            Tolerance.AssertFormula(x[1], dX[0], "dX0");
            Tolerance.AssertFormula(1 + x[0], dX[1], "dX1");
        }
    }

    [Fact]
    public void Swap_SwapsTheAdjoints()
    {
        var args = Call("SwapBackward", 1.0, 2.0, 10.0, 20.0);
        Assert.Equal(2.0, (double)args[0]);
        Assert.Equal(1.0, (double)args[1]);
        Assert.Equal(20.0, (double)args[2]);
        Assert.Equal(10.0, (double)args[3]);
    }

    [Theory]
    [InlineData(0.5f, 1.5f)]
    [InlineData(2.0f, 0.9f)]
    public void Damp_RefFloatOnBothPaths(float x, float k)
    {
        var args = Call("DampBackward", x, k, 1f, 0f);
        float y = x * k;
        Assert.Equal(y > 1f ? 1f + 0.5f * (y - 1f) : y, (float)args[0]);
        float slope = y > 1f ? 0.5f : 1f;
        Assert.Equal(slope * k, (float)args[2], 5);
        Assert.Equal(slope * x, (float)args[3], 5);
    }

    [Fact]
    public void ReadsRef_AnUnwrittenRefAdjointAdds()
    {
        var args = Call("ReadsRefBackward", 1.5, 2.0, 1.0, 0.5, 1.0);
        Assert.Equal(1.5, (double)args[0]);
        Tolerance.AssertFormula(1.0 + 2 * 1.5 * 2.0, (double)args[2], "dX adds");
        Tolerance.AssertFormula(0.5 + 1.5 * 1.5, (double)args[3], "dY adds");
    }

    [Theory]
    [InlineData(0.5, 1.0)]
    [InlineData(1.7, 1.0)]
    public void Clip_WrittenOnOnePath(double x, double limit)
    {
        var args = Call("ClipBackward", x, limit, 1.0, 0.0);
        double expected = x > limit ? limit + Math.Tanh(x - limit) : x;
        Assert.Equal(expected, (double)args[0]);
        double t = Math.Tanh(x - limit);
        Tolerance.AssertFormula(x > limit ? 1 - t * t : 1.0, (double)args[2], "dX");
        Tolerance.AssertFormula(x > limit ? t * t : 0.0, (double)args[3], "dLimit");
    }

    [Theory]
    [InlineData(1.5, 2.0, 0.5)]
    [InlineData(-0.7, 0.0, 1.0)]
    public void SquareInPlace_ResultAndRefSeedsMeet(double x, double seed, double dResult)
    {
        var args = Call("SquareInPlaceBackward", x, seed, dResult);
        Assert.Equal(x * x, (double)args[0]);
        Assert.Equal(x * x, (double)args[3]);
        Tolerance.AssertFormula(2 * x * (seed + dResult), (double)args[1], "dX");
    }

    [Fact]
    public void Signatures_AreTheDocumentedShapes()
    {
        string Shape(string name) => string.Join(", ", H.GetMethod(name)!.GetParameters().Select(p =>
            (p.IsOut ? "out " : p.IsIn ? "in " : p.ParameterType.IsByRef ? "ref " : "") + (p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType).Name + " " + p.Name));
        Assert.Equal("ref Double x, ref Double v, Double h, ref Double dX, ref Double dV, ref Double dH", Shape("StepBackward"));
        Assert.Equal("Double x, out Double y, in Double z, ref Double dX, Double dY, ref Double dZ", Shape("ComputeBackward"));
        Assert.Equal("Double[] a, Double[] b, Double[] result, Double[] dA, Double[] dB, Double[] dResult", Shape("SubtractBackward"));
        Assert.Equal("Double x, out Double square, ref Double dX, Double dSquare, Double dResult", Shape("WithOutBackward"));
        Assert.Equal(typeof(void), H.GetMethod("StepBackward")!.ReturnType);
    }
}
