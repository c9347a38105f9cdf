using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.RefAliases;

/// <summary>
/// A ref local is an alias: passed as a ref argument (<see cref="RefAliasExamples"/>), the call reads and writes the
/// variable, struct member or array element it stands for, and its adjoint is that one's. Gradients against central
/// differences and by hand, at C# 7.3 and latest; the form that stays an error is reported at the argument.
/// </summary>
public class RefAliasTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(RefAliasExamples.Source));

    private static object Q(Assembly assembly, double x, double y)
    {
        var q = Activator.CreateInstance(assembly.GetType("Q")!)!;
        q.GetType().GetField("X")!.SetValue(q, x);
        q.GetType().GetField("Y")!.SetValue(q, y);
        return q;
    }

    private static object[][] Points(Assembly assembly) =>
    [
        ["OfParameter", new object[] { 0.7 }],
        ["OfElement", new object[] { -1.1 }],
        ["InLoop", new object[] { 0.8, 1.3, 3 }],
        ["OfMember", new object[] { Q(assembly, 1.5, -0.5), 0.8 }],
        ["OfAlias", new object[] { 0.6, -1.2 }],
        ["UseValue", new object[] { 0.6, -1.2 }],
        ["Bind", new object[] { 0.6, -1.2 }],
        ["Elem", new object[] { 0.8, 1.7 }],
        ["BoundInLoop", new object[] { 0.9, 3 }],
        ["ReadOnlyBound", new object[] { -1.3 }],
    ];

    [Fact]
    public void GradientsMatchCentralDifferences_AndHandValues()
    {
        var type = Compiled.Value.GetType("Aliases")!;
        foreach (var row in Points(Compiled.Value)) CentralDifferenceRunner.Check(type.GetMethod((string)row[0])!, null, (object[])row[1]);

        CentralDifferenceRunner.Result At(string name, params object[] point) => CentralDifferenceRunner.Check(type.GetMethod(name)!, null, point);
        // (x² + 0.5)²: 4x(x² + 0.5).
        var p = At("OfParameter", 0.7);
        Tolerance.AssertFormula(Math.Pow(0.49 + 0.5, 2), p.Value, "OfParameter value");
        Tolerance.AssertFormula(4 * 0.7 * (0.49 + 0.5), p.Gradient[0]![0], "dOfParameter/dx");
        // (4x² + 0.5)(1 + x): 8x(1 + x) + 4x² + 0.5.
        double x = -1.1, e = (4 * x * x) + 0.5;
        var el = At("OfElement", x);
        Tolerance.AssertFormula(e * (1 + x), el.Value, "OfElement value");
        Tolerance.AssertFormula((8 * x * (1 + x)) + e, el.Gradient[0]![0], "dOfElement/dx");
        // ((x·y + 1)·y + 1)·y + 1: d/dx y³.
        var loop = At("InLoop", 0.8, 1.3, 3);
        Tolerance.AssertFormula(1.3 * 1.3 * 1.3, loop.Gradient[0]![0], "dInLoop/dx");
        // (X·k + 1)·Y: d/dk X·Y.
        var m = At("OfMember", Q(Compiled.Value, 1.5, -0.5), 0.8);
        Tolerance.AssertFormula(((1.5 * 0.8) + 1) * -0.5, m.Value, "OfMember value");
        Tolerance.AssertFormula(1.5 * -0.5, m.Gradient[1]![0], "dOfMember/dk");
        // s = xh + 1; Sq: s² + 0.5 twice (Sq's value and s after it): 2(s² + 0.5): d/dx 4s·h.
        double s = (0.6 * -1.2) + 1;
        var al = At("OfAlias", 0.6, -1.2);
        Tolerance.AssertFormula(2 * ((s * s) + 0.5), al.Value, "OfAlias value");
        Tolerance.AssertFormula(4 * s * -1.2, al.Gradient[0]![0], "dOfAlias/dx");

        // Ref returns. 3x + y.
        var use = At("UseValue", 0.6, -1.2);
        Tolerance.AssertFormula((3 * 0.6) - 1.2, use.Value, "UseValue value");
        Tolerance.AssertFormula(3, use.Gradient[0]![0], "dUseValue/dx");
        // i₂ = i + 7ij, j₂ = 9i + 64ij: f = i₂ + j₂ + i₂j₂.
        double i = 0.6, j = -1.2, i2 = i + (7 * i * j), j2 = (9 * i) + (64 * i * j);
        var bind = At("Bind", i, j);
        Tolerance.AssertFormula(i2 + j2 + (i2 * j2), bind.Value, "Bind value");
        Tolerance.AssertFormula((1 + (7 * j)) * (1 + j2) + ((9 + (64 * j)) * (1 + i2)), bind.Gradient[0]![0], "dBind/di");
        Tolerance.AssertFormula((7 * i) * (1 + j2) + ((64 * i) * (1 + i2)), bind.Gradient[1]![0], "dBind/dj");
        // u²v + 2u: 2uv + 2, u².
        var elem = At("Elem", 0.8, 1.7);
        Tolerance.AssertFormula((0.64 * 1.7) + 1.6, elem.Value, "Elem value");
        Tolerance.AssertFormula((2 * 0.8 * 1.7) + 2, elem.Gradient[0]![0], "dElem/du");
        Tolerance.AssertFormula(0.64, elem.Gradient[1]![0], "dElem/dv");
        // s₃ = 1.5³x + (1.5² + 1.5 + 1)x: 8.125.
        var bound = At("BoundInLoop", 0.9, 3);
        Tolerance.AssertFormula(8.125 * 0.9, bound.Value, "BoundInLoop value");
        Tolerance.AssertFormula(8.125, bound.Gradient[0]![0], "dBoundInLoop/dx");
        Tolerance.AssertFormula(2 * -1.3, At("ReadOnlyBound", -1.3).Gradient[0]![0], "dReadOnlyBound/dx");
    }

    [Fact]
    public void CSharp73_CompilesCleanly_AndGradientsMatch()
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, RefAliasExamples.Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        var assembly = result.Load();
        var type = assembly.GetType("Aliases")!;
        foreach (var row in Points(assembly)) CentralDifferenceRunner.Check(type.GetMethod((string)row[0])!, null, (object[])row[1]);
    }

    [Fact]
    public void AnElementRefLocalPassedWithItsArray_IsADG0003AtTheArgument()
    {
        var result = GeneratorHarness.Run("using System; using AutoDiffGen; public static partial class C { [Differentiable] public static double G(ref double e, double[] a) { e = e * a[0]; return e; } "
            + "[Differentiable] public static double F(double x) { var a = new double[1]; a[0] = x; ref double r = ref a[0]; return G(ref r, a); } }");
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
        var d = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "ADG0003");
        Assert.Equal("r", d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
        Assert.Contains("through the ref local 'r'", d.GetMessage(), StringComparison.Ordinal);
    }
}
