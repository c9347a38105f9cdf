using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.InlinedCallees;

/// <summary>
/// A local function or lambda that compares its two parameters, called with the same variable twice (<c>L(x, x)</c>): its
/// inlined body read <c>x &gt; x</c>, warning CS1718, a broken build under warnings-as-errors (found on main d272838). Each
/// operator in reverse, forward and Hessian mode must compile with no warning and keep the comparison's value (x &gt; x is
/// false, x &gt;= x true, NaN aside), so the gradients are those of the branch taken, by hand and by central differences.
/// </summary>
public class SelfComparisonTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace SelfCompare;

        public static partial class M
        {
            [Differentiable(Forward = true, Hessian = true)]
            public static double Gt(double x) { double L(double a, double b) => a > b ? a * a : 3 * b; return L(x, x) * x; }
            [Differentiable(Forward = true, Hessian = true)]
            public static double Lt(double x) { double L(double a, double b) => a < b ? a * a : 3 * b; return L(x, x) * x; }
            [Differentiable(Forward = true, Hessian = true)]
            public static double Ge(double x) { double L(double a, double b) => a >= b ? a * a : 3 * b; return L(x, x) * x; }
            [Differentiable(Forward = true, Hessian = true)]
            public static double Le(double x) { double L(double a, double b) => a <= b ? a * a : 3 * b; return L(x, x) * x; }
            [Differentiable(Forward = true, Hessian = true)]
            public static double Eq(double x) { Func<double, double, double> f = (a, b) => a == b ? a * b : a + b; return f(x, x) * x; }
            [Differentiable(Forward = true, Hessian = true)]
            public static double Ne(double x) { Func<double, double, double> f = (a, b) => a != b ? a * b : a + b; return f(x, x) * x; }
            // An int compared with itself: n >= n is true, so v·v.
            [Differentiable(Forward = true, Hessian = true)]
            public static double Count(double x, int n) { double L(int a, int b, double v) => a >= b ? v * v : v; return L(n, n, x) * x; }

            public static double GtH(double x) { Span<double> h = stackalloc double[1]; GtHessian(x, h); return h[0]; }
            public static double LtH(double x) { Span<double> h = stackalloc double[1]; LtHessian(x, h); return h[0]; }
            public static double GeH(double x) { Span<double> h = stackalloc double[1]; GeHessian(x, h); return h[0]; }
            public static double LeH(double x) { Span<double> h = stackalloc double[1]; LeHessian(x, h); return h[0]; }
            public static double EqH(double x) { Span<double> h = stackalloc double[1]; EqHessian(x, h); return h[0]; }
            public static double NeH(double x) { Span<double> h = stackalloc double[1]; NeHessian(x, h); return h[0]; }
            public static double CountH(double x) { Span<double> h = stackalloc double[1]; CountHessian(x, 4, h); return h[0]; }
            public static double CountF(double x) => Count(x, 4);
            public static double CountB(double x) { double d = 0; CountBackward(x, 4, ref d); return d; }
            public static double CountT(double x) { CountForward(x, 4, 1.0, out double t); return t; }
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

    /// <summary>Value, derivative and second derivative of the branch each operator takes when both sides are x.</summary>
    public static TheoryData<string, double> Cases => new()
    {
        { "Gt", 1.3 }, { "Gt", -0.7 }, { "Lt", 0.9 }, { "Ge", 1.3 }, { "Ge", -0.7 }, { "Le", 0.4 }, { "Eq", 1.1 }, { "Ne", -1.6 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryMode_TakesTheBranchOfTheComparisonsValue(string name, double x)
    {
        var (value, first, second) = name switch
        {
            "Gt" or "Lt" => (3 * x * x, 6 * x, 6.0),          // false: 3b·x = 3x²
            "Ge" or "Le" or "Eq" => (x * x * x, 3 * x * x, 6 * x), // true: a·a·x (a·b·x) = x³
            "Ne" => (2 * x * x, 4 * x, 4.0),                 // false: (a + b)·x = 2x²
            _ => throw new ArgumentException(name),
        };
        var method = new Differentiated(Compiled.Value, "SelfCompare.M", name);
        var (v, g) = method.Backward(new[] { x });
        Tolerance.AssertFormula(value, v, name + " value");
        Tolerance.AssertFormula(first, g[0], name + " Backward by hand");
        GradCheck.Check(p => method.Value(p), new[] { x }, g).ThrowIfFailed();
        Tolerance.AssertFormula(first, method.Forward(new[] { x }, new[] { 1.0 }).Tangent, name + " Forward by hand");
        double hessian = Call(name + "H", x);
        Tolerance.AssertFormula(second, hessian, name + " Hessian by hand");
        const double h = 1e-5;
        Tolerance.AssertCentral((method.Backward(new[] { x + h }).Gradient[0] - method.Backward(new[] { x - h }).Gradient[0]) / (2 * h), hessian, 10, name + " Hessian by central differences");
    }

    [Theory]
    [InlineData(0.8)]
    [InlineData(-1.25)]
    public void AnIntComparedWithItself_IsTrue(double x)
    {
        Tolerance.AssertFormula(x * x * x, Call("CountF", x));
        Tolerance.AssertFormula(3 * x * x, Call("CountB", x), "Backward by hand");
        Tolerance.AssertFormula(3 * x * x, Call("CountT", x), "Forward by hand");
        Tolerance.AssertFormula(6 * x, Call("CountH", x), "Hessian by hand");
        const double h = 1e-6;
        Tolerance.AssertCentral((Call("CountF", x + h) - Call("CountF", x - h)) / (2 * h), Call("CountB", x), x * x * x, "Backward by central differences");
    }

    private static double Call(string name, double x) =>
        (double)Compiled.Value.GetType("SelfCompare.M", throwOnError: true)!.GetMethod(name)!.Invoke(null, new object[] { x })!;
}
