using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.StructMethods;

/// <summary>
/// Instance methods of readonly structs (and other structs of reals) that are not [Differentiable], inlined where called
/// (<see cref="InlinedMethodExamples"/>): each gradient against central differences (every member of every struct moved on
/// its own) and against a hand derivation where short; the forms that are not inlined keep an error at the call.
/// </summary>
public class InlinedMethodTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(InlinedMethodExamples.Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Inlined.Uses")!.GetMethod(name)!;

    private static object V(double x, double y) => Activator.CreateInstance(Compiled.Value.GetType("Inlined.V")!, x, y)!;

    [Theory]
    [InlineData(1.0, 2.0, -3.0, 0.5)]
    [InlineData(0.3, -1.1, 2.2, 4.0)]
    public void DotAndNorm_MatchesHand(double ax, double ay, double bx, double by)
    {
        var r = CentralDifferenceRunner.Check(Method("DotAndNorm"), null, new object[] { V(ax, ay), V(bx, by) });
        // a·b + |a|²|b|: ∂/∂a = b + 2a|b|, ∂/∂b = a + |a|² b/|b|.
        double na2 = (ax * ax) + (ay * ay), nb = Math.Sqrt((bx * bx) + (by * by));
        Tolerance.AssertFormula(bx + (2 * ax * nb), r.Gradient[0]![0], "∂/∂a.X");
        Tolerance.AssertFormula(by + (2 * ay * nb), r.Gradient[0]![1], "∂/∂a.Y");
        Tolerance.AssertFormula(ax + (na2 * bx / nb), r.Gradient[1]![0], "∂/∂b.X");
        Tolerance.AssertFormula(ay + (na2 * by / nb), r.Gradient[1]![1], "∂/∂b.Y");
    }

    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(-0.4, 0.9)]
    public void Chain_MatchesHand(double x, double y)
    {
        var r = CentralDifferenceRunner.Check(Method("Chain"), null, new object[] { x, y });
        // b = (x + 1)a, so b × a = 0 and b·2a = 2(x + 1)|a|²: ∂/∂x = 2|a|² + 4x(x + 1), ∂/∂y = 4y(x + 1).
        double n2 = (x * x) + (y * y);
        Tolerance.AssertFormula((2 * n2) + (4 * x * (x + 1)), r.Gradient[0]![0], "∂/∂x");
        Tolerance.AssertFormula(4 * y * (x + 1), r.Gradient[1]![0], "∂/∂y");
    }

    [Theory]
    [InlineData(0.6, -0.8, 0)]
    [InlineData(0.6, -0.8, 1)]
    [InlineData(-1.2, 0.4, 5)]
    public void InLoop_MatchesCentralDifferencesAndHand(double x, double y, int n)
    {
        var r = CentralDifferenceRunner.Check(Method("InLoop"), null, new object[] { V(x, y), n });
        // p_i = c_i a with c_0 = 1, c_{i+1} = c_i / 2 + 1: s = (Σ c_i)|a|², ∂/∂a = 2(Σ c_i)a.
        double c = 1, sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += c;
            c = (c / 2) + 1;
        }
        Tolerance.AssertFormula(2 * sum * x, r.Gradient[0]![0], "∂/∂a.X");
        Tolerance.AssertFormula(2 * sum * y, r.Gradient[0]![1], "∂/∂a.Y");
    }

    [Theory]
    [InlineData(1.5, 0.5, 0.25)]
    [InlineData(0.1, 0.5, 0.25)]
    [InlineData(-0.3, 2.0, -0.7)]
    public void Branchy_MatchesCentralDifferences(double x, double y, double t) =>
        CentralDifferenceRunner.Check(Method("Branchy"), null, new object[] { V(x, y), t });

    [Theory]
    [InlineData(1.5, -0.5, 0.25)]
    [InlineData(-2.0, 3.0, 1.0)]
    public void RecordStruct_MatchesHand(double a, double b, double by)
    {
        object rec = Activator.CreateInstance(Compiled.Value.GetType("Inlined.R")!, a, b)!;
        var r = CentralDifferenceRunner.Check(Method("Record"), null, new object[] { rec, by });
        // (a + k)(b + k) + ab: ∂/∂a = b + k + b, ∂/∂b = a + k + a, ∂/∂k = a + b + 2k.
        Tolerance.AssertFormula((2 * b) + by, r.Gradient[0]![0], "∂/∂r.A");
        Tolerance.AssertFormula((2 * a) + by, r.Gradient[0]![1], "∂/∂r.B");
        Tolerance.AssertFormula(a + b + (2 * by), r.Gradient[1]![0], "∂/∂by");
    }

    [Fact]
    public void MutableStruct_OneExpressionMethod_IsInlined()
    {
        var type = Compiled.Value.GetType("Inlined.M")!;
        object m = Activator.CreateInstance(type)!;
        type.GetField("P")!.SetValue(m, 0.8);
        type.GetField("Q")!.SetValue(m, -1.5);
        var r = CentralDifferenceRunner.Check(Method("Mutable"), null, new object[] { m, 3.0 });
        Tolerance.AssertFormula(3.0 * 0.8, r.Gradient[0]![0], "∂/∂m.P");
        Tolerance.AssertFormula(3.0 * -1.5, r.Gradient[0]![1], "∂/∂m.Q");
        Tolerance.AssertFormula(0.5 * ((0.8 * 0.8) + (1.5 * 1.5)), r.Gradient[1]![0], "∂/∂k");
    }

    [Fact]
    public void Floats_MatchCentralDifferences() => CentralDifferenceRunner.Check(Method("Floats"), null, new object[] { 0.7f, -1.3f });

    [Theory]
    [InlineData("w.Long()", "a goto")]
    [InlineData("ref k", "A ref, in or out argument")]
    [InlineData("Loop(n - 1)", "calls itself")]
    public void NotInlined_IsAnErrorAtTheCall(string call, string says)
    {
        var result = GeneratorHarness.Run(InlinedMethodExamples.Diagnosed);
        Assert.Contains(result.Diagnostics, d => d.Id.StartsWith("ADG", StringComparison.Ordinal)
            && d.Location.SourceTree!.GetText().ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length).Contains(call, StringComparison.Ordinal)
            && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(says, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Generated.Values, s => s.Contains("LongBodyBackward", StringComparison.Ordinal) || s.Contains("RefParameterBackward", StringComparison.Ordinal) || s.Contains("RecursiveBackward", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Compatibility.LanguageVersionTests.Versions), MemberType = typeof(Compatibility.LanguageVersionTests))]
    public void CompilesCleanlyUnderEachLanguageVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion version, bool nullable)
    {
        // record structs are C# 10: below it, the examples without R.
        string source = version < Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp10
            ? WithoutCSharp10(InlinedMethodExamples.Source)
            : InlinedMethodExamples.Source;
        var result = Compatibility.LanguageVersionHarness.Run(version, nullable, null, source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.NotEmpty(result.Generated);
    }

    [Fact]
    public void CSharp73_InlinedGradientsAgreeWithCentralDifferences()
    {
        var source = WithoutCSharp10(InlinedMethodExamples.Source);
        var result = Compatibility.LanguageVersionHarness.RunForLoad(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp7_3, false, null, source);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Dump());
        var assembly = result.Load();
        var v = assembly.GetType("Inlined.V")!;
        CentralDifferenceRunner.Check(assembly.GetType("Inlined.Uses")!.GetMethod("DotAndNorm")!, null, new[] { Activator.CreateInstance(v, 0.4, -1.2)!, Activator.CreateInstance(v, 2.0, 0.3)! });
        CentralDifferenceRunner.Check(assembly.GetType("Inlined.Uses")!.GetMethod("Chain")!, null, new object[] { 0.4, -1.2 });
    }

    /// <summary>The examples without what needs C# 10 (between "// C# 10: begin" and "// C# 10: end").</summary>
    private static string WithoutCSharp10(string source)
    {
        int begin;
        while ((begin = source.IndexOf("// C# 10: begin", StringComparison.Ordinal)) >= 0)
        {
            int end = source.IndexOf("// C# 10: end", begin, StringComparison.Ordinal) + "// C# 10: end".Length;
            source = source.Remove(begin, end - begin);
        }
        return source;
    }
}
