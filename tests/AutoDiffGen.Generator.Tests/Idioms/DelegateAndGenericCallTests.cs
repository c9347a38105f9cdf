using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms;

/// <summary>
/// Delegate locals (inlined lambdas) and generic → generic calls (<see cref="DelegateAndGenericCallExamples"/>): gradients by
/// hand and against central differences, at double and float for the generic ones, MForward, and what stays an error.
/// </summary>
public class DelegateAndGenericCallTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(DelegateAndGenericCallExamples.Source));

    private static MethodInfo Get(string type, string name, Type? t = null)
    {
        var m = Compiled.Value.GetType(type)!.GetMethods().Single(m => m.Name == name);
        return t is null ? m : m.MakeGenericMethod(t);
    }

    [Fact]
    public void DelegateLocals_ByHand_AndAgainstCentralDifferences()
    {
        var sq = CentralDifferenceRunner.Check(Get("Lambdas", "Squares"), null, new object[] { 0.7, -1.2 });
        Tolerance.AssertFormula(1.4, sq.Gradient[0]![0], "dSquares/dx");
        Tolerance.AssertFormula(-2.4, sq.Gradient[1]![0], "dSquares/dy");

        var cap = CentralDifferenceRunner.Check(Get("Lambdas", "Captures"), null, new object[] { 0.7, -1.2 });
        Tolerance.AssertFormula(3 * -1.2, cap.Gradient[0]![0], "dCaptures/dx");
        Tolerance.AssertFormula((3 * 0.7) + 3 + 2, cap.Gradient[1]![0], "dCaptures/dy");

        double x = 0.7, y = -1.2;
        var two = CentralDifferenceRunner.Check(Get("Lambdas", "TwoAndBlock"), null, new object[] { x, y });
        double h2 = Math.Sin(y) * 2;
        Tolerance.AssertFormula((Math.Cos(x) * y * h2) + (2 * x) + 1, two.Gradient[0]![0], "dTwoAndBlock/dx");
        Tolerance.AssertFormula((Math.Sin(x) * h2) + (Math.Sin(x) * y * Math.Cos(y) * 2), two.Gradient[1]![0], "dTwoAndBlock/dy");

        var args = new object[] { x, y, 0.5, -2.0, null! };
        double value = (double)Compiled.Value.GetType("Lambdas")!.GetMethod("SquaresForward")!.Invoke(null, args)!;
        Assert.Equal((x * x) + (y * y), value);
        Tolerance.AssertFormula((2 * x * 0.5) + (2 * y * -2.0), (double)args[4], "SquaresForward tResult");
    }

    [Fact]
    public void GenericToGenericCalls_ByHand_AtDoubleAndFloat()
    {
        double x = 0.8, y = -1.3;
        var sps = CentralDifferenceRunner.Check(Get("Generic", "SqPlusSin", typeof(double)), null, new object[] { x });
        Tolerance.AssertFormula((2 * x) + Math.Cos(x), sps.Gradient[0]![0], "dSqPlusSin/dx");
        var spsF = CentralDifferenceRunner.Check(Get("Generic", "SqPlusSin", typeof(float)), null, new object[] { 0.8f });
        Tolerance.AssertClose((2 * 0.8) + Math.Cos(0.8), spsF.Gradient[0]![0], 1e-5, "dSqPlusSin/dx at float");

        var chain = CentralDifferenceRunner.Check(Get("Generic", "Chain", typeof(double)), null, new object[] { x, y });
        Tolerance.AssertFormula(3 * x * x * y, chain.Gradient[0]![0], "dChain/dx");
        Tolerance.AssertFormula(x * x * x, chain.Gradient[1]![0], "dChain/dy");

        var fromDouble = CentralDifferenceRunner.Check(Get("Generic", "FromDouble"), null, new object[] { x });
        Tolerance.AssertFormula((4 * x * x * x) + (2 * Math.Cos(2 * x)) + (8 * x), fromDouble.Gradient[0]![0], "dFromDouble/dx");

        var forward = Compiled.Value.GetType("Generic")!.GetMethods().Single(m => m.Name == "SqPlusSinForward").MakeGenericMethod(typeof(double));
        var args = new object[] { x, 0.25, null! };
        forward.Invoke(null, args);
        Tolerance.AssertFormula(((2 * x) + Math.Cos(x)) * 0.25, (double)args[2], "SqPlusSinForward tResult");
    }

    private static Diagnostic Only(string body, string id, string underlined)
    {
        var result = GeneratorHarness.Run("using System; using System.Numerics; using AutoDiffGen; public static partial class C { " + body + " }");
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
        var d = Assert.Single(result.GeneratorDiagnostics, d => d.Id == id && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == underlined);
        return d;
    }

    [Fact]
    public void ADelegateParameter_OrADelegateLocalThatChanges_IsADG0003_SayingWhatToWrite()
    {
        var parameter = Only("[Differentiable] public static double F(Func<double, double> f, double a) => f(a) * a;", "ADG0003", "f(a)");
        Assert.Contains("A call through the delegate parameter 'f'", parameter.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("call a [Differentiable] method by name instead", parameter.GetMessage(), StringComparison.Ordinal);

        var changed = Only("[Differentiable] public static double F(double x) { Func<double, double> f = v => v * v; if (x > 0) f = v => v; return f(x); }", "ADG0003", "f(x)");
        Assert.Contains("the delegate local 'f' (reassigned, passed on or read other than to call it)", changed.GetMessage(), StringComparison.Ordinal);

        // A statement lambda with a loop is inlined (Statements/InlinedBodyTests); one with a goto is not.
        var jumps = Only("[Differentiable] public static double F(double x) { Func<double, double> f = v => { int i = 0; again: v *= 2; if (++i < 2) goto again; return v; }; return f(x); }", "ADG0003", "f(x)");
        Assert.Contains("whose body has a goto", jumps.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void AGenericCalleeOfAnotherShape_IsADG0003_SayingWhichAre()
    {
        // A T[] callee is inlined at double since 2026-12-06 (GenericMath/GenericArrayCalleeTests); a span one is not.
        var d = Only("[Differentiable] public static T Sum<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> { T s = T.Zero; foreach (var v in x) s += v; return s; } "
            + "[Differentiable] public static double F(double[] x) => Sum<double>(x);", "ADG0003", "Sum<double>(x)");
        Assert.Contains("A call to a generic method", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("takes or returns something other than T, T[]", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("called at double or float", d.GetMessage(), StringComparison.Ordinal);
    }
}
