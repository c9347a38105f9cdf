using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.InlinedCallees;

/// <summary>
/// A value that is not a number compared with itself through inlining, <c>L(m, m)</c> with <c>a == b</c> inside: an enum, a
/// string, an <c>int?</c>, a static field passed twice, through a local function, a lambda, a plain helper and a
/// [Differentiable] callee. hunt12 found the enum, string and <c>int?</c> ones reading <c>m == m</c> (CS1718, a broken build
/// under warnings-as-errors; the plain helper's distinct local did not reach a value rendered from its operation). A Complex
/// or Vector2 compared with itself this way renders each side as a construction and never warned: checked here too. The
/// comparison is true (or false for !=), so each gradient is that of the branch taken, by hand and by central differences.
/// </summary>
public class SelfComparisonTypesTests
{
    private const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        namespace SelfCompareTypes;

        public enum Mode { A, B }

        public static partial class M
        {
            public static Mode M0 = Mode.B;
            public static string S0 = "k";
            public static int? N0 = 3;

            private static double EnumHelper(double v, Mode a, Mode b) => a == b ? v * v : v;

            [Differentiable(Forward = true, Hessian = true)]
            public static double EnumLocal(double x) { var m = M0; bool L(Mode a, Mode b) => a == b; return L(m, m) ? x * x : x; }
            [Differentiable]
            public static double EnumPlain(double x) { var m = M0; return EnumHelper(x, m, m) * x; }
            [Differentiable]
            public static double Pick(double v, Mode a, Mode b) => a != b ? v : v * v;
            [Differentiable]
            public static double EnumCallee(double x) { var m = M0; return Pick(x, m, m) + x; }
            [Differentiable(Forward = true, Hessian = true)]
            public static double StringLambda(double x) { var s = S0; Func<string, string, bool> f = (a, b) => a != b; return f(s, s) ? x : 3 * x * x; }
            [Differentiable]
            public static double NullableLocal(double x) { var n = N0; bool L(int? a, int? b) => a == b; return L(n, n) ? x * x : x; }
            [Differentiable]
            public static double StaticFieldTwice(double x) { bool L(Mode a, Mode b) => a == b; return L(M0, M0) ? x * x : x; }
            [Differentiable]
            public static double ComplexLocal(double x) { var z = new Complex(x, 1); double L(Complex a, Complex b) => a == b ? (a * b).Real : a.Imaginary; return L(z, z); }
            [Differentiable]
            public static float VectorLocal(float x) { var v = new Vector2(x, 2f); float L(Vector2 a, Vector2 b) => a == b ? Vector2.Dot(a, b) : a.X; return L(v, v); }

            public static double EnumLocalH(double x) { Span<double> h = stackalloc double[1]; EnumLocalHessian(x, h); return h[0]; }
            public static double StringLambdaH(double x) { Span<double> h = stackalloc double[1]; StringLambdaHessian(x, h); return h[0]; }
        }
        """;

    private static readonly Lazy<GeneratorOutput> Generated = new(() => GeneratorHarness.Run(Source));

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    [Fact]
    public void GeneratedCode_HasNoWarning_SoItBuildsWithWarningsAsErrors()
    {
        var run = Generated.Value;
        Assert.Empty(run.Exceptions);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.StrictDiagnostics());
    }

    /// <summary>Value and derivative of the branch each method takes when both sides are one value.</summary>
    public static TheoryData<string, double> Cases => new()
    {
        { "EnumLocal", 1.3 }, { "EnumPlain", -0.7 }, { "EnumCallee", 0.9 }, { "StringLambda", 1.2 }, { "NullableLocal", -1.1 },
        { "StaticFieldTwice", 0.6 }, { "ComplexLocal", 1.4 }, { "VectorLocal", -0.8 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backward_TakesTheBranchOfTheComparisonsValue(string name, double x)
    {
        var (value, first) = name switch
        {
            "EnumLocal" or "NullableLocal" or "StaticFieldTwice" => (x * x, 2 * x), // a == a: x·x
            "EnumPlain" => (x * x * x, 3 * x * x),                              // EnumHelper gives v·v, times x
            "EnumCallee" => (x * x + x, 2 * x + 1),                             // a != a is false: v·v, plus x
            "StringLambda" => (3 * x * x, 6 * x),                               // a != a is false: 3x²
            "ComplexLocal" => (x * x - 1, 2 * x),                               // Re((x + i)²) = x² − 1
            "VectorLocal" => (x * x + 4, 2 * x),                                // (x, 2)·(x, 2)
            _ => throw new ArgumentException(name),
        };
        var method = new Differentiated(Compiled.Value, "SelfCompareTypes.M", name);
        var (v, g) = method.Backward(new[] { x });
        if (name == "VectorLocal")
        {
            // float: its own tolerance; x² + 4 is quadratic, so a wide central difference is exact but for rounding.
            Tolerance.AssertClose(value, v, 1e-5, name + " value");
            Tolerance.AssertClose(first, g[0], 1e-5, name + " Backward by hand");
            Tolerance.AssertClose((method.Value(x + 0.01) - method.Value(x - 0.01)) / 0.02, g[0], 1e-3, name + " by central differences");
            return;
        }
        Tolerance.AssertFormula(value, v, name + " value");
        Tolerance.AssertFormula(first, g[0], name + " Backward by hand");
        GradCheck.Check(p => method.Value(p), new[] { x }, g).ThrowIfFailed();
    }

    [Theory]
    [InlineData(0.8)]
    [InlineData(-1.25)]
    public void ForwardAndHessian_TakeTheSameBranch(double x)
    {
        var enumLocal = new Differentiated(Compiled.Value, "SelfCompareTypes.M", "EnumLocal");
        Tolerance.AssertFormula(2 * x, enumLocal.Forward(new[] { x }, new[] { 1.0 }).Tangent, "EnumLocal Forward by hand");
        Tolerance.AssertFormula(2.0, Call("EnumLocalH", x), "EnumLocal Hessian by hand");
        var stringLambda = new Differentiated(Compiled.Value, "SelfCompareTypes.M", "StringLambda");
        Tolerance.AssertFormula(6 * x, stringLambda.Forward(new[] { x }, new[] { 1.0 }).Tangent, "StringLambda Forward by hand");
        Tolerance.AssertFormula(6.0, Call("StringLambdaH", x), "StringLambda Hessian by hand");
        const double h = 1e-5;
        Tolerance.AssertCentral((stringLambda.Backward(new[] { x + h }).Gradient[0] - stringLambda.Backward(new[] { x - h }).Gradient[0]) / (2 * h),
            Call("StringLambdaH", x), 6, "StringLambda Hessian by central differences");
        Tolerance.AssertCentral((enumLocal.Backward(new[] { x + h }).Gradient[0] - enumLocal.Backward(new[] { x - h }).Gradient[0]) / (2 * h),
            Call("EnumLocalH", x), 2, "EnumLocal Hessian by central differences");
    }

    private static double Call(string name, double x) =>
        (double)Compiled.Value.GetType("SelfCompareTypes.M", throwOnError: true)!.GetMethod(name)!.Invoke(null, new object[] { x })!;
}
