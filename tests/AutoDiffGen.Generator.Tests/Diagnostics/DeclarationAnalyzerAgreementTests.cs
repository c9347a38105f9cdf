using System.Reflection;
using System.Runtime.CompilerServices;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Lowering;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Diagnostics;

/// <summary>
/// The declaration rules moved from the generator to <see cref="DeclarationAnalyzer"/>: the analyzer reports
/// each of them, the generator reports none of them (no rule twice) and generates nothing for such a method
/// (no broken code), and no other rule is the analyzer's.
/// </summary>
public class DeclarationAnalyzerAgreementTests
{
    public static TheoryData<string, string, string> Cases() => new()
    {
        { "public static class C { [Differentiable] public static double F(double x) => x * x; }", "ADG0001", "C" },
        { "public partial class Outer { public class Inner { [Differentiable] public static double F(double x) => x * x; } }", "ADG0001", "Inner" },
        { "public static partial class C { [Differentiable] public static int F(double x) => (int)x; }", "ADG0005", "int" },
        { "public static partial class C { static double s; [Differentiable] public static ref double F(double x) => ref s; }", "ADG0005", "ref double" },
        { "public static partial class C { [Differentiable] public static double F(ref double[] x) => x[0]; }", "ADG0006", "ref double[] x" },
        // A struct by in is supported (RefOut/InStructParameterTests, 2026-12-03); by ref it is not.
        { "public static partial class C { [Differentiable] public static double F(ref System.Numerics.Vector2 x) => x.X; }", "ADG0006", "ref System.Numerics.Vector2 x" },
        { "public static partial class C { [Differentiable] public static double F(params ReadOnlySpan<double> x) => x[0]; }", "ADG0006", "params ReadOnlySpan<double> x" },
        { "public static partial class C { [Differentiable] public static double F(double? y) => y ?? 0; }", "ADG0006", "double? y" },
        { "public static partial class C { [Differentiable] public static double F(double x) => x; public static void FBackward() { } }", "ADG0008", "FBackward" },
        { "public abstract partial class C { [Differentiable] public abstract double F(double x); }", "ADG0009", "F" },
        { "public static partial class C { [Differentiable] public static double F<T>(double x) => x; }", "ADG0010", "F" },
        { "public static partial class C { [Differentiable] public static double F(double x, double dX) => x * dX; }", "ADG0012", "double x" },
        { "public static partial class C { [Differentiable] public static double F(double dResult) => dResult * dResult; }", "ADG0012", "double dResult" },
    };

