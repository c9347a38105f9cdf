using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.GenericMath;

/// <summary>
/// What a generic method cannot be differentiated as gets one precise ADG error at its place, no generated file for it,
/// and never a broken build; and the generated generic code compiles warning-free from C# 11 (generic math's version) up.
/// </summary>
public class GenericMathDiagnosticTests
{
    private const string Prelude = """
        using System;
        using System.Linq;
        using System.Numerics;
        using AutoDiffGen;

        public static partial class B
        {

        """;

    private static GeneratorOutput Run(string members) => GeneratorHarness.Run(Prelude + members + "\n}\n");

    private static Diagnostic SingleError(GeneratorOutput result, string id)
    {
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var only = Assert.Single(errors);
        Assert.Equal(id, only.Id);
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        return only;
    }

    private static string At(Diagnostic d) => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan);

    [Theory]
    // T is not a real type: INumber<T> is also int.
    [InlineData("[Differentiable] public static T F<T>(T x) where T : INumber<T> => x * x;", "not constrained to a floating-point type")]
    [InlineData("[Differentiable] public static T F<T>(T x) => x;", "not constrained to a floating-point type")]
    [InlineData("[Differentiable] public static T F<T, U>(T x, U u) where T : IFloatingPointIeee754<T> => x * x;", "2 type parameters")]
    [InlineData("[Differentiable] public static T F<T>(T x, T y = default!) where T : IFloatingPointIeee754<T> => x * y;", "has a default value")]
    public void NotAGenericMathMethod_IsADG0010_SayingWhy(string member, string why)
    {
        var result = Run(member);
        var error = SingleError(result, "ADG0010");
        Assert.Contains(why, error.GetMessage(), StringComparison.Ordinal);
        Assert.Equal("F", At(error));
    }

    [Fact]
    public void AGenericContainingType_IsADG0010()
    {
        var result = GeneratorHarness.Run(Prelude + "}\npublic static partial class H<U>\n{\n    [Differentiable] public static T F<T>(T x) where T : IFloatingPointIeee754<T> => x * x;\n}\n");
        var error = SingleError(result, "ADG0010");
        Assert.Contains("containing type 'H' is generic", error.GetMessage(), StringComparison.Ordinal);
    }

    /// <summary>T.Pow's derivative in the exponent needs T.Log, which IPowerFunctions alone does not give: the generated code is compiled first.</summary>
    [Fact]
    public void ADerivativeThatNeedsAFunctionTsConstraintsLack_IsADG0025_NotABrokenBuild()
    {
        var result = Run("[Differentiable] public static T F<T>(T x, T y) where T : IFloatingPoint<T>, IPowerFunctions<T> => T.Pow(x, y);");
        var error = SingleError(result, "ADG0025");
        Assert.Contains("constraints do not give", error.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("T.Log", error.GetMessage(), StringComparison.Ordinal);
        Assert.Equal("F", At(error));

        // With the exponent constant ([NoDiff]), no logarithm is needed: it is differentiated.
        var ok = Run("[Differentiable] public static T F<T>(T x, [NoDiff] T y) where T : IFloatingPoint<T>, IPowerFunctions<T> => T.Pow(x, y);");
        Assert.Empty(ok.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains(ok.Generated.Keys, k => k.Contains(".F_T_T", StringComparison.Ordinal));
        Assert.Empty(ok.CompileDiagnostics);
    }

    /// <summary>A member double has only as an interface implementation (T.Radix) has no double reading: said at the member.</summary>
    [Fact]
    public void AMemberOfTWithoutADoubleReading_IsADG0025_AtTheMember()
    {
        var result = Run("[Differentiable] public static T F<T>(T x) where T : IFloatingPointIeee754<T> => x * T.CreateChecked(T.Radix);");
        var error = SingleError(result, "ADG0025");
        Assert.Equal("T.Radix", At(error));
    }

    /// <summary>Diagnostics of the body, found on the double reading, are reported at the same span of the user's generic method.</summary>
    [Theory]
    [InlineData("[Differentiable] public static T F<T>(T[] x) where T : IFloatingPointIeee754<T> => x.Skip(1).Aggregate(T.Zero, (a, v) => a + v) * x[0];", "ADG0003", "x.Skip(1)")]
    // A generic → generic call is supported when the callee takes and returns T only (Idioms/DelegateAndGenericCallTests) or
    // stands alone over T[] (GenericArrayCalleeTests); a span one is not.
    [InlineData("[Differentiable] public static T Sum<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T> { T s = T.Zero; foreach (var v in x) s += v; return s; }\n[Differentiable] public static T F<T>(T[] x) where T : IFloatingPointIeee754<T> => Sum<T>(x) * x[0];", "ADG0003", "Sum<T>(x)")]
    [InlineData("[Differentiable] public static T F<T>(T x) where T : IFloatingPointIeee754<T> => T.Exp(x) * T.CreateChecked(x.ToString().Length);", "ADG0016", "x.ToString().Length")]
    public void ABodyDiagnostic_IsAtTheUsersSpan(string members, string id, string span)
    {
        var result = Run(members);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var error = Assert.Single(errors);
        Assert.Equal(id, error.Id);
        Assert.Equal(span, At(error));
        Assert.Same(result.Compilation.SyntaxTrees.First(), error.Location.SourceTree);
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    /// <summary>
    /// A declaration rule that only the double reading shows (the adjoint name dResult) is the analyzer's, reported at the
    /// parameter of the user's method; the generator stays silent (it reports no declaration rule).
    /// </summary>
    [Fact]
    public void ADeclarationRule_OnTheDoubleReading_IsTheAnalyzers_AtTheParameter()
    {
        var result = Run("[Differentiable] public static T F<T>(T x, T dResult) where T : IFloatingPointIeee754<T> => x * dResult;");
        Assert.Empty(result.GeneratorDiagnostics);
        var error = Assert.Single(result.AnalyzerDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0012", error.Id);
        Assert.Same(result.Compilation.SyntaxTrees.First(), error.Location.SourceTree);
        Assert.Equal("T dResult", At(error));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Theory]
    [InlineData("Hessian = true")]
    [InlineData("Jacobian = true")]
    [InlineData("Checkpoint = true")]
    [InlineData("Graph = true")]
    public void ModesNotWrittenOverT_AreADG0025(string mode)
    {
        var result = Run("[Differentiable(" + mode + ")] public static T F<T>(T x) where T : IFloatingPointIeee754<T> { T s = T.Zero; for (int i = 0; i < 3; i++) s += x * x; return s; }");
        var error = SingleError(result, "ADG0025");
        Assert.Contains(mode + " is not generated for a generic method", error.GetMessage(), StringComparison.Ordinal);
    }

    /// <summary>The generated generic code compiles without a warning on C# 11, 12 and the latest, nullable on and off.</summary>
    [Theory]
    [InlineData(LanguageVersion.CSharp11, true)]
    [InlineData(LanguageVersion.CSharp11, false)]
    [InlineData(LanguageVersion.CSharp12, true)]
    [InlineData(LanguageVersion.Latest, true)]
    public void GeneratedGenericCode_CompilesWarningFree(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, GenericMathSources.Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Contains(result.Generated.Keys, k => k == "G.Rosenbrock_T__.g.cs");
        Assert.Equal(10, result.Generated.Keys.Count(k => k.Contains("_T", StringComparison.Ordinal)));
    }

    /// <summary>Below C# 11 a generic-math body does not compile anyway; the generator adds nothing to that (no file for it).</summary>
    [Fact]
    public void BelowCSharp11_NoGenericFileIsGenerated()
    {
        var result = LanguageVersionHarness.Run(LanguageVersion.CSharp10, false, null, GenericMathSources.Source);
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains("_T", StringComparison.Ordinal));
        Assert.Contains(result.Generated.Keys, k => k.Contains("NeuronD_", StringComparison.Ordinal));
        Assert.DoesNotContain(result.CompileDiagnostics, d => d.Location.SourceTree?.FilePath.Contains("AutoDiffGen", StringComparison.Ordinal) == true);
    }
}
