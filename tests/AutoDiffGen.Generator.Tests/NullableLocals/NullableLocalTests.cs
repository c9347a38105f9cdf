using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.NullableLocals;

/// <summary>
/// double?/float? locals carried as (HasValue, Value) (<see cref="NullableLocalExamples"/>): each gradient by hand and
/// against central differences, on both sides of the null; MForward and MHessian by hand; .Value and (double)z on null
/// throw in Backward and Forward what the method throws, before any adjoint or tangent is written; what stays refused
/// gets its ADG error at the expression; the generated code compiles without warnings from C# 7.3 to the latest.
/// </summary>
public class NullableLocalTests
{
    private static readonly Lazy<Type> Compiled = new(() => LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, NullableLocalExamples.Source).Load().GetType("Nullables")!);

    private static double[] Gradient(string name, params object[] point) =>
        CentralDifferenceRunner.Check(Compiled.Value.GetMethod(name)!, null, point).Gradient.Where(g => g is not null).SelectMany(g => g!).ToArray();

    [Theory]
    [MemberData(nameof(Statements.ThrowExpressionTests.Versions), MemberType = typeof(Statements.ThrowExpressionTests))]
    public void CompilesWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, NullableLocalExamples.Source);
        // The examples' own z.Value is a nullable warning of the user's file (CS8629) under C# 8 and later: not the generator's.
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.All(d => d.Location.SourceTree?.FilePath == "User0.cs" && d.Id == "CS8629"), result.Dump());
        Assert.Equal(8, result.Generated.Count);
    }

    private static void Near(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Tolerance.AssertFormula(expected[i], actual[i], "gradient[" + i + "]");
    }

    [Fact]
    public void Gradients_MatchHandValuesAndCentralDifferences_OnBothSidesOfNull()
    {
        double x = 0.7, y = 1.3;
        // Chosen: x·y when y > 0, else x.
        Near(new[] { y, x }, Gradient("Chosen", x, y));
        Near(new[] { 1.0, 0.0 }, Gradient("Chosen", x, -y));
        // Lifted: (x·y + 1)·x when y > 0, else x·x.
        Near(new[] { 2 * x * y + 1, x * x }, Gradient("Lifted", x, y));
        Near(new[] { 2 * x, 0.0 }, Gradient("Lifted", x, -y));
        // Defaults: y² + y² + x + y² when y > 0.5, else 0 + x + 0 + 2x.
        Near(new[] { 1.0, 6 * y }, Gradient("Defaults", x, y));
        Near(new[] { 3.0, 0.0 }, Gradient("Defaults", x, 0.2));
        // MaxOf: max(x·y, y) when x > 0, else max(0, y).
        Near(new[] { y, 1.5 }, Gradient("MaxOf", 1.5, y));
        Near(new[] { 0.0, 1.0 }, Gradient("MaxOf", x, y));
        Near(new[] { 0.0, 1.0 }, Gradient("MaxOf", -x, y));
        Near(new[] { 0.0, 0.0 }, Gradient("MaxOf", -x, -y));
        // Compound (float): (y + x)·x when y > 0, else x.
        var f = Gradient("Compound", 0.75f, 1.25f);
        Assert.Equal(1.25 + 2 * 0.75, f[0], 5);
        Assert.Equal(0.75, f[1], 5);
        Assert.Equal(new[] { 1.0, 0.0 }, Gradient("Compound", 0.75f, -1.25f).Select(g => Math.Round(g, 5)).ToArray());
        // Best: the largest element, its adjoint 1.
        Near(new[] { 0.0, 1.0, 0.0 }, Gradient("Best", (object)new[] { 0.5, 2.5, -1.0 }));
        Near(new[] { 2 * x, 1.0 }, Gradient("Cast", x, y));
        Near(new[] { y, x }, Gradient("Throws", x, y));
    }

    [Fact]
    public void Best_OfNoElements_IsZeroWithNoGradient()
    {
        var backward = Compiled.Value.GetMethod("BestBackward")!;
        var args = new object[] { Array.Empty<double>(), Array.Empty<double>(), 1.0 };
        Assert.Equal(0.0, (double)backward.Invoke(null, args)!);
    }

    [Theory]
    [InlineData("Throws")]
    [InlineData("Cast")]
    public void ValueOfNull_ThrowsInBackwardAndForward_BeforeWritingAnything(string name)
    {
        var type = Compiled.Value;
        var point = new object[] { 0.7, -1.3 };
        var primal = Assert.Throws<TargetInvocationException>(() => type.GetMethod(name)!.Invoke(null, point)).InnerException!;
        Assert.IsType<InvalidOperationException>(primal);
        var args = new object[] { 0.7, -1.3, 0.0, 0.0, 1.0 };
        var generated = Assert.Throws<TargetInvocationException>(() => type.GetMethod(name + "Backward")!.Invoke(null, args)).InnerException!;
        Assert.Equal(primal.GetType(), generated.GetType());
        Assert.Equal(primal.Message, generated.Message);
        Assert.Equal(0.0, (double)args[2]);
        Assert.Equal(0.0, (double)args[3]);
        if (type.GetMethod(name + "Forward") is { } forward)
        {
            var tangents = new object[] { 0.7, -1.3, 1.0, 0.0, 0.0 };
            Assert.IsType<InvalidOperationException>(Assert.Throws<TargetInvocationException>(() => forward.Invoke(null, tangents)).InnerException);
        }
    }

    [Fact]
    public void Forward_IsTheGradientAlongTheTangent_ByHand()
    {
        var type = Compiled.Value;
        double x = 0.7, y = 1.3, tx = 0.4, ty = -0.9;
        var chosen = new object[] { x, y, tx, ty, 0.0 };
        Tolerance.AssertFormula(x * y, (double)type.GetMethod("ChosenForward")!.Invoke(null, chosen)!, "x y");
        Tolerance.AssertFormula(y * tx + x * ty, (double)chosen[4], "tangent of x y");
        var lifted = new object[] { x, -y, tx, ty, 0.0 };
        type.GetMethod("LiftedForward")!.Invoke(null, lifted);
        Tolerance.AssertFormula(2 * x * tx, (double)lifted[4], "tangent of x² (z null)");
        var defaults = new object[] { x, y, tx, ty, 0.0 };
        type.GetMethod("DefaultsForward")!.Invoke(null, defaults);
        Tolerance.AssertFormula(tx + 6 * y * ty, (double)defaults[4], "tangent of 3y² + x");
        var compound = new object[] { 0.75f, 1.25f, 1f, 0f, 0f };
        type.GetMethod("CompoundForward")!.Invoke(null, compound);
        Assert.Equal(1.25 + 2 * 0.75, (float)compound[4], 5);
    }

    private delegate double Hessian2(double x, double y, Span<double> hessian);

    [Fact]
    public void Hessian_OfChosen_IsByHand()
    {
        var method = Compiled.Value.GetMethod("ChosenHessian")!;
        var hessian = (Hessian2)Delegate.CreateDelegate(typeof(Hessian2), method);
        var h = new double[4];
        hessian(0.7, 1.3, h);
        // x·y: [[0, 1], [1, 0]]; x alone (y ≤ 0): zero.
        Assert.Equal(new[] { 0.0, 1.0, 1.0, 0.0 }, h);
        hessian(0.7, -1.3, h);
        Assert.Equal(new[] { 0.0, 0.0, 0.0, 0.0 }, h);
    }

    [Theory]
    [InlineData("double? z = x; z++; return z ?? 0;", "ADG0003", "z++")]
    [InlineData("double? z = x; object o = z; return o.GetHashCode() * x;", "ADG0016", "z")]
    [InlineData("double? z = x; return z.ToString().Length * x;", "ADG0016", "z.ToString()")]
    public void OutsideWhatIsCarried_IsAnErrorAtTheExpression(string body, string id, string at)
    {
        string source = "using System;\nusing AutoDiffGen;\npublic static partial class C\n{\n    [Differentiable]\n    public static double F(double x) { " + body + " }\n}\n";
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Exceptions);
        var error = Assert.Single(run.GeneratorDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.Equal(id, error.Id);
        Assert.Equal(source.IndexOf(at, source.IndexOf("double? z", StringComparison.Ordinal) + 10, StringComparison.Ordinal), error.Location.SourceSpan.Start);
        Assert.DoesNotContain(run.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }

    [Fact]
    public void NullableParameter_StaysRefused_ANoDiffOneIsAConstant()
    {
        // The contract has no adjoint shape for a double? (a ref double? would say nothing about a null's adjoint):
        // the declaration analyzer's ADG0006 at the parameter; [NoDiff] double? is a constant (Statements/ThrowExpressionTests).
        var run = GeneratorHarness.Run("using AutoDiffGen;\npublic static partial class C\n{\n    [Differentiable]\n    public static double F(double? y, double x) { double? z = y * x; return z ?? x; }\n}\n");
        var error = Assert.Single(run.Diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.Equal("ADG0006", error.Id);
        Assert.Equal("double? y", error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        var noDiff = GeneratorHarness.RunForLoad("using AutoDiffGen;\npublic static partial class C\n{\n    [Differentiable]\n    public static double F([NoDiff] double? y, double x) { double? z = y * x; return z ?? x; }\n}\n");
        Assert.True(noDiff.Diagnostics.IsEmpty && noDiff.Exceptions.IsEmpty, noDiff.Dump());
        var f = GeneratorHarness.Load(noDiff).GetType("C")!.GetMethod("F")!;
        // y·x when y holds a value (d/dx = y), else x (d/dx = 1).
        Tolerance.AssertFormula(-0.4, CentralDifferenceRunner.Check(f, null, new object[] { (double?)-0.4, 0.9 }).Gradient[1]![0], "d y x/dx");
        Tolerance.AssertFormula(1.0, CentralDifferenceRunner.Check(f, null, new object[] { null!, 0.9 }).Gradient[1]![0], "d x/dx");
    }
}