    private static string Underlined(Diagnostic d) => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan);

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnalyzerReports_GeneratorIsSilent_AndGeneratesNothing(string member, string id, string underlined)
    {
        var result = GeneratorHarness.Run("using System; using AutoDiffGen;\n" + member);
        var found = result.AnalyzerDiagnostics.Where(d => d.Id == id).ToList();
        Assert.True(found.Count > 0, "the analyzer did not report " + id + "\n" + result.Dump());
        Assert.Contains(underlined, found.Select(Underlined));
        Assert.All(found, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => DeclarationRules.Ids.Contains(d.Id));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.Generated);
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(result.Exceptions);
    }

    [Fact]
    public void ACaller_OfAMethodTheAnalyzerRejects_GetsADG0017_FromTheGenerator_AndNoBrokenCode()
    {
        var result = GeneratorHarness.Run("""
            using AutoDiffGen;
            public static partial class C
            {
                [Differentiable] public static double G(double x, double dX) => x * dX;
                [Differentiable] public static double F(double x) => 2 * G(x, 1);
            }
            """);
        Assert.Equal(new[] { "ADG0012" }, result.AnalyzerDiagnostics.Select(d => d.Id).Distinct());
        Assert.Equal(new[] { "ADG0017" }, result.GeneratorDiagnostics.Select(d => d.Id).Distinct());
        Assert.Empty(result.Generated);
        Assert.Empty(result.CompileDiagnostics);
    }

    [Fact]
    public void APragma_HidesTheAnalyzersError_ButNothingBrokenIsGenerated()
    {
        // An analyzer's diagnostics obey #pragma warning disable, errors too: the user's choice. The method then
        // simply has no Backward.
        var result = GeneratorHarness.Run("""
            using AutoDiffGen;
            public static partial class C
            {
            #pragma warning disable ADG0006
                [Differentiable] public static double F(ref double[] x) => x[0] * x[0];
            #pragma warning restore ADG0006
            }
            """);
        Assert.Empty(result.AnalyzerDiagnostics);
        Assert.Contains(GeneratorHarness.AnalyzerDiagnostics(result.Compilation, includeSuppressed: true), d => d.Id == "ADG0006" && d.IsSuppressed);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.Generated);
        Assert.Empty(result.CompileDiagnostics);
    }

    [Fact]
    public void TheGeneratedBackward_IsNoClash_ForTheAnalyzer()
    {
        // The analyzer runs on the compilation with the generated files in it, where CBackward... exists.
        var result = GeneratorHarness.Run("""
            using AutoDiffGen;
            namespace N;
            public partial class Outer
            {
                public static partial class C { [Differentiable] public static double F(double x, double y) => x * y; }
            }
            """);
        Assert.NotEmpty(result.Generated);
        Assert.NotNull(result.Compilation.GetTypeByMetadataName("N.Outer+C")!.GetMembers("FBackward").SingleOrDefault());
        result.AssertClean();
    }

    /// <summary>Code as it is while being typed: the analyzer never throws (AD0001 fails the harness), nor does the generator.</summary>
    [Theory]
    [InlineData("public static class C { [Differentiable] public static double F(double x, ) => x; }")]
    [InlineData("public static class C { [Differentiable] public static F(double x) => x; }")]
    [InlineData("public static partial class C { [Differentiable] public static double F(Undefined x) => x; }")]
    [InlineData("public static partial class C { [Differentiable] public static Undefined F(double x) => x; }")]
    [InlineData("public static partial class C { [Differentiable] public static double F(double x) }")]
    [InlineData("public static partial class C { [Differentiable] public static double F(double x) => ; public static void FBackward( }")]
    [InlineData("public static class { [Differentiable] public static double F(double x) => x; }")]
    [InlineData("[Differentiable] static double F(double x) => x; public static class C { }")]
    [InlineData("public static partial class C { [Differentiable(Graph = )] public static double F(double x, double dX, double dResult, params double[] p) => x; }")]
    public void IncompleteCode_NeverThrows(string member)
    {
        var result = GeneratorHarness.Run("using System; using AutoDiffGen;\n" + member);
        _ = result.AnalyzerDiagnostics;
        Assert.Empty(result.Exceptions);
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "ADG9999");
    }

    [Fact]
    public void TheAnalyzerSupports_ExactlyTheDeclarationRules()
    {
        Assert.Equal(DeclarationRules.Ids.OrderBy(i => i), new DeclarationAnalyzer().SupportedDiagnostics.Select(d => d.Id).OrderBy(i => i));
    }

    /// <summary>
    /// Structural: the descriptors of the analyzer's rules are named in no generator source file but
    /// DeclarationRules.cs, so no pipeline step of the generator can report them.
    /// </summary>
    [Fact]
    public void NoGeneratorFile_ButDeclarationRules_NamesTheAnalyzersDescriptors()
    {
        var fields = typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (Field: f.Name, Id: ((DiagnosticDescriptor)f.GetValue(null)!).Id))
            .Where(f => DeclarationRules.Ids.Contains(f.Id))
            .ToList();
        Assert.Equal(DeclarationRules.Ids.Length, fields.Count);

        string root = Path.Combine(RepoRoot(), "generator", "AutoDiffGen.Generator");
        var files = Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
            .ToList();
        Assert.Contains(files, f => f.EndsWith("DeclarationRules.cs", StringComparison.Ordinal));
        var offenders = new List<string>();
        foreach (string file in files.Where(f => !f.EndsWith("DeclarationRules.cs", StringComparison.Ordinal) && !f.EndsWith("DiagnosticDescriptors.cs", StringComparison.Ordinal)))
        {
            string text = File.ReadAllText(file);
            offenders.AddRange(fields.Where(f => text.Contains("DiagnosticDescriptors." + f.Field, StringComparison.Ordinal) || text.Contains("\"" + f.Id + "\"", StringComparison.Ordinal))
                .Select(f => Path.GetRelativePath(root, file) + ": " + f.Id));
        }
        Assert.True(offenders.Count == 0, "generator files that name an analyzer rule:\n" + string.Join("\n", offenders));
    }

    private static string RepoRoot([CallerFilePath] string path = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(path)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AutoDiffGen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("No AutoDiffGen.sln above " + path);
    }
}
